#include "app/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace tp::app {

namespace {

bool write_all(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

void write_atomically(const std::string& path, const std::string& bytes) {
  if (path == "-") {
    if (!write_all(STDOUT_FILENO, bytes)) throw Error(ErrorCode::Output, "standard output", std::strerror(errno));
    return;
  }
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw Error(ErrorCode::Output, path, std::string("cannot write: ") + std::strerror(errno));
  bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
  int saved = errno;
  ok = (::close(fd) == 0) && ok;
  // mkstemp creates 0600; an output file gets the usual permissions.
  if (ok) ::chmod(tmpl.c_str(), 0644);
  if (!ok || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    std::remove(tmpl.c_str());
    throw Error(ErrorCode::Output, path, std::string("cannot write: ") + std::strerror(saved));
  }
}

}  // namespace tp::app

#include "app/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "core/write_all.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

bool under(const fs::path& p, const char* root) {
  auto it = p.begin();
  return it != p.end() && *it == "/" && ++it != p.end() && *it == root;
}

bool same_as_stdout(const struct stat& st) {
  struct stat out;
  return ::fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == st.st_dev && out.st_ino == st.st_ino;
}

}  // namespace

bool written_in_place(const std::string& path) {
  if (path == "-") return false;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  if (!S_ISREG(st.st_mode)) return !S_ISDIR(st.st_mode);
  // /dev/stdout is a symbolic link into /proc that leads to a regular file when standard output is
  // redirected to one; renaming over it (as root) would replace the link for every process.
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  return !ec && ((under(abs, "dev") && abs.string().rfind("/dev/shm/", 0) != 0) || under(abs, "proc"));
}

namespace {

// The umask, read without changing it: umask(2) can only be read by setting it, and setting it
// while batch workers create files would give those files the wrong mode.
mode_t read_umask() {
  if (std::FILE* f = std::fopen("/proc/self/status", "re")) {
    char line[256];
    unsigned mask = 0;
    bool found = false;
    while (!found && std::fgets(line, sizeof line, f)) found = std::sscanf(line, "Umask: %o", &mask) == 1;
    std::fclose(f);
    if (found) return static_cast<mode_t>(mask);
  }
  mode_t m = ::umask(022);
  ::umask(m);
  return m;
}

}  // namespace

mode_t process_umask() {
  static const mode_t mask = read_umask();
  return mask;
}

void write_atomically(const std::string& path, const std::string& bytes) {
  if (path == "-") {
    if (const int error = write_all(STDOUT_FILENO, bytes))
      throw Error(ErrorCode::Output, "standard output", std::strerror(error));
    return;
  }
  if (written_in_place(path)) {
    struct stat st;
    // /dev/stdout and /proc/self/fd/1 are our own standard output: writing to that descriptor keeps
    // its mode (a shell's ">>" appends).
    if (::stat(path.c_str(), &st) == 0 && same_as_stdout(st)) {
      if (const int error = write_all(STDOUT_FILENO, bytes))
        throw Error(ErrorCode::Output, path, std::string("cannot write: ") + std::strerror(error));
      return;
    }
    // No O_CREAT: a device or FIFO that vanished is not replaced by a regular file under /dev.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::Output, path, std::string("cannot write: ") + std::strerror(errno));
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) (void)::ftruncate(fd, 0);
    int saved = write_all(fd, bytes);
    if (::close(fd) != 0 && saved == 0) saved = errno;
    if (saved) throw Error(ErrorCode::Output, path, std::string("cannot write: ") + std::strerror(saved));
    return;
  }
  StagedFile file(path);
  file.write(bytes);
  file.commit();
}

StagedFile::StagedFile(const std::string& path) : path_(path) {
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  temp_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) throw Error(ErrorCode::Output, path, std::string("cannot write: ") + std::strerror(errno));
}

StagedFile::~StagedFile() {
  if (fd_ < 0) return;
  ::close(fd_);
  std::remove(temp_.c_str());
}

void StagedFile::write(std::string_view bytes) {
  if (const int error = write_all(fd_, bytes))
    throw Error(ErrorCode::Output, path_, std::string("cannot write: ") + std::strerror(error));
}

void StagedFile::commit() {
  bool ok = ::fsync(fd_) == 0;
  int saved = errno;
  ok = (::close(fd_) == 0) && ok;
  if (!ok && saved == 0) saved = errno;
  fd_ = -1;
  // mkstemp creates 0600; an output file gets what open(2) would give it, so that a umask of 077
  // keeps a private archive private and 022 lets others read.
  if (ok) ::chmod(temp_.c_str(), 0666 & ~process_umask());
  if (!ok || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    if (ok) saved = errno;
    std::remove(temp_.c_str());
    throw Error(ErrorCode::Output, path_, std::string("cannot write: ") + std::strerror(saved));
  }
}

LineFile::LineFile(const std::string& path) : path_(path) {
  if (path == "-") {
    fd_ = STDOUT_FILENO;
    return;
  }
  const int flags = written_in_place(path) ? O_WRONLY : O_WRONLY | O_CREAT | O_TRUNC;
  fd_ = ::open(path.c_str(), flags | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(ErrorCode::Output, path, std::string("cannot write: ") + std::strerror(errno));
}

LineFile::~LineFile() {
  if (fd_ > STDERR_FILENO) ::close(fd_);
}

void LineFile::append(const std::string& line) {
  if (const int error = write_all(fd_, line + "\n"))
    throw Error(ErrorCode::Output, path_ == "-" ? "standard output" : path_,
                std::string("cannot write: ") + std::strerror(error));
}

}  // namespace tp::app

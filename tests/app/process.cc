#include "process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tp::test {

Ran run(const std::string& command) {
  TempDir tmp;
  std::string full = "(" + command + ") </dev/null >" + (tmp / "out") + " 2>" + (tmp / "err");
  Ran r;
  int raw = std::system(full.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(tmp / "out");
  r.err = read_file(tmp / "err");
  return r;
}

Ran run_limited(const std::string& command, const Limits& limits) {
  std::string prefix = "ulimit -t " + std::to_string(limits.cpu_seconds) + "; ";
#if defined(__SANITIZE_ADDRESS__)
  const bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  const bool sanitized = true;
#else
  const bool sanitized = false;
#endif
#else
  const bool sanitized = false;
#endif
  if (!sanitized) prefix += "ulimit -v " + std::to_string(limits.memory_mib * 1024) + "; ";
  return run(prefix + command);
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "threadpdf-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) std::abort();
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string squash(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string threadpdf() { return std::string("'") + TP_THREADPDF + "'"; }

}  // namespace tp::test

// Test helpers: run a command through the shell and capture what it printed; temporary folders.
#pragma once

#include <string>

namespace tp::test {

struct Ran {
  int status = -1;
  std::string out, err;
};

// Runs `command` with /bin/sh; stdin from /dev/null unless the command redirects it.
Ran run(const std::string& command);

// The limits a hostile input must stay within, set with setrlimit on the child (through the
// shell's ulimit) so that a runaway run is killed by the kernel instead of timing a test out.
struct Limits {
  int cpu_seconds = 60;    // RLIMIT_CPU: SIGXCPU/SIGKILL past it
  long memory_mib = 1024;  // RLIMIT_AS; not set in sanitizer builds (ASan reserves terabytes)
};

// `command` run as by run(), under `limits`. A child killed by a limit has status -1 (or 128+signal
// as the shell reports it), so a test asserting a clean exit status fails.
Ran run_limited(const std::string& command, const Limits& limits = {});

// A fresh empty folder under the system temp folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);

// Collapses every run of white space to one space (pdftotext lays text out with its own breaks).
std::string squash(const std::string& s);

// threadpdf's path, quoted for the shell.
std::string threadpdf();

}  // namespace tp::test

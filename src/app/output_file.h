// Writing outputs without destroying anything: a regular file is either whole or absent (the bytes
// go to a temporary file in the same folder, renamed over the target only once complete, with the
// mode open(2) would give a new file under the umask); a device
// or FIFO is written into, never replaced; a report grows a line at a time. Throws Error(Output).
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace tp::app {

// `path` "-" writes to standard output. A target that exists and is not a regular file (a FIFO,
// a device such as /dev/null or /dev/full, a socket) or that lies under /dev or /proc
// (/dev/stdout, /proc/self/fd/1) is opened and written directly: renaming over it would replace
// the node itself. A failed write there (ENOSPC on /dev/full, EPIPE on a closed pipe; SIGPIPE must
// be ignored by the process) throws Error(Output, path, "cannot write: <strerror>"), and standard
// output's Error(Output, "standard output", "<strerror>").
void write_atomically(const std::string& path, const std::string& bytes);

// A regular file written piece by piece as its bytes are made (a PDF written while it is drawn),
// with write_atomically's guarantee: the bytes go to a temporary file beside `path`, which commit()
// syncs and renames over `path`; until then `path` is untouched, and a StagedFile destroyed
// without commit() (an exception on the way) removes its temporary file. Only for paths that
// write_atomically would rename over: not "-", not written_in_place() ones. Throws
// Error(Output, path, "cannot write: <strerror>") from the constructor, write() and commit().
class StagedFile {
 public:
  explicit StagedFile(const std::string& path);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  void write(std::string_view bytes);
  void commit();

 private:
  std::string path_;
  std::string temp_;
  int fd_ = -1;
};

// The process's umask (read once; the file modes of written outputs are 0666 minus it).
mode_t process_umask();

// True when `path` is written directly by write_atomically (see above), not through a rename.
bool written_in_place(const std::string& path);

// A file written a line at a time as a run goes (a batch's --report): each line reaches the kernel
// in one write(2) as soon as it is given, so a process killed later leaves every line before.
// The constructor creates or empties the file ("-": standard output; a device or FIFO is opened as
// it is). Not thread-safe. Throws Error(Output, path, "cannot write: <strerror>").
class LineFile {
 public:
  explicit LineFile(const std::string& path);
  ~LineFile();
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;

  // Writes `line` and a newline.
  void append(const std::string& line);

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace tp::app

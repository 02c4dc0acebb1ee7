// Helpers for the batch and packet end-to-end tests: the environment every run gets, generated
// threads on the loopback server, the report read back, a child process that can be sent Ctrl-C,
// and a packet's structure read with qpdf --json.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/process.h"
#include "support/fake_mastodon.h"

namespace tp::test {

// Its own cache, a fixed date, and HTTP limits short enough that a timeout fails in seconds:
// 2 s per attempt, one retry, 50 ms backoff, Retry-After honoured up to 5 s.
std::string batch_env(const TempDir& dir);

// The text of post `post` of generated thread `thread`: distinct words, so pdftotext can tell
// every post of every thread apart ("thread 7 post 3 ...").
std::string generated_text(std::size_t thread, std::size_t post);

// Adds `count` threads by users u00, u01, ... with 2 to 6 posts; with `pictures`, every third
// thread has a small PNG in its first post and a wide JPEG in its last. Returns their indices.
std::vector<std::size_t> add_generated_threads(FakeMastodon& fake, std::size_t count, bool pictures = true);

// The report: one object per input (by line number in the list) and the summary.
struct Report {
  std::vector<nlohmann::json> entries;
  nlohmann::json summary;
  const nlohmann::json* line(std::size_t n) const;  // the entry of list line n, or null
};
Report read_report(const std::string& path);

int pdf_pages(const std::string& pdf);
bool qpdf_check(const std::string& pdf, std::string* output = nullptr);
// Names of the files (not folders) in `dir`, sorted.
std::vector<std::string> files_in(const std::string& dir);
// Number of lines in `s` that start with `prefix`.
std::size_t lines_starting(const std::string& s, const std::string& prefix);
std::vector<std::string> split_lines(const std::string& s);

// A child running `command` (variable assignments, then a program and its arguments, as the shell
// reads them) with stdin /dev/null and stdout and stderr into files; its pid is the program's.
class Child {
 public:
  Child(const std::string& command, const std::string& out_path, const std::string& err_path);
  ~Child();  // kills and reaps a child still running
  pid_t pid() const { return pid_; }
  void signal(int sig) const;
  // Waits at most `seconds`; the exit status (or -1 for a signal), nothing when still running.
  std::optional<int> wait(double seconds);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// What qpdf --json tells about a packet, pages counted from 0.
struct OutlineEntry {
  std::string title;
  int page = -1;
  std::vector<OutlineEntry> kids;
};
struct LinkAnnot {
  double top = 0;  // the rectangle's upper edge, PDF units from the bottom of the page
  int dest_page = -1;
  std::string uri;
};
struct PdfStructure {
  int pages = 0;
  std::vector<OutlineEntry> outline;
  std::vector<std::vector<LinkAnnot>> links;        // per page, top to bottom
  std::vector<std::pair<int, std::string>> labels;  // (first page, style "/r" or "/D")
};
PdfStructure pdf_structure(const std::string& pdf);

// pdftotext of one page (from 0), or of the whole file for page -1.
std::string pdf_text(const std::string& pdf, int page = -1, bool layout = false);

}  // namespace tp::test

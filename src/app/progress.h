// Batch progress on stderr: a bar redrawn in place on a terminal (done / failed / total, rate, time
// left, the inputs being converted), one plain line per finished input otherwise, nothing when
// quiet. Not thread-safe: run_batch serialises its observer calls.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <ostream>
#include <string>

#include "app/batch.h"

namespace tp::app {

// In Lines mode the inputs skipped as already done are said in one line, not one each.
class Progress {
 public:
  enum class Mode { Bar, Lines, Quiet };

  // `width` is the terminal's width in columns (Bar mode).
  Progress(Mode mode, std::ostream& out, size_t total, bool verbose, int width = 80);

  void started(const BatchInput& in);
  void finished(const BatchResult& r);
  // Clears the bar and prints the summary line.
  void done(bool interrupted, const std::string& resume_hint);

  // The bar as it would be drawn now (for tests): "[####......] 3/10 ...".
  std::string bar_line() const;

 private:
  void draw();

  Mode mode_;
  std::ostream& out_;
  size_t total_;
  bool verbose_;
  int width_;
  size_t ok_ = 0, incomplete_ = 0, failed_ = 0, skipped_ = 0;
  // Lines mode: inputs skipped as already done and not yet said, said in one line (a resumed batch
  // of thousands would otherwise repeat "already done" thousands of times).
  size_t done_unsaid_ = 0;
  void say_done_skips();
  std::map<size_t, std::string> running_;  // line -> input
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// The mode for stderr: Bar when it is a `terminal`, else Lines; Quiet wins.
Progress::Mode progress_mode(bool quiet, bool terminal);
// The columns of the terminal on this process's stderr; 80 when it is none (or narrower than 21).
int terminal_width();

}  // namespace tp::app

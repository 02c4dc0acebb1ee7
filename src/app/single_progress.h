// What a single conversion shows while it works. On a terminal: one status line rewritten in place
// (the stage, pictures loaded, network requests done), and a line of its own, at the moment it
// happens, for every wait before a retry ("waiting 30 s: rate limited by mastodon.example
// (Retry-After)"). Elsewhere nothing, unless verbose: then the wait lines only, so that logs stay
// plain.
#pragma once

#include <ostream>
#include <string>

#include "app/job.h"

namespace tp::app {

class SingleProgress {
 public:
  // `terminal`: `out` is a terminal (status line and wait lines); else only `verbose` wait lines.
  SingleProgress(std::ostream& out, bool terminal, bool verbose);

  // Connects env.on_fetch and env.on_stage to this object (which must outlive the job).
  void attach(JobEnvironment& env);

  // Removes the status line, before the job's own last lines are printed.
  void finish();

  // "waiting 30 s: WHY" (whole seconds from 1 s up, tenths below).
  static std::string wait_line(double seconds, const std::string& why);

 private:
  void redraw();

  std::ostream& out_;
  bool terminal_, verbose_;
  std::string stage_;
  size_t requests_ = 0, failed_ = 0;
  // Remote pictures: while they are being fetched (counting_), each request that ends well is one
  // more loaded; the job's final count then replaces the estimate (cache hits send no event).
  size_t pictures_ = 0, pictures_total_ = 0;
  bool counting_ = false;
  bool drawn_ = false;
};

}  // namespace tp::app

// The CLI's many-threads modes on top of the single-thread stages of job.h: --batch LIST -o DIR
// (one PDF each, concurrent, resumable, with progress and a report) and --packet FILE (all the
// threads in one briefing packet). Both share the Session-per-worker pipeline of a single job.
#pragma once

#include <atomic>
#include <ostream>

#include "app/job.h"
#include "app/options.h"

namespace tp::app {

// Returns the exit status: 0 every input converted (or already done), 1 any input failed or the
// run was interrupted, 2 a usage error, 3 none failed but some were written incomplete (0 with
// --incomplete-ok). The packet's file name goes to `out`; progress, warnings and errors to `err`,
// drawn as a bar when `terminal` says it is one. `interrupted` is watched between inputs (the CLI
// sets it on Ctrl-C).
struct Terminal {
  bool is_terminal = false;
  int columns = 80;
};
int run_many(const JobOptions& options, const BatchCli& batch, const JobEnvironment& env,
             const std::atomic<bool>& interrupted, std::ostream& out, std::ostream& err,
             const Terminal& terminal = {});

}  // namespace tp::app

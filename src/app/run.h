// The whole command line as a function: what `threadpdf ARGS...` does, with the process's
// environment, standard streams and terminals passed in, so that tests drive the CLI in-process
// (main.cc only gathers them from the process and calls run).
#pragma once

#include <atomic>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "app/environment.h"

namespace tp::app {

// What a process hands to run besides its arguments and streams.
struct ProcessEnvironment {
  // Every variable threadpdf honours comes from here, never from the process: run reads
  // SOURCE_DATE_EPOCH, the options parser THREADPDF_HTTP_*, THREADPDF_TOKEN_*, THREADPDF_DATA_DIR,
  // XDG_CONFIG_HOME / HOME (the config file) and JOB_COMPLETION_INDEX / SLURM_ARRAY_TASK_ID
  // (--shard auto), and the job XDG_CACHE_HOME / HOME (the cache), THREADPDF_KEY_PASSWORD and
  // THREADPDF_APP_PASSWORD. An empty value counts as unset (but an empty key password is a password).
  Environment variables;
  bool stdout_is_terminal = false;  // decides whether "-" input needs -o
  bool stderr_is_terminal = false;  // decides the progress display (a status line or a bar)
  int terminal_columns = 80;        // the width of a batch's progress bar
  // Whether run may install a SIGINT handler during a batch, so that the first Ctrl-C lets running
  // inputs finish (batch_job.h) and the second ends the process. Off for tests.
  bool handle_interrupts = false;
};

// The environment of this process: every variable of `environ`, and stdout and stderr tested with
// isatty; handle_interrupts is on.
ProcessEnvironment process_environment();

// `args` as main receives argv (args[0] the program). Reads `in` only for "-" (an input, or a
// --batch list), writes PDFs and dumps for "-" and the written file's name to `out`, and errors,
// warnings and progress to `err`. Returns the exit status: 0 done, 1 the input could not be
// converted (one line on `err`), 2 usage (one line on `err`), 3 written but the capture is
// incomplete (see JobResult). Never throws.
int run(const std::vector<std::string>& args, const ProcessEnvironment& env, std::istream& in,
        std::ostream& out, std::ostream& err);

}  // namespace tp::app

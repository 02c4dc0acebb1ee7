// threadpdf: a thin shell over run_job (app/job.h) and run_many (app/batch_job.h).
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <iterator>

#include "app/batch_job.h"
#include "app/job.h"
#include "app/options.h"
#include "app/output_file.h"
#include "app/single_progress.h"
#include "app/verify_command.h"
#include "core/error.h"

namespace {

// Set by the first Ctrl-C during a batch: no new inputs start, running ones finish, nothing is
// left half-written. A second Ctrl-C ends the process at once (the handler restores the default).
std::atomic<bool> g_interrupted{false};

void on_interrupt(int) {
  g_interrupted = true;
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tp;
  // A closed pipe on standard output is then a write error (EPIPE) that becomes one line and exit
  // status 1, instead of a silent death. (curl is told not to touch signals: CURLOPT_NOSIGNAL.)
  std::signal(SIGPIPE, SIG_IGN);
  if (argc >= 2 && std::string(argv[1]) == "verify")
    return app::run_verify(argc - 1, argv + 1, std::cout, std::cerr);
  app::CommandLine cl;
  try {
    cl = app::parse_command_line(argc, argv, THREADPDF_DATA_DIR, THREADPDF_BUILD_DIR);
  } catch (const Error& e) {
    std::cerr << e.what() << "\n";
    return e.exit_status();
  }
  if (cl.help) return std::cout << cl.help_text, 0;
  if (cl.version) return std::cout << "threadpdf " THREADPDF_VERSION "\n", 0;

  app::JobEnvironment env;
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
    char* end = nullptr;
    long long v = std::strtoll(sde, &end, 10);
    if (*end != '\0' || v < 0)
      return std::cerr << "SOURCE_DATE_EPOCH: expected a whole number of seconds\n", 2;
    env.source_date_epoch = v;
  }
  if (cl.batch.active()) {
    if (cl.batch.list && *cl.batch.list == "-")
      env.stdin_bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
    std::signal(SIGINT, on_interrupt);
    return app::run_many(cl.job, cl.batch, env, g_interrupted, stderr);
  }

  app::SingleProgress progress(stderr, isatty(STDERR_FILENO) && !cl.job.quiet, cl.batch.verbose);
  progress.attach(env);
  if (!cl.job.quiet)
    env.on_warning = [&progress](const Warning& w) {
      progress.finish();  // a warning goes on a line of its own, not after the status line
      std::cerr << "warning: " << w.line() << "\n";
    };
  if (cl.job.input == "-") env.stdin_bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
  if (cl.job.input == "-" && !cl.job.output && !cl.job.dump && isatty(STDOUT_FILENO))
    return std::cerr << "threadpdf: reading standard input: give -o FILE (or redirect standard output)\n", 2;

  app::JobResult r = app::run_job(cl.job, env);
  progress.finish();
  if (!r.error.empty()) std::cerr << r.error << "\n";
  // The name is not printed into a device or FIFO: -o /dev/stdout would end the PDF with it.
  if ((r.exit_status == 0 || r.exit_status == 3) && !r.output_path.empty() && r.output_path != "-" &&
      !app::written_in_place(r.output_path))
    std::cout << r.output_path << "\n";
  if ((r.exit_status == 0 || r.exit_status == 3) && cl.batch.verbose && !r.output_path.empty())
    std::cerr << r.output_path << ": " << r.posts << " posts, " << r.pages << " pages, " << r.bytes
              << " bytes\n";
  return r.exit_status;
}

#include "app/run.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iterator>

#include "app/batch_job.h"
#include "app/job.h"
#include "app/options.h"
#include "app/output_file.h"
#include "app/progress.h"
#include "app/single_progress.h"
#include "app/verify_command.h"
#include "core/error.h"
#include "core/version.h"

extern char** environ;

namespace tp::app {

namespace {

// Set by the first Ctrl-C during a batch: no new inputs start, running ones finish, nothing is
// left half-written. A second Ctrl-C ends the process at once (the handler restores the default).
std::atomic<bool> g_interrupted{false};

void on_interrupt(int) {
  g_interrupted = true;
  std::signal(SIGINT, SIG_DFL);
}

int run_single(const CommandLine& cl, JobEnvironment& env, const ProcessEnvironment& process,
               std::istream& in, std::ostream& out, std::ostream& err) {
  SingleProgress progress(err, process.stderr_is_terminal && !cl.job.quiet, cl.batch.verbose);
  progress.attach(env);
  if (!cl.job.quiet)
    env.on_warning = [&progress, &err](const Warning& w) {
      progress.finish();  // a warning goes on a line of its own, not after the status line
      err << "warning: " << w.line() << "\n";
    };
  if (cl.job.input == "-") env.stdin_bytes.assign(std::istreambuf_iterator<char>(in), {});
  if (cl.job.input == "-" && !cl.job.output && !cl.job.dump && process.stdout_is_terminal)
    return err << "threadpdf: reading standard input: give -o FILE (or redirect standard output)\n", 2;

  JobResult r = run_job(cl.job, env);
  progress.finish();
  if (!r.error.empty()) err << r.error << "\n";
  // The name is not printed into a device or FIFO: -o /dev/stdout would end the PDF with it.
  if ((r.exit_status == 0 || r.exit_status == 3) && !r.output_path.empty() && r.output_path != "-" &&
      !written_in_place(r.output_path))
    out << r.output_path << "\n";
  if ((r.exit_status == 0 || r.exit_status == 3) && cl.batch.verbose && !r.output_path.empty())
    err << r.output_path << ": " << r.posts << " posts, " << r.pages << " pages, " << r.bytes << " bytes\n";
  return r.exit_status;
}

}  // namespace

ProcessEnvironment process_environment() {
  ProcessEnvironment env;
  for (char** v = environ; v && *v; ++v) {
    const std::string entry = *v;
    const size_t eq = entry.find('=');
    if (eq != std::string::npos && !env.variables.find(entry.substr(0, eq)))
      env.variables.set(entry.substr(0, eq), entry.substr(eq + 1));
  }
  env.stdout_is_terminal = isatty(STDOUT_FILENO);
  env.stderr_is_terminal = isatty(STDERR_FILENO);
  env.terminal_columns = terminal_width();
  env.handle_interrupts = true;
  return env;
}

int run(const std::vector<std::string>& args, const ProcessEnvironment& process, std::istream& in,
        std::ostream& out, std::ostream& err) {
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  const int argc = static_cast<int>(argv.size());
  argv.push_back(nullptr);
  if (argc >= 2 && args[1] == "verify") return run_verify(argc - 1, argv.data() + 1, out, err);
  CommandLine cl;
  try {
    cl = parse_command_line(argc, argv.data(), process.variables, THREADPDF_DATA_DIR, THREADPDF_BUILD_DIR);
  } catch (const Error& e) {
    err << e.what() << "\n";
    return e.exit_status();
  }
  if (cl.help) return out << cl.help_text, 0;
  if (cl.version) return out << kCreator << "\n", 0;

  JobEnvironment env;
  env.stdout_stream = &out;
  env.variables = process.variables;
  if (const std::string sde = process.variables.get("SOURCE_DATE_EPOCH"); !sde.empty()) {
    char* end = nullptr;
    long long v = std::strtoll(sde.c_str(), &end, 10);
    if (*end != '\0' || v < 0) return err << "SOURCE_DATE_EPOCH: expected a whole number of seconds\n", 2;
    env.source_date_epoch = v;
  }
  if (!cl.batch.active()) return run_single(cl, env, process, in, out, err);

  if (cl.batch.list && *cl.batch.list == "-") env.stdin_bytes.assign(std::istreambuf_iterator<char>(in), {});
  static const std::atomic<bool> never{false};
  if (process.handle_interrupts) std::signal(SIGINT, on_interrupt);
  const Terminal terminal{process.stderr_is_terminal, process.terminal_columns};
  return run_many(cl.job, cl.batch, env, process.handle_interrupts ? g_interrupted : never, out, err,
                  terminal);
}

}  // namespace tp::app

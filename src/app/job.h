// One conversion, end to end: read the input, parse it into the thread model, load its pictures,
// lay it out and write the PDF (or print a stage with --dump). Everything the CLI does, a test can
// do by calling run_job. Holds no global state: batches will run many jobs on worker threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/options.h"
#include "core/diagnostics.h"
#include "core/format.h"

namespace tp::source {
class Fetcher;
}

namespace tp::app {

struct JobResult {
  int exit_status = 0;               // 0 written, 1 the input could not be converted, 2 usage
  std::string error;                 // the one-line error when exit_status != 0
  std::vector<Warning> warnings;
  std::string output_path;           // what was written ("" for --dump)
  size_t pages = 0, bytes = 0, posts = 0;
};

struct JobEnvironment {
  std::optional<UnixTime> source_date_epoch;  // fixed creation date; the clock when absent
  std::function<void(const Warning&)> on_warning;  // called as warnings arrive
  std::string stdin_bytes;           // what "-" reads (the CLI fills it from standard input)
  std::string* stdout_bytes = nullptr;  // where "-" and --dump write; null: the process's stdout
  // What URLs and remote pictures are fetched with. Null: libcurl (HttpSettings of the options)
  // behind the disk cache in default_cache_dir(), in the mode --offline / --refresh select.
  source::Fetcher* fetcher = nullptr;
};

// Never throws: every failure comes back as exit_status and a one-line error naming the input.
// INPUT that looks like a URL ("scheme://…") but is no thread URL parse_source_url knows is a usage
// error (exit 2) with source::unsupported_message. The capture time of a fetched thread is
// source_date_epoch when set (so a rerun from the cache gives the same bytes), else the clock.
JobResult run_job(const JobOptions& options, const JobEnvironment& env);

// The output name for a file input when -o is not given: "dir/thread.json" -> "dir/thread.pdf".
// (A URL gives "{platform}-{handle}-{post id}.pdf" in the current folder; --archive DIR gives
// DIR/thread.pdf.)
std::string default_output(const std::string& input);

}  // namespace tp::app

// The command line, parsed with cxxopts into JobOptions. Parsing never exits the process: --help and
// --version come back as flags, and usage errors throw Error(Usage).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/environment.h"
#include "model/thread.h"

namespace tp::app {

// The HTTP layer's limits. Normally the defaults; settable through environment variables
// (THREADPDF_HTTP_TIMEOUT, _RETRIES, _BACKOFF, _MAX_WAIT, _MAX_BYTES, _LOW_SPEED, _LOW_SPEED_TIME,
// _PICTURE_DEADLINE, _THREAD_DEADLINE), which tests use to fail fast.
struct HttpSettings {
  double timeout = 60;  // seconds per attempt (connecting: at most 10 of them)
  // An attempt moving under `low_speed` bytes/s for `low_speed_time` s (waiting for the answer
  // included) is a timeout: a server that accepts and never answers costs seconds, not minutes.
  long low_speed = 1024;                // bytes per second; 0: no such limit
  long low_speed_time = 10;             // seconds
  double picture_deadline = 15;         // seconds for one picture from its first attempt, retries included
  double thread_deadline = 120;         // seconds for everything one thread fetches (API, pictures)
  int retries = 4;                      // further attempts after a timeout, 429 or 5xx
  double backoff = 0.5;                 // first wait between attempts, seconds (doubling, jittered)
  double max_wait = 60;                 // longest Retry-After honoured, seconds
  size_t max_bytes = size_t{50} << 20;  // largest response body
};

struct JobOptions {
  std::string input;                  // a file path, "-" for standard input, or a thread URL
  std::optional<std::string> output;  // a file path, or "-" for standard output
  // -o DIR (an existing folder or a path ending in '/'): the PDF gets its default name inside it.
  std::optional<std::string> output_folder;
  std::optional<std::string> name_template;  // --name: the PDF's file name from the thread (output_name.h)
  std::optional<std::string> if_exists;      // skip, overwrite or rename; unset: overwrite (batch: skip)
  std::string layout = "a4";                 // a name in layouts/ or a JSON file
  std::optional<std::string> page_size;      // a4, letter or a5: overrides the layout's page size
  std::optional<std::string> json_output;    // also write the thread as thread JSON here
  std::optional<std::string> dump;           // model, shaped or layout: print that stage instead of a PDF
  std::optional<std::string> from;           // json or unroll: the reader for a file, whatever its content
  std::string data_dir;                      // the folder holding fonts/ and layouts/
  bool quiet = false;                        // no warnings on stderr
  bool verbose = false;                      // -v: errors also name the API address that failed
  bool incomplete_ok = false;  // exit 0, not 3, when the output is written but the capture incomplete
  bool offline = false;        // URLs: answer from the cache only
  bool refresh = false;        // URLs: ignore the cache (and refill it)
  // --api-base NAME=URL, in order; NAME one of source::ApiBases::kSettable
  std::vector<std::pair<model::Platform, std::string>> api_bases;
  std::optional<std::string> archive_dir;  // --archive DIR
  std::optional<std::string> thread_id;    // --thread ID: INPUT is an X archive
  // --sign KEY.pem --cert CERT.pem [--chain CHAIN.pem] [--tsa URL]: sign the finished PDF. The key's
  // password, if any, comes from THREADPDF_KEY_PASSWORD.
  std::optional<std::string> sign_key, sign_cert, sign_chain, tsa_url;
  bool provenance = false;   // --provenance: a provenance appendix (always with --layout briefing)
  bool embed_media = false;  // --embed-media: the pictures as fetched go inside the PDF too
  int image_dpi = 200;       // pictures wider than this at their printed size are scaled down
  HttpSettings http;
  std::optional<std::string> user_agent;  // --user-agent; unset: source::default_user_agent()
  std::optional<std::string> cache_dir;   // --cache-dir; unset: default_cache_dir (environment.h)
  bool no_cache = false;                  // --no-cache: the network only, the cache neither read nor written
  bool clear_cache = false;               // --clear-cache: emptied once before the run (network_setup.h)
  size_t cache_max_mb = 512;              // --cache-max-mb N; 0: no limit
  std::optional<std::string> proxy;       // --proxy URL; unset: libcurl's *_proxy variables
  // Access tokens: --token HOST=TOKEN in order, and the THREADPDF_TOKEN_* entries of the environment
  // ("NAME=VALUE", as read when the command line was parsed). Secrets: never printed.
  std::vector<std::pair<std::string, std::string>> tokens;
  std::vector<std::string> token_environment;
  std::optional<std::string> login;  // --login HANDLE: a Bluesky session (network_setup.h)
};

// Many threads at once: --batch LIST -o DIR (a PDF each), and/or --packet FILE (all in one PDF).
struct BatchCli {
  std::optional<std::string> list;         // --batch LIST ("-": standard input)
  std::vector<std::string> inputs;         // several INPUTs on the command line (with --packet or -o DIR)
  bool each = false;                       // several INPUTs with -o DIR: one PDF each, as --batch
  size_t jobs = 0;                         // -j N; 0: the number of cores
  size_t per_host = 2;                     // --per-host N: requests at once to one site
  std::optional<std::string> report;       // --report FILE: JSON lines
  size_t shard = 0, shards = 1;            // --shard K/N: only the inputs of shard K (batch.h shard_of)
  std::optional<std::string> failed_list;  // --failed-list FILE: inputs failed or incomplete, one a line
  bool force = false;                      // convert even when the PDF exists
  bool verbose = false;
  std::optional<std::string> packet;  // --packet FILE.pdf
  std::string title = "Briefing packet";
  bool duplex = false;
  // --merge-reports: `inputs` are reports, merged into JobOptions::output (unset: standard output).
  bool merge_reports = false;
  bool active() const { return list.has_value() || packet.has_value() || each || merge_reports; }
};

struct CommandLine {
  JobOptions job;
  BatchCli batch;
  bool help = false;
  bool version = false;
  std::string help_text;
};

// argv as main received it; `env` the process's variables (run.h), the only place the parser
// reads variables from. `default_data_dir` is used unless THREADPDF_DATA_DIR is set. Throws
// Error(Usage) for --offline with --refresh, an --api-base that is not bluesky|x|threadreader=URL,
// and a THREADPDF_HTTP_* value that is not a number in range.
// `build_dir`: see find_data_dir (data_dir.h).
CommandLine parse_command_line(int argc, const char* const* argv, const Environment& env,
                               const std::string& default_data_dir, const std::string& build_dir = "");

}  // namespace tp::app

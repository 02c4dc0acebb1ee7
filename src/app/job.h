// One conversion, end to end: read the input, parse it into the thread model, load its pictures,
// lay it out and write the PDF (or print a stage with --dump). Everything the CLI does, a test can
// do by calling run_job. Holds no global state: batches run many jobs on worker threads (batch_job.h).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/environment.h"
#include "app/options.h"
#include "core/diagnostics.h"
#include "core/format.h"
#include "evidence/manifest.h"
#include "layout/display_list.h"
#include "layout/style.h"
#include "media/media.h"
#include "model/thread.h"

namespace tp::source {
class Fetcher;
struct FetchEvent;
}  // namespace tp::source
namespace tp::text {
class FontSet;
}

namespace tp::app {

struct JobResult {
  // 0 written and complete; 1 the input could not be converted; 2 usage; 3 written, but the capture
  // is incomplete (a loss was warned about, see Diagnostics::warn_loss) and --incomplete-ok not given.
  int exit_status = 0;
  std::string error;  // the one-line error when exit_status is 1, 2 or 3
  size_t losses = 0;  // warnings that are losses (the output was still written)
  std::vector<Warning> warnings;
  std::string output_path;  // what was written ("" for --dump)
  size_t pages = 0, bytes = 0, posts = 0;
};

struct JobEnvironment {
  std::optional<UnixTime> source_date_epoch;       // fixed creation date; the clock when absent
  std::function<void(const Warning&)> on_warning;  // called as warnings arrive
  std::string stdin_bytes;                         // what "-" reads (the CLI fills it from standard input)
  // Where "-" and --dump write (a failed write is Error(Output, "standard output")); null: the
  // process's standard output, written directly.
  std::ostream* stdout_stream = nullptr;
  // The process's variables (run.h): the job reads XDG_CACHE_HOME / HOME for the cache folder,
  // THREADPDF_KEY_PASSWORD for --sign-key, THREADPDF_APP_PASSWORD for --login and TMPDIR for a
  // long document's laid-out pages (spooled_pdf.h). Empty: the defaults (the cache in <temp
  // dir>/threadpdf-cache, no passwords, pages in /tmp).
  Environment variables;
  // What URLs and remote pictures are fetched with. Null: libcurl (HttpSettings of the options)
  // behind the disk cache in default_cache_dir(variables), in the mode --offline / --refresh select.
  source::Fetcher* fetcher = nullptr;
  // Progress, for a terminal: each network request's end and each wait before a retry (from the
  // libcurl fetcher only, on the job's thread), and each stage as it starts ("loading 12 pictures").
  std::function<void(const source::FetchEvent&)> on_fetch;
  std::function<void(const std::string&)> on_stage;
  // The remote pictures of a thread: called with (0, N, false) before its N pictures are fetched,
  // and with (loaded, N, true) once they all have ended (those served by the cache included).
  std::function<void(size_t loaded, size_t total, bool done)> on_pictures;
};

class HostLimiter;

// What one worker keeps from one input to the next: the layout style, the fonts and the network
// (libcurl behind the disk cache, unless the environment gives a fetcher). Not thread-safe: one per
// worker thread. Warnings of its own (a cache that cannot be written) go to env.on_warning.
class Session {
 public:
  // `limiter`, when given, is shared by every worker's session (see host_limit.h).
  Session(const JobOptions& options, const JobEnvironment& env, HostLimiter* limiter = nullptr);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const layout::Style& style();  // throws Error(Usage) for a bad --layout or --page-size
  const text::FontSet& fonts();  // throws Error(Input) when the primary font is missing
  source::Fetcher& fetcher();
  // The network without the cache (the environment's fetcher when it gives one): for requests whose
  // answers must not be kept, such as a timestamp.
  source::Fetcher& network();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A thread ready to lay out: its model, its pictures, and where its PDF goes when -o is not given.
class ArchiveWriter;

struct LoadedThread {
  model::Thread thread;
  media::MediaSet media;
  // Where the PDF goes without -o; "" for a PDF input (rendering it again needs -o, so the input
  // is never overwritten).
  std::string default_output;
  std::string post_id;  // the post the input names ({id} of --name): a URL's, --thread's, or the first post's
  // The thread JSON exactly as it will be embedded: as read from a PDF input, else written from
  // `thread`.
  std::string thread_json;
  // Set when thread_json was written from `thread` here (not read from a PDF input): each post's
  // id and the hash of its canonical form, taken while writing, so the manifest need not parse the
  // JSON back.
  std::optional<std::vector<evidence::Manifest::Post>> post_hashes;
  // A PDF input's embedded pictures by src (rendered from these, never fetched).
  std::shared_ptr<const std::map<std::string, std::string>> embedded_media;
  // With --archive: the archive being written, committed by run_job once the PDF is in it too.
  std::shared_ptr<ArchiveWriter> archive;
};

// INPUT (a URL, a file, "-", an X archive with --thread) -> LoadedThread; --archive and --json are
// written here. Throws tp::Error; a URL that no platform knows is Error(Usage).
LoadedThread load_thread(const JobOptions& options, const JobEnvironment& env, Session& session,
                         Diagnostics& diag);

// The PDF of a loaded thread (layout_thread + the PDF backend).
std::string render_thread(const LoadedThread& loaded, const JobOptions& options, const JobEnvironment& env,
                          Session& session, Diagnostics& diag, size_t* pages = nullptr);

// The same PDF written as it is made into `path`, a regular file's path (not "-", not
// written_in_place: output_file.h), through a temporary file renamed over `path` once complete;
// on failure `path` is left as it was. Returns the file's size in bytes.
size_t render_thread_to(const LoadedThread& loaded, const JobOptions& options, const JobEnvironment& env,
                        Session& session, Diagnostics& diag, const std::string& path,
                        size_t* pages = nullptr);

// The PDF's creation date: SOURCE_DATE_EPOCH when set, else the clock.
UnixTime creation_date(const JobEnvironment& env);

// Never throws: every failure comes back as exit_status and a one-line error naming the input; an
// output written with losses comes back as 3 (0 with options.incomplete_ok) and a line saying so.
// INPUT that looks like a URL ("scheme://…" or "www.…") and is not an existing file, but is no thread
// URL parse_source_url knows, is a usage error (exit 2) with source::unsupported_message. The
// capture time of a fetched thread is source_date_epoch when set (so a rerun from the cache gives
// the same bytes), else the clock.
JobResult run_job(const JobOptions& options, const JobEnvironment& env);

// The output name for a file input when -o is not given: "dir/thread.json" -> "dir/thread.pdf".
// (A URL gives "{platform}-{handle}-{post id}.pdf" in the current folder; --archive DIR gives
// DIR/thread.pdf.)
std::string default_output(const std::string& input);

}  // namespace tp::app

#include "app/job.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/archive.h"
#include "app/host_limit.h"
#include "app/output_file.h"
#include "app/same_file.h"
#include "core/error.h"
#include "layout/layout.h"
#include "media/media.h"
#include "model/dump.h"
#include "parse/parse.h"
#include "parse/x_archive.h"
#include "render/pdf/pdf.h"
#include "source/cache.h"
#include "source/curl_fetcher.h"
#include "source/deadline_fetcher.h"
#include "source/fetch_thread.h"
#include "source/url.h"
#include "text/font_set.h"
#include "text/paragraph.h"

#ifndef THREADPDF_VERSION
#define THREADPDF_VERSION "0"
#endif

namespace tp::app {

namespace fs = std::filesystem;

namespace {

bool looks_like_url(const std::string& input) {
  size_t sep = input.find("://");
  if (sep == std::string::npos || sep == 0) return input.rfind("www.", 0) == 0;
  for (size_t i = 0; i < sep; ++i)
    if (!std::isalpha(static_cast<unsigned char>(input[i])) && input[i] != '+' && input[i] != '-') return false;
  return true;
}

std::string read_file_or_empty(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// --thread ID: INPUT is the archive folder, its data/ folder, or a tweets.js file.
model::Thread read_x_archive(const std::string& input, const std::string& id, Diagnostics& diag) {
  fs::path tweets(input);
  std::error_code ec;
  if (fs::is_directory(tweets, ec)) {
    if (fs::exists(tweets / "data" / "tweets.js")) tweets = tweets / "data" / "tweets.js";
    else if (fs::exists(tweets / "tweets.js")) tweets = tweets / "tweets.js";
    else if (fs::exists(tweets / "data" / "tweet.js")) tweets = tweets / "data" / "tweet.js";
    else tweets = tweets / "tweet.js";
  }
  std::ifstream in(tweets, std::ios::binary);
  if (!in) throw Error(ErrorCode::Input, tweets.string(), std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  const fs::path data = fs::absolute(tweets).parent_path();
  const char* media_dir = fs::is_directory(data / "tweet_media") && !fs::is_directory(data / "tweets_media")
                              ? "tweet_media" : "tweets_media";
  model::Thread thread = parse::x_archive_thread(ss.str(), read_file_or_empty(data / "account.js"),
                                                 read_file_or_empty(data / "profile.js"), id, media_dir, diag);
  thread.media_root = data.string();
  return thread;
}

std::string read_input(const std::string& input, const JobEnvironment& env) {
  if (input == "-") return env.stdin_bytes;
  std::error_code ec;
  if (fs::is_directory(input, ec)) throw Error(ErrorCode::Input, input, "is a folder, not a thread file");
  std::ifstream in(input, std::ios::binary);
  if (!in) throw Error(ErrorCode::Input, input, std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void emit(const JobEnvironment& env, const std::string& path, const std::string& bytes) {
  if (path == "-" && env.stdout_bytes) *env.stdout_bytes += bytes;
  else write_atomically(path, bytes);
}

// --dump shaped: every post's text as HarfBuzz-style glyph runs.
std::string dump_shaped(const model::Thread& thread, const text::FontSet& fonts, const layout::Style& style,
                        Diagnostics& diag) {
  std::string out;
  for (size_t i = 0; i < thread.posts.size(); ++i) {
    text::Paragraph p(fonts, thread.posts[i].text, {}, style.text.size, diag, "post " + std::to_string(i + 1));
    out += "post " + std::to_string(i + 1) + "\n" + p.serialize() + "\n";
  }
  return out;
}

}  // namespace

std::string default_output(const std::string& input) {
  fs::path p(input);
  return p.replace_extension(".pdf").string();
}

struct Session::Impl {
  const JobOptions& options;
  const JobEnvironment& env;
  HostLimiter* limiter;
  Diagnostics diag;  // the session's own warnings, passed on as they come
  std::optional<layout::Style> style;
  std::unique_ptr<text::FontSet> fonts;
  std::unique_ptr<source::CurlFetcher> curl;
  std::unique_ptr<source::CachingFetcher> cached;
  std::unique_ptr<LimitedFetcher> limited;

  Impl(const JobOptions& o, const JobEnvironment& e, HostLimiter* l)
      : options(o), env(e), limiter(l), diag([this](const Warning& w) {
          if (env.on_warning) env.on_warning(w);
        }) {}
};

Session::Session(const JobOptions& options, const JobEnvironment& env, HostLimiter* limiter)
    : impl_(std::make_unique<Impl>(options, env, limiter)) {}
Session::~Session() = default;

const layout::Style& Session::style() {
  if (!impl_->style) {
    const JobOptions& o = impl_->options;
    layout::Style style = layout::load_style(o.layout, (fs::path(o.data_dir) / "layouts").string());
    if (o.page_size) style.page = layout::page_size(*o.page_size);
    impl_->style = style;
  }
  return *impl_->style;
}

const text::FontSet& Session::fonts() {
  if (!impl_->fonts)
    impl_->fonts = text::FontSet::load((fs::path(impl_->options.data_dir) / "fonts" / "chain.json").string(),
                                       impl_->diag);
  return *impl_->fonts;
}

source::Fetcher& Session::fetcher() {
  Impl& im = *impl_;
  source::Fetcher* base = im.env.fetcher;
  if (!base) {
    // The network, made only when something asks for it: a file thread without remote pictures
    // never sets up curl or the cache.
    if (!im.cached) {
      const JobOptions& options = im.options;
      source::CurlOptions co;
      co.total_timeout = options.http.timeout;
      co.connect_timeout = std::min(10.0, options.http.timeout);
      co.retries = options.http.retries;
      co.base_backoff = options.http.backoff;
      co.max_backoff = std::max(options.http.backoff, 30.0);
      co.max_wait = options.http.max_wait;
      co.max_bytes = options.http.max_bytes;
      co.low_speed_bytes = options.http.low_speed;
      co.low_speed_seconds = options.http.low_speed_time;
      // Under a batch's shared limiter every permit is one request: this worker's curl must not
      // run more than one at a time to a host on a single permit.
      if (im.limiter) co.per_host_limit = 1;
      im.curl = std::make_unique<source::CurlFetcher>(co);
      source::CacheOptions cache;
      cache.dir = source::default_cache_dir();
      cache.diagnostics = &im.diag;
      auto mode = options.offline   ? source::CacheMode::Offline
                  : options.refresh ? source::CacheMode::Refresh
                                    : source::CacheMode::Normal;
      im.cached = std::make_unique<source::CachingFetcher>(*im.curl, mode, cache);
    }
    base = im.cached.get();
  }
  if (!im.limiter) return *base;
  if (!im.limited) im.limited = std::make_unique<LimitedFetcher>(*base, *im.limiter);
  return *im.limited;
}

UnixTime creation_date(const JobEnvironment& env) {
  if (env.source_date_epoch) return *env.source_date_epoch;
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

LoadedThread load_thread(const JobOptions& options, const JobEnvironment& env, Session& session,
                         Diagnostics& diag) {
  const std::string name = options.input;
  LoadedThread loaded;
  model::Thread& thread = loaded.thread;
  source::DeadlineFetcher fetcher([&]() -> source::Fetcher& { return session.fetcher(); },
                                  options.http.thread_deadline);
  const bool is_url = options.input != "-" && !options.thread_id && looks_like_url(options.input) &&
                      !fs::exists(options.input);
  if (is_url) {
    std::optional<source::SourceRef> ref = source::parse_source_url(options.input);
    if (!ref) throw Error(ErrorCode::Usage, "", source::unsupported_message(options.input));
    source::ApiBases bases;
    for (const auto& [api, url] : options.api_bases)
      (api == "bluesky" ? bases.bluesky : api == "x" ? bases.x : bases.threadreader) = url;
    source::Clock clock;
    if (env.source_date_epoch) {
      auto fixed = std::chrono::system_clock::time_point(std::chrono::seconds(*env.source_date_epoch));
      clock = [fixed] { return fixed; };
    }
    // Left without a media root: what a server sent may name only web addresses.
    thread = source::fetch_thread(*ref, fetcher, bases, diag, clock);
    loaded.default_output = url_output_name(*ref);
  } else if (options.thread_id) {
    thread = read_x_archive(options.input, *options.thread_id, diag);
    loaded.default_output = url_output_name(thread, *options.thread_id);
  } else {
    thread = options.from ? parse::read_as(*options.from == "json" ? parse::Format::ThreadJson : parse::Format::UnrollText,
                                           read_input(options.input, env), name, &diag)
                          : parse::read_any(read_input(options.input, env), name, &diag);
    thread.media_root = options.input == "-" ? fs::current_path().string()
                                             : fs::absolute(options.input).parent_path().string();
    loaded.default_output = options.input == "-" ? "-" : default_output(options.input);
  }
  check_job_outputs(options, loaded.default_output);
  // The PDF is rendered from the archived copy, so DIR/thread.json renders to the same bytes.
  if (options.archive_dir) {
    // Written into a staging folder and moved into place only with the PDF (run_job), so a failure
    // anywhere leaves no half-made archive and a previous one untouched.
    loaded.archive = std::make_shared<ArchiveWriter>(*options.archive_dir);
    loaded.archive->save(thread, fetcher, diag);
    loaded.default_output = (fs::path(*options.archive_dir) / "thread.pdf").string();
  }
  if (options.json_output) emit(env, *options.json_output, parse::write_thread_json(thread));
  if (options.dump && (*options.dump == "model" || *options.dump == "shaped")) return loaded;

  media::LoadOptions mo;
  // Pictures are printed at most a column wide; more pixels than the print resolution needs
  // there only make the file bigger.
  mo.max_width_px = static_cast<int>(session.style().content_width() / 72.0 * options.image_dpi + 0.5);
  mo.remote = [&](const std::vector<std::string>& urls) {
    std::vector<media::RemoteBytes> out(urls.size());
    try {
      std::vector<source::Request> requests;
      for (const auto& u : urls) requests.push_back({u, {}, options.http.picture_deadline});
      std::vector<source::Result> got = fetcher.get_all(requests);
      for (size_t i = 0; i < urls.size() && i < got.size(); ++i) {
        if (!got[i].ok()) out[i].error = got[i].error;
        else if (got[i].response->status != 200)
          out[i].error = urls[i] + ": HTTP " + std::to_string(got[i].response->status);
        else out[i].bytes = std::move(got[i].response->body);
      }
    } catch (const std::exception& e) {
      for (auto& o : out) o.error = e.what();
    }
    return out;
  };
  if (!options.dump || *options.dump == "layout") loaded.media = media::load_all(thread, name, diag, mo);
  return loaded;
}

std::string render_thread(const LoadedThread& loaded, const JobOptions& options, const JobEnvironment& env,
                          Session& session, Diagnostics& diag, size_t* pages) {
  layout::Options lo;
  lo.input = options.input;
  lo.creator = "threadpdf " THREADPDF_VERSION;
  lo.creation_date = creation_date(env);
  layout::Document doc =
      layout::layout_thread(loaded.thread, loaded.media, session.fonts(), session.style(), diag, lo);
  if (pages) *pages = doc.pages.size();
  return write_pdf_of(doc, options.input);
}

std::string write_pdf_of(const layout::Document& doc, const std::string& input) {
  try {
    return render::write_pdf(doc);
  } catch (const Error& e) {
    throw Error(e.code(), input, "cannot write the PDF: " + e.message());
  }
}

JobResult run_job(const JobOptions& options, const JobEnvironment& env) {
  JobResult result;
  Diagnostics diag([&](const Warning& w) {
    if (env.on_warning) env.on_warning(w);
  });
  const std::string name = options.input;
  try {
    Session session(options, env);
    session.style();  // a bad --layout is a usage error before anything is fetched
    LoadedThread loaded = load_thread(options, env, session, diag);
    result.posts = loaded.thread.posts.size();
    if (options.dump && *options.dump == "model") {
      emit(env, "-", model::dump(loaded.thread));
    } else if (options.dump && *options.dump == "shaped") {
      emit(env, "-", dump_shaped(loaded.thread, session.fonts(), session.style(), diag));
    } else if (options.dump && *options.dump == "layout") {
      layout::Options lo;
      lo.input = name;
      lo.creator = "threadpdf " THREADPDF_VERSION;
      lo.creation_date = creation_date(env);
      emit(env, "-",
           layout::dump(layout::layout_thread(loaded.thread, loaded.media, session.fonts(), session.style(), diag, lo)));
    } else {
      std::string pdf = render_thread(loaded, options, env, session, diag, &result.pages);
      result.output_path = options.output ? *options.output : loaded.default_output;
      if (loaded.archive) {
        write_atomically(loaded.archive->staging_path("thread.pdf"), pdf);
        if (options.output) emit(env, *options.output, pdf);
        loaded.archive->commit();
      } else {
        emit(env, result.output_path, pdf);
      }
      result.bytes = pdf.size();
    }
  } catch (const Error& e) {
    result.exit_status = e.exit_status();
    result.error = e.what();
  } catch (const std::exception& e) {
    // A bug or an exhausted resource: still one line, still no file.
    result.exit_status = 1;
    result.error = name + ": internal error: " + e.what();
  }
  result.warnings = diag.warnings();
  for (const auto& w : result.warnings) result.losses += w.loss ? 1 : 0;
  if (result.exit_status == 0 && result.losses > 0 && !options.incomplete_ok) {
    result.exit_status = 3;
    const std::string what = result.output_path.empty() || result.output_path == "-" ? name : result.output_path;
    result.error = what + ": written, but the capture is incomplete: " + std::to_string(result.losses) +
                   (result.losses == 1 ? " thing" : " things") + " could not be had (see the warnings)";
  }
  return result;
}

}  // namespace tp::app

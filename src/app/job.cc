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
#include "app/network_setup.h"
#include "app/output_file.h"
#include "app/output_name.h"
#include "app/same_file.h"
#include "app/spooled_pdf.h"
#include "core/error.h"
#include "core/version.h"
#include "evidence/capture.h"
#include "evidence/manifest.h"
#include "evidence/sign.h"
#include "layout/layout.h"
#include "media/media.h"
#include "model/dump.h"
#include "parse/parse.h"
#include "parse/x_archive.h"
#include "render/pdf/pdf.h"
#include "source/cache.h"
#include "source/credentials.h"
#include "source/curl_fetcher.h"
#include "source/deadline_fetcher.h"
#include "source/fetch_thread.h"
#include "source/sha256.h"
#include "source/url.h"
#include "text/font_set.h"
#include "text/paragraph.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

bool looks_like_url(const std::string& input) {
  size_t sep = input.find("://");
  if (sep == std::string::npos || sep == 0) return input.rfind("www.", 0) == 0;
  for (size_t i = 0; i < sep; ++i)
    if (!std::isalpha(static_cast<unsigned char>(input[i])) && input[i] != '+' && input[i] != '-')
      return false;
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
    if (fs::exists(tweets / "data" / "tweets.js"))
      tweets = tweets / "data" / "tweets.js";
    else if (fs::exists(tweets / "tweets.js"))
      tweets = tweets / "tweets.js";
    else if (fs::exists(tweets / "data" / "tweet.js"))
      tweets = tweets / "data" / "tweet.js";
    else
      tweets = tweets / "tweet.js";
  }
  std::ifstream in(tweets, std::ios::binary);
  if (!in)
    throw Error(ErrorCode::Input, tweets.string(), std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  const fs::path data = fs::absolute(tweets).parent_path();
  const char* media_dir = fs::is_directory(data / "tweet_media") && !fs::is_directory(data / "tweets_media")
                              ? "tweet_media"
                              : "tweets_media";
  model::Thread thread =
      parse::x_archive_thread(ss.str(), read_file_or_empty(data / "account.js"),
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
  // Read straight into the string: a string stream would hold a second copy of the whole input.
  std::string bytes;
  const auto size = fs::file_size(input, ec);
  if (!ec) bytes.reserve(static_cast<size_t>(size));
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    bytes.append(buffer, static_cast<size_t>(in.gcount()));
  return bytes;
}

void emit(const JobEnvironment& env, const std::string& path, const std::string& bytes) {
  if (path == "-" && env.stdout_stream) {
    errno = 0;
    env.stdout_stream->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    env.stdout_stream->flush();
    // std::cout fails as the write(2) under it did (EPIPE into a closed pipe); a string stream sets no errno.
    if (!*env.stdout_stream)
      throw Error(ErrorCode::Output, "standard output", errno ? std::strerror(errno) : "cannot write");
  } else
    write_atomically(path, bytes);
}

// --dump shaped: every post's text as HarfBuzz-style glyph runs.
std::string dump_shaped(const model::Thread& thread, const text::FontSet& fonts, const layout::Style& style,
                        Diagnostics& diag) {
  std::string out;
  for (size_t i = 0; i < thread.posts.size(); ++i) {
    // Shaped in the post's declared language, as the PDF draws it (CJK glyph forms).
    text::Paragraph p(fonts, thread.posts[i].text, {}, style.text.size, diag, "post " + std::to_string(i + 1),
                      text::Direction::Auto, thread.posts[i].lang.value_or(""));
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
  source::Credentials credentials;
  std::unique_ptr<source::AuthFetcher> authorised;
  std::unique_ptr<LimitedFetcher> limited;

  Impl(const JobOptions& o, const JobEnvironment& e, HostLimiter* l)
      : options(o), env(e), limiter(l), diag([this](const Warning& w) {
          if (env.on_warning) env.on_warning(w);
        }) {
    credentials.add_from_environment(o.token_environment);
    for (const auto& [site, token] : o.tokens) credentials.add(site, token);
  }
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

source::Fetcher& Session::network() {
  Impl& im = *impl_;
  if (im.env.fetcher) return *im.env.fetcher;
  if (!im.curl) {
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
    co.on_event = im.env.on_fetch;
    if (options.user_agent) co.user_agent = *options.user_agent;
    if (options.proxy) co.proxy = *options.proxy;
    im.curl = std::make_unique<source::CurlFetcher>(co);
  }
  return *im.curl;
}

source::Fetcher& Session::fetcher() {
  Impl& im = *impl_;
  source::Fetcher* base = im.env.fetcher;
  if (!base && im.options.no_cache) {
    base = &network();
  } else if (!base) {
    // The network, made only when something asks for it: a file thread without remote pictures
    // never sets up curl or the cache.
    if (!im.cached) {
      const JobOptions& options = im.options;
      source::CacheOptions cache;
      cache.dir = options.cache_dir.value_or(default_cache_dir(im.env.variables));
      cache.diagnostics = &im.diag;
      cache.max_bytes = static_cast<std::uintmax_t>(options.cache_max_mb) << 20;
      auto mode = options.offline   ? source::CacheMode::Offline
                  : options.refresh ? source::CacheMode::Refresh
                                    : source::CacheMode::Normal;
      im.cached = std::make_unique<source::CachingFetcher>(network(), mode, cache);
    }
    base = im.cached.get();
  }
  // Above the cache, so that the cache sees which requests carry a token (and keeps them out).
  if (!im.credentials.empty()) {
    if (!im.authorised) im.authorised = std::make_unique<source::AuthFetcher>(*base, im.credentials);
    base = im.authorised.get();
  }
  if (!im.limiter) return *base;
  if (!im.limited) im.limited = std::make_unique<LimitedFetcher>(*base, *im.limiter);
  return *im.limited;
}

namespace {

UnixTime wall_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

UnixTime creation_date(const JobEnvironment& env) {
  if (env.source_date_epoch) return *env.source_date_epoch;
  return wall_clock();
}

LoadedThread load_thread(const JobOptions& options, const JobEnvironment& env, Session& session,
                         Diagnostics& diag) {
  const std::string name = options.input;
  LoadedThread loaded;
  model::Thread& thread = loaded.thread;
  source::DeadlineFetcher fetcher([&]() -> source::Fetcher& { return session.fetcher(); },
                                  options.http.thread_deadline);
  // "bsky.app/profile/…" without a scheme is https, as in a browser's address bar.
  const std::string url = source::with_default_scheme(options.input);
  const bool is_url =
      options.input != "-" && !options.thread_id && looks_like_url(url) && !fs::exists(options.input);
  if (is_url) {
    std::optional<source::SourceRef> ref = source::parse_source_url(url);
    if (!ref) throw Error(ErrorCode::Usage, "", source::unsupported_message(options.input));
    source::ApiBases bases;
    for (const auto& [api, url] : options.api_bases) bases.of(api) = url;
    source::Clock clock;
    if (env.source_date_epoch) {
      auto fixed = std::chrono::system_clock::time_point(std::chrono::seconds(*env.source_date_epoch));
      clock = [fixed] { return fixed; };
    }
    // Left without a media root: what a server sent may name only web addresses.
    if (env.on_stage) env.on_stage("fetching the thread");
    try {
      thread = source::fetch_thread(*ref, fetcher, bases, diag, clock);
    } catch (const Error& e) {
      // The user knows the URL they typed; the API address that failed is for -v (and bug reports).
      std::string message = e.message();
      if (options.verbose && !e.where().empty() && e.where() != options.input)
        message += " (fetching " + e.where() + ")";
      throw Error(e.code(), options.input, message);
    }
    loaded.default_output = url_output_name(*ref);
    loaded.post_id = ref->post_id;
  } else if (options.thread_id) {
    thread = read_x_archive(options.input, *options.thread_id, diag);
    loaded.default_output = url_output_name(thread, *options.thread_id);
    loaded.post_id = *options.thread_id;
  } else {
    std::string bytes = read_input(options.input, env);
    if (!options.from && parse::sniff(bytes) == parse::Format::Pdf) {
      // A capture carries its thread and, with --embed-media, its pictures: rendered again from
      // those alone. Like a thread from the network it may name no local file.
      evidence::Capture capture = evidence::read_capture(bytes, name);
      thread = parse::read_thread_json(capture.thread_json, name + ": " + evidence::kThreadFile);
      loaded.thread_json = std::move(capture.thread_json);
      loaded.embedded_media =
          std::make_shared<const std::map<std::string, std::string>>(std::move(capture.media_by_src));
    } else {
      thread = options.from ? parse::read_as(*options.from == "json" ? parse::Format::ThreadJson
                                                                     : parse::Format::UnrollText,
                                             bytes, name, &diag)
                            : parse::read_any(bytes, name, &diag);
      thread.media_root = options.input == "-" ? fs::current_path().string()
                                               : fs::absolute(options.input).parent_path().string();
      loaded.default_output = options.input == "-" ? "-" : default_output(options.input);
    }
  }
  if (loaded.post_id.empty() && !thread.posts.empty()) loaded.post_id = thread.posts.front().id;
  if (options.name_template && loaded.default_output != "-" && !loaded.default_output.empty())
    loaded.default_output = (fs::path(loaded.default_output).parent_path() /
                             name_from_template(*options.name_template, thread, loaded.post_id))
                                .string();
  if (options.output_folder && !loaded.default_output.empty())
    loaded.default_output =
        (fs::path(*options.output_folder) / fs::path(loaded.default_output).filename()).string();
  check_job_outputs(options, loaded.default_output);
  // The PDF is rendered from the archived copy, so DIR/thread.json renders to the same bytes.
  if (options.archive_dir) {
    // Written into a staging folder and moved into place only with the PDF (run_job), so a failure
    // anywhere leaves no half-made archive and a previous one untouched.
    loaded.archive = std::make_shared<ArchiveWriter>(*options.archive_dir);
    loaded.archive->save(thread, fetcher, diag);
    loaded.default_output = (fs::path(*options.archive_dir) / "thread.pdf").string();
  }
  if (loaded.thread_json.empty()) {
    std::vector<evidence::Manifest::Post>& hashes = loaded.post_hashes.emplace();
    hashes.reserve(thread.posts.size());
    loaded.thread_json =
        parse::write_thread_json(thread, [&](const model::Post& post, std::string_view canonical) {
          hashes.push_back({post.id, source::sha256_hex(canonical)});
        });
  }
  // Held until the PDF is written, at most a third larger than its text (write_thread_json's
  // contract; a capture's was read at its size): not copied again to drop that.
  if (options.json_output) emit(env, *options.json_output, loaded.thread_json);
  if (options.dump && (*options.dump == "model" || *options.dump == "shaped")) return loaded;
  // A PDF input with --json only: its thread is all that was asked for.
  if (loaded.default_output.empty() && !options.output && !options.dump) return loaded;

  media::LoadOptions mo;
  // Pictures are printed at most a column wide; more pixels than the print resolution needs
  // there only make the file bigger.
  mo.max_width_px = static_cast<int>(session.style().content_width() / 72.0 * options.image_dpi + 0.5);
  mo.remote = [&](const std::vector<std::string>& urls) {
    std::vector<media::RemoteBytes> out(urls.size());
    try {
      std::vector<source::Request> requests;
      for (const auto& u : urls) requests.push_back({u, {}, options.http.picture_deadline});
      if (env.on_pictures) env.on_pictures(0, urls.size(), false);
      std::vector<source::Result> got = fetcher.get_all(requests);
      size_t loaded_count = 0;
      for (size_t i = 0; i < urls.size() && i < got.size(); ++i) {
        if (!got[i].ok())
          out[i].error = got[i].error;
        else if (got[i].response->status != 200)
          out[i].error = urls[i] + ": HTTP " + std::to_string(got[i].response->status);
        else
          out[i].bytes = std::move(got[i].response->body);
        loaded_count += out[i].bytes.has_value();
      }
      if (env.on_pictures) env.on_pictures(loaded_count, urls.size(), true);
    } catch (const std::exception& e) {
      for (auto& o : out) o.error = e.what();
    }
    return out;
  };
  // The bytes as fetched are hashed into the manifest, and embedded with --embed-media.
  if (!options.dump || *options.dump == "layout") mo.digest = source::sha256_hex;
  mo.keep_bytes = mo.digest && options.embed_media;
  if (loaded.embedded_media) mo.given = loaded.embedded_media.get();
  if (!options.dump || *options.dump == "layout") {
    if (env.on_stage) env.on_stage("loading pictures");
    loaded.media = media::load_all(thread, name, diag, mo);
  }
  return loaded;
}

namespace {

// What the PDF carries inside (PDF/A-3 associated files): the thread JSON it was made from, its
// manifest, and with --embed-media the pictures as fetched.
struct Packed {
  evidence::Manifest manifest;
  std::vector<layout::Attachment> files;
};

// `take_json`, when not null, is loaded.thread_json, moved into the attachment instead of copied
// (a long thread's JSON is tens of megabytes).
Packed pack(const LoadedThread& loaded, const JobOptions& options, std::string* take_json = nullptr) {
  std::vector<layout::Attachment> out;
  out.push_back({evidence::kThreadFile, "application/json", "The thread as captured (threadpdf thread JSON)",
                 "Source", take_json ? std::move(*take_json) : loaded.thread_json});
  std::vector<evidence::MediaInput> media;
  std::vector<layout::Attachment> pictures;
  for (const auto& [src, item] : loaded.media.all()) {
    if (item.digest.empty()) continue;
    evidence::MediaInput in{src, item.digest, ""};
    if (options.embed_media && item.bytes) {
      const media::PictureType type = media::picture_type(*item.bytes);
      in.file = "media-" + item.digest.substr(0, 16) + type.extension;
      // Two srcs with the same bytes share one embedded file.
      if (std::none_of(pictures.begin(), pictures.end(), [&](const auto& a) { return a.name == in.file; }))
        pictures.push_back({in.file, type.mime, "A picture of the thread as fetched", "Source", *item.bytes});
    }
    media.push_back(std::move(in));
  }
  // Made from the attachment's bytes: loaded.thread_json may have been moved there (take_json).
  const evidence::Manifest manifest =
      loaded.post_hashes
          ? evidence::make_manifest(loaded.thread, out.front().bytes, *loaded.post_hashes, media, kCreator)
          : evidence::make_manifest(out.front().bytes, media, kCreator);
  out.push_back({evidence::kManifestFile, "application/json", "SHA-256 manifest of this capture",
                 "Supplement", evidence::write_manifest(manifest)});
  for (auto& p : pictures) out.push_back(std::move(p));
  return {manifest, std::move(out)};
}

// The laid-out thread with everything the PDF carries besides its pages (`packed`, pack()'s).
// `page_done`: layout::Options' (the pages handed over as the flow leaves them, spooled_pdf.h).
layout::Document layout_loaded(const LoadedThread& loaded, const JobOptions& options,
                               const JobEnvironment& env, Session& session, Diagnostics& diag, Packed packed,
                               std::function<void(layout::Document&, size_t)> page_done = {}) {
  layout::Options lo;
  lo.page_done = std::move(page_done);
  lo.input = options.input;
  lo.creator = kCreator;
  lo.creation_date = creation_date(env);
  // A briefing is read by people who must know where each thread came from.
  if (options.provenance || options.layout == "briefing")
    lo.provenance = evidence::provenance_lines(packed.manifest);
  layout::Document doc =
      layout::layout_thread(loaded.thread, loaded.media, session.fonts(), session.style(), diag, lo);
  doc.metadata.source_url = loaded.thread.source.url.value_or("");
  if (loaded.thread.source.captured_at)
    doc.metadata.captured_at = parse_rfc3339(*loaded.thread.source.captured_at);
  doc.attachments = std::move(packed.files);
  if (options.sign_key) doc.signature = layout::SignatureSlot{32768, creation_date(env)};
  return doc;
}

layout::Document layout_loaded(const LoadedThread& loaded, const JobOptions& options,
                               const JobEnvironment& env, Session& session, Diagnostics& diag) {
  return layout_loaded(loaded, options, env, session, diag, pack(loaded, options));
}

std::string sign_pdf(const evidence::Signer& signer, std::string pdf, const JobOptions& options,
                     Session& session) {
  if (!options.tsa_url) return signer.sign(std::move(pdf));
  // The timestamp request is a POST, answered once: never from or into the cache.
  evidence::TimestampAuthority tsa = [&](const std::string& request) {
    source::Request r{*options.tsa_url, {{"Content-Type", "application/timestamp-query"}}};
    r.post_body = request;
    source::Response answer = session.network().get(r);
    if (answer.status != 200)
      throw Error(ErrorCode::Input, *options.tsa_url,
                  "the time-stamping authority answered HTTP " + std::to_string(answer.status));
    return answer.body;
  };
  return signer.sign(std::move(pdf), &tsa);
}

}  // namespace

namespace {

// The thread laid out a page at a time (spooled_pdf.h). `take_json`, when not null, is
// loaded.thread_json, which is moved into the PDF's attachment.
std::unique_ptr<SpooledPdf> lay_out_thread(const LoadedThread& loaded, const JobOptions& options,
                                           const JobEnvironment& env, Session& session, Diagnostics& diag,
                                           std::string* take_json = nullptr) {
  return std::make_unique<SpooledPdf>(options.input, temp_dir(env.variables), [&](const PageDone& page_done) {
    return layout_loaded(loaded, options, env, session, diag, pack(loaded, options, take_json), page_done);
  });
}

}  // namespace

std::string render_thread(const LoadedThread& loaded, const JobOptions& options, const JobEnvironment& env,
                          Session& session, Diagnostics& diag, size_t* pages) {
  const std::unique_ptr<SpooledPdf> pdf = lay_out_thread(loaded, options, env, session, diag);
  if (pages) *pages = pdf->pages();
  return pdf->write();
}

size_t render_thread_to(const LoadedThread& loaded, const JobOptions& options, const JobEnvironment& env,
                        Session& session, Diagnostics& diag, const std::string& path, size_t* pages) {
  const std::unique_ptr<SpooledPdf> pdf = lay_out_thread(loaded, options, env, session, diag);
  if (pages) *pages = pdf->pages();
  return pdf->write_to(path);
}

namespace {

JobResult convert(const JobOptions& options, const JobEnvironment& env) {
  JobResult result;
  Diagnostics diag([&](const Warning& w) {
    if (env.on_warning) env.on_warning(w);
  });
  const std::string name = options.input;
  try {
    Session session(options, env);
    session.style();  // a bad --layout is a usage error before anything is fetched
    // Keys are read once, and a key or certificate that cannot sign fails before anything is written.
    std::unique_ptr<evidence::Signer> signer;
    if (options.sign_key && !options.dump) {
      evidence::SignerFiles files{*options.sign_key, *options.sign_cert, options.sign_chain, std::nullopt};
      if (const std::string* p = env.variables.find("THREADPDF_KEY_PASSWORD")) files.password = *p;
      signer = std::make_unique<evidence::Signer>(files, wall_clock());
    }
    LoadedThread loaded = load_thread(options, env, session, diag);
    result.posts = loaded.thread.posts.size();
    if (options.dump && *options.dump == "model") {
      emit(env, "-", model::dump(loaded.thread));
    } else if (options.dump && *options.dump == "shaped") {
      emit(env, "-", dump_shaped(loaded.thread, session.fonts(), session.style(), diag));
    } else if (options.dump && *options.dump == "layout") {
      emit(env, "-", layout::dump(layout_loaded(loaded, options, env, session, diag)));
    } else if (loaded.default_output.empty() && !options.output) {
      // A PDF input: --json alone gives its thread back; rendering it needs somewhere new to go.
      if (!options.json_output)
        throw Error(ErrorCode::Usage, name,
                    "is a PDF: give -o FILE to render it again, or --json FILE for its thread");
    } else {
      result.output_path = options.output ? *options.output : loaded.default_output;
      // A taken name is decided before rendering, so that a skip costs no layout.
      const std::string policy = options.if_exists.value_or("overwrite");
      if (!loaded.archive && policy != "overwrite" && result.output_path != "-" &&
          !written_in_place(result.output_path) && fs::exists(result.output_path)) {
        if (policy == "skip") {
          result.error = result.output_path + ": exists; left as it is (--if-exists skip)";
          result.output_path.clear();
          diag.summarize();
          result.warnings = diag.warnings();
          return result;
        }
        result.output_path = free_name(result.output_path);
      }
      if (env.on_stage) env.on_stage("laying out " + std::to_string(loaded.thread.posts.size()) + " posts");
      // The common case, a PDF file of its own, is written while it is drawn (docs/streaming.md);
      // a signed PDF is signed whole, an archive's copy and standard output get the whole file.
      if (!signer && !loaded.archive && result.output_path != "-" && !written_in_place(result.output_path)) {
        if (options.output_folder) {
          std::error_code ec;  // a folder that cannot be made fails the write below, naming the PDF
          fs::create_directories(*options.output_folder, ec);
        }
        // loaded.thread_json was written where --json asked: the PDF takes it.
        const std::unique_ptr<SpooledPdf> pdf =
            lay_out_thread(loaded, options, env, session, diag, &loaded.thread_json);
        result.pages = pdf->pages();
        if (env.on_stage) env.on_stage("writing " + std::to_string(result.pages) + " pages");
        result.bytes = pdf->write_to(result.output_path);
      } else {
        std::string pdf = render_thread(loaded, options, env, session, diag, &result.pages);
        if (signer) pdf = sign_pdf(*signer, std::move(pdf), options, session);
        if (env.on_stage) env.on_stage("writing " + std::to_string(result.pages) + " pages");
        if (loaded.archive) {
          write_atomically(loaded.archive->staging_path("thread.pdf"), pdf);
          if (options.output) emit(env, *options.output, pdf);
          loaded.archive->commit();
        } else {
          // "-o new/" makes the folder, as it would hold the PDFs of several INPUTs.
          if (options.output_folder) {
            std::error_code ec;  // a folder that cannot be made fails the write below, naming the PDF
            fs::create_directories(*options.output_folder, ec);
          }
          emit(env, result.output_path, pdf);
        }
        result.bytes = pdf.size();
      }
    }
  } catch (const Error& e) {
    result.exit_status = e.exit_status();
    result.error = e.what();
  } catch (const std::exception& e) {
    // A bug or an exhausted resource: still one line, still no file.
    result.exit_status = 1;
    result.error = name + ": internal error: " + e.what();
  }
  diag.summarize();
  result.warnings = diag.warnings();
  result.losses = diag.losses();
  if (result.exit_status == 0 && result.losses > 0 && !options.incomplete_ok) {
    result.exit_status = 3;
    const std::string what =
        result.output_path.empty() || result.output_path == "-" ? name : result.output_path;
    result.error = what + ": written, but the capture is incomplete: " + std::to_string(result.losses) +
                   (result.losses == 1 ? " thing" : " things") + " could not be had (see the warnings)";
  }
  return result;
}

}  // namespace

JobResult run_job(const JobOptions& options, const JobEnvironment& env) {
  JobOptions prepared;
  JobResult failed;
  try {
    prepared = prepare_network(options, env);
  } catch (const Error& e) {
    failed.exit_status = e.exit_status();
    failed.error = e.what();
    return failed;
  } catch (const std::exception& e) {
    failed.exit_status = 1;
    failed.error = std::string("threadpdf: internal error: ") + e.what();
    return failed;
  }
  if (prepared.input.empty()) return {};  // --clear-cache alone: nothing to convert
  return convert(prepared, env);
}

}  // namespace tp::app

#include "source/cache.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "source/cache_files.h"
#include "source/credentials.h"
#include "source/sha256.h"

namespace tp::source {

namespace {

using SysClock = std::chrono::system_clock;

// Version 2 adds the body's length and SHA-256; entries of version 1 count as absent.
constexpr const char* kMagic = "threadpdf-cache 2";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The directives of a Cache-Control value, lower-cased, "max-age=60" kept whole.
std::vector<std::string> directives(const std::string& cache_control) {
  std::vector<std::string> out;
  std::stringstream in(cache_control);
  for (std::string d; std::getline(in, d, ',');)
    if (auto t = lower(trim(d)); !t.empty()) out.push_back(t);
  return out;
}

bool has_directive(const std::string& cache_control, const std::string& name) {
  auto ds = directives(cache_control);
  return std::find(ds.begin(), ds.end(), name) != ds.end();
}

std::optional<long long> max_age(const std::string& cache_control) {
  for (const auto& d : directives(cache_control)) {
    if (!d.starts_with("max-age=")) continue;
    std::string v = d.substr(8);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    return std::stoll(v);
  }
  return std::nullopt;
}

// Headers that describe the bytes on the wire, not the decoded body the cache keeps.
bool wire_only(const std::string& name) {
  return name == "content-length" || name == "content-encoding" || name == "transfer-encoding" ||
         name == "connection";
}

bool one_line(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

bool has_request_header(const Request& r, const std::string& name) {
  return std::any_of(r.headers.begin(), r.headers.end(),
                     [&](const auto& h) { return lower(h.first) == name; });
}

}  // namespace

struct CachingFetcher::Entry {
  std::string url;
  std::string final_url;
  long status = 200;
  long long stored = 0;  // Unix seconds
  std::map<std::string, std::string> headers;
  std::string body;

  Response response() const { return Response{status, body, final_url, headers, true}; }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct CachingFetcher::Plan {
  std::optional<Response> served;  // answered from the cache
  std::string cause;               // set when the request fails without the network
  std::optional<Request> request;  // what to send otherwise
  std::optional<Entry> entry;      // the stale entry a 304 refers to
};

CachingFetcher::CachingFetcher(Fetcher& inner, CacheMode mode, CacheOptions options)
    : inner_(inner), mode_(mode), options_(std::move(options)) {
  if (options_.dir.empty()) options_.dir = std::filesystem::temp_directory_path() / "threadpdf-cache";
  if (!options_.now) options_.now = [] { return SysClock::now(); };
}

std::filesystem::path CachingFetcher::entry_path(const std::string& url) const {
  return options_.dir / sha256_hex(url);
}

std::optional<CachingFetcher::Entry> CachingFetcher::load(const std::string& url, bool* damaged) const {
  std::ifstream in(entry_path(url), std::ios::binary);
  if (!in) return std::nullopt;
  // From here on the file exists: what does not check out is damage (a disk that filled up, a copy
  // cut short, an edit), unless it is another version's entry or another URL's.
  auto broken = [&]() -> std::optional<Entry> {
    if (damaged) *damaged = true;
    return std::nullopt;
  };
  std::string line;
  if (!std::getline(in, line)) return broken();
  if (line != kMagic) return line.starts_with("threadpdf-cache ") ? std::nullopt : broken();
  Entry e;
  bool have_url = false;
  long long length = -1;
  std::string digest;
  while (std::getline(in, line) && !line.empty()) {
    size_t sp = line.find(' ');
    if (sp == std::string::npos) return broken();
    std::string key = line.substr(0, sp), value = line.substr(sp + 1);
    if (key == "url") {
      e.url = value;
      have_url = true;
    } else if (key == "final-url") {
      e.final_url = value;
    } else if (key == "status") {
      e.status = std::atol(value.c_str());
    } else if (key == "stored") {
      e.stored = std::atoll(value.c_str());
    } else if (key == "body-length") {
      length = std::atoll(value.c_str());
    } else if (key == "body-sha256") {
      digest = value;
    } else if (key == "header") {
      size_t colon = value.find(": ");
      if (colon == std::string::npos) return broken();
      e.headers[value.substr(0, colon)] = value.substr(colon + 2);
    }
  }
  if (!in || !have_url || length < 0 || digest.empty()) return broken();
  // The URL inside guards against a hash collision and a file copied from elsewhere.
  if (e.url != url || e.status != 200) return std::nullopt;
  e.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (static_cast<long long>(e.body.size()) != length || sha256_hex(e.body) != digest) return broken();
  return e;
}

void CachingFetcher::store(const Entry& e) {
  if (!one_line(e.url) || !one_line(e.final_url)) return;
  std::string text = std::string(kMagic) + "\nurl " + e.url + "\nfinal-url " + e.final_url + "\nstatus " +
                     std::to_string(e.status) + "\nstored " + std::to_string(e.stored) + "\nbody-length " +
                     std::to_string(e.body.size()) + "\nbody-sha256 " + sha256_hex(e.body) + "\n";
  for (const auto& [name, value] : e.headers)
    if (!wire_only(name) && one_line(name) && one_line(value) && !name.empty())
      text += "header " + name + ": " + value + "\n";
  text += "\n";
  static std::atomic<unsigned> counter{0};
  std::filesystem::path target = entry_path(e.url);
  std::filesystem::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  std::error_code ec;
  std::filesystem::create_directories(options_.dir, ec);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.write(e.body.data(), static_cast<std::streamsize>(e.body.size()));
    out.close();
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  std::uintmax_t replaced = 0;
  if (options_.max_bytes && held_) {
    std::error_code none;
    replaced = std::filesystem::file_size(target, none);
    if (none) replaced = 0;
  }
  // rename() replaces the old entry in one step: readers see the old file or the new one.
  if (!ec) std::filesystem::rename(temp, target, ec);
  if (!ec) touch(e.url);
  if (!ec && options_.max_bytes) {
    const std::uintmax_t size = text.size() + e.body.size();
    held_ = held_ ? *held_ - std::min(*held_, replaced) + size : entries_size(options_.dir);
    if (*held_ > options_.max_bytes) held_ = evict_lru(options_.dir, options_.max_bytes / 10 * 9);
  }
  if (ec) {
    std::filesystem::remove(temp, ec);
    if (options_.diagnostics)
      options_.diagnostics->warn(options_.dir.string(),
                                 "cannot write to the cache; it is not used for " + e.url);
  }
}

void CachingFetcher::touch(const std::string& url) const {
  std::error_code ec;
  const auto now = std::chrono::time_point_cast<std::filesystem::file_time_type::duration>(
      std::filesystem::file_time_type::clock::from_sys(options_.now()));
  std::filesystem::last_write_time(entry_path(url), now, ec);  // a read-only cache still serves
}

CachingFetcher::Plan CachingFetcher::plan(const Request& request) const {
  Plan p;
  if (mode_ == CacheMode::Refresh || (mode_ == CacheMode::Normal && has_authorization(request))) {
    p.request = request;
    return p;
  }
  bool damaged = false;
  std::optional<Entry> entry = load(request.url, &damaged);
  if (mode_ == CacheMode::Offline) {
    if (entry) {
      p.served = entry->response();
      touch(request.url);
    } else {
      p.cause = damaged ? cause::kCacheDamaged : cause::kNotCached;
    }
    return p;
  }
  if (!entry) {
    p.request = request;
    return p;
  }
  std::string cc = entry->header("cache-control");
  long long now = std::chrono::duration_cast<std::chrono::seconds>(options_.now().time_since_epoch()).count();
  auto age_limit = max_age(cc);
  if (age_limit && !has_directive(cc, "no-cache") && now >= entry->stored &&
      now - entry->stored < *age_limit) {
    p.served = entry->response();
    touch(request.url);
    return p;
  }
  Request conditional = request;
  std::string etag = entry->header("etag"), modified = entry->header("last-modified");
  if (!etag.empty() && !has_request_header(request, "if-none-match"))
    conditional.headers.emplace_back("If-None-Match", etag);
  if (!modified.empty() && !has_request_header(request, "if-modified-since"))
    conditional.headers.emplace_back("If-Modified-Since", modified);
  p.request = std::move(conditional);
  p.entry = std::move(entry);
  return p;
}

Response CachingFetcher::settle(const Request& request, const std::optional<Entry>& entry,
                                Response response) {
  long long now = std::chrono::duration_cast<std::chrono::seconds>(options_.now().time_since_epoch()).count();
  if (response.status == 304 && entry) {
    // RFC 9111 section 4.3.4: a 304 refreshes the stored headers (new max-age, new validators).
    Entry updated = *entry;
    for (const auto& [name, value] : response.headers)
      if (!wire_only(name)) updated.headers[name] = value;
    updated.stored = now;
    store(updated);
    return updated.response();
  }
  if (has_authorization(request)) return response;
  if (response.status == 200 && !has_directive(response.header("cache-control"), "no-store")) {
    Entry e;
    e.url = request.url;
    e.final_url = response.final_url;
    e.status = 200;
    e.stored = now;
    e.headers = response.headers;
    e.body = response.body;
    store(e);
  }
  return response;
}

Response CachingFetcher::get(const Request& request) {
  if (request.post_body) return inner_.get(request);  // an answer to one POST is no answer to the next
  Plan p = plan(request);
  if (p.served) return std::move(*p.served);
  if (!p.request) throw Error(ErrorCode::Input, request.url, p.cause);
  return settle(request, p.entry, inner_.get(*p.request));
}

std::vector<Result> CachingFetcher::get_all(const std::vector<Request>& requests) {
  std::vector<Result> results(requests.size());
  std::vector<Plan> plans;
  std::vector<Request> to_send;
  std::vector<size_t> sent_for;
  for (size_t i = 0; i < requests.size(); ++i) {
    plans.push_back(plan(requests[i]));
    Plan& p = plans.back();
    if (p.served) {
      results[i].response = std::move(p.served);
    } else if (p.request) {
      to_send.push_back(*p.request);
      sent_for.push_back(i);
    } else {
      results[i].error = Error(ErrorCode::Input, requests[i].url, p.cause).what();
    }
  }
  if (to_send.empty()) return results;
  std::vector<Result> fetched = inner_.get_all(to_send);
  for (size_t k = 0; k < sent_for.size() && k < fetched.size(); ++k) {
    size_t i = sent_for[k];
    if (fetched[k].ok())
      results[i].response = settle(requests[i], plans[i].entry, std::move(*fetched[k].response));
    else
      results[i].error = std::move(fetched[k].error);
  }
  return results;
}

}  // namespace tp::source

// A disk cache in front of any Fetcher, so a second run of the same thread costs no requests and
// --offline can rebuild a PDF without the network.
//
// One file per URL, named by the SHA-256 of the URL, holding the status, the final URL, the time it
// was stored, the response headers (validators included), the decoded body and the body's length
// and SHA-256. Only 200 responses are stored (and none marked Cache-Control: no-store). Files are
// written to a temporary name and renamed, so a reader never sees half an entry. An entry whose
// body does not match its length and checksum, or whose header is broken, is damaged: a miss
// (fetched again and replaced), and with --offline the error "cache entry damaged". An entry of an
// older cache version counts as absent.
//
// Requests carrying an Authorization header (a --token, a --login session) bypass the cache: what a
// token shows may be private, and a cache folder may be shared (docs/scale-out.md). With --offline
// they are answered from it like any other request.
//
// Size: with CacheOptions::max_bytes, once the entries hold more than that, the least recently used
// ones are removed (cache_files.h). "Used" is stored or served: both set the entry file's
// modification time to the cache's clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include "core/diagnostics.h"
#include "source/fetcher.h"

namespace tp::source {

enum class CacheMode {
  // A fresh entry (younger than its Cache-Control max-age) is served without a request; a stale one
  // is revalidated with If-None-Match / If-Modified-Since, and a 304 serves the stored body.
  Normal,
  // Only the cache, fresh or not; a miss throws Error(Input, url, "not in the cache (run once
  // without --offline)"), a damaged entry Error(Input, url, "cache entry damaged (run once without
  // --offline to fetch it again)").
  Offline,
  // Every request goes to the network unconditionally; 200s overwrite what was stored.
  Refresh,
};

struct CacheOptions {
  std::filesystem::path dir;  // created on the first store; empty: <temp dir>/threadpdf-cache (the
                              // app passes its default, app/environment.h)
  // The clock deciding freshness and stamping entries. Default: system_clock::now.
  std::function<std::chrono::system_clock::time_point()> now;
  // Where a failed cache write is reported (the fetch itself still succeeds). May be null.
  Diagnostics* diagnostics = nullptr;
  // Bytes the entry files may hold in all; 0: no limit. Checked after each store, counted from one
  // scan of the folder then kept up to date by this object; past it, entries are evicted down to 9/10
  // of it, so that a full cache is scanned once per tenth of its size stored, not once per store.
  std::uintmax_t max_bytes = 0;
};

class CachingFetcher : public Fetcher {
 public:
  // `inner` does the network work and must outlive this object.
  CachingFetcher(Fetcher& inner, CacheMode mode, CacheOptions options = {});

  // Errors are the inner fetcher's, plus the offline miss above. A response served from the cache
  // has from_cache set, status 200, and the stored headers (without Content-Length and
  // Content-Encoding: the stored body is already decoded).
  Response get(const Request& request) override;
  // The network part goes to inner.get_all in one call.
  std::vector<Result> get_all(const std::vector<Request>& requests) override;

  // The file that holds (or would hold) the entry for `url`.
  std::filesystem::path entry_path(const std::string& url) const;

 private:
  struct Entry;
  struct Plan;
  Plan plan(const Request& request) const;
  // What the caller gets for a network response (storing it or answering a 304 from the entry).
  Response settle(const Request& request, const std::optional<Entry>& entry, Response response);
  // The entry, or nullopt when absent or damaged (then *damaged is set, when given).
  std::optional<Entry> load(const std::string& url, bool* damaged = nullptr) const;
  void store(const Entry& entry);
  // Marks the entry of `url` as just used (its file's modification time).
  void touch(const std::string& url) const;

  Fetcher& inner_;
  CacheMode mode_;
  CacheOptions options_;
  std::optional<std::uintmax_t> held_;  // bytes the entries hold, as far as this object knows
};

}  // namespace tp::source

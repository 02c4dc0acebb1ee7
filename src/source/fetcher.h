// The seam between threadpdf and the network. The request walks (fetch_thread.h), the job's picture
// loading and the cache talk to a Fetcher (the readers in parse/ only get bytes); the real one is
// CurlFetcher (curl_fetcher.h), tests use a local server or a fake.
//
// Errors. get() throws tp::Error(ErrorCode::Input, <request url>, <cause>) with one of these causes,
// worded exactly so (the CLI prints "url: cause"):
//   not found or deleted              HTTP 404 or 410
//   not public                        HTTP 401 or 403
//   rate limited, retry after N s     HTTP 429 when retries are used up or the server asks for a wait
//                                     longer than the fetcher's cap
//   server error N                    HTTP 5xx after the retries
//   timed out                         no complete answer within the time limit, after the retries;
//                                     or too slow (under the low-speed limit); or past the request's
//                                     time_limit or deadline; or queued in a get_all for a host
//                                     that an attempt of the same call timed out on
//   too large                         the body is larger than the fetcher's byte cap
//   too many redirects
//   connection failed: <reason>       DNS, refused, TLS, reset, an empty reply
//   response cut short                fewer body bytes than announced
//   invalid compressed response       a body whose Content-Encoding (gzip, deflate, br) does not decode
//   redirect to a local address refused (ADDR)   a request first sent to a public address redirected
//                                     to a loopback, link-local or private one (address.h)
//   not in the cache (run once without --offline)    (CachingFetcher in offline mode only)
//   cache entry damaged (run once without --offline to fetch it again)   (likewise)
// Every other status (2xx, 304, and 4xx such as Bluesky's 400 for an unknown handle) is returned as a
// Response; callers check `status`.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tp::source {

struct Request {
  std::string url;
  // Extra request headers, sent as given ("Accept", "application/json").
  std::vector<std::pair<std::string, std::string>> headers;
  // Seconds this request may take in all, from the start of its first attempt, every further
  // attempt and wait included; past it, it fails "timed out". 0: only the fetcher's limits.
  double time_limit = 0;
  // The moment by which it must be done, however long it waited to start (DeadlineFetcher).
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // Set: a POST with this body (an RFC 3161 timestamp request), never cached; else a GET.
  std::optional<std::string> post_body = std::nullopt;
};

struct Response {
  long status = 0;
  std::string body;       // decoded (Content-Encoding undone)
  std::string final_url;  // after redirects
  // Headers of the final response; names lower-cased. A repeated header keeps its last value.
  std::map<std::string, std::string> headers;
  bool from_cache = false;  // served by CachingFetcher without a full download (fresh entry or 304)

  // The header's value, or "" when absent. `name` must be lower case.
  std::string header(const std::string& name) const;
};

// One item of Fetcher::get_all: a response, or the one-line error get() would have thrown.
struct Result {
  std::optional<Response> response;
  std::string error;  // "url: cause" when `response` is empty

  bool ok() const { return response.has_value(); }
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;

  // Fetches one URL, following redirects and retrying transient failures. Throws tp::Error as listed
  // at the top of this file.
  virtual Response get(const Request& request) = 0;

  // Fetches all requests concurrently (within the implementation's connection limits) and returns one
  // Result per request, in the same order. One failing request never spoils the others and never
  // throws; only a failure of the machinery itself (out of memory, a curl bug) may.
  virtual std::vector<Result> get_all(const std::vector<Request>& requests) = 0;
};

// The causes above, in one place so every Fetcher words them alike.
namespace cause {
inline constexpr const char* kNotFound = "not found or deleted";
inline constexpr const char* kNotPublic = "not public";
inline constexpr const char* kTimedOut = "timed out";
inline constexpr const char* kTooLarge = "too large";
inline constexpr const char* kTooManyRedirects = "too many redirects";
inline constexpr const char* kCutShort = "response cut short";
inline constexpr const char* kBadEncoding = "invalid compressed response";
inline constexpr const char* kNotCached = "not in the cache (run once without --offline)";
inline constexpr const char* kCacheDamaged =
    "cache entry damaged (run once without --offline to fetch it again)";
std::string rate_limited(long wait_seconds);  // "rate limited, retry after N s"
std::string server_error(long status);        // "server error N"
std::string connection_failed(const std::string& reason);
std::string redirect_refused(const std::string& address);  // "redirect to a local address refused (10.0.0.1)"
// The cause for a final HTTP status, or nullopt when the status is returned as a Response. For 429 the
// wait is unknown here; the fetcher words that itself with rate_limited().
std::optional<std::string> for_status(long status);
}  // namespace cause

}  // namespace tp::source

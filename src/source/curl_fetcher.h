// The real Fetcher, on libcurl. The only header of threadpdf that stands next to curl (it does not
// include it: the handle is opaque here).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "source/address.h"
#include "source/fetcher.h"

namespace tp::source {

// What the fetcher tells while it works, at the moment it happens (for progress on a terminal).
struct FetchEvent {
  enum Kind { Finished, Waiting } kind = Finished;
  std::string host;    // the site, as a user knows it: "mastodon.example", "[::1]:8080"
  bool ok = false;     // Finished: a response came (any status)
  double seconds = 0;  // Waiting: how long until the next attempt
  std::string why;     // Waiting: "rate limited by HOST (Retry-After)", "HOST timed out", "HOST answered 503"
};

// "threadpdf/<version> (+<home page>)", both from project() in CMakeLists.txt (core/version.h)
std::string default_user_agent();

struct CurlOptions {
  double connect_timeout = 10;  // seconds to establish a connection, per attempt
  double total_timeout = 60;    // seconds for a whole attempt, redirects included
  long max_redirects = 5;
  // An attempt that moves fewer than `low_speed_bytes` bytes per second for `low_speed_seconds`
  // seconds, waiting for the answer included, ends as a timeout: a server that accepts and never
  // answers, or trickles, costs that long per attempt, not total_timeout. 0 bytes: no such limit.
  long low_speed_bytes = 1024;
  long low_speed_seconds = 10;
  std::size_t max_bytes = std::size_t{50} << 20;  // largest decoded body; more fails "too large"
  // Retries of timeouts, 429 and 5xx (retry.h): `retries` further attempts, exponential backoff from
  // `base_backoff` up to `max_backoff` with jitter, honouring Retry-After / RateLimit-Reset /
  // X-RateLimit-Reset up to `max_wait`; a server asking for more fails at once with
  // "rate limited, retry after N s". All in seconds.
  int retries = 4;
  double base_backoff = 0.5;
  double max_backoff = 30;
  double max_wait = 60;
  long per_host_limit = 2;  // requests in flight to one host (scheme, name and port)
  long parallelism = 8;     // requests in flight in all
  std::string user_agent = default_user_agent();
  // Every request goes through this proxy ("http://proxy.example:3128", "socks5h://127.0.0.1:1080").
  // Empty: libcurl's own http_proxy, https_proxy, all_proxy and no_proxy variables decide.
  std::string proxy;
  // Called on the fetching thread when a request ends and when a retry starts its wait; may be empty.
  std::function<void(const FetchEvent&)> on_event;
  // How the fetcher waits between attempts (seconds). Tests pass a recorder to run instantly; the
  // default sleeps. get_all calls it only when no transfer is running (otherwise it waits on curl).
  std::function<void(double)> sleep;
  // The wall clock, for Retry-After dates and Unix reset times. Default: system_clock::now.
  std::function<std::chrono::system_clock::time_point()> now;
  // How an address the transfer connects to is classed for the redirect rule (address.h): a request
  // first sent to a Public address is refused before a redirect sends it on to a Local one. Default:
  // address_scope. Tests, whose servers are all on loopback, class one loopback address as public.
  std::function<AddressScope(const std::string& ip)> scope;
  // Seed of the backoff jitter; 0 picks one at random.
  unsigned jitter_seed = 0;
};

// Not thread-safe: use one CurlFetcher per thread (curl's global set-up is done once per process,
// on first construction). Connections are kept between calls and reused.
class CurlFetcher : public Fetcher {
 public:
  // Throws Error(Usage) for a limit below 1 and Error(Internal) when curl cannot be set up.
  explicit CurlFetcher(CurlOptions options = {});
  ~CurlFetcher() override;
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  Response get(const Request& request) override;
  std::vector<Result> get_all(const std::vector<Request>& requests) override;

 private:
  struct Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace tp::source

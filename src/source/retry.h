// When to retry a transfer and how long to wait: the policy every Fetcher shares, kept apart from
// curl so it can be tested with plain values. All durations are in seconds.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace tp::source {

struct RetryPolicy {
  int retries = 4;            // further attempts after the first
  double base_backoff = 0.5;  // the first backoff; doubled on each further attempt
  double max_backoff = 30;    // backoff ceiling
  double max_wait = 60;       // longest wait a server may ask for; asking for more fails at once
};

// How one attempt ended, as far as the retry decision cares.
enum class Transport { Ok, TimedOut, TooLarge, TooManyRedirects, CutShort, BadEncoding, Refused, Failed };

struct Attempt {
  Transport transport = Transport::Ok;
  std::string reason;                                           // Failed: the transport library's message;
                                                                // Refused: the whole cause
  long status = 0;                                              // Ok: the final HTTP status
  const std::map<std::string, std::string>* headers = nullptr;  // Ok: lower-case names; may be null
};

struct Decision {
  enum Kind { Accept, Retry, Fail } kind = Accept;
  double wait = 0;    // Retry: seconds to wait before the next attempt
  std::string cause;  // Fail: one of the causes in fetcher.h
};

// Decides after attempt number `attempts_made` (1 for the first). `jitter` is a uniform number in
// [0, 1) that spreads backoffs of parallel clients; `now` reads absolute reset times.
// Retried: timeouts, 429 and 5xx, while attempts_made <= policy.retries. The wait is the larger of
// the jittered exponential backoff and what the server asks for (server_wait); a server asking for
// more than max_wait fails at once.
Decision decide(const RetryPolicy& policy, int attempts_made, const Attempt& attempt,
                std::chrono::system_clock::time_point now, double jitter);

// Seconds the server asks a client to wait, from Retry-After (seconds or an HTTP date) and, for
// status 429 only, RateLimit-Reset (seconds, or Unix time when it looks like one) or
// X-RateLimit-Reset (ISO 8601 time, Unix time or seconds). Never negative; nullopt when none applies.
std::optional<double> server_wait(long status, const std::map<std::string, std::string>& headers,
                                  std::chrono::system_clock::time_point now);

// The jittered backoff before attempt `attempts_made + 1`: base * 2^(attempts_made - 1), at most
// max_backoff, scaled into [1/2, 1] of itself by `jitter`.
double backoff(const RetryPolicy& policy, int attempts_made, double jitter);

// HTTP dates (RFC 9110 section 5.6.7: IMF-fixdate, RFC 850 and asctime forms) and ISO 8601 /
// RFC 3339 times ("2025-04-04T09:15:00.000000Z", "+02:00" offsets). nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_http_date(const std::string& text);
std::optional<std::chrono::system_clock::time_point> parse_iso8601(const std::string& text);

}  // namespace tp::source

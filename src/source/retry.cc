#include "source/retry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/format.h"
#include "source/fetcher.h"

namespace tp::source {

namespace {

using Clock = std::chrono::system_clock;

// Values at or above this are Unix times, below it durations: a billion seconds is 31 years of
// waiting, and Unix time passed it in 2001.
constexpr double kEpochThreshold = 1e9;

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::optional<double> plain_number(const std::string& text) {
  std::string s = trimmed(text);
  if (s.empty() || s.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

double seconds_until(Clock::time_point t, Clock::time_point now) {
  return std::max(0.0, std::chrono::duration<double>(t - now).count());
}

// Seconds, or a Unix time when the value is that large.
double seconds_or_epoch(double v, Clock::time_point now) {
  if (v < kEpochThreshold) return v;
  return seconds_until(
      Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(v))), now);
}

std::optional<Clock::time_point> make_time(int y, int mon, int d, int h, int mi, int s) {
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mon)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
  return Clock::time_point(sys_days(ymd)) + hours(h) + minutes(mi) + seconds(s);
}

int month_number(const char* name) {
  static const std::array<const char*, 12> names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < names.size(); ++i)
    if (std::strcmp(names[i], name) == 0) return static_cast<int>(i) + 1;
  return 0;
}

}  // namespace

std::optional<Clock::time_point> parse_http_date(const std::string& text) {
  std::string s = trimmed(text);
  int d = 0, y = 0, h = 0, mi = 0, sec = 0, n = 0;
  char mon[4] = {}, zone[4] = {};
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (std::sscanf(s.c_str(), "%*3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d %3[A-Z]%n", &d, mon, &y, &h, &mi,
                  &sec, zone, &n) == 7 &&
      static_cast<size_t>(n) == s.size() && std::strcmp(zone, "GMT") == 0)
    return make_time(y, month_number(mon), d, h, mi, sec);
  // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; two-digit years are read as 19xx/20xx (RFC 9110 asks
  // for the nearest past year; 70 splits the century the way Unix time does).
  n = 0;
  if (std::sscanf(s.c_str(), "%*[A-Za-z], %2d-%3[A-Za-z]-%2d %2d:%2d:%2d %3[A-Z]%n", &d, mon, &y, &h, &mi,
                  &sec, zone, &n) == 7 &&
      static_cast<size_t>(n) == s.size() && std::strcmp(zone, "GMT") == 0)
    return make_time(y < 70 ? 2000 + y : 1900 + y, month_number(mon), d, h, mi, sec);
  // asctime: "Sun Nov  6 08:49:37 1994"
  n = 0;
  if (std::sscanf(s.c_str(), "%*3[A-Za-z] %3[A-Za-z] %2d %2d:%2d:%2d %4d%n", mon, &d, &h, &mi, &sec, &y,
                  &n) == 6 &&
      static_cast<size_t>(n) == s.size())
    return make_time(y, month_number(mon), d, h, mi, sec);
  return std::nullopt;
}

std::optional<Clock::time_point> parse_iso8601(const std::string& text) {
  double fraction = 0;
  const std::optional<UnixTime> t = parse_rfc3339(trimmed(text), fraction);
  if (!t) return std::nullopt;
  return Clock::time_point(std::chrono::seconds(*t)) +
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(fraction));
}

std::optional<double> server_wait(long status, const std::map<std::string, std::string>& headers,
                                  Clock::time_point now) {
  auto find = [&](const char* name) -> const std::string* {
    auto it = headers.find(name);
    return it == headers.end() ? nullptr : &it->second;
  };
  if (const std::string* v = find("retry-after")) {
    if (auto secs = plain_number(*v)) return *secs;
    if (auto when = parse_http_date(*v)) return seconds_until(*when, now);
  }
  if (status != 429) return std::nullopt;
  // Bluesky: RateLimit-Reset is a Unix time; the IETF draft makes it a delta (bluesky.md section 8).
  if (const std::string* v = find("ratelimit-reset"))
    if (auto n = plain_number(*v)) return seconds_or_epoch(*n, now);
  // Mastodon: X-RateLimit-Reset is an ISO 8601 time (mastodon.md section 8); others send numbers.
  if (const std::string* v = find("x-ratelimit-reset")) {
    if (auto when = parse_iso8601(*v)) return seconds_until(*when, now);
    if (auto n = plain_number(*v)) return seconds_or_epoch(*n, now);
  }
  return std::nullopt;
}

double backoff(const RetryPolicy& policy, int attempts_made, double jitter) {
  double full = policy.base_backoff * std::pow(2.0, std::clamp(attempts_made - 1, 0, 60));
  full = std::min(full, policy.max_backoff);
  return full * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0));
}

Decision decide(const RetryPolicy& policy, int attempts_made, const Attempt& attempt, Clock::time_point now,
                double jitter) {
  auto fail = [](std::string cause) { return Decision{Decision::Fail, 0, std::move(cause)}; };
  bool may_retry = attempts_made <= policy.retries;
  double pause = std::min(backoff(policy, attempts_made, jitter), policy.max_wait);
  switch (attempt.transport) {
    case Transport::Ok:
      break;
    case Transport::TimedOut:
      return may_retry ? Decision{Decision::Retry, pause, {}} : fail(cause::kTimedOut);
    case Transport::TooLarge:
      return fail(cause::kTooLarge);
    case Transport::TooManyRedirects:
      return fail(cause::kTooManyRedirects);
    case Transport::CutShort:
      return fail(cause::kCutShort);
    case Transport::BadEncoding:
      return fail(cause::kBadEncoding);
    case Transport::Refused:
      return fail(attempt.reason);
    case Transport::Failed:
      return fail(cause::connection_failed(attempt.reason));
  }
  long status = attempt.status;
  bool is_429 = status == 429;
  if (!is_429 && !(status >= 500 && status <= 599)) {
    if (auto c = cause::for_status(status)) return fail(*c);
    return Decision{};
  }
  static const std::map<std::string, std::string> no_headers;
  std::optional<double> asked = server_wait(status, attempt.headers ? *attempt.headers : no_headers, now);
  auto wait_words = [](double secs) { return static_cast<long>(std::ceil(secs)); };
  if (asked && *asked > policy.max_wait)
    return fail(is_429 ? cause::rate_limited(wait_words(*asked)) : cause::server_error(status));
  if (!may_retry)
    return fail(is_429 ? cause::rate_limited(wait_words(asked.value_or(pause)))
                       : cause::server_error(status));
  return Decision{Decision::Retry, std::max(asked.value_or(0.0), pause), {}};
}

}  // namespace tp::source

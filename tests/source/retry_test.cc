#include "source/retry.h"

#include <doctest/doctest.h>

using namespace tp::source;
using std::chrono::system_clock;

namespace {

long long unix_seconds(std::optional<system_clock::time_point> t) {
  REQUIRE(t.has_value());
  return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

system_clock::time_point at(long long unix) { return system_clock::time_point(std::chrono::seconds(unix)); }

Attempt http(long status, const std::map<std::string, std::string>& headers) {
  Attempt a;
  a.status = status;
  a.headers = &headers;
  return a;
}

}  // namespace

TEST_CASE("HTTP dates in the three forms of RFC 9110") {
  CHECK(unix_seconds(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT")) == 784111777);
  CHECK(unix_seconds(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT")) == 784111777);
  CHECK(unix_seconds(parse_http_date("Sun Nov  6 08:49:37 1994")) == 784111777);
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 CET"));
  CHECK_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("yesterday"));
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
}

TEST_CASE("ISO 8601 times") {
  CHECK(unix_seconds(parse_iso8601("2025-04-04T09:15:00.000000Z")) == 1743758100);
  CHECK(unix_seconds(parse_iso8601("2025-04-04T09:15:00Z")) == 1743758100);
  CHECK(unix_seconds(parse_iso8601("2025-04-04T11:15:00+02:00")) == 1743758100);
  CHECK(unix_seconds(parse_iso8601("2025-04-04T08:15:00-01:00")) == 1743758100);
  CHECK_FALSE(parse_iso8601("2025-04-04"));
  CHECK_FALSE(parse_iso8601("2025-04-04T09:15:00"));
  CHECK_FALSE(parse_iso8601("2025-13-04T09:15:00Z"));
}

TEST_CASE("server_wait reads Retry-After and the rate-limit reset headers") {
  auto now = at(1743758090);
  CHECK(server_wait(429, {{"retry-after", "7"}}, now) == 7.0);
  CHECK(server_wait(503, {{"retry-after", "Fri, 04 Apr 2025 09:15:00 GMT"}}, now) == 10.0);
  CHECK(server_wait(429, {{"retry-after", "Fri, 04 Apr 2025 09:14:00 GMT"}}, now) == 0.0);  // in the past
  CHECK(server_wait(429, {{"ratelimit-reset", "1743758100"}}, now) == 10.0);  // Bluesky: Unix time
  CHECK(server_wait(429, {{"ratelimit-reset", "30"}}, now) == 30.0);          // IETF draft: seconds
  CHECK(server_wait(429, {{"x-ratelimit-reset", "2025-04-04T09:15:00.000000Z"}}, now) == 10.0);
  CHECK(server_wait(429, {{"x-ratelimit-reset", "1743758095"}}, now) == 5.0);
  CHECK(server_wait(429, {{"retry-after", "2"}, {"ratelimit-reset", "50"}}, now) == 2.0);
  CHECK_FALSE(server_wait(500, {{"ratelimit-reset", "50"}}, now));  // reset headers only explain a 429
  CHECK_FALSE(server_wait(429, {{"retry-after", "soon"}}, now));
  CHECK_FALSE(server_wait(429, {}, now));
}

TEST_CASE("decide: what is retried, for how long, and the words of failures") {
  RetryPolicy p;  // 4 retries, 0.5 s doubling to 30 s, 60 s cap
  auto now = at(1743758090);
  std::map<std::string, std::string> none;
  CHECK(decide(p, 1, http(200, none), now, 0).kind == Decision::Accept);
  CHECK(decide(p, 1, http(304, none), now, 0).kind == Decision::Accept);
  CHECK(decide(p, 1, http(400, none), now, 0).kind == Decision::Accept);
  CHECK(decide(p, 1, http(404, none), now, 0).cause == "not found or deleted");
  CHECK(decide(p, 1, http(403, none), now, 0).cause == "not public");

  Decision d = decide(p, 1, http(500, none), now, 0.0);
  CHECK(d.kind == Decision::Retry);
  CHECK(d.wait == 0.25);
  CHECK(decide(p, 3, http(502, none), now, 1.0).wait == 2.0);
  CHECK(decide(p, 4, http(502, none), now, 1.0).wait == 4.0);
  CHECK(decide(p, 5, http(502, none), now, 1.0).cause == "server error 502");
  RetryPolicy many = p;
  many.retries = 20;
  CHECK(decide(many, 12, http(503, none), now, 1.0).wait == 30.0);  // max_backoff

  std::map<std::string, std::string> soon{{"retry-after", "3"}};
  CHECK(decide(p, 1, http(429, soon), now, 1.0).wait == 3.0);
  CHECK(decide(p, 5, http(429, soon), now, 1.0).cause == "rate limited, retry after 3 s");
  std::map<std::string, std::string> late{{"retry-after", "61"}};
  CHECK(decide(p, 1, http(429, late), now, 1.0).cause == "rate limited, retry after 61 s");
  CHECK(decide(p, 1, http(503, late), now, 1.0).cause == "server error 503");
  CHECK(decide(p, 5, http(429, none), now, 1.0).cause == "rate limited, retry after 8 s");

  Attempt timeout;
  timeout.transport = Transport::TimedOut;
  CHECK(decide(p, 1, timeout, now, 0).kind == Decision::Retry);
  CHECK(decide(p, 5, timeout, now, 0).cause == "timed out");
  Attempt failed;
  failed.transport = Transport::Failed;
  failed.reason = "Could not resolve host: example.invalid\n";
  CHECK(decide(p, 1, failed, now, 0).cause == "connection failed: Could not resolve host: example.invalid");
  Attempt cut;
  cut.transport = Transport::CutShort;
  CHECK(decide(p, 1, cut, now, 0).cause == "response cut short");
}

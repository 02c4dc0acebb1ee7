// CurlFetcher against the loopback server: every error word of fetcher.h, the retry rules with an
// injected sleeper (so a 1 s Retry-After costs no real time), limits, and get_all's concurrency.
#include "source/curl_fetcher.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>

#include "core/error.h"
#include "support/http_server.h"

using tp::source::CurlFetcher;
using tp::source::CurlOptions;
using tp::source::Request;
using tp::test::Behaviour;
using tp::test::HttpReply;
using tp::test::HttpRequest;
using tp::test::HttpServer;

namespace {

using Clock = std::chrono::steady_clock;

// Options for tests: waits are recorded in `sleeps` instead of slept.
struct Setup {
  std::shared_ptr<std::vector<double>> sleeps = std::make_shared<std::vector<double>>();
  CurlOptions options;
  Setup() {
    options.sleep = [s = sleeps](double secs) { s->push_back(secs); };
    options.max_wait = 10;
    options.jitter_seed = 1;
    options.total_timeout = 10;
  }
  double slept() const {
    double sum = 0;
    for (double s : *sleeps) sum += s;
    return sum;
  }
};

// The cause of the Error that get() throws, or "no error".
std::string cause_of(CurlFetcher& f, const std::string& url) {
  try {
    f.get(Request{url, {}});
  } catch (const tp::Error& e) {
    CHECK(e.code() == tp::ErrorCode::Input);
    CHECK(e.where() == url);
    return e.message();
  }
  return "no error";
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Replies with `first` for the first `n` requests, then with `then`.
tp::test::Handler first_then(int n, HttpReply first, HttpReply then) {
  auto seen = std::make_shared<std::atomic<int>>(0);
  return [=](const HttpRequest&) { return (*seen)++ < n ? first : then; };
}

}  // namespace

TEST_CASE("200: gzip is asked for and decoded; User-Agent names threadpdf; headers lower-cased") {
  HttpServer server;
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + "\n";
  HttpReply reply{200, {{"Content-Type", "application/json"}, {"ETag", "\"v1\""}}, text};
  reply.gzip = true;
  server.route("/thread", reply);
  Setup s;
  CurlFetcher f(s.options);
  auto r = f.get(Request{server.url("/thread?x=1"), {{"Accept", "application/json"}}});
  CHECK(r.status == 200);
  CHECK(r.body == text);
  CHECK(r.final_url == server.url("/thread?x=1"));
  CHECK(r.header("content-type") == "application/json");
  CHECK(r.header("content-encoding") == "gzip");
  CHECK(r.header("etag") == "\"v1\"");
  CHECK_FALSE(r.from_cache);
  auto seen = server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].method == "GET");
  CHECK(seen[0].target == "/thread?x=1");
  CHECK(seen[0].header("accept-encoding").find("gzip") != std::string::npos);
  CHECK(seen[0].header("user-agent").starts_with("threadpdf/"));
  CHECK(seen[0].header("user-agent").find("(+https://example.org/threadpdf)") != std::string::npos);
  CHECK(seen[0].header("accept") == "application/json");
}

TEST_CASE("statuses that are errors, and statuses that are returned") {
  HttpServer server;
  server.route("/404", HttpReply{404, {}, "gone"});
  server.route("/410", HttpReply{410, {}, ""});
  server.route("/401", HttpReply{401, {}, ""});
  server.route("/403", HttpReply{403, {}, ""});
  server.route("/400", HttpReply{400, {}, R"({"error":"InvalidRequest"})"});
  server.route("/moved", HttpReply{302, {{"Location", "/final"}}, ""});
  server.route("/final", HttpReply{200, {}, "here"});
  Setup s;
  CurlFetcher f(s.options);
  CHECK(cause_of(f, server.url("/404")) == "not found or deleted");
  CHECK(cause_of(f, server.url("/410")) == "not found or deleted");
  CHECK(cause_of(f, server.url("/401")) == "not public");
  CHECK(cause_of(f, server.url("/403")) == "not public");
  auto bad = f.get(Request{server.url("/400"), {}});
  CHECK(bad.status == 400);
  CHECK(bad.body == R"({"error":"InvalidRequest"})");
  auto moved = f.get(Request{server.url("/moved"), {}});
  CHECK(moved.body == "here");
  CHECK(moved.final_url == server.url("/final"));
  CHECK(server.count("/404") == 1);  // not retried
  CHECK(s.sleeps->empty());
}

TEST_CASE("429 with Retry-After: 1, then 200: one retry after waiting 1 s") {
  HttpServer server;
  server.route("/r", first_then(1, HttpReply{429, {{"Retry-After", "1"}}, ""}, HttpReply{200, {}, "ok"}));
  Setup s;
  CurlFetcher f(s.options);
  auto t0 = Clock::now();
  CHECK(f.get(Request{server.url("/r"), {}}).body == "ok");
  CHECK(server.count("/r") == 2);
  REQUIRE(s.sleeps->size() == 1);
  CHECK(s.slept() == doctest::Approx(1.0).epsilon(0.02));
  CHECK(seconds_since(t0) < 0.9);  // the wait went to the injected sleeper
}

TEST_CASE("429 asking for longer than the cap fails at once") {
  HttpServer server;
  server.route("/r", HttpReply{429, {{"Retry-After", "3600"}}, ""});
  Setup s;
  CurlFetcher f(s.options);
  auto t0 = Clock::now();
  CHECK(cause_of(f, server.url("/r")) == "rate limited, retry after 3600 s");
  CHECK(seconds_since(t0) < 1.0);
  CHECK(server.count("/r") == 1);
  CHECK(s.sleeps->empty());
}

TEST_CASE("429 with Mastodon's X-RateLimit-Reset waits until the reset time") {
  HttpServer server;
  server.route("/r", first_then(1, HttpReply{429, {{"X-RateLimit-Reset", "2025-04-04T09:15:00.000000Z"}}, ""},
                                HttpReply{200, {}, "ok"}));
  Setup s;
  s.options.now = [] {
    return std::chrono::sys_days(std::chrono::year{2025} / 4 / 4) + std::chrono::hours(9) +
           std::chrono::minutes(14) + std::chrono::seconds(57);
  };
  CurlFetcher f(s.options);
  CHECK(f.get(Request{server.url("/r"), {}}).body == "ok");
  CHECK(s.slept() == doctest::Approx(3.0).epsilon(0.02));
}

TEST_CASE("429 forever: rate limited after the retries") {
  HttpServer server;
  server.route("/r", HttpReply{429, {{"RateLimit-Reset", "2"}}, ""});
  Setup s;
  s.options.retries = 2;
  CurlFetcher f(s.options);
  CHECK(cause_of(f, server.url("/r")) == "rate limited, retry after 2 s");
  CHECK(server.count("/r") == 3);
  CHECK(s.sleeps->size() == 2);
}

TEST_CASE("500 then 200 succeeds; 500 forever fails after the retries with growing waits") {
  HttpServer server;
  server.route("/once", first_then(1, HttpReply{500, {}, ""}, HttpReply{200, {}, "ok"}));
  server.route("/always", HttpReply{500, {}, "boom"});
  Setup s;
  CurlFetcher f(s.options);
  CHECK(f.get(Request{server.url("/once"), {}}).body == "ok");
  CHECK(server.count("/once") == 2);
  s.sleeps->clear();
  CHECK(cause_of(f, server.url("/always")) == "server error 500");
  CHECK(server.count("/always") == 5);  // the first attempt and 4 retries
  REQUIRE(s.sleeps->size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    double full = 0.5 * (1 << i);
    CHECK((*s.sleeps)[i] >= full / 2);
    CHECK((*s.sleeps)[i] <= full);
  }
}

TEST_CASE("a response slower than the total timeout: timed out, retried, in bounded time") {
  HttpServer server;
  HttpReply slow{200, {}, "late"};
  slow.delay = std::chrono::milliseconds(3000);
  server.route("/slow", slow);
  Setup s;
  s.options.total_timeout = 1;
  s.options.retries = 1;
  CurlFetcher f(s.options);
  auto t0 = Clock::now();
  CHECK(cause_of(f, server.url("/slow")) == "timed out");
  double took = seconds_since(t0);
  CHECK(took >= 1.9);
  CHECK(took < 3.5);
  CHECK(server.count("/slow") == 2);
}

TEST_CASE("broken transfers: cut short, redirect loop, too large, no answer, nobody listening") {
  HttpServer server;
  HttpReply cut{200, {}, std::string(10000, 'a')};
  cut.behaviour = Behaviour::Truncate;
  cut.param = 100;
  server.route("/cut", cut);
  HttpReply loop;
  loop.behaviour = Behaviour::RedirectToSelf;
  server.route("/loop", loop);
  server.route("/big", HttpReply{200, {}, std::string(2 << 20, 'b')});
  HttpReply endless;
  endless.behaviour = Behaviour::ChunkedHuge;
  endless.param = std::size_t{200} << 20;
  server.route("/endless", endless);
  HttpReply zip_bomb{200, {}, std::string(3 << 20, 'z')};
  zip_bomb.gzip = true;
  server.route("/zip", zip_bomb);
  HttpReply silent;
  silent.behaviour = Behaviour::CloseAtOnce;
  server.route("/silent", silent);

  Setup s;
  s.options.max_bytes = 1 << 20;
  CurlFetcher f(s.options);
  CHECK(cause_of(f, server.url("/cut")) == "response cut short");
  CHECK(cause_of(f, server.url("/loop")) == "too many redirects");
  CHECK(server.count("/loop") == 6);  // the request and max_redirects (5) redirects
  CHECK(cause_of(f, server.url("/big")) == "too large");
  auto t0 = Clock::now();
  CHECK(cause_of(f, server.url("/endless")) == "too large");
  CHECK(seconds_since(t0) < 5);
  CHECK(cause_of(f, server.url("/zip")) == "too large");
  CHECK(cause_of(f, server.url("/silent")).starts_with("connection failed: "));

  // A port nobody listens on: bind one, note it, close it.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  std::string refused = cause_of(f, "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/x");
  CHECK(refused.starts_with("connection failed: "));
  CHECK(refused.find('\n') == std::string::npos);
  CHECK(cause_of(f, "file:///etc/passwd").starts_with("connection failed: "));
}

TEST_CASE("get_all: 30 URLs, at most 2 at once per host, one bad URL spoils nothing") {
  HttpServer server;
  server.route("/post", [](const HttpRequest& r) {
    HttpReply reply{200, {}, "post " + r.target.substr(r.target.find('=') + 1)};
    reply.delay = std::chrono::milliseconds(30);
    return reply;
  });
  server.route("/flaky",
               first_then(1, HttpReply{503, {{"Retry-After", "0"}}, ""}, HttpReply{200, {}, "late"}));
  Setup s;
  s.options.per_host_limit = 2;
  s.options.parallelism = 8;
  CurlFetcher f(s.options);
  std::vector<Request> requests;
  for (int i = 0; i < 30; ++i) requests.push_back(Request{server.url("/post?id=" + std::to_string(i)), {}});
  requests[7].url = server.url("/missing");
  requests[12].url = server.url("/flaky");
  auto t0 = Clock::now();
  auto results = f.get_all(requests);
  double took = seconds_since(t0);
  REQUIRE(results.size() == 30);
  for (int i = 0; i < 30; ++i) {
    CAPTURE(i);
    if (i == 7) {
      CHECK_FALSE(results[i].ok());
      CHECK(results[i].error == server.url("/missing") + ": not found or deleted");
    } else if (i == 12) {
      REQUIRE(results[i].ok());
      CHECK(results[i].response->body == "late");
    } else {
      REQUIRE(results[i].ok());
      CHECK(results[i].response->body == "post " + std::to_string(i));
    }
  }
  CHECK(server.max_in_flight() <= 2);
  CHECK(server.max_in_flight() == 2);
  CHECK(server.requests().size() == 31);
  CHECK(took < 5);
  MESSAGE("get_all of 30 took " << took << " s");
}

TEST_CASE("get_all of nothing, and limits below 1") {
  Setup s;
  CurlFetcher f(s.options);
  CHECK(f.get_all({}).empty());
  s.options.per_host_limit = 0;
  CHECK_THROWS_AS(CurlFetcher(s.options), tp::Error);
}

// CachingFetcher over a CurlFetcher and the loopback server: what reaches the server in each mode.
#include "source/cache.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

#include "core/error.h"
#include "source/curl_fetcher.h"
#include "support/http_server.h"

using tp::source::CacheMode;
using tp::source::CacheOptions;
using tp::source::CachingFetcher;
using tp::source::CurlFetcher;
using tp::source::CurlOptions;
using tp::source::Request;
using tp::test::HttpReply;
using tp::test::HttpRequest;
using tp::test::HttpServer;
namespace fs = std::filesystem;

namespace {

// A fresh cache folder, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> n{0};
    path = fs::temp_directory_path() /
           ("threadpdf-cache-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  size_t files() const {
    if (!fs::exists(path)) return 0;
    return static_cast<size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

CurlOptions quick() {
  CurlOptions o;
  o.sleep = [](double) {};
  o.total_timeout = 10;
  return o;
}

// A settable clock, so freshness can be tested without waiting.
struct FakeClock {
  std::shared_ptr<long long> seconds = std::make_shared<long long>(1743758100);
  std::function<std::chrono::system_clock::time_point()> fn() const {
    return [s = seconds] { return std::chrono::system_clock::time_point(std::chrono::seconds(*s)); };
  }
};

std::string cause_of(tp::source::Fetcher& f, const std::string& url) {
  try {
    f.get(Request{url, {}});
  } catch (const tp::Error& e) {
    return e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a fresh entry (max-age) is served from disk without a request, also by a second run") {
  HttpServer server;
  server.route(
      "/fresh",
      HttpReply{200, {{"Cache-Control", "public, max-age=3600"}, {"Content-Type", "text/plain"}}, "A"});
  TempDir dir;
  FakeClock clock;
  CurlFetcher net(quick());
  {
    CachingFetcher cache(net, CacheMode::Normal, CacheOptions{dir.path, clock.fn(), nullptr});
    auto first = cache.get(Request{server.url("/fresh"), {}});
    CHECK(first.body == "A");
    CHECK_FALSE(first.from_cache);
    auto second = cache.get(Request{server.url("/fresh"), {}});
    CHECK(second.body == "A");
    CHECK(second.status == 200);
    CHECK(second.from_cache);
    CHECK(second.header("content-type") == "text/plain");
    CHECK(second.final_url == server.url("/fresh"));
  }
  CachingFetcher next_run(net, CacheMode::Normal, CacheOptions{dir.path, clock.fn(), nullptr});
  CHECK(next_run.get(Request{server.url("/fresh"), {}}).from_cache);
  CHECK(server.count("/fresh") == 1);
  CHECK(dir.files() == 1);  // no temporary files left behind
  CHECK(fs::exists(next_run.entry_path(server.url("/fresh"))));
  CHECK(next_run.entry_path(server.url("/fresh")).filename().string().size() == 64);

  // Past max-age the entry is stale; without validators that means a plain new request.
  *clock.seconds += 3600;
  CHECK_FALSE(next_run.get(Request{server.url("/fresh"), {}}).from_cache);
  CHECK(server.count("/fresh") == 2);
}

TEST_CASE("a stale entry is revalidated: ETag and Last-Modified, 304 serves the stored body") {
  HttpServer server;
  const std::string modified = "Fri, 04 Apr 2025 09:00:00 GMT";
  server.route("/etag", [](const HttpRequest& r) {
    if (r.header("if-none-match") == "\"v1\"") return HttpReply{304, {{"ETag", "\"v1\""}}, ""};
    return HttpReply{200, {{"ETag", "\"v1\""}}, "B"};
  });
  server.route("/modified", [modified](const HttpRequest& r) {
    if (r.header("if-modified-since") == modified)
      return HttpReply{304, {{"Cache-Control", "max-age=60"}}, ""};
    return HttpReply{200, {{"Last-Modified", modified}}, "M"};
  });
  TempDir dir;
  FakeClock clock;
  CurlFetcher net(quick());
  CachingFetcher cache(net, CacheMode::Normal, CacheOptions{dir.path, clock.fn(), nullptr});

  CHECK(cache.get(Request{server.url("/etag"), {}}).body == "B");
  auto again = cache.get(Request{server.url("/etag"), {}});
  CHECK(again.status == 200);
  CHECK(again.body == "B");
  CHECK(again.from_cache);
  auto seen = server.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].header("if-none-match").empty());
  CHECK(seen[1].header("if-none-match") == "\"v1\"");

  CHECK(cache.get(Request{server.url("/modified"), {}}).body == "M");
  auto m = cache.get(Request{server.url("/modified"), {}});
  CHECK(m.body == "M");
  CHECK(m.from_cache);
  CHECK(server.count("/modified") == 2);
  // The 304 brought max-age=60: the entry is now fresh and the next run asks nothing.
  CHECK(cache.get(Request{server.url("/modified"), {}}).from_cache);
  CHECK(server.count("/modified") == 2);
}

TEST_CASE("offline: hits are served, a miss is an error naming --offline") {
  HttpServer server;
  server.route("/page", HttpReply{200, {}, "P"});
  TempDir dir;
  CurlFetcher net(quick());
  CachingFetcher online(net, CacheMode::Normal, CacheOptions{dir.path, {}, nullptr});
  online.get(Request{server.url("/page"), {}});
  CachingFetcher offline(net, CacheMode::Offline, CacheOptions{dir.path, {}, nullptr});
  auto hit = offline.get(Request{server.url("/page"), {}});
  CHECK(hit.body == "P");  // stale (no max-age) but offline serves it anyway
  CHECK(hit.from_cache);
  try {
    offline.get(Request{server.url("/other"), {}});
    FAIL("no error");
  } catch (const tp::Error& e) {
    CHECK(e.code() == tp::ErrorCode::Input);
    CHECK(e.where() == server.url("/other"));
    CHECK(e.message() == "not in the cache (run once without --offline)");
  }
  auto results = offline.get_all({Request{server.url("/page"), {}}, Request{server.url("/other"), {}}});
  REQUIRE(results.size() == 2);
  CHECK(results[0].ok());
  CHECK(results[1].error == server.url("/other") + ": not in the cache (run once without --offline)");
  CHECK(server.count("/page") == 1);
  CHECK(server.count("/other") == 0);
}

TEST_CASE("refresh: ignores even a fresh entry and overwrites it") {
  HttpServer server;
  auto version = std::make_shared<std::atomic<int>>(1);
  server.route("/v", [version](const HttpRequest&) {
    return HttpReply{200, {{"Cache-Control", "max-age=3600"}}, "version " + std::to_string(version->load())};
  });
  TempDir dir;
  CurlFetcher net(quick());
  CachingFetcher normal(net, CacheMode::Normal, CacheOptions{dir.path, {}, nullptr});
  CHECK(normal.get(Request{server.url("/v"), {}}).body == "version 1");
  *version = 2;
  CHECK(normal.get(Request{server.url("/v"), {}}).body == "version 1");
  CachingFetcher refresh(net, CacheMode::Refresh, CacheOptions{dir.path, {}, nullptr});
  auto r = refresh.get(Request{server.url("/v"), {}});
  CHECK(r.body == "version 2");
  CHECK_FALSE(r.from_cache);
  CHECK(server.count("/v") == 2);
  CHECK(normal.get(Request{server.url("/v"), {}}).body == "version 2");
  CHECK(server.count("/v") == 2);
}

TEST_CASE("only 200s are stored; errors pass through; a damaged entry counts as absent") {
  HttpServer server;
  server.route("/400", HttpReply{400, {}, "{}"});
  server.route("/gone", HttpReply{404, {}, ""});
  server.route("/secret", HttpReply{200, {{"Cache-Control", "no-store, max-age=999"}}, "S"});
  server.route("/ok", HttpReply{200, {{"Cache-Control", "max-age=999"}}, "fine"});
  TempDir dir;
  CurlFetcher net(quick());
  CachingFetcher cache(net, CacheMode::Normal, CacheOptions{dir.path, {}, nullptr});
  CHECK(cache.get(Request{server.url("/400"), {}}).status == 400);
  CHECK(cause_of(cache, server.url("/gone")) == "not found or deleted");
  CHECK(cache.get(Request{server.url("/secret"), {}}).body == "S");
  CHECK(dir.files() == 0);

  cache.get(Request{server.url("/ok"), {}});
  std::ofstream(cache.entry_path(server.url("/ok")), std::ios::trunc) << "threadpdf-cache 1\ngarbage";
  auto r = cache.get(Request{server.url("/ok"), {}});
  CHECK(r.body == "fine");
  CHECK_FALSE(r.from_cache);
  CHECK(cache.get(Request{server.url("/ok"), {}}).from_cache);  // rewritten whole
  CHECK(server.count("/ok") == 2);
}

TEST_CASE("get_all through the cache: hits answered locally, the rest in one batch") {
  HttpServer server;
  server.route("/p", [](const HttpRequest& r) {
    return HttpReply{200, {{"Cache-Control", "max-age=999"}}, r.target};
  });
  TempDir dir;
  CurlFetcher net(quick());
  CachingFetcher cache(net, CacheMode::Normal, CacheOptions{dir.path, {}, nullptr});
  cache.get(Request{server.url("/p?1"), {}});
  std::vector<Request> batch = {Request{server.url("/p?1"), {}}, Request{server.url("/p?2"), {}},
                                Request{server.url("/missing"), {}}};
  auto results = cache.get_all(batch);
  REQUIRE(results.size() == 3);
  CHECK(results[0].response->from_cache);
  CHECK(results[0].response->body == "/p?1");
  CHECK(results[1].response->body == "/p?2");
  CHECK_FALSE(results[1].response->from_cache);
  CHECK(results[2].error == server.url("/missing") + ": not found or deleted");
  CHECK(server.count("/p") == 2);
}

TEST_CASE("a cache folder that cannot be written: the fetch works, a warning says why") {
  HttpServer server;
  server.route("/w", HttpReply{200, {}, "W"});
  TempDir dir;
  fs::create_directories(dir.path.parent_path());
  std::ofstream(dir.path) << "a file where the folder should be";
  tp::Diagnostics diags;
  CurlFetcher net(quick());
  CachingFetcher cache(net, CacheMode::Normal, CacheOptions{dir.path, {}, &diags});
  CHECK(cache.get(Request{server.url("/w"), {}}).body == "W");
  REQUIRE(diags.warnings().size() == 1);
  CHECK(diags.warnings()[0].message.starts_with("cannot write to the cache"));
}

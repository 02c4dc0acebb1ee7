// The cache's size limit (least recently used eviction), --clear-cache's reach, and requests with a
// token kept out of the cache: CachingFetcher over the loopback server.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "core/error.h"
#include "source/cache.h"
#include "source/cache_files.h"
#include "source/credentials.h"
#include "source/curl_fetcher.h"
#include "source/sha256.h"
#include "support/http_server.h"

using namespace tp::source;
using tp::test::HttpReply;
using tp::test::HttpServer;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    static std::atomic<int> n{0};
    path = fs::temp_directory_path() /
           ("threadpdf-cache-size-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(path);
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

CurlOptions quick() {
  CurlOptions o;
  o.sleep = [](double) {};
  return o;
}

struct FakeClock {
  std::shared_ptr<long long> seconds = std::make_shared<long long>(1743758100);
  std::function<std::chrono::system_clock::time_point()> fn() const {
    return [s = seconds] { return std::chrono::system_clock::time_point(std::chrono::seconds(*s)); };
  }
};

}  // namespace

TEST_CASE("over its size limit the cache drops the least recently used entries, not the recent ones") {
  HttpServer server;
  // Fresh for an hour: a second get is a cache hit, which counts as a use.
  for (const char* p : {"/a", "/b", "/c", "/d"})
    server.route(p, HttpReply{200, {{"Cache-Control", "max-age=3600"}}, std::string(1000, p[1])});
  Folder dir;
  FakeClock clock;
  CurlFetcher net(quick());
  CacheOptions o;
  o.dir = dir.path;
  o.now = clock.fn();
  // Three entries fit (each is the 1000-byte body and a header of a few hundred bytes); four do not.
  o.max_bytes = 4200;
  CachingFetcher cache(net, CacheMode::Normal, o);
  auto get = [&](const char* p) {
    ++*clock.seconds;  // every use a second later than the one before
    return cache.get(Request{server.url(p), {}});
  };
  get("/a");
  get("/b");
  get("/c");
  CHECK(fs::exists(cache.entry_path(server.url("/a"))));
  CHECK(entries_size(dir.path) <= o.max_bytes);
  CHECK(get("/a").from_cache);  // /a is now the most recently used of the three
  get("/d");                    // over the limit: the oldest use goes first
  CHECK_FALSE(fs::exists(cache.entry_path(server.url("/b"))));
  CHECK(fs::exists(cache.entry_path(server.url("/a"))));
  CHECK(fs::exists(cache.entry_path(server.url("/d"))));
  CHECK(entries_size(dir.path) <= o.max_bytes);
  // The evicted URL is fetched again; the kept one is not.
  const size_t before = server.count("/b");
  CHECK_FALSE(get("/b").from_cache);
  CHECK(server.count("/b") == before + 1);
  CHECK(get("/d").from_cache);
}

TEST_CASE("without a limit nothing is evicted") {
  HttpServer server;
  server.route("/x", HttpReply{200, {}, std::string(5000, 'x')});
  server.route("/y", HttpReply{200, {}, std::string(5000, 'y')});
  Folder dir;
  CurlFetcher net(quick());
  CacheOptions o;
  o.dir = dir.path;
  CachingFetcher cache(net, CacheMode::Normal, o);
  cache.get(Request{server.url("/x"), {}});
  cache.get(Request{server.url("/y"), {}});
  CHECK(entries_size(dir.path) > 10000);
}

TEST_CASE("clear_cache removes entries, temporaries and sessions, and leaves other files alone") {
  Folder dir;
  fs::create_directories(dir.path / "sessions");
  const std::string entry = sha256_hex("https://example.org/a");
  std::ofstream(dir.path / entry) << "threadpdf-cache 2\n";
  std::ofstream(dir.path / (entry + ".tmp-12-0")) << "half";
  std::ofstream(dir.path / "sessions" / "bluesky-0123.json") << "{}";
  std::ofstream(dir.path / "notes.txt") << "mine";
  std::ofstream(dir.path / "ABCDEF") << "mine too";
  CHECK(clear_cache(dir.path) == 3);
  CHECK_FALSE(fs::exists(dir.path / entry));
  CHECK_FALSE(fs::exists(dir.path / "sessions" / "bluesky-0123.json"));
  CHECK(fs::exists(dir.path / "notes.txt"));
  CHECK(fs::exists(dir.path / "ABCDEF"));
  CHECK(clear_cache(dir.path / "absent") == 0);
}

TEST_CASE("a request with a token is neither answered from nor kept in the cache") {
  HttpServer server;
  server.route("/private", [](const tp::test::HttpRequest& q) {
    return HttpReply{
        200, {{"Cache-Control", "max-age=3600"}}, q.header("authorization").empty() ? "public" : "private"};
  });
  Folder dir;
  CurlFetcher net(quick());
  CacheOptions o;
  o.dir = dir.path;
  CachingFetcher cache(net, CacheMode::Normal, o);
  Credentials credentials;
  credentials.add("127.0.0.1:" + std::to_string(server.port()), "s3cret-token");
  AuthFetcher with_token(cache, credentials);
  const std::string url = server.url("/private");
  CHECK(with_token.get(Request{url, {}}).body == "private");
  CHECK_FALSE(fs::exists(cache.entry_path(url)));  // what a token shows stays out of the shared cache
  CHECK(with_token.get(Request{url, {}}).body == "private");
  CHECK(server.count("/private") == 2);
  // A public answer stored before is not served to a request with a token.
  CHECK(cache.get(Request{url, {}}).body == "public");
  CHECK(fs::exists(cache.entry_path(url)));
  CHECK(with_token.get(Request{url, {}}).body == "private");
}

TEST_CASE("a token goes to its own site only: another port, another host, plain http elsewhere get none") {
  Credentials c;
  c.add("Mastodon.Example", "tok-a");
  c.add("127.0.0.1:8080", "tok-b");
  CHECK(c.token_for("https://mastodon.example/api/v1/statuses/1") == "tok-a");
  CHECK(c.token_for("https://MASTODON.example/x") == "tok-a");
  CHECK_FALSE(c.token_for("https://mastodon.example:8443/x"));
  CHECK_FALSE(c.token_for("https://files.mastodon.example/x"));
  CHECK_FALSE(c.token_for("https://mastodon.example.evil.example/x"));
  CHECK_FALSE(c.token_for("http://mastodon.example/x"));  // would cross the network readable
  CHECK(c.token_for("http://127.0.0.1:8080/x") == "tok-b");
  CHECK_FALSE(c.token_for("http://127.0.0.1:8081/x"));
  CHECK_FALSE(c.token_for("not a url"));

  CHECK(Credentials::env_name("mastodon.example") == "THREADPDF_TOKEN_MASTODON_EXAMPLE");
  CHECK(Credentials::env_name("127.0.0.1:8080") == "THREADPDF_TOKEN_127_0_0_1_8080");
  Credentials e;
  e.add_from_environment({"HOME=/root", "THREADPDF_TOKEN_SOCIAL_EXAMPLE=tok-env", "THREADPDF_TOKEN_EMPTY="});
  CHECK(e.token_for("https://social.example/x") == "tok-env");
  CHECK_FALSE(e.token_for("https://empty/x"));
  e.add("social.example", "tok-option");  // --token wins over the environment
  CHECK(e.token_for("https://social.example/x") == "tok-option");

  try {
    c.add("host", "bad token");
    FAIL("a token with a space was accepted");
  } catch (const tp::Error& err) {
    CHECK(std::string(err.what()).find("bad token") == std::string::npos);
  }
}

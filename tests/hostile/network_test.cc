// Servers that misbehave on purpose: hosts that accept and never answer or trickle a byte at a time
// (bounded by the low-speed limit and the deadlines per picture and per thread, set short through
// THREADPDF_HTTP_*; no wall-clock threshold here), damaged cache entries, redirects from a public
// address into the local network, and compressed bodies that do not decode. The real binary runs
// under process.h's CPU and memory limits; the redirect rule is also tested on CurlFetcher with a
// second loopback address playing a public server.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "app/process.h"
#include "core/error.h"
#include "media/write.h"
#include "source/address.h"
#include "source/cache.h"
#include "source/curl_fetcher.h"
#include "support/checks.h"
#include "support/http_server.h"

using namespace tp::test;
using tp::source::address_scope;
using tp::source::AddressScope;
using tp::source::redirect_allowed;
namespace fs = std::filesystem;

namespace {

const std::string kStatus = R"({"id": "113000000000000001", "created_at": "2026-11-20T08:00:00.000Z",
  "url": "https://social.example/@ana/113000000000000001", "content": "<p>Trains at night.</p>",
  "visibility": "public", "in_reply_to_id": null, "in_reply_to_account_id": null,
  "account": {"id": "1", "username": "ana", "acct": "ana", "display_name": "Ana",
              "url": "https://social.example/@ana", "avatar": ""},
  "media_attachments": [], "mentions": [], "tags": [], "emojis": [], "card": null, "poll": null,
  "reblog": null, "spoiler_text": "", "sensitive": false, "replies_count": 0})";
const std::string kContext = R"({"ancestors": [], "descendants": []})";

// A thread file whose pictures are `host` (a base URL) + "/p1.png" .. "/p<n>.png".
std::string thread_with_pictures(const std::string& host, int n = 3) {
  std::string media;
  for (int i = 1; i <= n; ++i)
    media += std::string(i > 1 ? ", " : "") + R"({"kind": "image", "src": ")" + host + "/p" +
             std::to_string(i) + R"(.png", "alt": "picture )" + std::to_string(i) +
             R"(", "width": 800, "height": 566})";
  return R"({"format": "threadpdf-thread/1",
 "source": {"platform": "json", "url": null, "captured_at": "2026-11-24T09:30:00Z"},
 "author": {"name": "Ada Example", "handle": "@ada.example.org"},
 "posts": [{"id": "1", "text": "Pictures from one host.", "media": [)" +
         media + "]}]}";
}

std::string picture(int i) { return "/p" + std::to_string(i) + ".png"; }

// A small grey PNG.
std::string png() {
  tp::Raster r;
  r.encoding = tp::Raster::Encoding::Gray8;
  r.width = r.height = 8;
  r.data.assign(64, '\x80');
  return tp::media::write_png(r);
}

// An env(1) prefix (run_limited execs the command): its own cache, a fixed date, and per-attempt limits so
// long that only the limit under test ends a stalled transfer (a run that ignored it would not finish within
// ctest's timeout).
std::string env(const TempDir& dir, const std::string& limits) {
  return "env XDG_CACHE_HOME=" + dir / "cache" +
         " SOURCE_DATE_EPOCH=1795512600 THREADPDF_HTTP_TIMEOUT=3600 "
         "THREADPDF_HTTP_BACKOFF=0.05 " +
         limits + " ";
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void serve_status(HttpServer& server) {
  server.route("/api/v1/statuses/113000000000000001",
               HttpReply{200, {{"Content-Type", "application/json"}}, kStatus});
  server.route("/api/v1/statuses/113000000000000001/context",
               HttpReply{200, {{"Content-Type", "application/json"}}, kContext});
}

}  // namespace

TEST_CASE("a picture host that accepts and never answers costs one picture deadline, and the PDF is made") {
  HttpServer server;
  for (int i = 1; i <= 8; ++i) server.route(picture(i), HttpReply{200, {}, "", std::chrono::minutes(10)});
  TempDir dir;
  write_file(dir / "t.json", thread_with_pictures(server.url(""), 8));
  // Low-speed checks off (0 bytes/s): only the deadline per picture can end these transfers.
  Ran r = run_limited(env(dir, "THREADPDF_HTTP_LOW_SPEED=0 THREADPDF_HTTP_PICTURE_DEADLINE=2") + threadpdf() +
                      " " + dir / "t.json -o " + dir / "t.pdf");
  CHECK(r.status == 3);  // written, without the pictures: incomplete
  CHECK(fs::exists(dir / "t.pdf"));
  for (int i = 1; i <= 8; ++i) CHECK(r.err.find(server.url(picture(i)) + ": timed out") != std::string::npos);
  CHECK(count_of(r.err, "warning: ") == 8);
  // Two at once to one host: once those two ran out of time, the six queued behind them were
  // never sent.
  CHECK(server.requests().size() == 2);
}

TEST_CASE("pictures queued behind others to a healthy host have their whole deadline") {
  HttpServer server;
  for (int i = 1; i <= 16; ++i)
    server.route(picture(i),
                 HttpReply{200, {{"Content-Type", "image/png"}}, png(), std::chrono::milliseconds(300)});
  TempDir dir;
  write_file(dir / "t.json", thread_with_pictures(server.url(""), 16));
  // Two at a time, 0.3 s each: the last two start 2.1 s after the first, past the deadline had it
  // been counted from the request for all sixteen; each alone has 1.7 s to spare.
  Ran r = run_limited(env(dir, "THREADPDF_HTTP_PICTURE_DEADLINE=2") + threadpdf() + " " + dir / "t.json -o " +
                      dir / "t.pdf");
  CHECK(r.status == 0);
  CHECK(r.err == "");
  CHECK(server.requests().size() == 16);
}

TEST_CASE("a picture host that trickles is cut off by the low-speed limit") {
  HttpServer server;
  for (int i = 1; i <= 3; ++i)
    server.route(picture(i), HttpReply{200, {}, "", {}, Behaviour::Trickle, 100000});
  TempDir dir;
  write_file(dir / "t.json", thread_with_pictures(server.url("")));
  Ran r = run_limited(
      env(dir, "THREADPDF_HTTP_LOW_SPEED=100 THREADPDF_HTTP_LOW_SPEED_TIME=1 THREADPDF_HTTP_RETRIES=1") +
      threadpdf() + " " + dir / "t.json -o " + dir / "t.pdf");
  CHECK(r.status == 3);  // written, without the pictures: incomplete
  CHECK(fs::exists(dir / "t.pdf"));
  CHECK(count_of(r.err, ": timed out\n") == 3);
  CHECK(server.count(picture(1)) == 2);  // the first attempt and one retry
}

TEST_CASE("an API server that accepts and never answers: the low-speed limit ends each attempt") {
  HttpServer server;
  server.route("/api/v1/statuses/113000000000000001", HttpReply{200, {}, "{}", std::chrono::minutes(10)});
  TempDir dir;
  Ran r = run_limited(env(dir, "THREADPDF_HTTP_LOW_SPEED_TIME=1 THREADPDF_HTTP_RETRIES=2") + threadpdf() +
                      " " + server.url("/@ana/113000000000000001") + " -o " + dir / "x.pdf");
  CHECK(r.status == 1);
  // The error names the URL typed; the API address only with -v.
  CHECK(r.err == server.url("/@ana/113000000000000001") + ": timed out\n");
  CHECK(server.count("/api/v1/statuses/113000000000000001") == 3);
  CHECK_FALSE(fs::exists(dir / "x.pdf"));
}

TEST_CASE(
    "a thread whose server answers just fast enough for the low-speed limit ends at the thread deadline") {
  HttpServer server;
  server.route("/api/v1/statuses/113000000000000001", HttpReply{200, {}, "", {}, Behaviour::Trickle, 100000});
  TempDir dir;
  Ran r =
      run_limited(env(dir,
                      "THREADPDF_HTTP_LOW_SPEED=1 THREADPDF_HTTP_LOW_SPEED_TIME=1 THREADPDF_HTTP_RETRIES=4 "
                      "THREADPDF_HTTP_THREAD_DEADLINE=2") +
                  threadpdf() + " " + server.url("/@ana/113000000000000001") + " -o " + dir / "x.pdf");
  CHECK(r.status == 1);
  CHECK(r.err == server.url("/@ana/113000000000000001") + ": timed out\n");
  CHECK(server.count("/api/v1/statuses/113000000000000001") == 1);  // no retry after the deadline
  CHECK_FALSE(fs::exists(dir / "x.pdf"));
}

TEST_CASE("the limits are settable, and a value out of range is a usage error naming the variable") {
  TempDir dir;
  write_file(dir / "t.txt", "1/ One post.\n• • •\n");
  for (const char* bad : {"THREADPDF_HTTP_LOW_SPEED=-1", "THREADPDF_HTTP_LOW_SPEED_TIME=0",
                          "THREADPDF_HTTP_PICTURE_DEADLINE=soon", "THREADPDF_HTTP_THREAD_DEADLINE=0"}) {
    CAPTURE(bad);
    Ran r =
        run_limited("env " + std::string(bad) + " " + threadpdf() + " " + dir / "t.txt -o " + dir / "t.pdf");
    CHECK(r.status == 2);
    CHECK(r.err.rfind(std::string(bad).substr(0, std::string(bad).find('=')) + ": expected a number from",
                      0) == 0);
  }
}

TEST_CASE("a damaged cache entry: fetched again online, 'cache entry damaged' offline") {
  HttpServer server;
  serve_status(server);
  TempDir dir;
  const std::string url = server.url("/@ana/113000000000000001");
  const std::string cmd = threadpdf() + " " + url + " -o " + dir / "x.pdf";
  REQUIRE(run_limited(env(dir, "") + cmd).status == 0);
  REQUIRE(run_limited(env(dir, "") + cmd + " --offline").status == 0);

  // Every entry loses its last byte, as a copy cut short or a full disk would leave it.
  size_t entries = 0;
  for (const auto& f : fs::recursive_directory_iterator(dir / "cache")) {
    if (!f.is_regular_file()) continue;
    fs::resize_file(f.path(), fs::file_size(f.path()) - 1);
    ++entries;
  }
  REQUIRE(entries == 2);
  Ran offline = run_limited(env(dir, "") + cmd + " --offline");
  CHECK(offline.status == 1);
  CHECK(offline.err == url + ": cache entry damaged (run once without --offline to fetch it again)\n");
  Ran verbose = run_limited(env(dir, "") + cmd + " --offline -v");
  CHECK(verbose.err == url +
                           ": cache entry damaged (run once without --offline to fetch it again) (fetching " +
                           server.url("/api/v1/statuses/113000000000000001") + ")\n");

  // One changed byte of the same length is caught by the checksum.
  for (const auto& f : fs::recursive_directory_iterator(dir / "cache")) {
    if (!f.is_regular_file()) continue;
    std::string bytes = read_file(f.path().string()) + "}";
    bytes[bytes.size() - 2] = bytes[bytes.size() - 2] == 'x' ? 'y' : 'x';
    write_file(f.path().string(), bytes);
  }
  offline = run_limited(env(dir, "") + cmd + " --offline");
  CHECK(offline.status == 1);
  CHECK(offline.err.find(": cache entry damaged") != std::string::npos);

  const size_t before = server.requests().size();
  Ran online = run_limited(env(dir, "") + cmd);
  CHECK(online.status == 0);
  CHECK(server.requests().size() == before + 2);                      // both fetched again
  CHECK(run_limited(env(dir, "") + cmd + " --offline").status == 0);  // and stored whole again
}

TEST_CASE("the redirect rule: public to local refused, everything else allowed") {
  for (const char* local : {"127.0.0.1",
                            "127.9.9.9",
                            "10.1.2.3",
                            "172.16.0.1",
                            "172.31.255.255",
                            "192.168.1.1",
                            "169.254.169.254",
                            "100.64.0.1",
                            "0.0.0.0",
                            "::1",
                            "::",
                            "fe80::1",
                            "fe80::1%eth0",
                            "fd00::1",
                            "fc00::5",
                            "::ffff:127.0.0.1",
                            "::ffff:10.0.0.1",
                            "64:ff9b::a00:1",
                            "not an ip",
                            ""}) {
    CAPTURE(local);
    CHECK(address_scope(local) == AddressScope::Local);
  }
  for (const char* pub : {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1",
                          "11.0.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"}) {
    CAPTURE(pub);
    CHECK(address_scope(pub) == AddressScope::Public);
  }
  CHECK_FALSE(redirect_allowed(AddressScope::Public, AddressScope::Local));
  CHECK(redirect_allowed(AddressScope::Public, AddressScope::Public));
  CHECK(redirect_allowed(AddressScope::Local, AddressScope::Local));
  CHECK(redirect_allowed(AddressScope::Local, AddressScope::Public));
}

TEST_CASE("curl: a redirect from a public server into the local network is refused before it is sent") {
  // 127.0.0.2 plays a server on the internet; 127.0.0.1 the machine's own services.
  HttpServer inside;
  HttpServer outside("127.0.0.2");
  inside.route("/secret", HttpReply{200, {}, "the router's admin page"});
  outside.route("/to-inside", HttpReply{302, {{"Location", inside.url("/secret")}}, ""});
  outside.route("/to-outside", HttpReply{302, {{"Location", outside.url("/page")}}, ""});
  outside.route("/page", HttpReply{200, {}, "public page"});
  inside.route("/hop", HttpReply{302, {{"Location", inside.url("/secret")}}, ""});
  tp::source::CurlOptions o;
  o.retries = 0;
  o.scope = [](const std::string& ip) {
    return ip == "127.0.0.2" ? AddressScope::Public : address_scope(ip);
  };
  tp::source::CurlFetcher fetcher(o);

  CHECK(error_of([&] {
          fetcher.get({outside.url("/to-inside"), {}});
        }) == outside.url("/to-inside") + ": redirect to a local address refused (127.0.0.1)");
  CHECK(inside.count("/secret") == 0);
  auto all = fetcher.get_all({{outside.url("/to-inside"), {}}, {outside.url("/to-outside"), {}}});
  CHECK(all[0].error == outside.url("/to-inside") + ": redirect to a local address refused (127.0.0.1)");
  REQUIRE(all[1].ok());
  CHECK(all[1].response->body == "public page");
  // A request that started inside may stay inside.
  CHECK(fetcher.get({inside.url("/hop"), {}}).body == "the router's admin page");
  CHECK(inside.count("/secret") == 1);
}

TEST_CASE("a body that is not the gzip it claims: 'invalid compressed response', not 'connection failed'") {
  HttpServer server;
  server.route("/bad", HttpReply{200,
                                 {{"Content-Encoding", "gzip"}, {"Content-Type", "application/json"}},
                                 "this is not gzip at all, only text pretending"});
  serve_status(server);
  server.route(
      "/api/v1/statuses/113000000000000001/context",
      HttpReply{
          200, {{"Content-Encoding", "gzip"}, {"Content-Type", "application/json"}}, "{\"ancestors\": []"});
  tp::source::CurlOptions o;
  o.retries = 0;
  tp::source::CurlFetcher fetcher(o);
  CHECK(error_of([&] {
          fetcher.get({server.url("/bad"), {}});
        }) == server.url("/bad") + ": invalid compressed response");

  TempDir dir;
  Ran r = run_limited(env(dir, "") + threadpdf() + " " + server.url("/@ana/113000000000000001") + " -o " +
                      dir / "x.pdf");
  CHECK(r.status == 1);
  CHECK(r.err == server.url("/@ana/113000000000000001") + ": invalid compressed response\n");
}

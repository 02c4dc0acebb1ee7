// End to end: the real threadpdf binary fetching threads by URL from the loopback FakeWeb, with
// --api-base pointing every platform at 127.0.0.1; the PDFs read back with pdftotext, pdfimages and
// qpdf. Nothing here contacts any address but 127.0.0.1.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/checks.h"
#include "app/process.h"
#include "support/fake_web.h"

using namespace tp::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kZofia = "did:plc:zofia4example7sunflower2a";

// The environment every run gets: its own cache, a fixed date, short network limits.
std::string env(const TempDir& dir) {
  return "XDG_CACHE_HOME=" + dir / "cache" +
         " SOURCE_DATE_EPOCH=1795512600 THREADPDF_HTTP_TIMEOUT=2 "
         "THREADPDF_HTTP_RETRIES=2 THREADPDF_HTTP_BACKOFF=0.05 THREADPDF_HTTP_MAX_WAIT=5 ";
}

std::string bases(FakeWeb& web) {
  return " --api-base bluesky=" + web.base() + " --api-base x=" + web.base() +
         " --api-base threadreader=" + web.base();
}

struct Converted {
  Ran ran;
  std::string pdf, json_path;
};

Converted convert(FakeWeb& web, const TempDir& dir, const std::string& url, const std::string& extra = "") {
  Converted c{{}, dir / "out.pdf", dir / "out.json"};
  c.ran = run(env(dir) + threadpdf() + " '" + url + "' -o " + c.pdf + " --json " + c.json_path + bases(web) +
              " " + extra);
  return c;
}

std::vector<std::string> post_texts(const std::string& json_path) {
  json j = json::parse(read_file(json_path));
  std::vector<std::string> out;
  for (const auto& p : j["posts"])
    out.push_back(p.value("deleted", false) ? "<deleted>" : p["text"].get<std::string>());
  return out;
}

std::string pdf_text(const std::string& pdf) { return squash(run("pdftotext -enc UTF-8 " + pdf + " -").out); }

// True when each of `words` occurs in `text`, in this order.
bool in_order(const std::string& text, const std::vector<std::string>& words) {
  size_t at = 0;
  for (const auto& w : words) {
    size_t found = text.find(w, at);
    if (found == std::string::npos) {
      MESSAGE("not found in order: " << w);
      return false;
    }
    at = found + w.size();
  }
  return true;
}

int image_count(const std::string& pdf) {
  Ran r = run("pdfimages -list " + pdf + " | tail -n +3 | awk '$3 == \"image\"' | wc -l");
  return std::atoi(r.out.c_str());
}

// Widths of the pictures (not soft masks) pdfimages lists.
std::vector<int> image_widths(const std::string& pdf) {
  Ran r = run("pdfimages -list " + pdf + " | tail -n +3 | awk '$3 == \"image\" {print $4}'");
  std::vector<int> out;
  std::istringstream in(r.out);
  for (int w; in >> w;) out.push_back(w);
  return out;
}

std::string qpdf_json(const std::string& pdf) {
  Ran check = run("qpdf --check " + pdf);
  CHECK_MESSAGE(check.status == 0, check.out);
  return run("qpdf --json " + pdf).out;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    out.push_back(s.substr(pos, nl - pos));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

}  // namespace

// libcurl is opened with dlopen when a URL is first parsed or fetched (source/curl_library.h): a local
// conversion must not pay for loading it and its libraries. The dynamic loader's own trace
// (LD_DEBUG=files, on standard error) names every object it maps; the URL run shows the check sees it.
TEST_CASE("libcurl is loaded by a conversion of a URL, never by one of a local file") {
  TempDir dir;
  Ran local = run(env(dir) + "LD_DEBUG=files " + threadpdf() + " " + TP_SOURCE_DIR +
                  "/examples/world-scripts.json -o " + dir / "local.pdf");
  REQUIRE_MESSAGE(local.status == 0, local.err);
  CHECK(local.err.find("file=libhpdf") != std::string::npos);  // the trace is there, and read
  CHECK(local.err.find("libcurl") == std::string::npos);

  FakeWeb web;
  web.serve_bluesky();
  Ran fetched = run(env(dir) + "LD_DEBUG=files " + threadpdf() +
                    " 'https://bsky.app/profile/zofia.example.com/post/3kp4a22222222' -o " + dir / "url.pdf" +
                    bases(web));
  REQUIRE_MESSAGE(fetched.status == 0, fetched.err);
  CHECK(fetched.err.find("file=libcurl.so.4") != std::string::npos);
}

TEST_CASE("a libcurl that cannot be loaded is one line naming it, exit 1, no PDF") {
  TempDir dir;
  write_file(dir / "libcurl.so.4", "not a shared object");  // found first through LD_LIBRARY_PATH
  Ran r = run(env(dir) + "LD_LIBRARY_PATH=" + dir.path() + " " + threadpdf() +
              " 'https://bsky.app/profile/zofia.example.com/post/3kp4a22222222' -o " + dir / "url.pdf");
  CHECK(r.status == 1);
  CHECK(r.err.starts_with("libcurl.so.4: cannot be loaded ("));
  CHECK(r.err.find("libcurl4") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(!fs::exists(dir / "url.pdf"));
}

TEST_CASE("bluesky: from a post after the deleted one, the whole thread, the deleted post numbered") {
  FakeWeb web;
  web.serve_bluesky();
  TempDir dir;
  Converted c = convert(web, dir, "https://bsky.app/profile/zofia.example.com/post/3kp4a22222222");
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  CHECK(post_texts(c.json_path) ==
        std::vector<std::string>{
            "🌻 Sonnenblumen-Tagebuch, Teil 1. Danke an @karim.bsky.social für die Samen! #garten",
            post_texts(c.json_path)[1], "<deleted>", "Woche 6: größer als ich 📏 Karims Tipp dazu:",
            "Die Bienen 🐝 (Video)", "Ernte! 🌰 Danke fürs Mitlesen. #garten #урожай"});
  json j = json::parse(read_file(c.json_path));
  CHECK(j["source"]["platform"] == "bluesky");
  CHECK(j["source"]["url"] == "https://bsky.app/profile/zofia.example.com/post/3kp4a22222222");
  CHECK(j["source"]["captured_at"] == "2026-11-24T09:30:00Z");
  for (const auto& p : j["posts"])
    CHECK(p["url"].get<std::string>().rfind("https://bsky.app/profile/", 0) == 0);
  std::string text = pdf_text(c.pdf);
  CHECK(in_order(text, {"Sonnenblumen-Tagebuch", "Mein Nachbar", "Woche 6", "Die Bienen", "Ernte!"}));
  // Karim's replies and Zofia's answer to him, and her second branch, are not the thread.
  CHECK(text.find("Schön!") == std::string::npos);
  CHECK(text.find("How tall") == std::string::npos);
  CHECK(text.find("second branch") == std::string::npos);
  CHECK(image_count(c.pdf) >= 3);
  std::string q = qpdf_json(c.pdf);
  CHECK(q.find("u:https://bsky.app/profile/zofia.example.com/post/3kp4a22222222") != std::string::npos);
  CHECK(q.find("/ext/example.org/sunflowers/heliotropism") != std::string::npos);
  // The anchor, the root (across the gap), and the root chain's last post again: its replyCount
  // still counts the deleted reply, which looks like a depth cap. That last one finds nothing new.
  CHECK(web.server().count("/xrpc/app.bsky.feed.getPostThread") == 3);
  // The author's feed holds nothing new: the post below the gap is already known.
  CHECK(web.server().count("/xrpc/app.bsky.feed.getAuthorFeed") == 2);
  CHECK(c.ran.err.find("may continue") == std::string::npos);
}

TEST_CASE(
    "bluesky: from the root or a post above the deleted one, the rest found through the author's feed") {
  const std::vector<std::string> expected{
      "🌻 Sonnenblumen-Tagebuch, Teil 1. Danke an @karim.bsky.social für die Samen! #garten",
      "",
      "<deleted>",
      "Woche 6: größer als ich 📏 Karims Tipp dazu:",
      "Die Bienen 🐝 (Video)",
      "Ernte! 🌰 Danke fürs Mitlesen. #garten #урожай"};
  for (const char* rkey : {"3kroot2222222", "3kp2a22222222"}) {
    CAPTURE(rkey);
    FakeWeb web;
    web.serve_bluesky();
    TempDir dir;
    Converted c = convert(web, dir, std::string("https://bsky.app/profile/zofia.example.com/post/") + rkey);
    REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
    std::vector<std::string> texts = post_texts(c.json_path);
    REQUIRE(texts.size() == 6);
    CHECK(texts[1].rfind("Mein Nachbar sagt", 0) == 0);
    texts[1].clear();
    CHECK(texts == expected);
    json j = json::parse(read_file(c.json_path));
    CHECK(j["posts"][2]["id"] == "at://" + kZofia + "/app.bsky.feed.post/3kp3deleted22");
    CHECK(c.ran.err.find("may continue") == std::string::npos);
    std::string text = pdf_text(c.pdf);
    CHECK(in_order(text, {"Sonnenblumen-Tagebuch", "Mein Nachbar", "This post is unavailable", "Woche 6",
                          "Die Bienen", "Ernte!"}));
    // The numbers count the deleted post: the outline says so.
    std::string q = qpdf_json(c.pdf);
    CHECK(q.find("3/6 \u00b7 (deleted)") != std::string::npos);
    CHECK(q.find("4/6 \u00b7 Woche 6") != std::string::npos);
    // Neither the other branch, Zofia's answer to Karim, nor her reply under Karim's deleted post.
    CHECK(text.find("second branch") == std::string::npos);
    CHECK(text.find("two metres") == std::string::npos);
    CHECK(text.find("Schade") == std::string::npos);
    // Both pages of the feed (the first ends after the deleted post's time), then one request
    // anchored below the gap.
    CHECK(web.server().count("/xrpc/app.bsky.feed.getAuthorFeed") == 2);
    CHECK(web.server().count("/xrpc/app.bsky.feed.getPostThread") == 3);
  }
}

TEST_CASE("bluesky: when the author's feed cannot be read, a warning says the thread may continue") {
  FakeWeb web;
  web.serve_bluesky();
  web.server().route("/xrpc/app.bsky.feed.getAuthorFeed", HttpReply{503, {}, "down"});
  TempDir dir;
  Converted c = convert(web, dir, "https://bsky.app/profile/zofia.example.com/post/3kroot2222222");
  REQUIRE_MESSAGE(c.ran.status == 3, c.ran.err);  // written, but it may lack posts
  CHECK(post_texts(c.json_path).size() == 2);
  CHECK(c.ran.err.find(
            "the thread may continue after a deleted post: the author's posts could not be searched: " +
            web.base() +
            "/xrpc/app.bsky.feed.getAuthorFeed?actor=did%3Aplc%3Azofia4example7sunflower2a"
            "&filter=posts_with_replies&limit=100: server error 503") != std::string::npos);
}

TEST_CASE("bluesky: a thread with no missing post never asks for the author's feed") {
  FakeWeb web;
  web.serve_bluesky();
  // Were the feed asked for, its failure would be a warning and exit status 3.
  web.server().route("/xrpc/app.bsky.feed.getAuthorFeed", HttpReply{503, {}, "down"});
  TempDir dir;
  Converted c = convert(web, dir, "https://bsky.app/profile/mira.example.com/post/3lp1aaaaaaaaa");
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  CHECK(post_texts(c.json_path).size() == 4);
  CHECK(web.server().count("/xrpc/app.bsky.feed.getAuthorFeed") == 0);
  CHECK(web.server().count("/xrpc/app.bsky.feed.getPostThread") == 1);
  CHECK(c.ran.err.find("deleted") == std::string::npos);
  CHECK(c.ran.err.find("may continue") == std::string::npos);
}

TEST_CASE("mastodon: from the first, a middle and the last post, the same four posts") {
  FakeWeb web;
  web.serve_mastodon();
  std::vector<std::string> first;
  for (const char* id : {"112000000000000010", "112000000000000030", "112000000000000040"}) {
    TempDir dir;
    Converted c = convert(web, dir, web.base() + "/@ana/" + id);
    REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
    std::vector<std::string> texts = post_texts(c.json_path);
    REQUIRE(texts.size() == 4);
    CHECK(texts[0] == "Ein Faden über Sonnenblumen 🌻 :sunflower:\n\nZweiter Absatz mit #garten & mehr");
    if (first.empty()) first = texts;
    CHECK(texts == first);
    std::string text = pdf_text(c.pdf);
    CHECK(in_order(text, {"Ein Faden", "Danke", "Ergebnis"}));
    CHECK(text.find("Meine sind erst") == std::string::npos);  // Bea's self-reply
    CHECK(text.find("zweiter Zweig") == std::string::npos);    // Ana's second branch
    // The 2400-pixel photo is scaled to 200 dpi at a column's width (A4: under 1,500 pixels); the
    // small PNG is left alone.
    std::vector<int> widths = image_widths(c.pdf);
    CHECK(std::find(widths.begin(), widths.end(), 64) != widths.end());
    for (int w : widths) CHECK(w < 1500);
  }
}

TEST_CASE("mastodon: a chain deeper than one context reaches its end through the last post's context") {
  FakeWeb web;
  web.serve_mastodon_chain(30, 20);
  std::vector<std::string> expected;
  for (int n = 1; n <= 30; ++n) expected.push_back("Teil " + std::to_string(n));
  auto contexts = [&] {
    size_t n = 0;
    for (int i = 1; i <= 30; ++i)
      n += web.server().count("/api/v1/statuses/" + FakeWeb::mastodon_chain_id(i) + "/context");
    return n;
  };
  // From the first post its own context stops 20 levels down, at post 21, whose context holds the
  // rest; from post 15 or 30 one context reaches both ends.
  for (auto [post, requests] : std::vector<std::pair<int, size_t>>{{1, 2}, {15, 1}, {30, 1}}) {
    CAPTURE(post);
    size_t before = contexts();
    TempDir dir;
    Converted c = convert(web, dir, web.base() + "/@ana/" + FakeWeb::mastodon_chain_id(post));
    REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
    CHECK(post_texts(c.json_path) == expected);
    CHECK(c.ran.err.find("may continue") == std::string::npos);
    CHECK(contexts() - before == requests);
    if (post == 1) {
      CHECK(web.server().count("/api/v1/statuses/" + FakeWeb::mastodon_chain_id(21) + "/context") == 1);
      CHECK(in_order(pdf_text(c.pdf), {"Teil 20", "Teil 21", "Teil 22", "Teil 30"}));
      CHECK(pdf_text(c.pdf).find("Bea hier") == std::string::npos);
    }
  }
}

TEST_CASE("mastodon: a thread longer than one context's 40 ancestors, pasted at its end, has no gap") {
  FakeWeb web;
  web.serve_mastodon_chain(50, 20);
  std::vector<std::string> expected;
  for (int n = 1; n <= 50; ++n) expected.push_back("Teil " + std::to_string(n));
  TempDir dir;
  Converted c = convert(web, dir, web.base() + "/@ana/" + FakeWeb::mastodon_chain_id(50));
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  CHECK(post_texts(c.json_path) == expected);
  CHECK(c.ran.err.find("deleted") == std::string::npos);
  // The last post's context reaches post 10; post 10's context holds posts 1 to 9.
  CHECK(web.server().count("/api/v1/statuses/" + FakeWeb::mastodon_chain_id(50) + "/context") == 1);
  CHECK(web.server().count("/api/v1/statuses/" + FakeWeb::mastodon_chain_id(10) + "/context") == 1);
}

TEST_CASE("mastodon: a boost is followed to the boosted status before its context is asked for") {
  FakeWeb web;
  web.serve_mastodon_chain(12, 20);
  std::vector<std::string> expected;
  for (int n = 1; n <= 12; ++n) expected.push_back("Teil " + std::to_string(n));
  TempDir dir;
  Converted c = convert(web, dir, web.base() + "/@cai/" + FakeWeb::kMastodonBoostId);
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  CHECK(post_texts(c.json_path) == expected);
  json j = json::parse(read_file(c.json_path));
  CHECK(j["author"]["handle"].get<std::string>().rfind("@ana", 0) == 0);
  CHECK(web.server().count("/api/v1/statuses/" + std::string(FakeWeb::kMastodonBoostId) + "/context") == 0);
  CHECK(web.server().count("/api/v1/statuses/" + FakeWeb::mastodon_chain_id(12) + "/context") == 1);
}

TEST_CASE("mastodon: at most 20 context requests, then a warning that the thread may continue") {
  FakeWeb web;
  web.serve_mastodon_chain(25, 1);  // a server whose context lists only direct replies
  TempDir dir;
  Converted c = convert(web, dir, web.base() + "/@ana/" + FakeWeb::mastodon_chain_id(1));
  REQUIRE_MESSAGE(c.ran.status == 3, c.ran.err);  // written, but cut short
  std::vector<std::string> texts = post_texts(c.json_path);
  REQUIRE(texts.size() == 21);
  CHECK(texts.back() == "Teil 21");
  CHECK(c.ran.err.find("the thread may continue after status " + FakeWeb::mastodon_chain_id(21) +
                       ": stopped after 20 context requests") != std::string::npos);
  size_t contexts = 0;
  for (int n = 1; n <= 25; ++n)
    contexts += web.server().count("/api/v1/statuses/" + FakeWeb::mastodon_chain_id(n) + "/context");
  CHECK(contexts == 20);
}

TEST_CASE("x: from the last post, walking up; Thread Reader App adds the post after it") {
  FakeWeb web;
  web.serve_x();
  web.serve_threadreader();
  TempDir dir;
  Converted c = convert(web, dir, "https://x.com/leila_example/status/1874097816571961839?s=20");
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  CHECK(post_texts(c.json_path) ==
        std::vector<std::string>{
            "Great question! A thread 🧵 on bread & sourdough #sauerteig 1/",
            "Step 2: خبز needs a starter 🍞 fed every 12h. Guide: example.com/starter-guide-… #baking",
            "Step 3: knead, as @tomasz_example says 👇 x.com/tomasz_example/…",
            "Done <3 Recipe card: bread.example/recipe ❤️",
            "P.S. the crumb, a day later:\n\nstill soft. browser tip: bake at 250 °C."});
  CHECK(c.ran.err.find("ends at the given post") == std::string::npos);
  CHECK(in_order(pdf_text(c.pdf), {"Great question", "Step 2", "Step 3", "Done <3", "P.S. the crumb"}));
  CHECK(image_count(c.pdf) >= 2);
  CHECK(qpdf_json(c.pdf).find("u:https://x.com/leila_example/status/1874097816571961000") !=
        std::string::npos);
  // Without Thread Reader App: the walk up only, and a warning that says so.
  FakeWeb alone;
  alone.serve_x();
  TempDir dir2;
  Converted d = convert(alone, dir2, "https://x.com/leila_example/status/1874097816571961839");
  REQUIRE_MESSAGE(d.ran.status == 3, d.ran.err);  // a thread cut at the given post is incomplete
  CHECK(post_texts(d.json_path).size() == 4);
  CHECK(d.ran.err.find("the PDF ends at the given post") != std::string::npos);
}

TEST_CASE("thread reader app: the page becomes the thread; chrome and other threads do not") {
  FakeWeb web;
  web.serve_threadreader();
  TempDir dir;
  Converted c = convert(web, dir, "https://threadreaderapp.com/thread/1874097816571961000.html");
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  std::vector<std::string> texts = post_texts(c.json_path);
  REQUIRE(texts.size() == 5);
  CHECK(texts[0] == "Great question! A thread 🧵 on bread & sourdough #sauerteig 1/");
  CHECK(texts[3] == "Done <3 Recipe card: bread.example/recipe ❤️");
  json j = json::parse(read_file(c.json_path));
  CHECK(j["author"]["handle"] == "@leila_example");
  CHECK(j["author"]["name"] == "Leila ليلى");
  CHECK(j["posts"][1]["media"].size() == 1);
  CHECK(j["posts"][2]["quote"]["text"] == "Knead until it windows. — Tomasz");
  std::string text = pdf_text(c.pdf);
  CHECK(text.find("pasta") == std::string::npos);
  CHECK(text.find("Keep Current") == std::string::npos);
  CHECK(text.find("Subscribe") == std::string::npos);
  CHECK(qpdf_json(c.pdf).find("/ext/example.com/starter-guide-for-beginners") != std::string::npos);
}

TEST_CASE("--archive, then the server gone: the archived thread and --offline give the same bytes") {
  TempDir dir;
  std::string first_pdf;
  const std::string url = "https://bsky.app/profile/zofia.example.com/post/3kp4a22222222";
  std::string base;
  {
    FakeWeb web;
    web.serve_bluesky();
    base = web.base();
    Ran r = run(env(dir) + threadpdf() + " '" + url + "' --archive " + dir / "saved" + bases(web));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out == dir / "saved/thread.pdf\n");
    first_pdf = read_file(dir / "saved/thread.pdf");
    REQUIRE(!first_pdf.empty());
  }
  json j = json::parse(read_file(dir / "saved/thread.json"));
  CHECK(j["posts"][0]["media"][0]["src"].get<std::string>().rfind("media/", 0) == 0);
  CHECK(fs::exists(dir / "saved/media"));
  CHECK(read_file(dir / "saved/thread.json").find("/ext/cdn.bsky.app/img") == std::string::npos);
  // The server is gone: the saved thread renders alone...
  Ran again = run(env(dir) + threadpdf() + " " + dir / "saved/thread.json -o " + dir / "again.pdf");
  REQUIRE_MESSAGE(again.status == 0, again.err);
  CHECK(read_file(dir / "again.pdf") == first_pdf);
  // ...and so does the URL from the cache.
  Ran offline = run(env(dir) + threadpdf() + " '" + url + "' --offline -o " + dir / "offline.pdf" +
                    " --api-base bluesky=" + base);
  REQUIRE_MESSAGE(offline.status == 0, offline.err);
  // The same pages; only the thread carried inside differs (the archive's names its pictures by
  // file, the fetched one by URL), so the bytes do.
  auto pages = [](const std::string& pdf) {
    return run("pdftotext " + pdf + " - && pdfimages -list " + pdf).out;
  };
  CHECK(pages(dir / "offline.pdf") == pages(dir / "saved/thread.pdf"));
  Ran inside = run("cd " + dir.path() + " && pdfdetach -saveall " + dir / "offline.pdf");
  REQUIRE(inside.status == 0);
  CHECK(read_file(dir / "thread.json").find("/ext/cdn.bsky.app/img") != std::string::npos);
}

TEST_CASE("--archive with a fetch that fails: no folder, or the previous archive as it was") {
  FakeWeb web;
  web.serve_bluesky();
  TempDir dir;
  const std::string gone = "https://bsky.app/profile/nobody.example.com/post/3kroot2222222";
  Ran r = run(env(dir) + threadpdf() + " '" + gone + "' --archive " + dir / "saved" + bases(web));
  CHECK(r.status == 1);
  CHECK_FALSE(fs::exists(dir / "saved"));

  Ran ok = run(env(dir) + threadpdf() +
               " 'https://bsky.app/profile/zofia.example.com/post/3kp4a22222222' --archive " + dir / "saved" +
               bases(web));
  REQUIRE_MESSAGE(ok.status == 0, ok.err);
  const std::string json_before = read_file(dir / "saved/thread.json"),
                    pdf_before = read_file(dir / "saved/thread.pdf");
  REQUIRE(!pdf_before.empty());
  Ran again = run(env(dir) + threadpdf() + " '" + gone + "' --archive " + dir / "saved" + bases(web));
  CHECK(again.status == 1);
  CHECK(read_file(dir / "saved/thread.json") == json_before);
  CHECK(read_file(dir / "saved/thread.pdf") == pdf_before);
  // Nothing staged or set aside is left beside it.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"cache", "saved"});
}

TEST_CASE("the default output name is {platform}-{handle}-{post id}.pdf") {
  FakeWeb web;
  web.serve_mastodon();
  TempDir dir;
  Ran r = run("cd " + dir.path() + " && " + env(dir) + threadpdf() + " " + web.base() +
              "/@ana/112000000000000030");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "mastodon-ana_127.0.0.1-112000000000000030.pdf\n");
  CHECK(fs::exists(dir / "mastodon-ana_127.0.0.1-112000000000000030.pdf"));
}

TEST_CASE("an X archive with --thread, pictures from its own folder") {
  TempDir dir;
  fs::create_directories(dir / "archive/data/tweets_media");
  write_file(dir / "archive/data/tweets.js", read_data_file("platforms/x_archive_tweets.js"));
  write_file(dir / "archive/data/account.js", read_data_file("platforms/x_archive_account.js"));
  write_file(dir / "archive/data/profile.js", read_data_file("platforms/x_archive_profile.js"));
  // --offline with an empty cache: any online poster is a warning, never a request.
  Ran r = run(env(dir) + threadpdf() + " " + dir / "archive" + " --thread 1690000000000000300 --offline -o " +
              dir / "a.pdf --json " + dir / "a.json");
  REQUIRE_MESSAGE(r.status == 3, r.err);  // the pictures not in the archive's folder are losses
  CHECK(post_texts(dir / "a.json").size() >= 2);
  CHECK(json::parse(read_file(dir / "a.json"))["source"]["platform"] == "x-archive");
}

TEST_CASE("a URL threadpdf does not know: exit 2, one line listing what is supported") {
  TempDir dir;
  Ran r = run(env(dir) + threadpdf() + " https://example.org/some/page -o " + dir / "x.pdf");
  CHECK(r.status == 2);
  CHECK(lines(r.err).size() == 1);
  CHECK(r.err.find("https://example.org/some/page: not a thread URL") == 0);
  CHECK(r.err.find("https://threadreaderapp.com/thread/<id>.html") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "x.pdf"));
}

TEST_CASE("failures: one line naming the URL and the cause, no file, bounded time") {
  FakeWeb web;
  web.serve_mastodon();
  HttpServer& s = web.server();
  auto status_of = [&](const std::string& id) { return web.base() + "/api/v1/statuses/" + id; };
  // Mastodon ids are digits: each failure has its own.
  const std::map<std::string, std::string> ids{
      {"404", "900000000000000404"},  {"slow", "900000000000000001"}, {"cut", "900000000000000002"},
      {"loop", "900000000000000003"}, {"huge", "900000000000000004"}, {"badjson", "900000000000000005"},
      {"html", "900000000000000006"}, {"busy", "900000000000000007"}, {"down", "900000000000000008"}};
  s.route("/api/v1/statuses/" + ids.at("404"), HttpReply{404, {}, R"({"error":"Record not found"})"});
  s.route("/api/v1/statuses/" + ids.at("slow"), HttpReply{200, {}, "{}", std::chrono::milliseconds(6000)});
  s.route("/api/v1/statuses/" + ids.at("cut"),
          HttpReply{200, {}, std::string(5000, ' '), {}, Behaviour::Truncate, 100});
  s.route("/api/v1/statuses/" + ids.at("loop"), HttpReply{302, {}, "", {}, Behaviour::RedirectToSelf});
  s.route("/api/v1/statuses/" + ids.at("huge"), HttpReply{200, {}, "", {}, Behaviour::ChunkedHuge, 8u << 20});
  s.route("/api/v1/statuses/" + ids.at("badjson"),
          HttpReply{200, {{"Content-Type", "application/json"}}, "{\"id\": \"1\", "});
  s.route("/api/v1/statuses/" + ids.at("html"),
          HttpReply{200, {{"Content-Type", "text/html"}}, "<!DOCTYPE html><p>Just a moment…</p>"});
  s.route("/api/v1/statuses/" + ids.at("busy"),
          HttpReply{429, {{"Retry-After", "600"}}, R"({"error":"Too many requests"})"});
  s.route("/api/v1/statuses/" + ids.at("down"), HttpReply{503, {}, "down"});
  struct Case {
    std::string id, cause;
  };
  for (const Case& k : std::vector<Case>{{"404", "not found or deleted"},
                                         {"slow", "timed out"},
                                         {"cut", "response cut short"},
                                         {"loop", "too many redirects"},
                                         {"huge", "too large"},
                                         {"badjson", "invalid JSON at byte 13"},
                                         {"html", "expected JSON, got HTML"},
                                         {"busy", "rate limited, retry after 600 s"},
                                         {"down", "server error 503"}}) {
    CAPTURE(k.id);
    TempDir dir;
    auto start = std::chrono::steady_clock::now();
    Ran r = run(env(dir) + "THREADPDF_HTTP_RETRIES=1 THREADPDF_HTTP_MAX_BYTES=1000000 " + threadpdf() + " " +
                web.base() + "/@ana/" + ids.at(k.id) + " -o " + dir / "x.pdf");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.status == 1);
    // The URL typed names the failure; the API address that failed is added with -v only.
    CHECK(r.err == web.base() + "/@ana/" + ids.at(k.id) + ": " + k.cause + "\n");
    CHECK(r.err.find("/api/v1/") == std::string::npos);
    if (k.id == "404") {
      Ran verbose = run(env(dir) + threadpdf() + " -v " + web.base() + "/@ana/" + ids.at(k.id) + " -o " +
                        dir / "x.pdf");
      CHECK(verbose.err == web.base() + "/@ana/" + ids.at(k.id) + ": " + k.cause + " (fetching " +
                               status_of(ids.at(k.id)) + ")\n");
    }
    CHECK_FALSE(fs::exists(dir / "x.pdf"));
    CHECK(seconds < 12);
  }
}

TEST_CASE("429 with Retry-After and 500 are retried and then succeed") {
  FakeWeb web;
  web.serve_mastodon();
  HttpServer& s = web.server();
  std::string good = read_data_file("platforms/mastodon_status.json");
  auto calls429 = std::make_shared<std::atomic<int>>(0);
  auto calls500 = std::make_shared<std::atomic<int>>(0);
  std::string status20 = s.url("/api/v1/statuses/112000000000000020");
  // The first answer of each is a failure; the real status and context follow.
  s.route("/api/v1/statuses/112000000000000020", [&, calls429](const HttpRequest&) {
    if ((*calls429)++ == 0) return HttpReply{429, {{"Retry-After", "1"}}, R"({"error":"Too many requests"})"};
    return HttpReply{200, {{"Content-Type", "application/json"}}, web.localise(good)};
  });
  s.route("/api/v1/statuses/112000000000000020/context", [&, calls500](const HttpRequest&) {
    if ((*calls500)++ == 0) return HttpReply{500, {}, "oops"};
    return HttpReply{200,
                     {{"Content-Type", "application/json"}},
                     web.localise(read_data_file("platforms/mastodon_context.json"))};
  });
  TempDir dir;
  auto start = std::chrono::steady_clock::now();
  Converted c = convert(web, dir, web.base() + "/@ana/112000000000000020");
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(900));  // Retry-After honoured
  CHECK(calls429->load() == 2);
  CHECK(calls500->load() == 2);
  CHECK(post_texts(c.json_path).size() == 4);
}

TEST_CASE("feedback: on a terminal the status line and the wait line as it happens; elsewhere only with -v") {
  FakeWeb web;
  web.serve_mastodon();
  HttpServer& s = web.server();
  std::string good = read_data_file("platforms/mastodon_status.json");
  auto calls = std::make_shared<std::atomic<int>>(0);
  // Every run's first answer is a 429 with Retry-After: 1.
  s.route("/api/v1/statuses/112000000000000020", [&, calls](const HttpRequest&) {
    if ((*calls)++ % 2 == 0)
      return HttpReply{429, {{"Retry-After", "1"}}, R"({"error":"Too many requests"})"};
    return HttpReply{200, {{"Content-Type", "application/json"}}, web.localise(good)};
  });
  const std::string site = web.base().substr(web.base().find("://") + 3);
  const std::string wait = "waiting 1 s: rate limited by " + site + " (Retry-After)";
  const std::string url = web.base() + "/@ana/112000000000000020";

  TempDir tty;
  // script(1) gives the program a pseudo-terminal; what it wrote there comes back on stdout.
  const std::string inner = env(tty) + threadpdf() + " '" + url + "' -o " + tty / "out.pdf" + bases(web);
  Ran on_tty = run("script -qfec \"" + inner + "\" /dev/null");
  CHECK_MESSAGE(on_tty.status == 0, on_tty.out);
  CHECK_MESSAGE(on_tty.out.find(wait + "\r\n") != std::string::npos, on_tty.out);
  CHECK(on_tty.out.find("fetching the thread") != std::string::npos);
  CHECK(on_tty.out.find("requests done") != std::string::npos);
  CHECK(on_tty.out.find("writing 2 pages") != std::string::npos);
  // The wait is said before the request that follows it ends, not in a summary afterwards.
  CHECK(on_tty.out.find(wait) < on_tty.out.rfind("requests done"));

  TempDir plain;
  Converted quiet = convert(web, plain, url);
  CHECK(quiet.ran.status == 0);
  CHECK_MESSAGE(quiet.ran.err.find("waiting") == std::string::npos, quiet.ran.err);
  CHECK(quiet.ran.err.find("requests done") == std::string::npos);

  TempDir verbose_dir;
  Converted verbose = convert(web, verbose_dir, url, "-v");
  CHECK(verbose.ran.status == 0);
  CHECK_MESSAGE(verbose.ran.err.find(wait + "\n") != std::string::npos, verbose.ran.err);
  CHECK(verbose.ran.err.find('\r') == std::string::npos);  // no status line in a log
}

TEST_CASE(
    "--user-agent is what the server sees; --cache-dir is where the cache goes, and --offline reads it") {
  FakeWeb web;
  web.serve_mastodon();
  HttpServer& s = web.server();
  std::string good = read_data_file("platforms/mastodon_status.json");
  auto agent = std::make_shared<std::string>();
  s.route("/api/v1/statuses/112000000000000020", [&, agent](const HttpRequest& q) {
    *agent = q.header("user-agent");
    return HttpReply{
        200, {{"Content-Type", "application/json"}, {"Cache-Control", "max-age=3600"}}, web.localise(good)};
  });
  TempDir dir;
  const std::string url = web.base() + "/@ana/112000000000000020";
  Converted c =
      convert(web, dir, url,
              "--user-agent 'archive-bot/2 (+https://newsroom.example/bot)' --cache-dir " + dir / "mine");
  REQUIRE_MESSAGE(c.ran.status == 0, c.ran.err);
  CHECK(*agent == "archive-bot/2 (+https://newsroom.example/bot)");
  CHECK(fs::exists(dir / "mine"));
  CHECK_FALSE(fs::exists(dir / "cache"));  // XDG_CACHE_HOME of env() is not used
  TempDir other;
  Converted offline = convert(web, other, url, "--offline --cache-dir " + dir / "mine");
  CHECK_MESSAGE(offline.ran.status != 1, offline.ran.err);
}

#include "parse/threadreader_html.h"

#include <doctest/doctest.h>

#include "platform_test_util.h"

using namespace tp;
using namespace tp::test;

namespace {

const std::string kUrl = "https://threadreaderapp.com/thread/1900000000000000001.html";

// A page shaped like Thread Reader App's: chrome, an author block, the main column, a footer with
// "More from" and another thread.
std::string page(const std::string& posts, const std::string& author_block = "") {
  return R"(<!DOCTYPE html><html><head><meta charset="utf-8"><title>Thread by @mira_example</title></head><body>
<nav class="navbar"><a href="/">Thread Reader</a> <a href="/account/subscribe">Subscribe</a></nav>
<div class="modal"><div class="content-tweet" data-tweet="1111111111111111111" data-screenname="someone_else">Paste a URL</div></div>
<div class="container">)" +
         (author_block.empty() ? std::string(R"(
 <div class="thread-author">
  <img class="avatar" data-action="error->twitter-profile#error" alt="Mira Müller Profile picture"
       data-src="https://pbs.twimg.com/profile_images/22/mira_bigger.jpg" src="/images/1px.png">
  <h1><a href="/user/mira_example">Mira Müller</a></h1>
  <a href="/user/mira_example">@mira_example</a>
 </div>)")
                               : author_block) +
         R"(
 <div class="t-main"><div class="col-12 hide-mentions">)" +
         posts + R"(</div></div>
 <div class="thread-footer">
  <a href="/user/mira_example">Keep Current with Mira Müller</a>
  <h3>More from @mira_example</h3>
  <div class="content-tweet" data-tweet="1700000000000000009" data-screenname="mira_example">An older thread on tea</div>
 </div>
</div></body></html>)";
}

std::string post(const std::string& id, const std::string& body,
                 const std::string& screen_name = "mira_example") {
  return R"(<div class="content-tweet allow-preview" data-screenname=")" + screen_name + R"(" data-tweet=")" +
         id + R"(" dir="auto">)" + body + "</div>\n";
}

}  // namespace

TEST_CASE("threadreader html: the author block, posts in order, chrome and other threads left out") {
  Diagnostics diag;
  model::Thread t = parse::threadreader_html(page(post("1900000000000000001", "Erster Teil 🧵 1/") +
                                                  post("1900000000000000002", "Zweiter   Teil\n   2/") +
                                                  post("1900000000000000003", "Dritter Teil 3/")),
                                             kUrl, diag);
  CHECK(t.source.platform == model::Platform::ThreadReader);
  CHECK(t.source.url == kUrl);
  CHECK(t.author.name == "Mira Müller");
  CHECK(t.author.handle == "@mira_example");
  CHECK(t.author.url == "https://x.com/mira_example");
  CHECK(t.author.avatar == "https://pbs.twimg.com/profile_images/22/mira_bigger.jpg");
  CHECK(texts(t) == Lines{"Erster Teil 🧵 1/", "Zweiter Teil 2/", "Dritter Teil 3/"});
  CHECK(t.posts[1].id == "1900000000000000002");
  CHECK(t.posts[1].url == "https://x.com/mira_example/status/1900000000000000002");
  CHECK(diag.warnings().empty());
}

TEST_CASE("threadreader html: a post listed twice is kept once, and the thread reads back") {
  Diagnostics diag;
  model::Thread t = parse::threadreader_html(
      page(post("1900000000000000001", "Erster Teil 1/") + post("1900000000000000002", "Zweiter Teil 2/") +
           post("1900000000000000001", "Erster Teil 1/") + post("1900000000000000003", "Dritter Teil 3/")),
      kUrl, diag);
  CHECK(texts(t) == Lines{"Erster Teil 1/", "Zweiter Teil 2/", "Dritter Teil 3/"});
  CHECK(warnings(diag) == Lines{kUrl + ": post 1900000000000000001 is listed twice; the repeat is left out"});
  CHECK(read_back_error(t) == "no error");
}

TEST_CASE("threadreader html: <br> gives line and paragraph breaks; permalinks and share rows go") {
  Diagnostics diag;
  model::Thread t = parse::threadreader_html(
      page(post(
          "1900000000000000001",
          "Zeile eins<br>Zeile zwei<br /><br />Absatz   zwei "
          R"(<span class="tw-permalink"><a href="https://twitter.com/mira_example/status/1900000000000000001">permalink</a></span>)"
          R"(<div class="row"><span>Share this</span></div>)")),
      kUrl, diag);
  CHECK(texts(t) == Lines{"Zeile eins\nZeile zwei\n\nAbsatz zwei"});
}

TEST_CASE("threadreader html: links, mentions, hashtags; keyword anchors stay plain words") {
  Diagnostics diag;
  model::Thread t = parse::threadreader_html(
      page(post(
          "1900000000000000001",
          R"(Read <a class="entity-url" data-preview="true" href="https://example.org/tea/guide-for-all">example.org/tea/guide…</a> )"
          R"(with <a href="https://x.com/jonas_example">@jonas_example</a> <a href="https://x.com/hashtag/tee">#tee</a> )"
          R"(and a <a href="#">kettle</a> <a href="#" data-preview="">ad</a>)")),
      kUrl, diag);
  REQUIRE(t.posts.size() == 1);
  CHECK(t.posts[0].text == "Read example.org/tea/guide… with @jonas_example #tee and a kettle ad");
  CHECK(spans(t.posts[0]) == Lines{"link 'example.org/tea/guide…' -> https://example.org/tea/guide-for-all",
                                   "mention '@jonas_example' -> https://x.com/jonas_example",
                                   "hashtag '#tee' -> https://x.com/hashtag/tee"});
}

TEST_CASE("threadreader html: images from data-src, video posters, the embedded post as a quote") {
  Diagnostics diag;
  model::Thread t = parse::threadreader_html(
      page(
          post(
              "1900000000000000001",
              R"(Zwei Bilder <span class="entity-image"><img data-src="https://pbs.twimg.com/media/AAA.jpg" src="/images/1px.png" alt="Image"></span>)"
              R"(<span class="entity-image"><img src="https://pbs.twimg.com/media/BBB.png" alt="Eine Teekanne"></span>)") +
          post(
              "1900000000000000002",
              R"(Video <div class="entity-video"><video poster="https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/poster.jpg">)"
              R"(<source src="https://video.twimg.com/low.mp4" type="video/mp4"><source src="https://video.twimg.com/high.mp4" type="video/mp4">)"
              R"(</video></div>)") +
          post("1900000000000000003", R"(Ohne Poster <div class="entity-video"><video></video></div>)") +
          post(
              "1900000000000000004",
              R"(Zitat: <div class="entity-embed"><blockquote>Tee ist <a href="#">Leben</a>. — )"
              R"(<a href="https://twitter.com/jonas_example/status/1800000000000000007">Jonas</a></blockquote></div>)")),
      kUrl, diag);
  REQUIRE(t.posts.size() == 4);
  const auto& images = t.posts[0].media;
  REQUIRE(images.size() == 2);
  CHECK(images[0].src == "https://pbs.twimg.com/media/AAA.jpg");
  CHECK_FALSE(images[0].alt);  // the page's generic "Image" is no alt text
  CHECK(images[1].src == "https://pbs.twimg.com/media/BBB.png");
  CHECK(images[1].alt == "Eine Teekanne");
  CHECK(t.posts[0].text == "Zwei Bilder");
  REQUIRE(t.posts[1].media.size() == 1);
  CHECK(t.posts[1].media[0].kind == model::MediaKind::Video);
  CHECK(t.posts[1].media[0].src == "https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/poster.jpg");
  CHECK(t.posts[1].media[0].url == "https://video.twimg.com/high.mp4");
  CHECK(t.posts[2].media.empty());
  REQUIRE(t.posts[3].quote.size() == 1);
  const model::Post& q = t.posts[3].quote[0];
  CHECK(q.text == "Tee ist Leben. — Jonas");
  CHECK(q.id == "1800000000000000007");
  CHECK(q.url == "https://twitter.com/jonas_example/status/1800000000000000007");
  CHECK(t.posts[3].text == "Zitat:");
  CHECK(warnings(diag) ==
        Lines{kUrl + ": post 1900000000000000003: a video without a poster image is not shown"});
}

TEST_CASE("threadreader html: another author's post inside the column, and pages without posts") {
  Diagnostics diag;
  model::Thread t =
      parse::threadreader_html(page(post("1900000000000000001", "Mein Teil") +
                                    post("1900000000000000002", "Fremder Teil", "jonas_example")),
                               kUrl, diag);
  CHECK(texts(t) == Lines{"Mein Teil"});
  CHECK(warnings(diag) ==
        Lines{kUrl + ": post 1900000000000000002 is by @jonas_example, not the thread's author; left out"});
  // No name link: the profile picture's alt text names the author.
  model::Thread by_alt = parse::threadreader_html(
      page(
          post("1900000000000000001", "Teil"),
          R"(<div class="thread-author"><img class="avatar" data-action="error->twitter-profile#error" alt="Mira M. Profile picture" src="https://pbs.twimg.com/p/m.jpg"></div>)"),
      kUrl, diag);
  CHECK(by_alt.author.name == "Mira M.");
  CHECK(by_alt.author.avatar == "https://pbs.twimg.com/p/m.jpg");
  CHECK(error_of([&] {
          parse::threadreader_html("<html><body><h1>Just a moment…</h1></body></html>", kUrl, diag);
        }) == kUrl + ": not an unrolled thread page (no posts found)");
  CHECK(error_of([&] { parse::threadreader_html(R"({"error":"not html"})", kUrl, diag); }) ==
        kUrl + ": not an unrolled thread page (no posts found)");
}

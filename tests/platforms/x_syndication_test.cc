#include "parse/x_syndication.h"

#include <doctest/doctest.h>

#include "platform_test_util.h"

using namespace tp;
using namespace tp::test;

namespace {

const std::string kUrl = "https://x.com/leila_example/status/1874097816571961839";

std::vector<std::string> walk() {
  return {read_data("x_post_4.json"), read_data("x_post_3.json"), read_data("x_post_2.json"),
          read_data("x_post_1.json")};
}

}  // namespace

TEST_CASE("x: the walk up, oldest first") {
  Diagnostics diag;
  model::Thread t = parse::x_thread(walk(), kUrl, diag);
  CHECK(t.source.platform == model::Platform::X);
  CHECK(t.author.name == "Leila ليلى");
  CHECK(t.author.handle == "@leila_example");
  CHECK(t.author.avatar == "https://pbs.twimg.com/profile_images/1111/leila_400x400.jpg");
  CHECK(t.author.url == "https://x.com/leila_example");
  CHECK(diag.warnings().empty());
  // The first post answers Tomasz: his post is context, not thread; reply prefixes are hidden.
  CHECK(texts(t) ==
        Lines{"Great question! A thread 🧵 on bread & sourdough #sauerteig 1/",
              "Step 2: خبز needs a starter 🍞 fed every 12h. Guide: example.com/starter-guide-… #baking",
              "Step 3: knead, as @tomasz_example says 👇 x.com/tomasz_example/…",
              "Done <3 Recipe card: bread.example/recipe ❤️"});
  CHECK(t.posts[0].id == "1874097816571961000");
  CHECK(t.posts[0].url == "https://x.com/leila_example/status/1874097816571961000");
  CHECK(t.posts[0].created_at == "2024-03-01T10:00:00.000Z");
  // "&amp;" counted five code points in the indices, one character in the text.
  CHECK(spans(t.posts[0]) == Lines{"hashtag '#sauerteig' -> https://x.com/hashtag/sauerteig"});

  const model::Post& p2 = t.posts[1];
  CHECK(spans(p2) ==
        Lines{"link 'example.com/starter-guide-…' -> https://example.com/starter-guide-for-beginners",
              "hashtag '#baking' -> https://x.com/hashtag/baking"});
  REQUIRE(p2.media.size() == 2);
  CHECK(p2.media[0].kind == model::MediaKind::Image);
  CHECK(p2.media[0].src == "https://pbs.twimg.com/media/GAbCdEf1.jpg");
  CHECK(p2.media[0].alt == "A jar of bubbly starter");
  CHECK(p2.media[0].width == 2048);
  CHECK(p2.media[0].height == 1536);
  CHECK_FALSE(p2.media[1].alt);

  const model::Post& p3 = t.posts[2];
  CHECK(spans(p3) ==
        Lines{"mention '@tomasz_example' -> https://x.com/tomasz_example",
              "link 'x.com/tomasz_example/…' -> https://x.com/tomasz_example/status/1873500000000000055"});
  REQUIRE(p3.media.size() == 1);
  CHECK(p3.media[0].kind == model::MediaKind::Video);
  CHECK(p3.media[0].src == "https://pbs.twimg.com/ext_tw_video_thumb/99/pu/img/knead.jpg");
  CHECK(p3.media[0].url ==
        "https://video.twimg.com/ext_tw_video/99/pu/vid/1280x720/knead.mp4");  // highest mp4
  REQUIRE(p3.quoted());
  CHECK(p3.quoted()->id == "1873500000000000055");
  CHECK(p3.quoted()->text == "Proof > theory. Knead for 10 min 💪");
  REQUIRE(p3.quoted()->author);
  CHECK(p3.quoted()->author->handle == "@tomasz_example");
  CHECK(p3.quoted()->url == "https://x.com/tomasz_example/status/1873500000000000055");

  const model::Post& p4 = t.posts[3];
  CHECK(spans(p4) == Lines{"link 'bread.example/recipe' -> https://bread.example/recipe"});
  REQUIRE(p4.media.size() == 1);
  CHECK(p4.media[0].kind == model::MediaKind::Gif);
  CHECK(p4.media[0].src == "https://pbs.twimg.com/tweet_video_thumb/GgGg.jpg");
  CHECK(p4.media[0].url == "https://video.twimg.com/tweet_video/GgGg.mp4");
  CHECK(p4.media[0].alt == "A loaf rising");
  REQUIRE(p4.card);
  CHECK(p4.card->url == "https://bread.example/recipe");
  CHECK(p4.card->title == "The no-knead loaf");
  CHECK(p4.card->description == "Flour, water, salt, time.");
  CHECK(p4.card->image == "https://pbs.twimg.com/card_img/1/loaf?format=jpg&name=600x600");
}

TEST_CASE("x: what the fetching loop reads") {
  CHECK(parse::x_author_id(read_data("x_post_4.json")) == "1874097816571961839");
  CHECK(parse::x_parent_id(read_data("x_post_4.json")) == "1874097816571961200");
  CHECK_FALSE(parse::x_parent_id(read_data("x_post_1.json")));  // answers someone else
  CHECK(parse::x_author_id(read_data("x_tombstone.json")).empty());
  CHECK_FALSE(parse::x_parent_id("{}"));
  CHECK_FALSE(parse::x_parent_id(""));
  CHECK(error_of([] { parse::x_author_id("<html>404</html>"); }) == "X: expected JSON from X, got HTML");
}

TEST_CASE("x: a deleted post in the chain ends the walk with a numbered gap") {
  Diagnostics diag;
  model::Thread t = parse::x_thread({read_data("x_post_4.json"), read_data("x_tombstone.json")}, kUrl, diag);
  CHECK(texts(t) ==
        Lines{"<deleted 1874097816571961200>", "Done <3 Recipe card: bread.example/recipe ❤️"});
  CHECK(t.posts[0].url == "https://x.com/leila_example/status/1874097816571961200");
  CHECK(warnings(diag) ==
        Lines{kUrl + ": post 1874097816571961200 is unavailable (This Post was deleted by the Post "
                     "author. Learn more); the posts above it could not be reached"});
  // `{}` and a 404 (passed as an empty body) are gaps too.
  for (const char* gone : {"{}", ""})
    CHECK(texts(parse::x_thread({read_data("x_post_4.json"), gone}, kUrl, diag))[0] ==
          "<deleted 1874097816571961200>");
  // A walk cut short is said.
  Diagnostics short_walk;
  CHECK(parse::x_thread({read_data("x_post_4.json")}, kUrl, short_walk).posts.size() == 1);
  CHECK(warnings(short_walk) ==
        Lines{kUrl + ": the thread continues above post 1874097816571961839 (not fetched)"});
}

TEST_CASE("x: unusable first answers") {
  Diagnostics diag;
  CHECK(
      error_of([&] { parse::x_thread({read_data("x_tombstone.json")}, kUrl, diag); }) ==
      kUrl +
          ": X answered that the post is unavailable: This Post was deleted by the Post author. Learn more");
  CHECK(error_of([&] { parse::x_thread({"{\"error\":\"Not found\"}"}, kUrl, diag); }) ==
        kUrl + ": X answered with the error \"Not found\"");
  CHECK(error_of([&] { parse::x_thread({"{\"id_str\":"}, kUrl, diag); }) ==
        kUrl + ": X answered with invalid JSON at byte 11");
}

TEST_CASE("x: entity text over the escaped text") {
  using K = parse::XEntity::Kind;
  // Indices count "&amp;" as five code points and the emoji as one.
  std::string escaped = "@bob 🍞 &amp; &lt;b&gt; https://t.co/x #tag https://t.co/m";
  std::vector<parse::XEntity> e{{K::Url, 23, 37, "example.org/x", "https://example.org/x"},
                                {K::Hashtag, 38, 42, "", "https://x.com/hashtag/tag"},
                                {K::Media, 43, 57, "", ""},
                                {K::Mention, 0, 4, "", "https://x.com/bob"},
                                {K::Hashtag, 39, 41, "", "overlaps"}};
  auto r = parse::x_entity_text(escaped, 5, 100, e);
  model::Post p;
  p.text = r.text;
  p.spans = r.spans;
  CHECK(p.text == "🍞 & <b> example.org/x #tag");
  CHECK(spans(p) == Lines{"link 'example.org/x' -> https://example.org/x",
                          "hashtag '#tag' -> https://x.com/hashtag/tag"});
}

#include "parse/x_archive.h"

#include <doctest/doctest.h>

#include "platform_test_util.h"

using namespace tp;
using namespace tp::test;

namespace {

model::Thread read(const std::string& id, Diagnostics& diag, bool with_account = true) {
  return parse::x_archive_thread(
      read_data("x_archive_tweets.js"), with_account ? read_data("x_archive_account.js") : "",
      with_account ? read_data("x_archive_profile.js") : "", id, "data/tweets_media", diag);
}

}  // namespace

TEST_CASE("x archive: the thread around a post, from its URL") {
  Diagnostics diag;
  model::Thread t = read("https://twitter.com/mira_example/status/1690000000000000300?s=20", diag);
  CHECK(t.source.platform == model::Platform::XArchive);
  CHECK(t.source.url == "https://x.com/mira_example/status/1690000000000000100");
  CHECK(t.author.name == "Mira ✂️");
  CHECK(t.author.handle == "@mira_example");
  CHECK(t.author.url == "https://x.com/mira_example");
  CHECK(t.author.avatar == "data/profile_media/1600000000000000123-mira_photo.jpg");
  // The typo version of post 2, the retweet, the later aside, the answer to someone else and the
  // unrelated post are left out; post 3 answered post 2's first version.
  CHECK(texts(t) == Lines{"Paper cutting 101 ✂️ — tools & tricks. שלום to the Hebrew folks! "
                          "papercraft.example/guide #papercraft",
                          "Step 2: fold twice, then cut <along> the crease", "Step 3: unfold 🎉"});
  std::vector<std::string> ids;
  for (const auto& p : t.posts) ids.push_back(p.id);
  CHECK(ids == Lines{"1690000000000000100", "1690000000000000250", "1690000000000000300"});
  CHECK(diag.warnings().empty());

  const model::Post& p1 = t.posts[0];
  CHECK(p1.created_at == "2023-08-12T16:10:37Z");
  CHECK(p1.url == "https://x.com/mira_example/status/1690000000000000100");
  CHECK(spans(p1) == Lines{"link 'papercraft.example/guide' -> https://papercraft.example/guide",
                           "hashtag '#papercraft' -> https://x.com/hashtag/papercraft"});
  REQUIRE(p1.media.size() == 2);  // extended_entities, not entities as well
  CHECK(p1.media[0].kind == model::MediaKind::Image);
  CHECK(p1.media[0].src == "data/tweets_media/1690000000000000100-F3kNife1.jpg");
  CHECK(p1.media[0].width == 2048);
  CHECK(p1.media[0].height == 1536);
  CHECK_FALSE(p1.media[0].alt);  // archives carry no alt text
  CHECK(p1.media[1].src == "data/tweets_media/1690000000000000100-F3kNife2.jpg");

  const model::Post& p3 = t.posts[2];
  CHECK(p3.spans.empty());  // the reply mention lies before display_text_range
  REQUIRE(p3.media.size() == 1);
  CHECK(p3.media[0].kind == model::MediaKind::Video);
  CHECK(p3.media[0].src == "https://pbs.twimg.com/ext_tw_video_thumb/1690/pu/img/unfold.jpg");
  CHECK(p3.media[0].url == "data/tweets_media/1690000000000000300-unfold.mp4");
}

TEST_CASE("x archive: any post of the thread, any version, gives the same thread") {
  Diagnostics diag;
  for (const char* id : {"1690000000000000100", "1690000000000000200", "1690000000000000250"})
    CHECK(read(id, diag).posts.size() == 3);
  CHECK(read("1690000000000000900", diag).posts.size() == 2);  // the aside: root, aside
  CHECK(read("1680000000000000001", diag).posts.size() == 1);
}

TEST_CASE("x archive: without account.js the handle comes from a self-reply") {
  Diagnostics diag;
  model::Thread t = read("1690000000000000300", diag, false);
  CHECK(t.author.handle == "@mira_example");
  CHECK(t.author.name.empty());
  CHECK_FALSE(t.author.avatar);
  CHECK(t.posts.size() == 3);
}

TEST_CASE("x archive: files that are not an archive") {
  Diagnostics diag;
  auto read_tweets = [&](const std::string& js, const std::string& id = "1") {
    return error_of([&] { parse::x_archive_thread(js, "", "", id, "m", diag); });
  };
  CHECK(read_tweets("{\"tweet\":{}}") ==
        "tweets.js: expected \"window.YTD.… = [\" at the start of an X archive file");
  CHECK(read_tweets("window.YTD.tweets.part0 = [ { \"tweet\" : { ") == "tweets.js: invalid JSON at byte 41");
  CHECK(read_tweets("window.YTD.tweets.part0 = [ ]", "42") ==
        "tweets.js: post 42 is not in the archive (or is a retweet)");
  CHECK(read_tweets(read_data("x_archive_tweets.js"), "1690000000000000260") ==
        "tweets.js: post 1690000000000000260 is not in the archive (or is a retweet)");
  // An older archive without the assignment, and a trailing semicolon.
  CHECK(parse::x_archive_thread("[ { \"tweet\" : { \"id_str\" : \"7\", \"full_text\" : \"hi &amp; bye\", "
                                "\"created_at\" : \"Tue Mar 19 14:05:17 -0130 2019\" } } ];",
                                "", "", "7", "m", diag)
            .posts[0]
            .created_at == "2019-03-19T15:35:17Z");
}

#include "parse/x_syndication.h"

#include <doctest/doctest.h>

#include "../support/golden.h"
#include "model/dump.h"
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
  CHECK(diag.warnings().empty());
  // The model dump (read by eye: the first post answers Tomasz, whose post is context, not thread,
  // and reply prefixes are hidden; "&amp;" counted five code points in the indices and one
  // character in the text; pictures with and without alt text, the highest mp4 of the video, the
  // quote of Tomasz, the GIF and the card).
  check_golden(std::string(TP_TEST_DATA) + "/platforms/x_thread.dump", model::dump(t));
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

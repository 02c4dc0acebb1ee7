// Every reader's thread is a valid thread JSON document: written and read back unchanged.
#include <doctest/doctest.h>

#include "parse/bluesky.h"
#include "parse/mastodon.h"
#include "parse/parse.h"
#include "parse/x_archive.h"
#include "parse/x_syndication.h"
#include "platform_test_util.h"

using namespace tp;
using namespace tp::test;

TEST_CASE("platform threads survive the thread JSON writer and the strict reader") {
  Diagnostics diag;
  std::vector<model::Thread> threads{
      parse::bluesky_merge({read_data("bluesky_after_gap.json"), read_data("bluesky_root.json")},
                           "https://bsky.app/profile/zofia.example.com/post/3kp4a22222222", diag),
      parse::mastodon_thread(read_data("mastodon_status.json"), read_data("mastodon_context.json"),
                             "https://social.example/@ana/112000000000000020", diag),
      parse::x_thread({read_data("x_post_4.json"), read_data("x_post_3.json"), read_data("x_post_2.json"),
                       read_data("x_post_1.json")},
                      "https://x.com/leila_example/status/1874097816571961839", diag),
      parse::x_archive_thread(read_data("x_archive_tweets.js"), read_data("x_archive_account.js"),
                              read_data("x_archive_profile.js"), "1690000000000000300", "data/tweets_media",
                              diag),
      parse::bluesky_thread(read_data("bluesky_embeds.json"),
                            "https://bsky.app/profile/jonas.example.org/post/3le1aaaaaaaaa", diag),
      parse::x_thread({read_data("x_card.json")}, "https://x.com/leila_example/status/1874097816571970200",
                      diag)};
  for (const auto& t : threads) {
    std::string json = parse::write_thread_json(t);
    CHECK(error_of([&] { parse::read_thread_json(json, "thread.json"); }) == "no error");
    CHECK(parse::write_thread_json(parse::read_thread_json(json, "thread.json")) == json);
  }
}

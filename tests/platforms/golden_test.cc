// Model dumps of recorded platform responses: each NAME.dump under tests/data/platforms/ was read
// and checked by eye. THREADPDF_UPDATE_GOLDEN=1 rewrites them (then read the diff before committing).
#include "../support/golden.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "model/dump.h"
#include "parse/bluesky.h"
#include "parse/mastodon.h"
#include "parse/x_syndication.h"
#include "platform_test_util.h"

using namespace tp;
using namespace tp::test;

namespace {

void platform_golden(const std::string& name, const std::string& actual) {
  test::check_golden(std::string(TP_TEST_DATA) + "/platforms/" + name, actual);
}

}  // namespace

TEST_CASE("mastodon: a status with everything the revised format keeps") {
  Diagnostics diag;
  model::Thread t = parse::mastodon_thread(read_data("mastodon_revision.json"),
                                           {read_data("mastodon_revision_context.json")},
                                           "https://social.example/@mira/113200000000000050", diag);
  platform_golden("mastodon_revision.dump", model::dump(t));
  CHECK(warnings(diag).empty());
  const model::Post& p = t.posts[0];
  CHECK(p.content_warning == "Spinnen & Käfer");
  CHECK(p.text.rfind("RE: other.example/@ola/777", 0) == 0);  // the only reference to the revoked quote
  REQUIRE(p.quoted());
  CHECK(p.quoted()->unavailable == model::Unavailable::Revoked);
  CHECK(p.quoted()->url == "https://other.example/@ola/777");
  REQUIRE(p.media.size() == 3);  // unknown and audio attachments are kept
  CHECK(p.media[0].kind == model::MediaKind::Other);
  CHECK(p.media[0].src == "https://remote.example/media/field.jpg");  // the remote picture is tried
  CHECK(p.media[1].kind == model::MediaKind::Audio);
  CHECK(p.media[2].src.empty());
  CHECK(p.media[2].url == "https://remote.example/media/notes.pdf");
}

TEST_CASE("mastodon: the existing thread fixture, dumped") {
  Diagnostics diag;
  model::Thread t =
      parse::mastodon_thread(read_data("mastodon_status.json"), {read_data("mastodon_context.json")},
                             "https://social.example/@ana/112000000000000020", diag);
  platform_golden("mastodon_thread.dump", model::dump(t));
}

TEST_CASE("mastodon: a date that does not exist is a warning; the post stays") {
  std::string status = read_data("mastodon_revision.json");
  const std::string good = "\"created_at\": \"2025-03-30T08:00:00.000Z\"";
  status.replace(status.find(good), good.size(), "\"created_at\": \"2025-02-31T10:00:00Z\"");
  Diagnostics diag;
  model::Thread t = parse::mastodon_thread(status, {read_data("mastodon_revision_context.json")},
                                           "https://social.example/@mira/113200000000000050", diag);
  REQUIRE(t.posts.size() == 1);
  CHECK_FALSE(t.posts[0].created_at);
  CHECK(warnings(diag) ==
        Lines{"https://social.example/@mira/113200000000000050: status 113200000000000050: created_at "
              "\"2025-02-31T10:00:00Z\" is not a date; left out"});
}

TEST_CASE("bluesky: languages, self-labels, counts and every embed view") {
  Diagnostics diag;
  const std::string url = "https://bsky.app/profile/mira.example.com/post/3lp1aaaaaaaaa";
  model::Thread t = parse::bluesky_thread(read_data("bluesky_revision.json"), url, diag);
  platform_golden("bluesky_revision.dump", model::dump(t));
  REQUIRE(t.posts.size() == 4);
  CHECK(t.posts[0].lang == "de");
  CHECK(t.posts[0].content_warning == "Graphic media");  // "bot" warns about nothing
  REQUIRE(t.posts[0].counts);
  CHECK(t.posts[0].counts->likes == 3);
  // recordWithMedia: the video and the quoted post.
  REQUIRE(t.posts[0].media.size() == 1);
  CHECK(t.posts[0].media[0].kind == model::MediaKind::Video);
  REQUIRE(t.posts[0].quoted());
  CHECK(t.posts[0].quoted()->text == "Nebel über dem Feld");
  CHECK(t.posts[1].quoted()->unavailable == model::Unavailable::Blocked);
  CHECK(t.posts[2].quoted()->unavailable == model::Unavailable::Detached);
  CHECK(t.posts[3].quoted()->unavailable == model::Unavailable::NotFound);
  CHECK(t.posts[3].quoted()->url == "https://bsky.app/profile/did:plc:ola7example2quotes4cccc/post/3lq4");
  CHECK(t.posts[3].media.size() == 1);
  // A day February does not have: the post stays, its date is left out with a warning.
  CHECK_FALSE(t.posts[1].created_at);
  CHECK(t.posts[1].lang == "de-AT");
  CHECK_FALSE(t.posts[2].lang);
  CHECK(warnings(diag).size() == 1);
}

TEST_CASE(
    "x: language, sensitive mark, a long post cut by the endpoint, counts; a date that does not exist") {
  Diagnostics diag;
  model::Thread t = parse::x_thread({read_data("x_revision.json")},
                                    "https://x.com/leila_example/status/1874097816571969999", diag);
  platform_golden("x_revision.dump", model::dump(t));
  REQUIRE(t.posts.size() == 1);
  const model::Post& p = t.posts[0];
  CHECK(p.lang == "de");
  CHECK(p.content_warning == "Marked by X as possibly sensitive");
  CHECK(p.truncated);
  REQUIRE(p.counts);
  CHECK(p.counts->likes == 12);
  CHECK(p.counts->replies == 4);
  CHECK_FALSE(p.created_at);  // 31 February: left out with a warning, the post kept
  CHECK(warnings(diag) ==
        Lines{"https://x.com/leila_example/status/1874097816571969999: post 1874097816571969999: "
              "created_at \"2025-02-31T10:00:00.000Z\" is not a date; left out"});
}

TEST_CASE("x: a card names the site X gives, not a shortener's or t.co's host") {
  Diagnostics diag;
  model::Thread t = parse::x_thread({read_data("x_card.json")},
                                    "https://x.com/leila_example/status/1874097816571970200", diag);
  platform_golden("x_card.dump", model::dump(t));
  REQUIRE(t.posts.size() == 1);
  const model::Post& p = t.posts[0];
  // The card's site is www.podcast.example; the link the post gives is a shortener's: the card
  // prints the site and still links the exact address.
  REQUIRE(p.card);
  CHECK(p.card->url == "https://bit.ly/3kGfolge");
  CHECK(p.card->site == "podcast.example");
  REQUIRE(p.spans.size() == 1);
  CHECK(p.spans[0].href == "https://bit.ly/3kGfolge");
  // The quoted post's card has only a t.co link; its vanity_url names the site.
  REQUIRE(p.quoted());
  REQUIRE(p.quoted()->card);
  CHECK(p.quoted()->card->url == "https://t.co/CARD04");
  CHECK(p.quoted()->card->site == "karten.example");
  CHECK(warnings(diag).empty());
}

TEST_CASE("bluesky: every embed view, one per post, maps to the model") {
  Diagnostics diag;
  const std::string url = "https://bsky.app/profile/jonas.example.org/post/3le1aaaaaaaaa";
  model::Thread t = parse::bluesky_thread(read_data("bluesky_embeds.json"), url, diag);
  platform_golden("bluesky_embeds.dump", model::dump(t));
  REQUIRE(t.posts.size() == 9);
  // images: both pictures, the empty alt as none, the size from aspectRatio only when given.
  REQUIRE(t.posts[0].media.size() == 2);
  CHECK(t.posts[0].media[0].alt == "A red tram at dusk");
  CHECK(t.posts[0].media[0].width == 1600);
  CHECK_FALSE(t.posts[0].media[1].alt);
  // video shown as a GIF: its poster, and the playlist as the link.
  REQUIRE(t.posts[1].media.size() == 1);
  CHECK(t.posts[1].media[0].kind == model::MediaKind::Gif);
  CHECK(t.posts[1].media[0].url->find("playlist.m3u8") != std::string::npos);
  // external: a card with its picture.
  REQUIRE(t.posts[2].card);
  CHECK(t.posts[2].card->image);
  // record: the quoted post with its own picture.
  REQUIRE(t.posts[3].quoted());
  CHECK(t.posts[3].quoted()->media.size() == 1);
  // recordWithMedia with a link card; with a gallery and a blocked quote.
  CHECK(t.posts[4].card);
  REQUIRE(t.posts[4].quoted());
  CHECK_FALSE(t.posts[4].quoted()->gone());
  CHECK(t.posts[5].media.size() == 2);
  REQUIRE(t.posts[5].quoted());
  CHECK(t.posts[5].quoted()->unavailable == model::Unavailable::Blocked);
  CHECK(t.posts[6].media.size() == 1);
  REQUIRE(t.posts[7].quoted());
  CHECK(t.posts[7].quoted()->unavailable == model::Unavailable::Detached);
  // A quoted feed is no post: not drawn, and said.
  CHECK_FALSE(t.posts[8].quoted());
  CHECK(warnings(diag) ==
        Lines{url + ": post at://did:plc:jonas3example5embeds2dddd/app.bsky.feed.post/3le9aaaaaaaaa: "
                    "quoted app.bsky.feed.defs#generatorView is not shown"});
}

#include "parse/bluesky.h"

#include <doctest/doctest.h>

#include "../support/golden.h"
#include "model/dump.h"
#include "platform_test_util.h"

using namespace tp;
using namespace tp::test;

namespace {

const std::string kUrl = "https://bsky.app/profile/zofia.example.com/post/3kp4a22222222";
const std::string kZofia = "did:plc:zofia4example7sunflower2a";
const std::string kKarim = "did:plc:karim2example5seeds7777aa";
std::string at(const std::string& did, const std::string& rkey) {
  return "at://" + did + "/app.bsky.feed.post/" + rkey;
}

}  // namespace

TEST_CASE("bluesky: one response anchored below a deleted post") {
  Diagnostics diag;
  model::Thread t = parse::bluesky_thread(read_data("bluesky_after_gap.json"), kUrl, diag);
  CHECK(t.source.platform == model::Platform::Bluesky);
  CHECK(t.source.url == kUrl);
  CHECK(t.author.name == "Zofia 🌻");
  CHECK(t.author.handle == "@zofia.example.com");
  CHECK(t.author.url == "https://bsky.app/profile/zofia.example.com");
  CHECK(t.author.avatar == "https://cdn.bsky.app/img/avatar/plain/" + kZofia + "/bafkavatarzofia@jpeg");
  // The gap keeps its number; Karim's reply, Zofia's answer to him and the later branch are left out.
  CHECK(texts(t) == Lines{"<deleted " + at(kZofia, "3kp3deleted22") + ">",
                          "Woche 6: größer als ich 📏 Karims Tipp dazu:", "Die Bienen 🐝 (Video)",
                          "Ernte! 🌰 Danke fürs Mitlesen. #garten #урожай"});
  CHECK(t.posts[0].url == "https://bsky.app/profile/" + kZofia + "/post/3kp3deleted22");
  CHECK(t.posts[1].id == at(kZofia, "3kp4a22222222"));
  CHECK(t.posts[1].url == "https://bsky.app/profile/zofia.example.com/post/3kp4a22222222");
  CHECK(t.posts[1].created_at == "2024-06-01T08:15:00.000Z");
  CHECK(t.posts[3].created_at == "2024-06-01T08:30:00.000000Z");
  CHECK_FALSE(t.posts[1].author);
  CHECK(warnings(diag) ==
        Lines{kUrl + ": post " + at(kZofia, "3kp6a22222222") +
                  ": a facet at bytes 18..20 does not fit the text; left out",
              kUrl + ": the thread starts after a deleted post; the posts above it could not be reached"});
}

TEST_CASE("bluesky: merged with the root's response, in thread order") {
  // Either order of the responses gives the same thread: the model dump below (read by eye: posts
  // in thread order with the deleted one as a numbered gap, the sunflower's four bytes counted as
  // one code point in span offsets, the mixed-script text, the card, Karim's quote, the video with
  // its poster and playlist, the quote that is gone, the facets sorted with the broken one dropped).
  std::string first;
  for (bool root_first : {false, true}) {
    Diagnostics diag;
    std::vector<std::string> docs{read_data("bluesky_after_gap.json"), read_data("bluesky_root.json")};
    if (root_first) std::swap(docs[0], docs[1]);
    const std::string dump = model::dump(parse::bluesky_merge(docs, kUrl, diag));
    if (first.empty()) first = dump;
    CHECK(dump == first);
  }
  check_golden(std::string(TP_TEST_DATA) + "/platforms/bluesky_thread.dump", first);
}

TEST_CASE("bluesky: what the fetching layer reads from a response") {
  auto gap = parse::bluesky_chain_info(read_data("bluesky_after_gap.json"), kUrl);
  CHECK(gap.author_did == kZofia);
  CHECK(gap.root_uri == at(kZofia, "3kroot2222222"));
  CHECK(gap.top_uri == at(kZofia, "3kp4a22222222"));
  CHECK(gap.last_uri == at(kZofia, "3kp6a22222222"));
  CHECK(gap.gap_above);
  CHECK_FALSE(gap.more_below);
  auto root = parse::bluesky_chain_info(read_data("bluesky_root.json"), kUrl);
  CHECK(root.root_uri == at(kZofia, "3kroot2222222"));
  CHECK(root.last_uri == at(kZofia, "3kp2a22222222"));
  CHECK_FALSE(root.gap_above);
  CHECK(root.more_below);  // replyCount 1, no replies: the deleted post's
}

TEST_CASE("bluesky: a thread that starts as a reply to someone else") {
  const std::string doc = R"({"thread":{"$type":"app.bsky.feed.defs#threadViewPost",
    "post":{"uri":"at://did:plc:aaa/app.bsky.feed.post/2","author":{"did":"did:plc:aaa","handle":"a.example"},
            "record":{"text":"mine","createdAt":"2024-01-01T00:00:01Z",
                      "reply":{"root":{"uri":"at://did:plc:bbb/app.bsky.feed.post/1"},"parent":{"uri":"at://did:plc:bbb/app.bsky.feed.post/1"}}}},
    "parent":{"$type":"app.bsky.feed.defs#threadViewPost",
      "post":{"uri":"at://did:plc:bbb/app.bsky.feed.post/1","author":{"did":"did:plc:bbb","handle":"b.example"},
              "record":{"text":"theirs","createdAt":"2024-01-01T00:00:00Z"}}}}})";
  Diagnostics diag;
  model::Thread t = parse::bluesky_thread(doc, "u", diag);
  CHECK(texts(t) == Lines{"mine"});
  CHECK(t.author.name == "a.example");  // no displayName: the handle
  CHECK(diag.warnings().empty());
  // Someone else's deleted parent is no gap of this thread either.
  std::string other_gone = doc;
  other_gone.replace(
      other_gone.find("{\"$type\":\"app.bsky.feed.defs#threadViewPost\",\n      \"post\""), std::string::npos,
      R"({"$type":"app.bsky.feed.defs#notFoundPost","uri":"at://did:plc:bbb/app.bsky.feed.post/1","notFound":true}}})");
  CHECK(texts(parse::bluesky_thread(other_gone, "u", diag)) == Lines{"mine"});
}

TEST_CASE("bluesky: bodies that are not a thread") {
  Diagnostics diag;
  auto read = [&](const std::string& body) {
    return error_of([&] { parse::bluesky_thread(body, "https://bsky.app/x", diag); });
  };
  CHECK(read("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>") ==
        "https://bsky.app/x: expected JSON from Bluesky, got HTML");
  CHECK(read("") == "https://bsky.app/x: Bluesky answered with an empty body, expected JSON");
  CHECK(read(R"({"thread": )") == "https://bsky.app/x: Bluesky answered with invalid JSON at byte 12");
  CHECK(read(R"({"error":"NotFound","message":"Post not found: at://did:plc:x/app.bsky.feed.post/1"})") ==
        "https://bsky.app/x: Bluesky answered with the error NotFound: Post not found: "
        "at://did:plc:x/app.bsky.feed.post/1");
  CHECK(read(R"({"thread":{"$type":"app.bsky.feed.defs#notFoundPost","uri":"at://x","notFound":true}})") ==
        "https://bsky.app/x: Bluesky answered that the post was not found");
  CHECK(read(R"({"feed":[]})") ==
        "https://bsky.app/x: Bluesky answered with JSON that is not a post thread (no \"thread\")");
}

TEST_CASE("bluesky: the author's feed lists the posts below deleted ones, and says when it is old enough") {
  const std::string root = at(kZofia, "3kroot2222222");
  // Page 1 is newer than the thread's posts before the gap; it holds nothing below a gap of this
  // thread: Zofia's reply under Karim's deleted post, a repost and another branch do not count.
  auto p1 = parse::bluesky_feed_page(read_data("bluesky_author_feed_1.json"), kZofia, root,
                                     "2024-06-01T08:05:00.000Z", "u");
  CHECK(p1.below_gaps.empty());
  CHECK(p1.cursor == "2024-06-01T08:16:59.000Z::bafyrei3kzk222222222");
  CHECK_FALSE(p1.reached_since);
  // The repost of Karim's old post sorts by the time of the repost: it never ends the search.
  auto p1_reposted = parse::bluesky_feed_page(read_data("bluesky_author_feed_1.json"), kZofia, root,
                                              "2024-05-25T00:00:00Z", "u");
  CHECK_FALSE(p1_reposted.reached_since);
  auto p2 = parse::bluesky_feed_page(read_data("bluesky_author_feed_2.json"), kZofia, root,
                                     "2024-06-01T08:05:00.000Z", "u");
  CHECK(p2.below_gaps == Lines{at(kZofia, "3kp4a22222222")});
  CHECK(p2.reached_since);
  CHECK_FALSE(
      parse::bluesky_feed_page(read_data("bluesky_author_feed_2.json"), kZofia, root, "", "u").reached_since);
  // Another thread's root, or another author: nothing.
  CHECK(parse::bluesky_feed_page(read_data("bluesky_author_feed_2.json"), kZofia, at(kZofia, "3kzold2222222"),
                                 "", "u")
            .below_gaps.empty());
  CHECK(parse::bluesky_feed_page(read_data("bluesky_author_feed_2.json"), kKarim, root, "", "u")
            .below_gaps.empty());

  Diagnostics diag;
  auto read = [&](const std::string& body) {
    return error_of([&] { parse::bluesky_feed_page(body, kZofia, root, "", "https://bsky.app/x"); });
  };
  CHECK(read(R"({"error":"InvalidRequest","message":"Profile not found"})") ==
        "https://bsky.app/x: Bluesky answered with the error InvalidRequest: Profile not found");
  CHECK(read(R"({"thread":{}})") ==
        "https://bsky.app/x: Bluesky answered with JSON that is not an author feed (no \"feed\")");
  CHECK(read("<html></html>") == "https://bsky.app/x: expected JSON from Bluesky, got HTML");
}

TEST_CASE("bluesky: the root's, the middle's and the after-gap responses merge into the whole thread") {
  Diagnostics diag;
  auto middle = parse::bluesky_chain_info(read_data("bluesky_middle.json"), kUrl);
  CHECK(middle.uris == Lines{at(kZofia, "3kroot2222222"), at(kZofia, "3kp2a22222222")});
  CHECK(middle.last_created_at == "2024-06-01T08:05:00.000Z");
  CHECK(middle.more_below);
  model::Thread t = parse::bluesky_merge(
      {read_data("bluesky_middle.json"), read_data("bluesky_after_gap.json"), read_data("bluesky_root.json")},
      kUrl, diag);
  REQUIRE(t.posts.size() == 6);
  CHECK(t.posts[0].id == at(kZofia, "3kroot2222222"));
  CHECK(t.posts[2].unavailable == model::Unavailable::Deleted);
  CHECK(t.posts[5].id == at(kZofia, "3kp6a22222222"));
}

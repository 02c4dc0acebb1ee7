// Bluesky reader: app.bsky.feed.getPostThread responses (docs/platforms/bluesky.md) -> model::Thread.
// Pure: the caller fetches, these functions only read the bytes they are given. Every function
// throws Error(Input, source_url, "Bluesky answered with …") for a body that is not a thread view
// (HTML from a proxy, an XRPC error object, a thread whose anchor is missing).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"

namespace tp::parse {

// The author's self-reply chain in one getPostThread response: up from the anchor through parents
// written by the anchor's author, down through the author's own replies (among several, the earliest
// `createdAt`, then the smallest URI). Other people's posts, and the author's answers to them, are
// never followed. A `notFoundPost` parent (or a `blockedPost` parent by the author) becomes a post
// with `unavailable = Deleted` and the walk up stops there: nothing above a gap is returned by the
// AppView.
// Post ids are AT-URIs; post urls are bsky.app URLs. Facets become spans (byte offsets converted to
// code points; overlapping, out-of-range and non-boundary facets are dropped with a warning).
model::Thread bluesky_thread(const std::string& get_post_thread_json, const std::string& source_url,
                             Diagnostics& diag);

// Several getPostThread responses of one thread, joined: the first response's anchor decides the
// author and the thread root; every response adds the author's chain posts of that same root (others
// are ignored with a warning). Chain pieces are joined where one piece's top post replies to another
// piece's bottom post; a piece whose top is a deleted post (a gap) comes after the piece holding the
// root, in order of its first post's `createdAt`. Use it after a gap: anchor on the LAST post, and
// when bluesky_chain_info says `gap_above`, fetch `root_uri` and pass both responses (also responses
// anchored at the posts found through getAuthorFeed, and re-anchored responses for depth caps).
model::Thread bluesky_merge(const std::vector<std::string>& get_post_thread_jsons,
                            const std::string& source_url, Diagnostics& diag);

// What the fetching layer needs to decide on further requests, read from one getPostThread response.
struct BlueskyChainInfo {
  std::string author_did;         // the anchor's author
  std::string root_uri;           // the thread root (record.reply.root.uri, or the anchor's own URI)
  std::string top_uri;            // the first post of the chain found in this response
  std::string last_uri;           // the last post of the chain found in this response
  std::string last_created_at;    // its record.createdAt as written ("" when absent)
  std::vector<std::string> uris;  // every chain post of this response, top to bottom
  bool gap_above = false;         // the walk up stopped at a deleted or blocked post of the author
  bool more_below = false;        // the last chain post has replyCount > 0 but no replies came back
};
BlueskyChainInfo bluesky_chain_info(const std::string& get_post_thread_json, const std::string& source_url);

// One page of app.bsky.feed.getAuthorFeed (filter posts_with_replies, newest first), searched for
// the posts that continue a thread below a deleted post (bluesky.md section 6, item 3): a deleted
// reply vanishes from its parent's `replies`, so the posts under it are reachable only from the
// author's own feed.
struct BlueskyFeedPage {
  // The author's posts of the thread `root_uri` whose parent is a deleted (`notFoundPost`) or
  // blocked post of the author, in feed order. The author's replies under someone else's deleted
  // post are not the thread's gaps and are not listed.
  std::vector<std::string> below_gaps;
  std::string cursor;  // the next page's cursor; "" on the last page
  // The page lists a post (not a repost or pin, which sort by their own time) created before
  // `since`: older pages cannot hold posts written after it. `since` is RFC 3339; "" never reaches.
  bool reached_since = false;
};
// Throws Error(Input, source_url, "Bluesky answered with …") for a body that is not an author feed.
BlueskyFeedPage bluesky_feed_page(const std::string& get_author_feed_json, const std::string& author_did,
                                  const std::string& root_uri, const std::string& since,
                                  const std::string& source_url);

}  // namespace tp::parse

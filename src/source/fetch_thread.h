// A pasted thread URL -> model::Thread: the request walk of each platform (docs/platforms/*.md,
// the "Endpoints" and "Walking" sections), on top of any Fetcher. The readers in parse/ turn the
// bytes into the model; this file only decides what to ask for next.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "core/diagnostics.h"
#include "model/thread.h"
#include "source/fetcher.h"
#include "source/url.h"

namespace tp::source {

// Base URLs of the platforms' APIs, without a trailing slash. Replaceable for tests and mirrors
// (--api-base NAME=URL); Mastodon has none: its API is on the instance the pasted URL names.
struct ApiBases {
  std::string bluesky = "https://public.api.bsky.app";
  std::string x = "https://cdn.syndication.twimg.com";
  std::string threadreader = "https://threadreaderapp.com";

  // The platforms whose base --api-base replaces, known there by model::platform_name.
  static constexpr model::Platform kSettable[] = {model::Platform::Bluesky, model::Platform::X,
                                                  model::Platform::ThreadReader};
  // The base of `platform`, which must be one of kSettable (else Error(Internal)).
  std::string& of(model::Platform platform);
};

using Clock = std::function<std::chrono::system_clock::time_point()>;

// Fetches and reads the thread `ref` points at (ref.platform Bluesky, Mastodon, X or ThreadReader):
//  - Bluesky: resolveHandle (unless the actor is a DID), getPostThread (depth and parentHeight
//    1000); a deleted post above the anchor is bridged by also fetching the thread root the chain
//    names; a chain cut by the depth cap is fetched again from its last post. Posts below a deleted
//    post cannot be seen from above it, so the author's feed (getAuthorFeed, posts_with_replies,
//    newest first, back to the earliest end of a chain piece, at most 10 pages) is searched for
//    posts of this thread whose parent is a deleted post of the author, and getPostThread is asked
//    for each. When that search or a later request fails, a warning says the thread may continue.
//  - Mastodon: statuses/<id> and statuses/<id>/context on ref.base; while the chain's last post has
//    more replies than the contexts hold (a context without a token stops at 60 descendants, 20
//    levels), the context of that last post too, at most 20 context requests in all (a warning
//    says the thread may continue when the bound or a failed request stops it).
//  - X: tweet-result for the post and each parent of the same author, walking up (a parent that
//    cannot be had ends the walk with a gap). Then Thread Reader App is asked (api/v0/ping) whether
//    it unrolled the thread; when it did, the posts after the pasted one come from its page. When it
//    did not, a warning says the PDF ends at the given post.
//  - Thread Reader App: the page thread/<id>.html, read by parse::threadreader_html.
// Provenance: source.url is ref's canonical URL (as pasted forms differ), source.platform the
// platform, source.captured_at `now()` in UTC to the second (`now` empty: the system clock), and
// every post has its URL.
// Throws Error(Input, <request URL>, <cause>) on any failure: the Fetcher's causes (fetcher.h),
// "expected JSON, got HTML", "invalid JSON at byte N", an API error object ("Bluesky: NotFound:
// Post not found"), or the reader's error when the bytes are not a thread.
model::Thread fetch_thread(const SourceRef& ref, Fetcher& fetcher, const ApiBases& bases, Diagnostics& diag,
                           const Clock& now = {});

// The URL a SourceRef stands for, in the platform's usual form ("https://bsky.app/profile/<actor>/
// post/<rkey>", "<base>/@<user>/<id>", "https://x.com/<user>/status/<id>",
// "https://threadreaderapp.com/thread/<id>.html").
std::string canonical_url(const SourceRef& ref);

// Percent-encodes `s` for a query parameter value (RFC 3986 unreserved characters kept).
std::string query_escape(const std::string& s);

}  // namespace tp::source

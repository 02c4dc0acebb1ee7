// The Bluesky request walk (bluesky.md sections 2 and 6): resolveHandle, getPostThread for each
// piece of the author's chain, and getAuthorFeed for the posts below a deleted one, asked only when
// the thread shows that a post is missing.
#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"
#include "core/format.h"
#include "parse/bluesky.h"
#include "source/fetch_common.h"

namespace tp::source::detail {

namespace {

using json = nlohmann::json;

// getPostThread responses per thread: each round adds at most one per chain piece; the bound only
// guards against a server that keeps answering "more below" for new posts forever.
constexpr int kMaxThreadRequests = 50;
// getAuthorFeed pages of 100 posts searched for the rest of a thread: the author's last 1,000 posts.
constexpr int kMaxFeedPages = 10;

class BlueskyWalk {
 public:
  BlueskyWalk(Fetcher& fetcher, const ApiBases& bases, Diagnostics& diag, const std::string& source_url)
      : fetcher_(fetcher), bases_(bases), diag_(diag), source_url_(source_url) {}

  // getPostThread anchored at each of `pending` and at whatever the answers name: the last post of
  // a chain cut by the depth cap, the root above a gap. Only the very first request is fatal; a
  // later one that fails costs the posts it would have added, with a warning.
  void fetch_pieces(std::vector<std::string> pending) {
    while (!pending.empty() && requests_ < kMaxThreadRequests) {
      std::string uri = pending.back();
      pending.pop_back();
      if (!anchored_.insert(uri).second) continue;
      std::string url = bases_.bluesky + "/xrpc/app.bsky.feed.getPostThread?uri=" + query_escape(uri) +
                        "&depth=1000&parentHeight=1000";
      ++requests_;
      std::string body;
      try {
        body = get_json(fetcher_, url);
      } catch (const Error& e) {
        if (docs_.empty()) throw;
        diag_.warn_loss(source_url_,
                        std::string("the thread may continue: could not fetch the rest of it: ") + e.what());
        continue;
      }
      parse::BlueskyChainInfo info = parse::bluesky_chain_info(body, url);
      if (docs_.empty()) {
        author_ = info.author_did;
        root_ = info.root_uri;
      }
      docs_.push_back(std::move(body));
      known_.insert(info.uris.begin(), info.uris.end());
      ends_.push_back(info.last_created_at);
      if (info.more_below && !info.last_uri.empty()) pending.push_back(info.last_uri);
      if (info.gap_above && !info.root_uri.empty()) pending.push_back(info.root_uri);
      // A post of the author is missing: a parent that is not found, or a post whose counted replies
      // do not come back even in the thread anchored at it (a deleted reply still counted).
      if (info.gap_above || (info.more_below && info.last_uri == uri)) gap_ = true;
    }
    bool left = std::any_of(pending.begin(), pending.end(),
                            [&](const std::string& u) { return !anchored_.count(u); });
    if (left)
      diag_.warn_loss(source_url_, "the thread may continue: stopped after " +
                                       std::to_string(kMaxThreadRequests) + " requests for its pieces");
  }

  // A deleted reply vanishes from its parent's replies, so nothing from above says the thread
  // goes on. The author's own feed, newest first, back to the earliest end of a chain piece, lists
  // every later post of the author; those of this thread under a deleted post of the author are the
  // tops of the missing pieces.
  std::vector<std::string> search_below_gaps() {
    const std::string since = earliest(ends_);
    std::vector<std::string> found;
    std::string cursor;
    for (int page = 0;; ++page) {
      if (page == kMaxFeedPages) {
        diag_.warn_loss(source_url_, "the thread may continue after a deleted post: only the author's " +
                                         std::to_string(kMaxFeedPages * 100) + " latest posts were searched");
        break;
      }
      std::string url = bases_.bluesky + "/xrpc/app.bsky.feed.getAuthorFeed?actor=" + query_escape(author_) +
                        "&filter=posts_with_replies&limit=100" +
                        (cursor.empty() ? "" : "&cursor=" + query_escape(cursor));
      parse::BlueskyFeedPage got;
      try {
        got = parse::bluesky_feed_page(get_json(fetcher_, url), author_, root_, since, url);
      } catch (const Error& e) {
        diag_.warn_loss(source_url_,
                        std::string("the thread may continue after a deleted post: the author's posts "
                                    "could not be searched: ") +
                            e.what());
        break;
      }
      for (auto& uri : got.below_gaps)
        if (!known_.count(uri)) found.push_back(std::move(uri));
      if (got.reached_since || got.cursor.empty() || got.cursor == cursor) break;
      cursor = got.cursor;
    }
    return found;
  }

  bool empty() const { return docs_.empty(); }
  // True when the pieces fetched so far show a missing post of the author (see fetch_pieces).
  bool shows_gap() const { return gap_; }
  const std::vector<std::string>& docs() const { return docs_; }

 private:
  // The earliest of RFC 3339 times as written; "" when one of them is not a time (no bound).
  static std::string earliest(const std::vector<std::string>& times) {
    std::string best;
    UnixTime best_t = std::numeric_limits<UnixTime>::max();
    for (const auto& s : times) {
      std::optional<UnixTime> t = parse_rfc3339(s);
      if (!t) return {};
      if (*t < best_t) best_t = *t, best = s;
    }
    return best;
  }

  Fetcher& fetcher_;
  const ApiBases& bases_;
  Diagnostics& diag_;
  const std::string& source_url_;
  std::vector<std::string> docs_;
  std::set<std::string> anchored_, known_;
  std::vector<std::string> ends_;  // createdAt of each piece's last post
  std::string author_, root_;
  int requests_ = 0;
  bool gap_ = false;
};

}  // namespace

model::Thread fetch_bluesky(const SourceRef& ref, Fetcher& fetcher, const ApiBases& bases, Diagnostics& diag,
                            const std::string& source_url) {
  std::string did = ref.user;
  if (did.rfind("did:", 0) != 0) {
    std::string url =
        bases.bluesky + "/xrpc/com.atproto.identity.resolveHandle?handle=" + query_escape(ref.user);
    json doc = json::parse(get_json(fetcher, url));
    auto it = doc.find("did");
    if (it == doc.end() || !it->is_string()) fail(url, "Bluesky answered without a \"did\"");
    did = it->get<std::string>();
  }
  BlueskyWalk walk(fetcher, bases, diag, source_url);
  walk.fetch_pieces({"at://" + did + "/app.bsky.feed.post/" + ref.post_id});
  // The author's feed is searched only when a post is known to be missing: a complete thread costs
  // no extra requests, and an author feed that cannot be read says nothing about it.
  if (walk.shows_gap()) walk.fetch_pieces(walk.search_below_gaps());
  const auto& docs = walk.docs();
  return docs.size() == 1 ? parse::bluesky_thread(docs[0], source_url, diag)
                          : parse::bluesky_merge(docs, source_url, diag);
}

}  // namespace tp::source::detail

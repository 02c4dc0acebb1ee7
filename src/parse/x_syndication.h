// X readers: the embed endpoint's `tweet-result` documents (docs/platforms/x-syndication.md) ->
// model::Thread, plus the entity-text recipe the archive reader (x_archive.h) shares. Pure: the
// fetching layer walks up with x_author_id / x_parent_id and passes the documents it got.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"

namespace tp::parse {

// `tweet_results_newest_first[0]` is the pasted (last) post, each next one the parent of the one
// before, as the walk fetched them. An empty string, `{}`, a `TweetTombstone` or a tweet without
// `user` stands for a post that could not be fetched (404, deleted, restricted): it becomes a post
// with `unavailable = Deleted` whose id is the child's `in_reply_to_status_id_str`, and it ends the
// walk (nothing above it is reachable; a warning says so). A document by another author, or whose id is
// not the parent the post below names, ends the thread too (with a warning). The thread comes out
// oldest first. Text: `display_text_range` only, t.co links replaced by their display URL linked to
// the expanded URL, media links dropped, `&amp; &lt; &gt;` decoded after the entities are applied;
// mentions lead to https://x.com/<name>, hashtags to https://x.com/hashtag/<tag>, cashtags to a search.
// Throws Error(Input, source_url, …) when the pasted post itself is unavailable or a body is not JSON.
model::Thread x_thread(const std::vector<std::string>& tweet_results_newest_first,
                       const std::string& source_url, Diagnostics& diag);

// The `user.id_str` of a tweet-result, or "" for an unavailable post (tombstone, `{}`, empty body,
// no user). Throws Error(Input, "X", …) for a body that is not JSON.
std::string x_author_id(const std::string& tweet_result_json);

// The id of the post this one answers, when it answers its own author (`in_reply_to_user_id_str`
// equal to `user.id_str`, or absent): the next post to fetch while walking up. nullopt for a root,
// a reply to someone else, or an unavailable post. Throws like x_author_id.
std::optional<std::string> x_parent_id(const std::string& tweet_result_json);

// --- Shared with the archive reader ---------------------------------------------------------------

struct XEntity {
  enum class Kind { Url, Media, Mention, Hashtag, Symbol };
  Kind kind = Kind::Url;
  size_t start = 0, end = 0;  // code points of the HTML-escaped text, [start, end)
  std::string display;        // Url: the display URL shown instead of the t.co text
  std::string href;           // where the span leads (empty for Media)
};

struct XText {
  std::string text;
  std::vector<model::Span> spans;
};

// The recipe of x-syndication.md section 4 over `escaped` (valid UTF-8): keep the code points
// [range_start, range_end) (clamped to the text), apply the entities inside it (those overlapping
// an earlier one or crossing the range are skipped), then decode `&amp; &lt; &gt; &quot; &#39;`
// outside the replaced URLs. Spans are code points of the final text; surrounding space is trimmed.
XText x_entity_text(std::string_view escaped, size_t range_start, size_t range_end,
                    std::vector<XEntity> entities);

// The entities of a tweet object (`entities.urls`, `user_mentions`, `hashtags`, `symbols`, `media`,
// and `extended_entities.media`), accepting indices written as numbers or as strings (the archive).
std::vector<XEntity> x_entities(const nlohmann::json& tweet);

// `display_text_range` of a tweet object (numbers or strings), or [0, length of `text`).
std::pair<size_t, size_t> x_display_range(const nlohmann::json& tweet, std::string_view text);

}  // namespace tp::parse

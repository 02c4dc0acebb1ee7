// Mastodon reader: REST API statuses/<id> and statuses/<id>/context (docs/platforms/mastodon.md)
// -> model::Thread. Pure: the caller fetches from the instance the pasted URL names.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"

namespace tp::parse {

// The pasted status's author A and A's self-reply chain: up through `in_reply_to_id` while the parent
// is A's, down through the status replying to the current one written by A (several: the lowest id).
// Nothing is taken by position, so other people's replies, their self-replies (which Mastodon moves
// ahead in `descendants`) and A's answers to other people are left out. A parent of A that is absent
// from `ancestors` (deleted, or private) becomes a post with `unavailable = Deleted` on top, with a
// warning.
// `source_url` is the pasted URL; its host completes the handle of a local account
// ("@user@host"). Status HTML becomes text and spans (mastodon_html.h); `spoiler_text` becomes the
// post's content_warning; custom emoji stay as `:shortcode:` text and are listed in Post::emoji and
// Author::emoji (their still `static_url`); a poll becomes Post::poll; `language`, `edited_at` and
// the counts are kept. A boost is read as the boosted status.
// Throws Error(Input, source_url, "Mastodon answered with …") when a body is not a status / context.
model::Thread mastodon_thread(const std::string& status_json, const std::string& context_json,
                              const std::string& source_url, Diagnostics& diag);

// The same over several context responses of one thread (the pasted status's, then those of later
// chain posts when one context did not reach the end): their statuses are pooled by id, the first
// copy of each kept, and the chain walked once over all of them.
model::Thread mastodon_thread(const std::string& status_json, const std::vector<std::string>& context_jsons,
                              const std::string& source_url, Diagnostics& diag);

// What the fetching layer needs to decide whether to ask for more: without a token `context` lists
// at most 60 descendants, 20 levels deep (mastodon.md section 2), so a long chain ends early.
struct MastodonChainInfo {
  std::string status_id;  // the pasted status, or the status it boosts (whose context tells the thread)
  std::string first_id;   // the first status of the author's chain found so far
  // Its parent, a status of the author, is in none of the contexts: a context without a token lists
  // at most 40 ancestors, so the context of this first status may hold the rest (or the parent is
  // gone, when that context was asked for already).
  bool more_above = false;
  std::string last_id;  // the last status of the author's chain found so far
  // Its `replies_count` is larger than the number of statuses replying to it that the contexts hold:
  // asking for its own context may show more (or nothing, when the replies are private).
  bool more_below = false;
};
// Throws as mastodon_thread does.
MastodonChainInfo mastodon_chain_info(const std::string& status_json,
                                      const std::vector<std::string>& context_jsons,
                                      const std::string& source_url);

}  // namespace tp::parse

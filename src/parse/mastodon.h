// Mastodon reader: REST API statuses/<id> and statuses/<id>/context (shared/formats/mastodon.md)
// -> model::Thread. Pure: the caller fetches from the instance the pasted URL names.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"

namespace tp::parse {

// The pasted status's author A and A's self-reply chain: up through `in_reply_to_id` while the parent
// is A's, down through the status replying to the current one written by A (several: the lowest id).
// Nothing is taken by position, so other people's replies, their self-replies (which Mastodon moves
// ahead in `descendants`) and A's answers to other people are left out. A parent of A that is absent
// from `ancestors` (deleted, or private) becomes a post with `deleted = true` on top, with a warning.
// `source_url` is the pasted URL; its host completes the handle of a local account
// ("@user@host"). Status HTML becomes text and spans (mastodon_html.h); a content warning
// (`spoiler_text`) starts the text as "CW: <summary>\n\n"; custom emoji stay as `:shortcode:` text; a
// poll is appended as one line per option. A boost is read as the boosted status.
// Throws Error(Input, source_url, "Mastodon answered with …") when a body is not a status / context.
model::Thread mastodon_thread(const std::string& status_json, const std::string& context_json,
                              const std::string& source_url, Diagnostics& diag);

}  // namespace tp::parse

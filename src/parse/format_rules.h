// What the thread JSON format asks of every thread, met by each platform reader before it returns,
// so that every thread threadpdf reads from a source can be written and read back
// (docs/thread-json.md; issue 8, defect 7).
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "model/thread.h"

namespace tp::parse {

// The text a post gets when the source gave it content the model cannot hold (an attachment of an
// unknown type, an audio file without a picture, an embed of a kind not shown) and nothing else:
// the post keeps its place and number, and the reader sees why it is blank.
inline constexpr const char* kUnshownContent = "[This post's attachment cannot be shown.]";

// True for a post the format refuses: empty text and no media, quote, card, poll or unavailable
// marker (the page allows empty text "when the post has media"; the others are something to show).
bool nothing_to_show(const model::Post& post);

// - Ids are unique in the document, quoted posts included: a post whose id an earlier post has
//   (a page listing a post twice) is left out, the first copy kept, with a warning to `diag` under
//   `where`; a quoted post whose id is taken (a post quoting an earlier post of the same thread, two
//   posts quoting the same one) gets "#quote" appended until it is free.
// - A post with nothing to show gets kUnshownContent as its text (the reader has warned about what
//   it dropped).
void meet_format_rules(model::Thread& thread, const std::string& where, Diagnostics& diag);

}  // namespace tp::parse

// Finds links, @mentions and #hashtags in plain post text, the way X shows them, for readers whose
// input carries no markup (copied unroll text).
#pragma once

#include <string>
#include <vector>

#include "model/thread.h"

namespace tp::parse {

// Spans of `text` (valid UTF-8), sorted and not overlapping, offsets in code points.
//  - Links: `http://` or `https://` URLs, and bare domains as X displays shortened links
//    (`example.org/path`). A bare domain needs a known generic top-level domain (`example.org`,
//    `sakana.ai`) or, with a two-letter country domain, a path or a third label (`bbc.co.uk`,
//    `uk.example/x`), so `README.md` and `script.py` stay text. Trailing sentence punctuation and
//    unbalanced closing brackets are not part of a link. A display URL X cut short with `…` keeps
//    the `…` inside the span and leads to the last complete path segment before it.
//  - Mentions: `@name`, 1 to 15 of [A-Za-z0-9_], not inside a word or an e-mail address.
//  - Hashtags: `#` and letters, marks, digits or `_` of any script, at least one not a digit.
// hrefs are https URLs on x.com for mentions and hashtags; non-ASCII in an href is percent-encoded.
std::vector<model::Span> find_spans(const std::string& text);

}  // namespace tp::parse

// Mastodon status HTML -> plain text and spans (docs/platforms/mastodon.md, section 4).
// A small tokenizer for the sanitized subset Mastodon sends (p, br, a, span; since 4.2 also del, pre,
// code, em, strong, b, i, u, ul, ol, li, blockquote) and HTML entities. Unknown tags are dropped and
// their text kept; it never fails: broken markup degrades to its text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/thread.h"

namespace tp::parse {

struct MastodonText {
  std::string text;                // valid UTF-8; "\n\n" between paragraphs, "\n" for <br>
  std::vector<model::Span> spans;  // code points of `text`, sorted, not overlapping
};

struct MastodonHtmlOptions {
  // Remove elements with class `quote-inline` (the "RE: <link>" fallback of a quote post); set it
  // when the status carries a `quote`, which is shown as the quote itself.
  bool drop_quote_inline = false;
};

// Rules: each <p>, <blockquote>, <pre>, list is a paragraph; <br> is a line break; <li> is one line
// ("• " or "N. " before it); whitespace collapses as a browser does, except inside <pre>; leading and
// trailing blank space of the whole text is trimmed. Links show what Mastodon shows (`invisible`
// spans hidden, "…" after an `ellipsis` span) and lead to their full href. <a class="… mention …">
// is a mention, with class `hashtag` or rel="tag" a hashtag, any other <a href> a link; non-ASCII
// bytes of an href are percent-encoded.
// Custom emoji stay as their `:shortcode:` text.
MastodonText mastodon_html_to_text(std::string_view html, const MastodonHtmlOptions& options = {});

// Decodes HTML character references as HTML5 does (through gumbo): every named reference, decimal
// and hexadecimal ones. Unknown or malformed references stay as written; references to surrogates,
// zero or values above U+10FFFF become U+FFFD.
std::string decode_html_entities(std::string_view text);

}  // namespace tp::parse

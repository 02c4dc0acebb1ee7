// Internal to layout/: the parts of a post beyond its text and pictures — the tombstone of a post
// that is unavailable, the content-warning banner, a poll, the marks "edited" and "text cut by the
// source", the counts line, audio and other attachments, and custom emoji drawn inline.
// Every builder returns Boxes in the column [x, x + width); nothing is drawn over another item.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "layout/flow.h"
#include "model/thread.h"

namespace tp::layout {

// "Post unavailable: it was deleted." and the like, in the words of the reason, then the post's URL
// printed and linked when it has one. `quoted`: the tombstone of a quoted post.
std::vector<Box> unavailable_boxes(Context& ctx, const model::Post& post, double x, double width,
                                   const std::string& where, bool quoted);

// A tinted banner "Content warning: …" (the text below it is still printed in full). `lang` is
// the post's declared language (TextSpec::language), which the warning's words are in.
std::vector<Box> content_warning_boxes(Context& ctx, const std::string& warning, double x, double width,
                                       const std::string& where, const std::string& lang = {});

// One row per option (title, percentage, a bar as long as its share under the row), then
// "N voters · closed 3 Apr 2025", all framed. Without votes the rows have no bars. The option
// titles are shaped in `lang`, the post's declared language.
std::vector<Box> poll_boxes(Context& ctx, const model::Poll& poll, double x, double width,
                            const std::string& where, const std::string& lang = {});

// "Text cut by the source: …" with the post's URL; also reports the loss to ctx.diag.
std::vector<Box> truncated_boxes(Context& ctx, const model::Post& post, double x, double width,
                                 const std::string& where);

// "2 replies · 5 reposts · 31 likes" (counts the source did not give are left out); empty when none.
std::vector<Box> counts_boxes(Context& ctx, const model::Counts& counts, double x, double width,
                              const std::string& where);

// An audio or other attachment: its picture when one loaded, then a framed line "Audio: <description>"
// and its link.
std::vector<Box> attachment_boxes(Context& ctx, const model::Media& m, double x, double width, double max_h,
                                  const std::string& where);

// Custom emoji in a text: `substitute` replaces each ":shortcode:" whose picture loaded by one
// carrier character (U+25A1, which the font chain has) and remembers the shortcodes in the order
// they were replaced; `place` then turns each carrier glyph in the drawn boxes (one line each) into
// the picture, at the text's size, over an invisible ":shortcode:" that extractors read. A text that already
// holds U+25A1, or that runs right to left (its glyphs are not in logical order), keeps its
// shortcodes as text.
class InlineEmoji {
 public:
  InlineEmoji(Context& ctx, std::vector<model::Emoji> emoji, const std::string& whole_text, bool ltr);
  InlineEmoji(const InlineEmoji&) = delete;
  InlineEmoji& operator=(const InlineEmoji&) = delete;
  std::string substitute(const std::string& text);
  // `right`: the column's right edge. A picture wider than its carrier moves the rest of its line
  // right, as far as the line's slack before `right` allows.
  void place(std::vector<Box>& boxes, double right) const;

 private:
  const model::Emoji* find(std::string_view shortcode) const;

  Context& ctx_;
  std::vector<model::Emoji> emoji_;  // a copy: order_ points into it
  bool enabled_;
  std::vector<const model::Emoji*> order_;
  std::map<std::string, const model::Emoji*, std::less<>> drawable_;  // null: its picture did not load
};

// "30 Mar 2025, 08:20 UTC" for an RFC 3339 time, the text as given when it is not one.
std::string human_time(const std::optional<std::string>& rfc3339);

}  // namespace tp::layout

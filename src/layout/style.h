// A layout style: page size, margins, type sizes, colours and spacing, read from layouts/*.json.
// A file may say "extends": "NAME" to start from another layout in the same folder; keys it does
// not give keep the values they have there. A file that extends nothing starts from a4.json, which
// gives every key: the defaults live there alone, and a Style not loaded by load_style is zero.
#pragma once

#include <string>

#include "core/geometry.h"

namespace tp::layout {

struct TextStyle {
  double size = 0;  // points
  Color color;
};

// Lengths in points, colours as RGB from 0 to 1; the values are layouts/a4.json's unless a layout
// overrides them.
struct Style {
  Size page;
  double margin_top = 0, margin_bottom = 0, margin_left = 0, margin_right = 0;
  TextStyle text;
  double leading = 0;  // line height as a multiple of the text size
  Color link_color;
  TextStyle meta, number, title, name, caption, quote, footer;
  Color frame_color, rule_color, placeholder_fill;
  double post_gap = 0, block_gap = 0;
  double avatar_size = 0;
  double image_max_height = 0;        // fraction of the content height
  double image_alone_max_height = 0;  // the same for a post that is one picture and no text
  bool justify = false;               // post text set flush on both edges, total-fit line breaking
  bool hyphenate = false;             // with justify: hyphenate words (libhyphen dictionaries)
  std::string language;               // language of Latin-script posts, for hyphenation
  bool counts = false;                // a line of replies, reposts, likes and quotes under each post
  bool link_notes = false;            // a shortened link gets "[n]" and its full target under the post
  Color warning_fill;                 // content-warning banners
  Color warning_color;                // their words, and marks such as "text cut by the source"

  double content_width() const { return page.width - margin_left - margin_right; }
  double content_height() const { return page.height - margin_top - margin_bottom; }
};

// Page sizes by name: "a4", "letter", "a5". Throws Error(Usage) for another name.
Size page_size(const std::string& name);

// `name_or_file` is a layout name (a file NAME.json in `layouts_dir`) or a path to a JSON file.
// `layouts_dir` holds the named layouts and a4.json, where every chain of "extends" starts.
// Throws Error(Usage) naming the file and the bad key for a file that is not a valid layout.
Style load_style(const std::string& name_or_file, const std::string& layouts_dir);

}  // namespace tp::layout

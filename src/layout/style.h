// A layout style: page size, margins, type sizes, colours and spacing, read from layouts/*.json.
// A file may say "extends": "NAME" to start from another layout in the same folder; keys it does
// not give keep the values they have there (and a4.json's values are the built-in defaults).
#pragma once

#include <string>

#include "core/geometry.h"

namespace tp::layout {

struct TextStyle {
  double size = 10;
  Color color;
};

struct Style {
  Size page{595.276, 841.89};  // A4
  double margin_top = 54, margin_bottom = 62, margin_left = 62, margin_right = 62;
  TextStyle text{10.5, {0.106, 0.106, 0.106}};
  double leading = 1.45;  // line height as a multiple of the text size
  Color link_color{0.102, 0.357, 0.722};
  TextStyle meta{8.5, {0.384, 0.384, 0.384}};
  TextStyle number{10, {0.102, 0.357, 0.722}};
  TextStyle title{19, {0.067, 0.067, 0.067}};
  TextStyle name{13, {0.067, 0.067, 0.067}};
  TextStyle caption{8.5, {0.333, 0.333, 0.333}};
  TextStyle quote{9.5, {0.149, 0.149, 0.149}};
  TextStyle footer{8, {0.467, 0.467, 0.467}};
  Color frame_color{0.788, 0.808, 0.839};
  Color rule_color{0.882, 0.894, 0.91};
  Color placeholder_fill{0.949, 0.953, 0.961};
  double post_gap = 13, block_gap = 7;
  double avatar_size = 42;
  double image_max_height = 0.5;            // fraction of the content height
  double image_alone_max_height = 0.5;      // the same for a post that is one picture and no text
  bool justify = false;                     // post text set flush on both edges, total-fit line breaking
  bool hyphenate = false;                   // with justify: hyphenate words (libhyphen dictionaries)
  std::string language = "en";              // language of Latin-script posts, for hyphenation
  bool counts = false;                      // a line of replies, reposts, likes and quotes under each post
  bool link_notes = true;                   // a shortened link gets "[n]" and its full target under the post
  Color warning_fill{0.996, 0.953, 0.878};  // content-warning banners
  Color warning_color{0.62, 0.25, 0.0};     // their words, and marks such as "text cut by the source"

  double content_width() const { return page.width - margin_left - margin_right; }
  double content_height() const { return page.height - margin_top - margin_bottom; }
};

// Page sizes by name: "a4", "letter", "a5". Throws Error(Usage) for another name.
Size page_size(const std::string& name);

// `name_or_file` is a layout name (a file NAME.json in `layouts_dir`) or a path to a JSON file.
// Throws Error(Usage) naming the file and the bad key for a file that is not a valid layout.
Style load_style(const std::string& name_or_file, const std::string& layouts_dir);

}  // namespace tp::layout

// A paragraph of styled text, shaped once and broken into lines for a width as often as needed
// (the SkParagraph model). Itemisation (itemize.cc: bidi levels by ICU UBiDi, UAX #9; script; font
// choice per grapheme cluster; style), then each item shaped with HarfBuzz and a cluster table built
// once (shape.cc), which line breaking and hyphenation read. Break opportunities come from ICU's
// line break iterator (UAX #14).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "text/font_set.h"

namespace tp::text {

// A styled range of the paragraph text, in bytes. `tag` is the caller's (colour, link) and comes
// back on every glyph run cut from this range.
struct StyleRange {
  size_t start = 0, end = 0;
  bool bold = false;
  int tag = 0;
  // A URL: inside it a line may break only after "/", "?", "&", "-", "=" or "#" (never inside
  // the "://" of its scheme), instead of where UAX #14 would allow.
  bool url = false;
};

struct ShapedGlyph {
  std::uint32_t gid = 0;
  std::uint32_t cluster = 0;           // byte offset into the paragraph text
  double dx = 0, dy = 0, advance = 0;  // points; dy positive downwards
};

// One item: one face, one direction, one style, in logical order in the paragraph.
struct ShapedRun {
  size_t start = 0, end = 0;  // bytes
  int face = 0;
  int level = 0;  // bidi embedding level; odd = right to left
  int tag = 0;
  bool bold = false;
  std::vector<ShapedGlyph> glyphs;  // HarfBuzz output order (visual: reversed for RTL)
};

struct BreakOpportunity {
  size_t offset = 0;  // a line may start here
  bool mandatory = false;
};

// A piece of a line: glyphs [glyph_begin, glyph_end) of one run, in visual order within the line.
struct LinePiece {
  int run = 0;
  size_t glyph_begin = 0, glyph_end = 0;
  size_t start = 0, end = 0;  // bytes of the text these glyphs stand for
  double width = 0;
};

struct Line {
  size_t start = 0, end = 0;      // bytes, trailing white space and the line feed excluded
  double width = 0;               // points, trailing white space excluded (and without a hyphen)
  std::vector<LinePiece> pieces;  // visual order, left to right
  // Justified lines: points added to every space (U+0020) of the line (negative: spaces shrink),
  // and whether a hyphen is to be drawn at the end (the word goes on on the next line).
  double space_adjust = 0;
  bool hyphen = false;
  double hyphen_width = 0;  // points
  int hyphen_face = 0;
};

class Hyphenator;

enum class Direction { Auto, Ltr, Rtl };

// The direction of the first strong character of `text` (UAX #9 rules P2, P3); Ltr when none.
Direction detect_direction(const std::string& text);

class Paragraph {
 public:
  // `text` is valid UTF-8; `\n` is a forced line break. `styles` cover the text (gaps get tag 0,
  // regular). Each character no face covers is reported to `diag` (one warning per code point, which
  // Diagnostics keeps once however often it recurs) and drawn with the primary face's .notdef box.
  // `where` names the input for those warnings.
  // `direction` is the base direction (Auto: from the first strong character).
  // `language` is the BCP 47 tag the source declares for the text ("" when it declares none):
  // every run is shaped in it, so fonts choose its local glyph forms (OpenType 'locl'): the same
  // Han character has Japanese, Korean, Simplified or Traditional Chinese forms for "ja", "ko",
  // "zh-Hans" (or "zh", "zh-CN") and "zh-Hant" ("zh-TW"; "zh-HK" Hong Kong's). Han runs under no
  // CJK language are shaped as the paragraph's other scripts suggest: Japanese beside kana,
  // Korean beside Hangul, else Chinese.
  Paragraph(const FontSet& fonts, std::string text, const std::vector<StyleRange>& styles, double size,
            Diagnostics& diag, const std::string& where, Direction direction = Direction::Auto,
            const std::string& language = {});

  const std::string& text() const { return text_; }
  const std::vector<ShapedRun>& runs() const { return runs_; }
  const std::vector<BreakOpportunity>& breaks() const { return breaks_; }
  bool rtl() const { return base_level_ % 2 == 1; }
  double size() const { return size_; }

  // Breaks into lines no wider than `width` (a word longer than a line is cut between clusters).
  std::vector<Line> layout(double width) const;

  // Justified: total-fit line breaking (Knuth-Plass) over the whole paragraph, spaces as glue,
  // hyphenation points of `hyphenator` (may be null) as flagged penalties; every line but the last
  // and those ended by a line feed fills `width` through Line::space_adjust.
  std::vector<Line> layout_justified(double width, const Hyphenator* hyphenator) const;

  // True when a line may start at byte `offset` without splitting a glyph between two lines: it is
  // where a glyph cluster starts (a ligature "ffi" or a conjunct is one cluster over several
  // characters), or the end of the text. Line cuts and hyphenation points are snapped to these.
  bool cluster_start(size_t offset) const { return offset < cluster_start_.size() && cluster_start_[offset]; }

  // HarfBuzz-style one-line form of the shaped runs, for tests and `--dump shaped`:
  // "[gid=cluster@dx,dy+advance|...]" per run, advances in points to 0.01.
  std::string serialize() const;

 private:
  const FontSet& fonts_;
  std::string text_;
  double size_;
  int base_level_ = 0;
  std::vector<ShapedRun> runs_;
  std::vector<BreakOpportunity> breaks_;
  std::vector<size_t> graphemes_;       // byte offsets of grapheme cluster starts, and text size last
  std::vector<double> advance_before_;  // per byte b: total advance of the glyphs of clusters before b
  std::vector<bool> cluster_start_;     // per byte, and the text size: see cluster_start()

  double width(size_t start, size_t end) const { return advance_before_[end] - advance_before_[start]; }
  size_t trim_end(size_t start, size_t end) const;
  void add_url_breaks(const std::vector<StyleRange>& styles);
  Line make_line(size_t start, size_t end) const;
  // The first run that ends after `byte` (runs_.size() when none): runs are in text order.
  size_t run_at(size_t byte) const;
};

}  // namespace tp::text

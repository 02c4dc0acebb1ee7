// Paragraph::layout_justified: the bridge from a shaped paragraph to Knuth-Plass items and back.
#include <unicode/uchar.h>

#include <algorithm>

#include "core/utf8.h"
#include "text/hyphenate.h"
#include "text/linebreak_kp.h"
#include "text/paragraph.h"

namespace tp::text {

namespace {

// Where a break item ends its line and where the next line starts, in bytes.
struct BreakAt {
  size_t line_end = 0, next_start = 0;
  bool hyphen = false;
  bool forced = false;
};

bool ideographic(char32_t c) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

char32_t last_char_before(const std::string& s, size_t end) {
  size_t p = end;
  while (p > 0 && (static_cast<unsigned char>(s[p - 1]) & 0xC0) == 0x80) --p;
  if (p == 0 && end == 0) return 0;
  if (p > 0) --p;
  while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
  size_t q = p;
  return utf8::next(s, q);
}

}  // namespace

std::vector<Line> Paragraph::layout_justified(double max_width, const Hyphenator* hyphenator) const {
  std::vector<KpItem> items;
  std::vector<BreakAt> at;  // parallel to items (meaningful for glue and penalties)
  auto push = [&](KpItem item, BreakAt b = {}) {
    items.push_back(item);
    at.push_back(b);
  };
  auto face_at = [&](size_t byte) {
    const size_t r = run_at(byte);
    return r < runs_.size() && runs_[r].start <= byte ? runs_[r].face : 0;
  };
  auto hyphen_width = [&](int face) {
    if (fonts_.face(face).emoji) face = 0;
    return fonts_.advance(face, fonts_.glyph(face, U'-')) * size_;
  };
  // TeX's plain values, in terms of the font's own space: stretch 1/2, shrink 1/3.
  auto add_word = [&](size_t a, size_t b) {
    std::vector<size_t> points;
    if (hyphenator && b - a >= 5) points = hyphenator->points(std::string_view(text_).substr(a, b - a));
    size_t last = a;
    for (size_t p : points) {
      const size_t at_byte = a + p;
      // A point inside a glyph cluster ("of|fice" under an "ffi" ligature) would print the
      // ligature on one line and its last letters again on none: the point is dropped, since the
      // nearest cluster start ("o|ffice") is no hyphenation the dictionary allows.
      if (at_byte <= last || at_byte >= b || !cluster_start(at_byte)) continue;
      push(KpItem::box(width(last, at_byte)));
      const int face = face_at(at_byte - 1);
      push(KpItem::penalty_item(hyphen_width(face), 50, true), {at_byte, at_byte, true, false});
      last = at_byte;
    }
    if (b > last) push(KpItem::box(width(last, b)));
  };

  size_t prev = 0;
  for (const BreakOpportunity& o : breaks_) {
    if (o.offset <= prev) continue;
    const size_t word_end = trim_end(prev, o.offset);
    add_word(prev, word_end);
    if (o.mandatory) {
      push(KpItem::forced_break(), {word_end, o.offset, false, true});
    } else if (word_end < o.offset) {
      const double sw = width(word_end, o.offset);
      push(KpItem::glue(sw, sw / 2, sw / 3), {word_end, o.offset, false, false});
    } else if (ideographic(last_char_before(text_, o.offset))) {
      // Between ideographs: a break with a little room to stretch, as CJK justification spreads
      // the line over its characters.
      push(KpItem::glue(0, size_ * 0.15, 0), {o.offset, o.offset, false, false});
    } else {
      push(KpItem::penalty_item(0, 50), {o.offset, o.offset, false, false});
    }
    prev = o.offset;
  }
  if (items.empty() || items.back().type != KpItem::Penalty || items.back().penalty > -kInfinitePenalty)
    push(KpItem::forced_break(), {trim_end(prev, text_.size()), text_.size(), false, true});

  KpOptions options;
  options.uniform_from = 0;
  const auto breaks = knuth_plass(
      items, [&](size_t) { return max_width; }, options);
  const auto measured = measure_lines(
      items, breaks, [&](size_t) { return max_width; }, options);

  std::vector<Line> lines;
  size_t start = 0;
  for (size_t k = 0; k < breaks.size(); ++k) {
    const BreakAt& b = at[breaks[k]];
    Line line = make_line(start, std::max(start, b.line_end));
    const KpLine& m = measured[k];
    line.hyphen = b.hyphen;
    if (b.hyphen) {
      line.hyphen_face = face_at(b.line_end - 1);
      if (fonts_.face(line.hyphen_face).emoji) line.hyphen_face = 0;
      line.hyphen_width = hyphen_width(line.hyphen_face);
    }
    if (!m.ragged && !b.forced) {
      const auto first = text_.begin() + static_cast<long>(line.start);
      const auto spaces = std::count(first, first + static_cast<long>(line.end - line.start), ' ');
      // Spread (or, within the glue's shrink, tighten) the spaces to fill the measure; a line that
      // would need more shrink than its glue has (an overfull box) stays at its natural width.
      if (spaces > 0 && m.ratio >= -1)
        line.space_adjust = (max_width - line.width - line.hyphen_width) / static_cast<double>(spaces);
    }
    lines.push_back(std::move(line));
    start = b.next_start;
  }
  return lines;
}

}  // namespace tp::text

#include "text/paragraph.h"

#include <unicode/ubidi.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "core/error.h"
#include "core/format.h"
#include "core/utf8.h"
#include "text/font_impl.h"
#include "text/itemize.h"
#include "text/shape.h"

namespace tp::text {

namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Direction detect_direction(const std::string& text) {
  // Of the ASCII characters only the letters are strong (left to right): most texts are decided by
  // their first byte, and the rest is converted from the first byte that is not ASCII.
  size_t ascii = 0;
  for (; ascii < text.size() && static_cast<unsigned char>(text[ascii]) < 0x80; ++ascii) {
    const char c = text[ascii];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return Direction::Ltr;
  }
  if (ascii == text.size()) return Direction::Ltr;
  std::u16string u = utf8::to_utf16(std::string_view(text).substr(ascii));
  switch (ubidi_getBaseDirection(uchars(u), static_cast<int32_t>(u.size()))) {
    case UBIDI_RTL:
      return Direction::Rtl;
    default:
      return Direction::Ltr;
  }
}

Paragraph::Paragraph(const FontSet& fonts, std::string text, const std::vector<StyleRange>& styles,
                     double size, Diagnostics& diag, const std::string& where, Direction direction,
                     const std::string& language)
    : fonts_(fonts), text_(std::move(text)), size_(size) {
  FontSet::Impl& impl = fonts.impl();
  const Utf16 u = to_utf16_mapped(text_);
  const auto len16 = static_cast<int32_t>(u.text.size());
  UErrorCode err = U_ZERO_ERROR;

  Itemization items = itemize(fonts, text_, u, styles, direction, diag, where);
  base_level_ = items.base_level;
  graphemes_ = std::move(items.graphemes);
  ShapingLanguage shaping_language(language, text_);
  for (const Item& item : items.items)
    runs_.push_back(shape(impl, text_, item, size_, shaping_language.of(item.script)));
  ClusterTable clusters = cluster_table(text_.size(), runs_, graphemes_);
  advance_before_ = std::move(clusters.advance_before);
  cluster_start_ = std::move(clusters.cluster_start);

  // Line break opportunities (UAX #14).
  ubrk_setText(impl.line_breaks, uchars(u.text), len16, &err);
  for (int32_t b = ubrk_first(impl.line_breaks); (b = ubrk_next(impl.line_breaks)) != UBRK_DONE;) {
    BreakOpportunity o;
    o.offset = u.byte_of[static_cast<size_t>(b)];
    o.mandatory = ubrk_getRuleStatus(impl.line_breaks) >= UBRK_LINE_HARD || o.offset == text_.size();
    breaks_.push_back(o);
  }
  ubrk_setText(impl.line_breaks, nullptr, 0, &err);
  add_url_breaks(styles);
}

void Paragraph::add_url_breaks(const std::vector<StyleRange>& styles) {
  std::vector<std::pair<size_t, size_t>> urls;  // [start, end) of each URL, sorted
  for (const StyleRange& st : styles)
    if (st.url && st.end > st.start) urls.emplace_back(st.start, st.end);
  if (urls.empty()) return;
  std::sort(urls.begin(), urls.end());
  // Opportunities strictly inside a URL are replaced; its two ends keep what UAX #14 says. One
  // pass over both sorted lists (erasing per URL would cost a pass over the breaks per URL).
  size_t u = 0;
  std::erase_if(breaks_, [&](const BreakOpportunity& o) {
    while (u < urls.size() && urls[u].second <= o.offset) ++u;
    return u < urls.size() && o.offset > urls[u].first;
  });
  for (const StyleRange& st : styles) {
    if (!st.url || st.end <= st.start) continue;
    const size_t scheme = text_.find("://", st.start);
    const size_t after_scheme = scheme != std::string::npos && scheme < st.end ? scheme + 3 : st.start;
    for (size_t i = after_scheme; i + 1 < st.end; ++i) {
      char c = text_[i];
      if (c == '/' || c == '?' || c == '&' || c == '-' || c == '=' || c == '#') {
        // Not between repeated separators ("//", "--"): the break goes after the last of them.
        if (text_[i + 1] == c) continue;
        breaks_.push_back({i + 1, false});
      }
    }
  }
  std::sort(breaks_.begin(), breaks_.end(),
            [](const BreakOpportunity& a, const BreakOpportunity& b) { return a.offset < b.offset; });
}

size_t Paragraph::trim_end(size_t start, size_t end) const {
  while (end > start && is_space_byte(text_[end - 1])) --end;
  return end;
}

size_t Paragraph::run_at(size_t byte) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), byte,
                             [](size_t b, const ShapedRun& r) { return b < r.end; });
  return static_cast<size_t>(it - runs_.begin());
}

Line Paragraph::make_line(size_t start, size_t end) const {
  Line line;
  line.start = start;
  line.end = end;
  // Only the runs the line overlaps, found by binary search: scanning every run (and every glyph
  // of each) for every line made a long paragraph quadratic.
  for (size_t r = run_at(start); r < runs_.size() && runs_[r].start < end; ++r) {
    const ShapedRun& run = runs_[r];
    size_t ps = std::max(start, run.start), pe = std::min(end, run.end);
    if (ps >= pe) continue;
    LinePiece piece;
    piece.run = static_cast<int>(r);
    piece.start = ps;
    piece.end = pe;
    // Clusters are monotonic within a run (ascending left to right, descending right to left), so
    // the glyphs of [ps, pe) are contiguous and found by binary search.
    const auto& gl = run.glyphs;
    auto index = [&](auto it) { return static_cast<size_t>(it - gl.begin()); };
    if (run.level % 2 == 0) {
      auto before = [](const ShapedGlyph& g, size_t b) { return g.cluster < b; };
      piece.glyph_begin = index(std::lower_bound(gl.begin(), gl.end(), ps, before));
      piece.glyph_end = index(std::lower_bound(gl.begin(), gl.end(), pe, before));
    } else {
      auto at_or_after = [](const ShapedGlyph& g, size_t b) { return g.cluster >= b; };
      piece.glyph_begin = index(std::lower_bound(gl.begin(), gl.end(), pe, at_or_after));
      piece.glyph_end = index(std::lower_bound(gl.begin(), gl.end(), ps, at_or_after));
    }
    if (piece.glyph_begin >= piece.glyph_end) continue;
    for (size_t k = piece.glyph_begin; k < piece.glyph_end; ++k) piece.width += gl[k].advance;
    line.width += piece.width;
    line.pieces.push_back(piece);
  }
  // UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every maximal
  // sequence of pieces at that level or higher. A piece's level is its run's, so it moves with it.
  auto& pieces = line.pieces;
  auto level_of = [&](size_t i) { return runs_[static_cast<size_t>(pieces[i].run)].level; };
  int hi = 0, lo_odd = INT_MAX;
  for (size_t i = 0; i < pieces.size(); ++i) {
    hi = std::max(hi, level_of(i));
    if (level_of(i) % 2) lo_odd = std::min(lo_odd, level_of(i));
  }
  for (int level = hi; level >= lo_odd; --level) {
    for (size_t i = 0; i < pieces.size();) {
      if (level_of(i) < level) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < pieces.size() && level_of(j) >= level) ++j;
      std::reverse(pieces.begin() + static_cast<long>(i), pieces.begin() + static_cast<long>(j));
      i = j;
    }
  }
  return line;
}

std::vector<Line> Paragraph::layout(double max_width) const {
  std::vector<Line> lines;
  size_t start = 0;
  size_t fit = 0;  // the last opportunity after `start` whose line fits; 0 when none yet
  auto emit = [&](size_t end_opportunity) {
    lines.push_back(make_line(start, trim_end(start, end_opportunity)));
    start = end_opportunity;
    fit = 0;
  };
  for (size_t i = 0; i < breaks_.size();) {
    const BreakOpportunity& o = breaks_[i];
    const double w = width(start, trim_end(start, o.offset));
    if (w <= max_width + 1e-6) {
      fit = o.offset;
      if (o.mandatory) emit(o.offset);
      ++i;
      continue;
    }
    if (fit > start) {
      emit(fit);  // then look at the same opportunity again from the new start
      continue;
    }
    // One unbreakable piece wider than the line: cut it between glyph clusters.
    size_t end = trim_end(start, o.offset);
    auto g = std::upper_bound(graphemes_.begin(), graphemes_.end(), start);
    while (g != graphemes_.end() && !cluster_start(*g)) ++g;
    size_t cut = g != graphemes_.end() ? *g : end;  // at least one cluster per line
    for (; g != graphemes_.end() && *g <= end; ++g) {
      if (!cluster_start(*g)) continue;
      if (width(start, *g) > max_width + 1e-6) break;
      cut = *g;
    }
    if (cut >= end) {
      fit = o.offset;
      if (o.mandatory) emit(o.offset);
      ++i;
    } else {
      lines.push_back(make_line(start, cut));
      start = cut;
      fit = 0;
    }
  }
  if (start < text_.size() || lines.empty()) lines.push_back(make_line(start, trim_end(start, text_.size())));
  return lines;
}

std::string Paragraph::serialize() const {
  std::string out;
  for (const auto& run : runs_) {
    if (!out.empty()) out += '\n';
    out += std::filesystem::path(fonts_.face(run.face).path).filename().string();
    out += run.level % 2 ? " rtl " : " ltr ";
    out += '[';
    for (size_t k = 0; k < run.glyphs.size(); ++k) {
      const ShapedGlyph& g = run.glyphs[k];
      if (k) out += '|';
      out += std::to_string(g.gid);
      out += '=';
      out += std::to_string(g.cluster);
      if (g.dx != 0 || g.dy != 0) {
        out += '@';
        out += fmt_num(g.dx);
        out += ',';
        out += fmt_num(-g.dy);
      }
      out += '+';
      out += fmt_num(g.advance);
    }
    out += ']';
  }
  return out;
}

}  // namespace tp::text

#include "text/paragraph.h"

#include <strings.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include "core/error.h"
#include "core/format.h"
#include "core/utf8.h"
#include "text/font_impl.h"

namespace tp::text {

namespace {

struct Utf16 {
  std::u16string text;
  std::vector<size_t> byte_of;  // byte offset of each UTF-16 unit, plus the end
};

Utf16 to_utf16_mapped(const std::string& s) {
  Utf16 out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t at = pos;
    char32_t c = utf8::next(s, pos);
    if (c >= 0x10000) {
      out.text += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      out.text += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
      out.byte_of.push_back(at);
      out.byte_of.push_back(at);
    } else {
      out.text += static_cast<char16_t>(c);
      out.byte_of.push_back(at);
    }
  }
  out.byte_of.push_back(s.size());
  return out;
}

const UChar* uchars(const std::u16string& s) { return reinterpret_cast<const UChar*>(s.data()); }

bool is_newline(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Script of a character for itemisation; Common and Inherited take their neighbours' script.
hb_script_t script_of(char32_t c) { return hb_unicode_script(hb_unicode_funcs_get_default(), c); }

// Emoji presentation asked for explicitly (VS16, keycaps): never continue a text face for it.
bool wants_emoji_presentation(const std::u32string& cps) {
  for (char32_t c : cps)
    if (c == 0xFE0F || c == 0x20E3) return true;
  return false;
}

bool real_script(hb_script_t s) {
  return s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
}

// True for a tag whose language has its own forms of Han characters: Japanese, Korean, any
// Chinese ("zh", "yue", "cmn", ...; HarfBuzz maps their scripts and regions to the OpenType
// language systems ZHS, ZHT and ZHH).
bool han_language_tag(const std::string& tag) {
  const std::string primary = tag.substr(0, tag.find_first_of("-_"));
  for (const char* cjk : {"ja", "ko", "zh", "yue", "cmn", "lzh", "wuu", "hak", "nan", "gan", "hsn"})
    if (primary.size() == std::strlen(cjk) && strncasecmp(primary.c_str(), cjk, primary.size()) == 0)
      return true;
  return false;
}

// The language HarfBuzz shapes Han runs in when the source declares no CJK language: the
// paragraph's other scripts decide: kana means Japanese, Hangul Korean, otherwise Chinese. CJK
// fonts choose their regional glyph forms from it (OpenType 'locl'). Computed once per
// paragraph, not per run.
hb_language_t han_language(const std::string& paragraph) {
  bool kana = false, hangul = false;
  for (size_t pos = 0; pos < paragraph.size();) {
    char32_t c = utf8::next(paragraph, pos);
    kana |= (c >= 0x3040 && c <= 0x30FF);
    hangul |= (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF);
  }
  return hb_language_from_string(kana ? "ja" : hangul ? "ko" : "zh", -1);
}

struct Grapheme {
  size_t start, end;  // bytes
  int face;           // -1 for a line break
  int level;
  hb_script_t script;
  int tag;
  bool bold;
};

}  // namespace

Direction detect_direction(const std::string& text) {
  std::u16string u = utf8::to_utf16(text);
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

  // Bidi levels (UAX #9). A forced base direction applies to every line of the paragraph.
  std::vector<UBiDiLevel> levels(u.text.size(), 0);
  if (direction == Direction::Auto) direction = detect_direction(text_);
  base_level_ = direction == Direction::Rtl ? 1 : 0;
  if (len16 > 0) {
    UBiDi* bidi = ubidi_openSized(len16, 0, &err);
    ubidi_setPara(bidi, uchars(u.text), len16, static_cast<UBiDiLevel>(base_level_), nullptr, &err);
    if (U_SUCCESS(err)) {
      const UBiDiLevel* lv = ubidi_getLevels(bidi, &err);
      if (U_SUCCESS(err)) std::copy(lv, lv + len16, levels.begin());
    }
    ubidi_close(bidi);
    if (U_FAILURE(err))
      throw Error(ErrorCode::Internal, where, std::string("bidi failed: ") + u_errorName(err));
  }

  // Graphemes are visited in text order, so the styles (which do not overlap) are walked once in
  // order of their starts instead of searched for every grapheme.
  std::vector<const StyleRange*> by_start;
  for (const auto& s : styles) by_start.push_back(&s);
  std::stable_sort(by_start.begin(), by_start.end(),
                   [](const StyleRange* a, const StyleRange* b) { return a->start < b->start; });
  size_t next_style = 0;
  auto style_at = [&](size_t byte) -> const StyleRange* {
    while (next_style < by_start.size() && by_start[next_style]->end <= byte) ++next_style;
    if (next_style < by_start.size() && by_start[next_style]->start <= byte) return by_start[next_style];
    return nullptr;
  };
  const hb_language_t declared =
      language.empty() ? hb_language_get_default() : hb_language_from_string(language.c_str(), -1);
  // The language of Han runs: the declared one when it is CJK, else han_language(text_), once the
  // first Han run needs it.
  std::optional<hb_language_t> han;
  if (!language.empty() && han_language_tag(language)) han = declared;

  // Grapheme clusters: the unit of font choice, so a base and its marks never split across fonts.
  std::vector<Grapheme> graphemes;
  int prev_face = -1;
  ubrk_setText(impl.graphemes, uchars(u.text), len16, &err);
  for (int32_t a = 0, b = ubrk_first(impl.graphemes); (b = ubrk_next(impl.graphemes)) != UBRK_DONE; a = b) {
    Grapheme g;
    g.start = u.byte_of[static_cast<size_t>(a)];
    g.end = u.byte_of[static_cast<size_t>(b)];
    graphemes_.push_back(g.start);
    std::u32string cps;
    for (size_t p = g.start; p < g.end;) cps += utf8::next(text_, p);
    const StyleRange* st = style_at(g.start);
    g.bold = st && st->bold;
    g.tag = st ? st->tag : 0;
    g.level = levels[static_cast<size_t>(a)];
    g.script = HB_SCRIPT_COMMON;
    for (char32_t c : cps)
      if (real_script(script_of(c))) {
        g.script = script_of(c);
        break;
      }
    if (is_newline(cps.front())) {
      g.face = -1;
    } else if (!real_script(g.script) && prev_face >= 0 && fonts.face(prev_face).bold == g.bold &&
               !fonts.face(prev_face).emoji && !wants_emoji_presentation(cps) &&
               fonts.covers(prev_face, cps)) {
      // Punctuation, digits and spaces stay in the face of the text around them when it has them:
      // "。" after Japanese in the CJK face, not in the first face of the chain that happens to
      // cover it.
      g.face = prev_face;
    } else {
      bool covered = true;
      g.face = fonts.choose(cps, g.bold, covered);
      if (!covered) {
        for (char32_t c : cps) {
          if (fonts.glyph(g.face, c) != 0 ||
              u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            continue;
          UErrorCode e2 = U_ZERO_ERROR;
          UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &e2);
          std::string package = fonts.package_for_script(uscript_getShortName(sc));
          char buf[128];
          std::snprintf(buf, sizeof buf, "no installed font has U+%04X (%s script); it is drawn as a box",
                        static_cast<unsigned>(c), uscript_getName(sc));
          std::string message = buf;
          if (!package.empty()) message += " (install " + package + ")";
          diag.warn(where, message);
        }
      }
    }
    graphemes.push_back(g);
    if (g.face >= 0) prev_face = g.face;
  }
  graphemes_.push_back(text_.size());

  // Common/Inherited graphemes (spaces, digits, punctuation) join the script around them.
  hb_script_t last = HB_SCRIPT_COMMON;
  for (auto& g : graphemes) {
    if (real_script(g.script))
      last = g.script;
    else
      g.script = last;
  }
  for (auto it = graphemes.rbegin(); it != graphemes.rend(); ++it) {
    if (real_script(it->script))
      last = it->script;
    else
      it->script = last;
  }

  // Items: maximal runs of graphemes sharing face, level, script and style.
  for (size_t i = 0; i < graphemes.size();) {
    const Grapheme& g = graphemes[i];
    size_t j = i + 1;
    if (g.face >= 0) {
      while (j < graphemes.size() && graphemes[j].face == g.face && graphemes[j].level == g.level &&
             graphemes[j].script == g.script && graphemes[j].tag == g.tag && graphemes[j].bold == g.bold)
        ++j;
      ShapedRun run;
      run.start = g.start;
      run.end = graphemes[j - 1].end;
      run.face = g.face;
      run.level = g.level;
      run.tag = g.tag;
      run.bold = g.bold;
      runs_.push_back(run);
      runs_.back().glyphs.reserve(run.end - run.start);
      // script is needed only for shaping; keep it local
      const LoadedFace& lf = impl.faces[static_cast<size_t>(g.face)];
      hb_buffer_t* buf = hb_buffer_create();
      hb_buffer_add_utf8(buf, text_.data(), static_cast<int>(text_.size()), static_cast<unsigned>(run.start),
                         static_cast<int>(run.end - run.start));
      hb_buffer_set_direction(buf, run.level % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
      hb_buffer_set_script(buf, g.script == HB_SCRIPT_COMMON ? HB_SCRIPT_LATIN : g.script);
      if (g.script == HB_SCRIPT_HAN && !han) han = han_language(text_);
      hb_buffer_set_language(buf, g.script == HB_SCRIPT_HAN ? *han : declared);
      hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
      hb_shape(lf.font, buf, nullptr, 0);
      unsigned n = 0;
      const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
      const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
      const double scale = size_ / lf.upem;
      for (unsigned k = 0; k < n; ++k) {
        ShapedGlyph sg;
        sg.gid = info[k].codepoint;
        sg.cluster = info[k].cluster;
        sg.dx = pos[k].x_offset * scale;
        sg.dy = -pos[k].y_offset * scale;
        sg.advance = pos[k].x_advance * scale;
        runs_.back().glyphs.push_back(sg);
      }
      hb_buffer_destroy(buf);
    }
    i = j;
  }

  // Widths by byte: advance_before_[b] = total advance of glyphs whose cluster lies before b.
  advance_before_.assign(text_.size() + 1, 0.0);
  for (const auto& r : runs_)
    for (const auto& gl : r.glyphs) advance_before_[gl.cluster + 1] += gl.advance;
  for (size_t b = 0; b < text_.size(); ++b) advance_before_[b + 1] += advance_before_[b];

  // The cluster table, built once (as SkParagraph keeps one): a grapheme start inside a shaped run
  // is a cluster start only when a glyph's cluster begins there; graphemes drawn by no run (line
  // feeds) and the ends of runs always are.
  std::vector<bool> shaped(text_.size() + 1, false), glyph_at(text_.size() + 1, false);
  for (const auto& r : runs_) {
    for (size_t b = r.start + 1; b < r.end; ++b) shaped[b] = true;
    for (const auto& gl : r.glyphs) glyph_at[gl.cluster] = true;
  }
  cluster_start_.assign(text_.size() + 1, false);
  for (size_t g : graphemes_) cluster_start_[g] = !shaped[g] || glyph_at[g];

  // Line break opportunities (UAX #14).
  ubrk_setText(impl.line_breaks, uchars(u.text), len16, &err);
  for (int32_t b = ubrk_first(impl.line_breaks); (b = ubrk_next(impl.line_breaks)) != UBRK_DONE;) {
    BreakOpportunity o;
    o.offset = u.byte_of[static_cast<size_t>(b)];
    o.mandatory = ubrk_getRuleStatus(impl.line_breaks) >= UBRK_LINE_HARD || o.offset == text_.size();
    breaks_.push_back(o);
  }
  ubrk_setText(impl.line_breaks, nullptr, 0, &err);
  ubrk_setText(impl.graphemes, nullptr, 0, &err);
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
  std::vector<int> levels;
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
    levels.push_back(run.level);
  }
  // UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every maximal
  // sequence of pieces at that level or higher.
  if (!levels.empty()) {
    int hi = *std::max_element(levels.begin(), levels.end());
    int lo_odd = hi + 1;
    for (int l : levels)
      if (l % 2 && l < lo_odd) lo_odd = l;
    for (int level = hi; level >= lo_odd; --level) {
      for (size_t i = 0; i < levels.size();) {
        if (levels[i] < level) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < levels.size() && levels[j] >= level) ++j;
        std::reverse(line.pieces.begin() + static_cast<long>(i), line.pieces.begin() + static_cast<long>(j));
        std::reverse(levels.begin() + static_cast<long>(i), levels.begin() + static_cast<long>(j));
        i = j;
      }
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

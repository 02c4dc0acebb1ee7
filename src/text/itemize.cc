#include "text/itemize.h"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/utf8.h"

namespace tp::text {

namespace {

bool is_newline(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

// Script of a character for itemisation; Common and Inherited take their neighbours' script.
hb_script_t script_of(char32_t c) {
  // ASCII letters are Latin and the rest of ASCII Common (Unicode's Scripts.txt).
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? HB_SCRIPT_LATIN : HB_SCRIPT_COMMON;
  return hb_unicode_script(hb_unicode_funcs_get_default(), c);
}

// True when no character of `u` is right to left, an Arabic number or a bidi control (explicit
// embedding, override or isolate): under a left-to-right paragraph every level is then 0, as UAX #9
// resolves it (W7 turns European numbers left to right after a left-to-right start of sequence,
// N1 and N2 set neutrals to the embedding's direction), and ICU's UBiDi is not needed.
bool never_right_to_left(const std::u16string& u) {
  for (size_t i = 0; i < u.size(); ++i) {
    char32_t c = u[i];
    if (c < 0x590) continue;  // Latin, Greek, Cyrillic, Armenian: none is
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < u.size() && u[i + 1] >= 0xDC00 && u[i + 1] < 0xE000)
      c = 0x10000 + ((c - 0xD800) << 10) + (u[++i] - 0xDC00);
    switch (u_charDirection(static_cast<UChar32>(c))) {
      case U_LEFT_TO_RIGHT:
      case U_EUROPEAN_NUMBER:
      case U_EUROPEAN_NUMBER_SEPARATOR:
      case U_EUROPEAN_NUMBER_TERMINATOR:
      case U_COMMON_NUMBER_SEPARATOR:
      case U_BLOCK_SEPARATOR:
      case U_SEGMENT_SEPARATOR:
      case U_WHITE_SPACE_NEUTRAL:
      case U_OTHER_NEUTRAL:
      case U_DIR_NON_SPACING_MARK:
      case U_BOUNDARY_NEUTRAL:
        continue;
      default:
        return false;
    }
  }
  return true;
}

// True for a UTF-16 unit that is a grapheme cluster of its own between two such units (UAX #29:
// no mark, joiner, prepended or spacing mark, Hangul or regional indicator is among them; GB3 keeps
// CR LF together).
bool alone_in_cluster(char16_t c) {
  return c < 0x300 || (c >= 0x370 && c < 0x483) || (c >= 0x48A && c < 0x530);
}

// Emoji presentation asked for explicitly (VS16, keycaps): never continue a text face for it.
bool wants_emoji_presentation(const std::u32string& cps) {
  for (char32_t c : cps)
    if (c == 0xFE0F || c == 0x20E3) return true;
  return false;
}

bool real_script(hb_script_t s) {
  return s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
}

}  // namespace

Utf16 to_utf16_mapped(const std::string& s) {
  Utf16 out;
  // A UTF-8 text never has more UTF-16 units than bytes: sized once, written by index, cut to fit.
  out.text.resize(s.size());
  out.byte_of.resize(s.size() + 1);
  size_t n = 0, pos = 0;
  while (pos < s.size()) {
    const size_t at = pos;
    const auto byte = static_cast<unsigned char>(s[pos]);
    const char32_t c = byte < 0x80 ? (++pos, byte) : utf8::next(s, pos);
    if (c >= 0x10000) {
      out.text[n] = static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      out.byte_of[n++] = at;
      out.text[n] = static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
      out.byte_of[n++] = at;
    } else {
      out.text[n] = static_cast<char16_t>(c);
      out.byte_of[n++] = at;
    }
  }
  out.byte_of[n] = s.size();
  out.text.resize(n);
  out.byte_of.resize(n + 1);
  return out;
}

Itemization itemize(const FontSet& fonts, const std::string& text, const Utf16& u,
                    const std::vector<StyleRange>& styles, Direction direction, Diagnostics& diag,
                    const std::string& where) {
  FontSet::Impl& impl = fonts.impl();
  const auto len16 = static_cast<int32_t>(u.text.size());
  UErrorCode err = U_ZERO_ERROR;
  Itemization out;

  // Bidi levels (UAX #9). A forced base direction applies to every line of the paragraph.
  std::vector<UBiDiLevel> levels;  // by UTF-16 unit; left empty when every level is 0
  if (direction == Direction::Auto)
    direction = ubidi_getBaseDirection(uchars(u.text), len16) == UBIDI_RTL ? Direction::Rtl : Direction::Ltr;
  out.base_level = direction == Direction::Rtl ? 1 : 0;
  const bool all_ltr = out.base_level == 0 && never_right_to_left(u.text);
  if (len16 > 0 && !all_ltr) {
    levels.assign(u.text.size(), 0);
    UBiDi* bidi = ubidi_openSized(len16, 0, &err);
    ubidi_setPara(bidi, uchars(u.text), len16, static_cast<UBiDiLevel>(out.base_level), nullptr, &err);
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
  by_start.reserve(styles.size());
  for (const auto& s : styles) by_start.push_back(&s);
  std::stable_sort(by_start.begin(), by_start.end(),
                   [](const StyleRange* a, const StyleRange* b) { return a->start < b->start; });
  size_t next_style = 0;
  auto style_at = [&](size_t byte) -> const StyleRange* {
    while (next_style < by_start.size() && by_start[next_style]->end <= byte) ++next_style;
    if (next_style < by_start.size() && by_start[next_style]->start <= byte) return by_start[next_style];
    return nullptr;
  };

  // Grapheme clusters: the unit of font choice, so a base and its marks never split across fonts.
  // The font set's buffer, so that a paragraph does not allocate (and fault in) one of its own.
  std::vector<Grapheme>& graphemes = impl.graphemes_scratch;
  graphemes.clear();
  out.graphemes.reserve(u.text.size() + 1);
  std::u32string cps;  // the grapheme's code points; one buffer for the paragraph
  int prev_face = -1;
  // Between two characters that never join a cluster (no marks, joiners, Hangul, emoji or regional
  // indicators) there is a boundary but in CR LF (UAX #29 GB3, GB999); ICU's iterator is asked
  // only where another character is next, and only set up when the text has one.
  const bool one_per_char = std::all_of(u.text.begin(), u.text.end(), alone_in_cluster);
  if (!one_per_char) ubrk_setText(impl.graphemes, uchars(u.text), len16, &err);
  auto next_boundary = [&](int32_t a) -> int32_t {
    if (a >= len16) return UBRK_DONE;
    if (u.text[a] == u'\r' && a + 1 < len16 && u.text[a + 1] == u'\n') return a + 2;
    if (one_per_char || (alone_in_cluster(u.text[a]) && (a + 1 == len16 || alone_in_cluster(u.text[a + 1]))))
      return a + 1;
    return ubrk_following(impl.graphemes, a);
  };
  for (int32_t a = 0, b = 0; (b = next_boundary(a)) != UBRK_DONE; a = b) {
    Grapheme g;
    g.start = u.byte_of[static_cast<size_t>(a)];
    g.end = u.byte_of[static_cast<size_t>(b)];
    out.graphemes.push_back(g.start);
    cps.clear();
    if (g.end == g.start + 1 && static_cast<unsigned char>(text[g.start]) < 0x80)
      cps += static_cast<char32_t>(text[g.start]);  // most graphemes: one ASCII byte
    else
      for (size_t p = g.start; p < g.end;) cps += utf8::next(text, p);
    const StyleRange* st = style_at(g.start);
    g.bold = st && st->bold;
    g.tag = st ? st->tag : 0;
    g.level = levels.empty() ? 0 : levels[static_cast<size_t>(a)];
    g.script = HB_SCRIPT_COMMON;
    for (char32_t c : cps)
      if (const hb_script_t script = script_of(c); real_script(script)) {
        g.script = script;
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
  out.graphemes.push_back(text.size());

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
      out.items.push_back({g.start, graphemes[j - 1].end, g.face, g.level, g.script, g.tag, g.bold});
    }
    i = j;
  }
  ubrk_setText(impl.graphemes, nullptr, 0, &err);
  return out;
}

}  // namespace tp::text

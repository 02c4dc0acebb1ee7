#include "text/word_cache.h"

#include <hb-aat.h>
#include <hb-ot.h>
#include <unicode/uchar.h>

#include "core/utf8.h"
#include "text/font_impl.h"

namespace tp::text {

namespace {

// Words kept before the cache starts again: a long document's vocabulary fits, while memory stays
// bounded whatever the text (a word is rarely more than a few dozen glyphs).
constexpr size_t kMaxGlyphs = size_t{1} << 16;

// Scripts HarfBuzz 6 shapes with its default shaper, which sees nothing but its buffer.
bool default_shaper_script(hb_script_t script) {
  return script == HB_SCRIPT_LATIN || script == HB_SCRIPT_GREEK || script == HB_SCRIPT_CYRILLIC;
}

// True when HarfBuzz starts a cluster at `c` whatever comes before it: not a mark, joiner, emoji
// modifier, tag or other default-ignorable (which HarfBuzz joins to the cluster before, or hides).
bool starts_own_cluster(char32_t c) {
  if (c > 0x20 && c < 0x7F) return true;
  if ((c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xFF9E && c <= 0xFF9F)) return false;
  if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return false;
  switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), c)) {
    case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
    case HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED:
    case HB_UNICODE_GENERAL_CATEGORY_PRIVATE_USE:
    case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR:
    case HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR:
      return false;
    default:
      return true;
  }
}

// True when a lookup of `table` that `plan` applies has `glyph` in any of its glyph sets.
bool plan_touches(hb_face_t* face, hb_shape_plan_t* plan, hb_tag_t table, hb_codepoint_t glyph) {
  hb_set_t* lookups = hb_set_create();
  hb_ot_shape_plan_collect_lookups(plan, table, lookups);
  hb_set_t* sets[4] = {hb_set_create(), hb_set_create(), hb_set_create(), hb_set_create()};
  bool touches = false;
  for (hb_codepoint_t lookup = HB_SET_VALUE_INVALID; !touches && hb_set_next(lookups, &lookup);) {
    for (hb_set_t* s : sets) hb_set_clear(s);
    hb_ot_layout_lookup_collect_glyphs(face, table, lookup, sets[0], sets[1], sets[2], sets[3]);
    for (hb_set_t* s : sets) touches |= hb_set_has(s, glyph);
  }
  for (hb_set_t* s : sets) hb_set_destroy(s);
  hb_set_destroy(lookups);
  return touches;
}

}  // namespace

bool WordCache::by_words(const LoadedFace& face, int face_id, hb_script_t script, hb_language_t language) {
  for (const Plan& p : plans_)
    if (p.face == face_id && p.script == script && p.language == language) return p.by_words;
  bool ok = default_shaper_script(script) && !hb_aat_layout_has_substitution(face.face) &&
            !hb_aat_layout_has_positioning(face.face);
  hb_codepoint_t space = 0;
  ok = ok && hb_font_get_nominal_glyph(face.font, ' ', &space);
  if (ok) {
    hb_blob_t* kern = hb_face_reference_table(face.face, HB_TAG('k', 'e', 'r', 'n'));
    ok = hb_blob_get_length(kern) == 0;
    hb_blob_destroy(kern);
  }
  if (ok) {
    hb_segment_properties_t props = HB_SEGMENT_PROPERTIES_DEFAULT;
    props.direction = HB_DIRECTION_LTR;
    props.script = script;
    props.language = language;
    // The plan hb_shape makes for these properties (no features), from HarfBuzz's plan cache.
    hb_shape_plan_t* plan = hb_shape_plan_create_cached(face.face, &props, nullptr, 0, nullptr);
    ok = !plan_touches(face.face, plan, HB_OT_TAG_GSUB, space) &&
         !plan_touches(face.face, plan, HB_OT_TAG_GPOS, space);
    hb_shape_plan_destroy(plan);
  }
  plans_.push_back({face_id, script, language, ok});
  return ok;
}

const WordCache::Word& WordCache::word(hb_buffer_t* buffer, const LoadedFace& face, std::string_view text,
                                       hb_script_t script, hb_language_t language) {
  if (auto it = words_.find(key_); it != words_.end()) return it->second;
  if (glyphs_.size() > kMaxGlyphs) {
    words_.clear();
    glyphs_.clear();
  }
  hb_buffer_clear_contents(buffer);
  hb_buffer_set_flags(buffer, HB_BUFFER_FLAG_PRODUCE_UNSAFE_TO_CONCAT);
  const auto size = static_cast<unsigned>(text.size());
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(size), 0, static_cast<int>(size));
  // A word that ends in a space is shaped with one more space after it, standing for the first
  // glyph of whatever follows: a lookup that looked only at the word's own space (a kerning pair
  // tried and not found) leaves the extra space unflagged, one that looked further flags it.
  const bool spaced = size > 0 && text.back() == ' ';
  if (spaced) hb_buffer_add(buffer, ' ', size);
  shape_buffer(buffer, face.font, HB_DIRECTION_LTR, script, language);
  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, nullptr);
  auto joins = [&](unsigned k) {
    return (hb_glyph_info_get_glyph_flags(&info[k]) & HB_GLYPH_FLAG_UNSAFE_TO_CONCAT) == 0;
  };
  unsigned count = n;  // the word's glyphs, without the extra space's
  while (spaced && count > 0 && info[count - 1].cluster >= size) --count;
  Word w;
  w.first = static_cast<std::uint32_t>(glyphs_.size());
  w.count = count;
  w.start_joins = count > 0 && joins(0);
  w.end_joins = !spaced || (count > 0 && n == count + 1 && joins(count));
  for (unsigned k = 0; k < count; ++k)
    glyphs_.push_back(
        {info[k].codepoint, info[k].cluster, pos[k].x_offset, pos[k].y_offset, pos[k].x_advance});
  return words_.emplace(key_, w).first->second;
}

bool WordCache::shape(hb_buffer_t* buffer, const LoadedFace& face, const std::string& text, ShapedRun& run,
                      hb_script_t script, hb_language_t language, double size) {
  if (run.level % 2 != 0 || !by_words(face, run.face, script, language)) return false;
  // The key's prefix: what besides the text decides a word's glyphs. Language tags are interned
  // by HarfBuzz, so the pointer names the language.
  key_.assign(reinterpret_cast<const char*>(&run.face), sizeof run.face);
  key_.append(reinterpret_cast<const char*>(&script), sizeof script);
  key_.append(reinterpret_cast<const char*>(&language), sizeof language);
  const size_t prefix = key_.size();
  const double scale = size / face.upem;
  const std::string_view all(text);
  run.glyphs.reserve(run.end - run.start);  // about a glyph a byte or fewer
  for (size_t start = run.start; start < run.end;) {
    // The word: up to and with the next spaces that a character starting its own cluster follows.
    size_t end = start;
    for (;;) {
      while (end < run.end && text[end] != ' ') ++end;
      while (end < run.end && text[end] == ' ') ++end;
      if (end == run.end) break;
      size_t at = end;
      if (starts_own_cluster(utf8::next(all, at))) break;
    }
    const std::string_view piece = all.substr(start, end - start);
    key_.resize(prefix);
    key_.append(piece);
    const Word& w = word(buffer, face, piece, script, language);
    if ((start > run.start && !w.start_joins) || (end < run.end && !w.end_joins)) {
      run.glyphs.clear();
      return false;
    }
    const auto offset = static_cast<std::uint32_t>(start);
    for (std::uint32_t k = w.first; k < w.first + w.count; ++k) {
      const Glyph& g = glyphs_[k];
      run.glyphs.push_back(scaled_glyph(g.gid, g.cluster + offset, g.dx, g.dy, g.advance, scale));
    }
    start = end;
  }
  return true;
}

}  // namespace tp::text

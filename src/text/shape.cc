#include "text/shape.h"

#include <strings.h>

#include <cstdint>
#include <cstring>

#include "core/utf8.h"

namespace tp::text {

namespace {

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

}  // namespace

ShapingLanguage::ShapingLanguage(const std::string& declared, const std::string& paragraph)
    : paragraph_(paragraph),
      declared_(declared.empty() ? hb_language_get_default()
                                 : hb_language_from_string(declared.c_str(), -1)) {
  if (!declared.empty() && han_language_tag(declared)) han_ = declared_;
}

hb_language_t ShapingLanguage::of(hb_script_t script) {
  if (script != HB_SCRIPT_HAN) return declared_;
  if (!han_) han_ = han_language(paragraph_);
  return *han_;
}

ShapedRun shape(FontSet::Impl& impl, const std::string& text, const Item& item, double size,
                hb_language_t language) {
  ShapedRun run;
  run.start = item.start;
  run.end = item.end;
  run.face = item.face;
  run.level = item.level;
  run.tag = item.tag;
  run.bold = item.bold;
  const LoadedFace& lf = impl.open(static_cast<size_t>(item.face));
  // One buffer for every run: its arrays, once grown, are not allocated again.
  if (!impl.shaping_buffer) impl.shaping_buffer = hb_buffer_create();
  hb_buffer_t* buf = impl.shaping_buffer;
  const hb_script_t script = item.script == HB_SCRIPT_COMMON ? HB_SCRIPT_LATIN : item.script;
  if (impl.words.shape(buf, lf, text, run, script, language, size)) return run;
  hb_buffer_clear_contents(buf);
  hb_buffer_set_flags(buf, HB_BUFFER_FLAG_DEFAULT);
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), static_cast<unsigned>(run.start),
                     static_cast<int>(run.end - run.start));
  shape_buffer(buf, lf.font, run.level % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR, script, language);
  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
  const double scale = size / lf.upem;
  run.glyphs.reserve(n);
  for (unsigned k = 0; k < n; ++k)
    run.glyphs.push_back(scaled_glyph(info[k].codepoint, info[k].cluster, pos[k].x_offset, pos[k].y_offset,
                                      pos[k].x_advance, scale));
  return run;
}

ClusterTable cluster_table(size_t text_size, const std::vector<ShapedRun>& runs,
                           const std::vector<size_t>& graphemes) {
  ClusterTable t;
  // Widths by byte: advance_before[b] = total advance of glyphs whose cluster lies before b.
  t.advance_before.assign(text_size + 1, 0.0);
  for (const auto& r : runs)
    for (const auto& gl : r.glyphs) t.advance_before[gl.cluster + 1] += gl.advance;
  for (size_t b = 0; b < text_size; ++b) t.advance_before[b + 1] += t.advance_before[b];

  // A grapheme start inside a shaped run is a cluster start only when a glyph's cluster begins
  // there; graphemes drawn by no run (line feeds) and the ends of runs always are.
  // One byte per text byte, not two bit vectors: setting and testing bits cost more than the rest.
  enum : std::uint8_t { kInsideRun = 1, kGlyphAt = 2 };
  std::vector<std::uint8_t> at(text_size + 1, 0);
  for (const auto& r : runs) {
    for (size_t b = r.start + 1; b < r.end; ++b) at[b] |= kInsideRun;
    for (const auto& gl : r.glyphs) at[gl.cluster] |= kGlyphAt;
  }
  t.cluster_start.assign(text_size + 1, false);
  for (size_t g : graphemes) t.cluster_start[g] = at[g] != kInsideRun;
  return t;
}

}  // namespace tp::text

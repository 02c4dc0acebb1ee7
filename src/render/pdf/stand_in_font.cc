#include "render/pdf/stand_in_font.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/format.h"

namespace tp::render::pdf {

std::uint32_t StandIns::glyph(const std::string& text, double width) {
  auto [it, added] = by_text_.try_emplace(text, static_cast<std::uint32_t>(widths_.size()));
  if (added) {
    to_unicode_[it->second] = utf16_of(text);
    widths_.push_back(std::round(width));
  }
  return it->second;
}

std::uint32_t StandIns::find(const std::string& text) const {
  auto it = by_text_.find(text);
  if (it == by_text_.end()) throw Error(ErrorCode::Internal, "pdf", "stand-in text was not collected");
  return it->second;
}

std::vector<StandInFont> embed_stand_in_fonts(Haru& haru, const StandIns& glyphs) {
  std::vector<StandInFont> fonts;
  const std::vector<double>& widths = glyphs.widths();
  for (std::size_t first = 0; first < widths.size(); first += kStandInsPerFont) {
    const std::size_t count = std::min(kStandInsPerFont, widths.size() - first);
    StandInFont font;
    font.glyphs.code.assign(widths.size(), -1);
    font.glyphs.widths.assign(kFirstStandInCode + count, 0);
    font.glyphs.to_unicode = &glyphs.to_unicode();
    font.glyphs.code_bytes = 1;

    HPDF_Dict f = font.type3 = haru.new_indirect_dict();
    haru.check(HPDF_Dict_AddName(f, "Type", "Font"), "Type3");
    haru.check(HPDF_Dict_AddName(f, "Subtype", "Type3"), "Type3");
    // Glyph space in thousandths of an em, as for the other fonts, so widths read alike.
    HPDF_Array matrix = haru.add_array(f, "FontMatrix");
    for (double v : {0.001, 0.0, 0.0, 0.001, 0.0, 0.0}) haru.add_real(matrix, v);
    // Readers size the selection box of a glyph from the font's box: an em from descender to
    // ascender of a typical text face, so the highlight covers the picture.
    double widest = 0;
    for (std::size_t i = 0; i < count; ++i) widest = std::max(widest, widths[first + i]);
    HPDF_Array bbox = haru.add_array(f, "FontBBox");
    for (double v : {0.0, -200.0, widest, 800.0}) haru.add_real(bbox, v);
    HPDF_Dict resources = haru.need(HPDF_Dict_New(haru.mmgr()), "Type3 Resources");
    haru.check(HPDF_Dict_Add(f, "Resources", resources), "Type3 Resources");

    HPDF_Dict procs = haru.need(HPDF_Dict_New(haru.mmgr()), "CharProcs");
    haru.check(HPDF_Dict_Add(f, "CharProcs", procs), "CharProcs");
    HPDF_Dict encoding = haru.need(HPDF_Dict_New(haru.mmgr()), "Encoding");
    haru.check(HPDF_Dict_Add(f, "Encoding", encoding), "Encoding");
    haru.check(HPDF_Dict_AddName(encoding, "Type", "Encoding"), "Encoding");
    HPDF_Array differences = haru.add_array(encoding, "Differences");
    // poppler guesses the size of a Type 3 font from the width of its glyph named "m", taking 0.6
    // em as normal, else from any glyph's width taking 0.5 em (TextOutputDev, beginWord); the
    // emoji's 1.2 em would make their text twice the size of the line's, and a line of its own.
    // So an "m" of 0.6 em, never drawn, sits on code 32 (unused: it would take word spacing).
    haru.check(HPDF_Array_AddNumber(differences, kFirstStandInCode - 1), "Differences");
    haru.check(HPDF_Array_AddName(differences, "m"), "Differences");
    HPDF_Dict m_proc = haru.new_stream("600 0 d0\n", false);
    haru.check(HPDF_Dict_Add(procs, "m", m_proc), "CharProcs");
    HPDF_Array widths_array = haru.add_array(f, "Widths");
    haru.add_real(widths_array, 600);
    // One procedure per width: "wx 0 d0" sets the advance and paints nothing (9.6.5.3, Table 113).
    std::map<double, HPDF_Dict> proc_of_width;
    std::map<std::uint16_t, std::u16string> unicode_of_code;
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t g = static_cast<std::uint32_t>(first + i);
      const auto code = static_cast<std::uint16_t>(kFirstStandInCode + i);
      font.glyphs.code[g] = code;
      font.glyphs.widths[code] = widths[g];
      unicode_of_code[code] = glyphs.to_unicode().at(g);
      HPDF_Dict& proc = proc_of_width[widths[g]];
      if (!proc) proc = haru.new_stream(fmt_num(widths[g], 0) + " 0 d0\n", false);
      const std::string name = "g" + std::to_string(g);
      haru.check(HPDF_Array_AddName(differences, name.c_str()), "Differences");
      haru.check(HPDF_Dict_Add(procs, name.c_str(), proc), "CharProcs");
      haru.add_real(widths_array, widths[g]);
    }
    haru.check(HPDF_Dict_AddNumber(f, "FirstChar", kFirstStandInCode - 1), "FirstChar");
    haru.check(HPDF_Dict_AddNumber(f, "LastChar", static_cast<HPDF_INT32>(kFirstStandInCode + count - 1)),
               "LastChar");
    haru.check(HPDF_Dict_Add(f, "ToUnicode", haru.new_stream(to_unicode_cmap(unicode_of_code, 1), true)),
               "ToUnicode");
    fonts.push_back(std::move(font));
  }
  return fonts;
}

}  // namespace tp::render::pdf

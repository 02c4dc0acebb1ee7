// Glyphs that paint nothing and stand for text: how the text of an emoji picture gets into the
// PDF. Each distinct text (an emoji sequence: a ZWJ family, a flag, a keycap, a skin tone) gets one
// glyph of a Type 3 font (PDF 32000-1 9.6.5) whose ToUnicode entry is that whole text. A reader
// then extracts the sequence in its place in the line, like any other glyph; /ActualText cannot do
// this (pdf.js ignores it, PDFium drops its characters at U+FFFD and above). Internal to
// src/render/pdf.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "render/pdf/glyph_text.h"
#include "render/pdf/haru.h"
#include "render/pdf/text_map.h"

namespace tp::render::pdf {

// The stand-in glyphs a document needs, numbered in order of first use (so output is
// deterministic); the numbers take the place of glyph ids in write_glyph_run.
class StandIns {
 public:
  // The glyph standing for `text`, drawn `width` thousandths of an em wide; a text seen before
  // keeps its glyph and first width (one emoji picture is equally wide wherever it appears).
  std::uint32_t glyph(const std::string& text, double width);
  // The glyph glyph() gave `text`; throws tp::Error(Internal) when it gave none.
  std::uint32_t find(const std::string& text) const;
  std::size_t size() const { return widths_.size(); }
  const ToUnicode& to_unicode() const { return to_unicode_; }
  const std::vector<double>& widths() const { return widths_; }

 private:
  std::map<std::string, std::uint32_t> by_text_;
  ToUnicode to_unicode_;
  std::vector<double> widths_;
};

// One Type 3 font of stand-in glyphs, with what write_glyph_run needs to draw its glyphs.
struct StandInFont {
  HPDF_Dict type3 = nullptr;
  GlyphFont glyphs;  // code[glyph] is -1 for the glyphs of other stand-in fonts
};

// A simple font has one-byte codes; codes below 33 are left out because readers treat code 32
// as a word space (9.3.3) and some guess control codes to be no text at all.
inline constexpr int kFirstStandInCode = 33;
inline constexpr std::size_t kStandInsPerFont = 256 - kFirstStandInCode;

// Writes the Type 3 fonts holding every glyph of `glyphs`, kStandInsPerFont to a font: glyph g is in
// font g / kStandInsPerFont. `glyphs` must outlive the result. Throws tp::Error(Internal) when
// libharu fails.
std::vector<StandInFont> embed_stand_in_fonts(Haru& haru, const StandIns& glyphs);

}  // namespace tp::render::pdf

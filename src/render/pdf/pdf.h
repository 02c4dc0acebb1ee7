// The PDF backend: draws a layout::Document with libharu and nothing else. Text is written by glyph
// id (Type0 fonts, Identity-H, CIDFontType2 descendants), fonts embedded as subsets made by
// hb-subset, each with a ToUnicode CMap; clusters whose glyphs do not spell their text through
// ToUnicode are wrapped in ActualText. Same Document, same bytes.
#pragma once

#include <string>

#include "layout/display_list.h"

namespace tp::render {

// Returns the whole PDF file. Throws tp::Error(ErrorCode::Internal) if libharu or hb-subset fails
// (a font file that cannot be subset names the font).
std::string write_pdf(const layout::Document& doc);

}  // namespace tp::render

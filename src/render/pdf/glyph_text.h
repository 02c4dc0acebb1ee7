// Glyph runs as content-stream text: glyph ids through Identity-H, positioned with TJ adjustments
// so a viewer puts every glyph exactly where layout put it, with /ActualText spans where the
// ToUnicode map alone would extract the wrong text. Pure string building; internal to
// src/render/pdf.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.h"
#include "layout/display_list.h"
#include "render/pdf/text_map.h"

namespace tp::render::pdf {

// What writing glyphs needs from one embedded font.
struct GlyphFont {
  // By original glyph id: the two-byte code that draws the glyph (its CID in a CID-keyed CFF
  // subset, else its glyph id in the subset); -1 when the glyph is not in the subset.
  std::vector<std::int32_t> code;
  std::vector<double> widths;             // by code, in thousandths of an em, exactly as in /W
  const ToUnicode* to_unicode = nullptr;  // by original glyph id
  int code_bytes = 2;                     // 1 for a simple font (Type 3)
};

// Graphics state a page's content stream has at the top level (outside q/Q), so that operators
// are written only when a value changes.
struct ContentState {
  std::optional<Color> fill;
  int render_mode = 0;  // Tr; the PDF default is 0
};

// Appends one BT ... ET text object drawing `run` with font resource `font_resource` (a name in the
// page's /Font resources, without the slash). `page_height` flips layout's y-down coordinates.
// Throws tp::Error(Internal) when a glyph is missing from `font` or the size is not positive.
void write_glyph_run(std::string& out, const layout::GlyphRun& run, std::string_view font_resource,
                     const GlyphFont& font, double page_height, ContentState& state);

}  // namespace tp::render::pdf

// Content-stream operators for the non-text items: rectangles (filled, stroked, rounded, dashed),
// lines and placed images. Pure string building in PDF space (y up); internal to src/render/pdf.
#pragma once

#include <string>
#include <string_view>

#include "core/geometry.h"
#include "layout/display_list.h"

namespace tp::render::pdf {

// Each function appends a self-contained q ... Q group, so no state leaks into later items.
void write_rect(std::string& out, const layout::RectItem& rect, double page_height);
void write_line(std::string& out, const layout::LineItem& line, double page_height);
// Draws image XObject `name` (a key of the page's /XObject resources) scaled into `box`, turned
// and mirrored as Raster::orientation `orientation` (1 to 8; anything else counts as 1) says, so
// the upright picture fills the box: for 5 to 8 the stored rows run down the box's height.
void write_image(std::string& out, const Rect& box, std::string_view name, double page_height,
                 int orientation = 1);

}  // namespace tp::render::pdf

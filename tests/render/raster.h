// Pages and glyphs as grey maps of ink, to check that a PDF viewer draws the glyphs layout asked
// for: poppler's rendering of a page against FreeType's rendering of the same glyph ids taken
// straight from the font file, which knows nothing of subsets, CIDs or PDF.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "layout/display_list.h"

namespace tp::test {

// One byte per pixel, rows top to bottom: 0 is no ink (white paper), 255 full ink.
struct InkMap {
  int width = 0, height = 0;
  std::vector<std::uint8_t> ink;
  int at(int x, int y) const { return ink[static_cast<std::size_t>(y) * width + x]; }
};

// Page 1 of `pdf_path` rendered by pdftoppm in grey at 72 dpi (one pixel per point); an empty map
// when pdftoppm fails. The PGM stays beside the PDF (kept with TP_KEEP_TEST_FILES=1).
InkMap render_page(const std::string& pdf_path);

// The glyphs of `run` drawn by FreeType from face `face_index` of `font_path`, unhinted and
// anti-aliased, each at the position layout gave it, on a map of `width` x `height` points at
// 72 dpi: what a correct viewer draws for the run.
InkMap render_run(const std::string& font_path, unsigned face_index, const layout::GlyphRun& run, int width,
                  int height);

// The smallest box holding every pixel with ink above `threshold`; empty() when there is none.
struct InkBox {
  int left = 0, top = 0, right = -1, bottom = -1;  // inclusive
  bool empty() const { return right < left; }
  int width() const { return right - left + 1; }
};
InkBox ink_box(const InkMap& map, int threshold = 64);

// Sum of |a - b| over sum of (a + b) for two maps of one size, each first blurred over 3 x 3
// pixels: 0 when they are equal, 1 when their inks lie far apart. The blur makes a glyph drawn a
// fraction of a pixel away (poppler puts large glyphs on whole pixels) count as nearly the same.
double difference(const InkMap& a, const InkMap& b);

// Writes `map` as a binary PGM (black ink on white) under temp_dir(), for a person to look at.
std::string write_pgm(const std::string& name, const InkMap& map);

}  // namespace tp::test

// Fonts as PDF objects: each font face the document draws with becomes one Type0 font
// (/Encoding /Identity-H) over a CIDFontType2 whose /FontFile2 is a subset made by hb-subset,
// holding only the glyphs the whole document uses, with /W widths, a FontDescriptor of real
// metrics and a /ToUnicode CMap. Internal to src/render/pdf.
#pragma once

#include <cstdint>
#include <set>

#include "layout/display_list.h"
#include "render/pdf/glyph_text.h"
#include "render/pdf/haru.h"
#include "render/pdf/text_map.h"

namespace tp::render::pdf {

// What the document asks of one font, gathered from every page before anything is written.
struct FontUse {
  std::set<std::uint32_t> gids;  // original glyph ids drawn anywhere in the document
  ToUnicode to_unicode;          // by original glyph id
};

struct EmbeddedFont {
  HPDF_Dict type0 = nullptr;  // the /Type0 font dictionary, an indirect object of the document
  GlyphFont glyphs;           // its to_unicode points into the FontUse it was made from
};

// Subsets `face` to `use.gids` and writes the font objects into `haru`. `use` must outlive the
// result. Throws tp::Error(Internal, "pdf", ...) naming the font file when it cannot be read, is
// not a TrueType-outline font, lacks a used glyph id, or hb-subset fails.
EmbeddedFont embed_font(Haru& haru, const layout::FontFace& face, const FontUse& use);

}  // namespace tp::render::pdf

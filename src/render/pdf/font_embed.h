// Fonts as PDF objects: each font face the document draws with becomes one Type0 font
// (/Encoding /Identity-H) over a CIDFont holding a subset made by hb-subset of only the glyphs the
// whole document uses, with /W widths, a FontDescriptor of real metrics and a /ToUnicode CMap.
// TrueType outlines (glyf) give a CIDFontType2 with the subset as /FontFile2, drawn by new glyph
// id; CFF outlines (most .otf files, Noto Sans CJK's .ttc) give a CIDFontType0 with the subset's
// bare CFF table as /FontFile3 /CIDFontType0C, drawn by CID. Internal to src/render/pdf.
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
// result. Throws tp::Error(Internal, "pdf", ...) naming the font file when it cannot be read, has
// neither glyf nor CFF outlines (CFF2, variable OpenType, is not supported), lacks a used glyph
// id, or hb-subset fails or makes a CFF table that cannot be read.
EmbeddedFont embed_font(Haru& haru, const layout::FontFace& face, const FontUse& use);

}  // namespace tp::render::pdf

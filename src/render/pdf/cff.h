// The little the PDF backend reads from a CFF table (Adobe Technical Note #5176, "The Compact Font
// Format Specification"): whether the font is CID-keyed, its character collection, and the CID
// that selects each glyph. Pure parsing of bytes, no libharu or HarfBuzz; internal to
// src/render/pdf.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tp::render::pdf {

struct CffFont {
  // The Name INDEX's first entry: the FontName, or for a CID-keyed font the CIDFontName.
  std::string name;
  // A CID-keyed font has an ROS operator (TN 5176, 18 "CID-keyed Fonts") in its Top DICT; its
  // Registry, Ordering and Supplement name the character collection its CIDs belong to.
  bool cid_keyed = false;
  std::string registry, ordering;  // printable ASCII; empty for a name-keyed font
  int supplement = 0;
  // By glyph id (one entry per CharStrings element): the code a PDF reader selects the glyph by
  // when the table is embedded as /FontFile3 /CIDFontType0C. For a CID-keyed font that is the CID
  // its charset gives the glyph (PDF 32000-1 9.7.4.2: CIDs select glyphs through the charset);
  // for a name-keyed font readers use the glyph id itself, so the entry is the glyph id.
  std::vector<std::uint16_t> cids;
};

// Reads the first (in OpenType, the only) font of the CFF version 1 table `table`. Throws
// tp::Error(Internal, "pdf", "CFF: ...") when the parts read are malformed: a truncated INDEX or
// DICT, a missing CharStrings INDEX, a CID-keyed font without a custom charset, or a major
// version other than 1 (CFF2 is a different table).
CffFont read_cff(std::string_view table);

}  // namespace tp::render::pdf

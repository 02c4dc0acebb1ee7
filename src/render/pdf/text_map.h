// Which text each glyph stands for: the clusters of a glyph run, the per-font ToUnicode map built
// from them, and the ToUnicode CMap file. Pure functions, no libharu; internal to src/render/pdf.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "layout/display_list.h"

namespace tp::render::pdf {

// Glyphs [first, first + count) of a run that share one `cluster` value, and the bytes of
// GlyphRun::text they stand for: from the cluster's offset to the next larger cluster offset in
// the run, or the end of the text (offsets past the end are clamped, so the text may be empty).
struct Cluster {
  std::size_t first = 0, count = 0;
  std::size_t text_begin = 0, text_end = 0;
};

// The clusters of `run` in glyph (visual) order; adjacent glyphs with equal `cluster` values form
// one cluster.
std::vector<Cluster> clusters_of(const layout::GlyphRun& run);

// UTF-16 of UTF-8 text; invalid bytes become U+FFFD instead of failing, because a bad byte in one
// post must not stop the whole document.
std::u16string utf16_of(std::string_view utf8);

// One font's ToUnicode: original glyph id -> the UTF-16 text it stands for.
using ToUnicode = std::map<std::uint32_t, std::u16string>;

// The font's own glyph for a code point (its cmap), 0 when it has none.
using NominalGlyph = std::function<std::uint32_t(char32_t)>;

// Extends `map` with the glyphs of `run`: a cluster of exactly one glyph that has no text yet gives
// that glyph the cluster's text (one code point, or several: a ligature, a ZWJ sequence). In a
// cluster of several glyphs (a base and its marks), a glyph that is the font's own glyph for one
// of the cluster's code points gets that code point. In a right-to-left run, a text of several
// characters is stored in visual order (see visual()). The first run seen wins, so callers feed
// visible runs before invisible ones.
void assign_to_unicode(const layout::GlyphRun& run, ToUnicode& map, const NominalGlyph& nominal = {});

// True when the run's glyphs are in right-to-left order: its cluster offsets decrease, or, when
// the run is one cluster, its first letter is of a right-to-left script.
bool right_to_left(const layout::GlyphRun& run);

// True when the ToUnicode texts of the cluster's glyphs, concatenated in glyph order (and for a
// right-to-left run reversed as characters, which is how extractors read a right-to-left run back
// into logical order), are the cluster's text up to the canonical order of marks; otherwise the
// cluster needs /ActualText.
bool spells_cluster(const layout::GlyphRun& run, const Cluster& cluster, const ToUnicode& map);

// `text` with its code points in reverse order (surrogate pairs kept whole): the visual order of a
// right-to-left text.
std::u16string visual(const std::u16string& text);

// A ToUnicode CMap (PDF 32000-1 9.10.3) mapping codes of `code_bytes` bytes (2 for a Type0 font,
// 1 for a simple font) to UTF-16BE strings, as bfchar entries in blocks of at most 100 (the limit
// of the CMap syntax, Adobe TN 5411).
std::string to_unicode_cmap(const std::map<std::uint16_t, std::u16string>& codes, int code_bytes = 2);

// "FEFF0048..." — uppercase hex of a UTF-16BE text with byte order mark, for <...> strings.
std::string hex_utf16be_with_bom(const std::u16string& text);

}  // namespace tp::render::pdf

// zlib streams (RFC 1950), as PDF's FlateDecode reads them, made with libdeflate: whole-buffer
// compression runs about twice as fast as zlib's at a given size. Used for page content, font
// files and pixels; never for data that is already compressed (JPEG, PNG image data).
#pragma once

#include <string>
#include <string_view>

namespace tp {

// Level 6, the level zlib used here before; other levels are not measured yet (issue 12 asks for
// a level chosen by measurement).
inline constexpr int kDeflateLevel = 6;

// The zlib stream of `raw` at `level` (0-12). Deterministic: the same bytes for the same input
// and level. Throws std::bad_alloc when out of memory.
std::string zlib_compress(std::string_view raw, int level = kDeflateLevel);

}  // namespace tp

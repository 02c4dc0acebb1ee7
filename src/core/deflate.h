// zlib streams (RFC 1950), as PDF's FlateDecode reads them, made with libdeflate: whole-buffer
// compression runs about twice as fast as zlib's at a given size. Used for page content, font
// files and pixels; never for data that is already compressed (JPEG, PNG image data).
#pragma once

#include <string>
#include <string_view>

namespace tp {

// Level 6, chosen by measurement (bench/README.md, "Compression level"): levels 1 to 6 cost about
// the same CPU on the benchmark threads (within 0.05 s of 0.8 s), 6 makes the smallest files of
// them (the text-only PDF 5% smaller than level 1), and from 7 up the time climbs steeply (level 9:
// +50%) for under 0.1% fewer bytes.
inline constexpr int kDeflateLevel = 6;

// The zlib stream of `raw` at `level` (0-12). Deterministic: the same bytes for the same input
// and level. Throws std::bad_alloc when out of memory.
std::string zlib_compress(std::string_view raw, int level = kDeflateLevel);

}  // namespace tp

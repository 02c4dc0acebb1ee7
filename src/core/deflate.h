// zlib streams (RFC 1950), as PDF's FlateDecode reads them, made with libdeflate: whole-buffer
// compression runs about twice as fast as zlib's at a given size. Used for page content, font
// files and pixels; never for data that is already compressed (JPEG, PNG image data).
#pragma once

#include <string>
#include <string_view>

namespace tp {

// Level 6, chosen by measurement (bench/README.md, "Compression level"): from 7 up the time climbs
// steeply (level 9: about twice level 6's) for about 2% fewer bytes. Used for font files, pixels,
// profiles and attachments, whose bytes are few or made once.
inline constexpr int kDeflateLevel = 6;

// Page content streams, the bulk of what a text thread compresses, at level 1: measured on the
// 1,000-post text-only thread (bench/README.md, "Compression level"), 9 ms less CPU than level 6
// (14 ms -> 5 ms) for a PDF 3.6% larger (2.58 -> 2.67 MB; the picture thread 0.4%).
inline constexpr int kContentDeflateLevel = 1;

// The zlib stream of `raw` at `level` (0-12). Deterministic: the same bytes for the same input
// and level. Throws std::bad_alloc when out of memory.
std::string zlib_compress(std::string_view raw, int level = kDeflateLevel);

// The same bytes as zlib_compress, in a buffer of the calling thread that stays valid until the
// thread's next call of either function: for a stream copied at once (a page's content into
// libharu), without a string of its own for each. Throws std::bad_alloc when out of memory.
std::string_view zlib_compress_view(std::string_view raw, int level = kDeflateLevel);

}  // namespace tp

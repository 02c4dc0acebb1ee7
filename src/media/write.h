// PNG and JPEG writers (library tp_media_write): the loader re-encodes a JPEG it scaled down, the
// tests make their input files and the benchmark generator its pictures. Output is deterministic:
// no time chunks, fixed compression settings. Failures throw tp::Error(ErrorCode::Internal).
#pragma once

#include <string>

#include "core/raster.h"

namespace tp::media {

// A PNG described sample for sample, so tests can write every color type and depth.
struct PngImage {
  int width = 0, height = 0;
  int color_type = 2;       // as in the PNG spec: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
  int bit_depth = 8;        // 1, 2, 4, 8 or 16, as the color type allows
  bool interlaced = false;  // Adam7
  std::string rows;         // `height` rows packed as PNG stores them; 16-bit samples big-endian
  std::string palette;      // color type 3: R, G, B bytes per entry
  std::string trns;         // the tRNS chunk's bytes: one alpha per palette entry (type 3), or the
                            // transparent color as 16-bit big-endian gray (type 0) or R, G, B (type 2)
};

std::string write_png(const PngImage& image);

// A Gray8, Rgb8 or Rgba8 raster as an 8-bit PNG.
std::string write_png(const Raster& pixels);

// A Gray8 or Rgb8 raster as a JPEG; `quality` 1 to 100; `progressive` writes a multi-scan file.
std::string write_jpeg(const Raster& pixels, int quality = 85, bool progressive = false);

}  // namespace tp::media

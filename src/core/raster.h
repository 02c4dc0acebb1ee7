// A raster image as the program carries it from the media loader, through layout, to the PDF
// backend: a JPEG file kept as is (embedded without re-encoding), decoded 8-bit pixels, those
// pixels already deflated (what the loader keeps, so a thread with hundreds of pictures does not
// hold them all raw; the PDF takes the zlib streams as they are, FlateDecode), or a PNG's image
// data kept as is (PNG rows are what FlateDecode with /Predictor 15 decodes, PDF 7.4.4.4).
#pragma once

#include <string>

namespace tp {

struct Raster {
  enum class Encoding { Jpeg, Gray8, Rgb8, Rgba8, Deflated, PngData };
  Encoding encoding = Encoding::Rgb8;
  int width = 0, height = 0;  // pixels
  int jpeg_components = 3;    // Jpeg only: 1 (gray), 3 (RGB/YCbCr) or 4 (CMYK)
  int deflated_channels = 3;  // Deflated only: colour samples per pixel, 1 (gray) or 3 (RGB)
  // The JPEG file; or width * height * channels bytes, rows top to bottom; or (Deflated) a zlib
  // stream of those colour bytes.
  std::string data;
  std::string alpha;  // Deflated only: a zlib stream of width * height alpha bytes; empty = opaque
  // PngData only: `data` is the zlib stream of the PNG's IDAT chunks (filtered rows, not
  // interlaced, no transparency); png_colors samples per pixel of png_bits bits each: 1 (gray, or
  // a palette index when `palette` is not empty) or 3 (RGB, 8 bits).
  int png_colors = 3;
  int png_bits = 8;     // 1, 2, 4 or 8
  std::string palette;  // PngData only: 2^png_bits RGB triples (black past the file's own entries)

  int channels() const {
    switch (encoding) {
      case Encoding::Gray8:
        return 1;
      case Encoding::Rgb8:
        return 3;
      case Encoding::Rgba8:
        return 4;
      case Encoding::Jpeg:
        return jpeg_components;
      case Encoding::Deflated:
        return deflated_channels;
      case Encoding::PngData:
        return png_colors;
    }
    return 3;
  }
};
}  // namespace tp

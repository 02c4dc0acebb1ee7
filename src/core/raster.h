// A raster image as the program carries it from the media loader, through layout, to the PDF
// backend: a JPEG file kept as is (embedded without re-encoding), or decoded 8-bit pixels.
#pragma once

#include <string>

namespace tp {

struct Raster {
  enum class Encoding { Jpeg, Gray8, Rgb8, Rgba8 };
  Encoding encoding = Encoding::Rgb8;
  int width = 0, height = 0;  // pixels
  int jpeg_components = 3;    // Jpeg only: 1 (gray), 3 (RGB/YCbCr) or 4 (CMYK)
  std::string data;           // the JPEG file, or width * height * channels bytes, rows top to bottom

  int channels() const {
    switch (encoding) {
      case Encoding::Gray8: return 1;
      case Encoding::Rgb8: return 3;
      case Encoding::Rgba8: return 4;
      case Encoding::Jpeg: return jpeg_components;
    }
    return 3;
  }
};

}  // namespace tp

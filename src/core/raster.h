// A raster image as the program carries it from the media loader, through layout, to the PDF
// backend: a JPEG file kept as is (embedded without re-encoding), decoded 8-bit pixels, those
// pixels already deflated (what the loader keeps, so a thread with hundreds of pictures does not
// hold them all raw; the PDF takes the zlib streams as they are, FlateDecode), or a PNG's image
// data kept as is (PNG rows are what FlateDecode with /Predictor 15 decodes, PDF 7.4.4.4).
#pragma once

#include <string>
#include <string_view>

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

  // How the stored rows are turned to be seen as the picture's author saw it: the EXIF (TIFF)
  // Orientation value, 1 to 8. 1 is as stored; 2 mirrored left to right; 3 turned 180 degrees;
  // 4 mirrored top to bottom; 5 mirrored across the top-left to bottom-right diagonal; 6 turned 90
  // degrees clockwise; 7 mirrored across the other diagonal; 8 turned 90 degrees counter-clockwise.
  // The pixels are never turned: layout places the picture by upright_width() x upright_height()
  // and the PDF backend turns it with the drawing matrix, so a JPEG stays its file.
  int orientation = 1;
  // The picture's ICC profile (an ICC.1 file), as the picture carried it; empty when it had none
  // and its samples are device colour (taken as sRGB, the PDF's output intent). Only kept when its
  // colour space (icc_components) has as many components as the colour samples: 1 gray, 3 RGB
  // (also with alpha, and a palette's entries), 4 CMYK.
  std::string icc;

  int upright_width() const { return orientation >= 5 && orientation <= 8 ? height : width; }
  int upright_height() const { return orientation >= 5 && orientation <= 8 ? width : height; }

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

// The number of colour components of an ICC profile's data colour space (ICC.1 7.2.6): 1 for
// 'GRAY', 3 for 'RGB ', 4 for 'CMYK'. 0 for a profile a PDF/A-3 file cannot use as an image's
// ICCBased colour space (PDF 32000-1 8.6.5.5; ISO 19005-3 6.2.4.2): another colour space, a
// version other than 2 or 4, a device class other than input, display, output or colour space;
// and 0 for bytes that are no whole profile: shorter than the header and tag count, without the
// 'acsp' signature, or not exactly as long as the size its first four bytes declare.
inline int icc_components(std::string_view icc) {
  if (icc.size() < 132 || icc.substr(36, 4) != "acsp") return 0;
  auto byte = [&](size_t i) { return static_cast<unsigned long>(static_cast<unsigned char>(icc[i])); };
  if ((byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3)) != icc.size()) return 0;
  if (byte(8) != 2 && byte(8) != 4) return 0;
  const std::string_view device_class = icc.substr(12, 4);
  if (device_class != "scnr" && device_class != "mntr" && device_class != "prtr" && device_class != "spac")
    return 0;
  const std::string_view space = icc.substr(16, 4);
  if (space == "GRAY") return 1;
  if (space == "RGB ") return 3;
  if (space == "CMYK") return 4;
  return 0;
}

}  // namespace tp

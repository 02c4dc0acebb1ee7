#include "test_images.h"

#include <stdexcept>

namespace tp::test {

unsigned char pattern_value(int x, int y, int c) {
  int v = c == 0 ? x * 16 + y : c == 1 ? y * 16 + x : c == 2 ? 255 - x - y : 255;
  return static_cast<unsigned char>(v & 0xFF);
}

Raster pattern(Raster::Encoding encoding, int w, int h) {
  Raster r;
  r.encoding = encoding;
  r.width = w;
  r.height = h;
  int n = r.channels();
  r.data.resize(static_cast<size_t>(w) * h * n);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < n; ++c)
        r.data[(static_cast<size_t>(y) * w + x) * n + c] =
            static_cast<char>(c == 3 ? 255 : pattern_value(x, y, c));
  return r;
}

std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

namespace {
void put32(std::string& s, size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
}
}  // namespace

std::string patch_png_size(std::string png, std::uint32_t width, std::uint32_t height) {
  // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC (4).
  if (png.size() < 33 || png.compare(12, 4, "IHDR") != 0) throw std::runtime_error("not a PNG");
  put32(png, 16, width);
  put32(png, 20, height);
  put32(png, 29, crc32(png.substr(12, 17)));
  return png;
}

std::string patch_jpeg_size(std::string jpeg, unsigned width, unsigned height) {
  for (size_t i = 2; i + 9 < jpeg.size(); ++i) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(jpeg[k]); };
    if (b(i) == 0xFF && (b(i + 1) == 0xC0 || b(i + 1) == 0xC2)) {
      // FF Cn, length (2), precision (1), height (2), width (2)
      jpeg[i + 5] = static_cast<char>(height >> 8), jpeg[i + 6] = static_cast<char>(height & 0xFF);
      jpeg[i + 7] = static_cast<char>(width >> 8), jpeg[i + 8] = static_cast<char>(width & 0xFF);
      return jpeg;
    }
  }
  throw std::runtime_error("no SOF0/SOF2 segment");
}

}  // namespace tp::test

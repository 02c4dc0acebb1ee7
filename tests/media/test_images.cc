#include "test_images.h"

// jpeglib.h needs FILE and size_t declared before it.
// clang-format off
#include <cstdio>
#include <jpeglib.h>
// clang-format on

#include <cstdlib>
#include <fstream>
#include <sstream>
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

std::string exif_with_orientation(int orientation, bool little_endian) {
  std::string out;
  auto u16 = [&](unsigned v) {
    if (little_endian)
      out += static_cast<char>(v & 0xFF), out += static_cast<char>(v >> 8);
    else
      out += static_cast<char>(v >> 8), out += static_cast<char>(v & 0xFF);
  };
  auto u32 = [&](std::uint32_t v) {
    if (little_endian)
      u16(v & 0xFFFF), u16(v >> 16);
    else
      u16(v >> 16), u16(v & 0xFFFF);
  };
  out += little_endian ? "II" : "MM";
  u16(42);
  u32(8);                                 // IFD0 right after the header
  u16(2);                                 // entries
  u16(0x0100), u16(4), u32(1), u32(640);  // ImageWidth, LONG: a tag before the one we want
  u16(0x0112), u16(3), u32(1), u16(static_cast<unsigned>(orientation)), u16(0);
  u32(0);  // no next IFD
  return out;
}

std::string jpeg_with_segments(std::string jpeg, const std::vector<std::pair<int, std::string>>& segments) {
  std::string inserted;
  for (const auto& [marker, payload] : segments) {
    const size_t length = payload.size() + 2;
    if (length > 0xFFFF) throw std::runtime_error("segment too long");
    inserted += '\xFF';
    inserted += static_cast<char>(marker);
    inserted += static_cast<char>(length >> 8);
    inserted += static_cast<char>(length & 0xFF);
    inserted += payload;
  }
  return jpeg.insert(2, inserted);
}

std::pair<int, std::string> exif_segment(const std::string& exif) {
  return {0xE1, std::string("Exif\0\0", 6) + exif};
}

std::vector<std::pair<int, std::string>> icc_segments(const std::string& profile, size_t chunk) {
  std::vector<std::pair<int, std::string>> out;
  const size_t count = (profile.size() + chunk - 1) / chunk;
  for (size_t i = 0; i < count; ++i)
    out.push_back({0xE2, std::string("ICC_PROFILE\0", 12) + static_cast<char>(i + 1) +
                             static_cast<char>(count) + profile.substr(i * chunk, chunk)});
  return out;
}

std::string cmyk_jpeg(int w, int h) {
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr errors{};
  cinfo.err = jpeg_std_error(&errors);  // a test picture of a fixed size: libjpeg's exit() is fine
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = w;
  cinfo.image_height = h;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&cinfo);
  jpeg_start_compress(&cinfo, TRUE);
  std::string row(static_cast<size_t>(w) * 4, '\0');
  while (cinfo.next_scanline < cinfo.image_height) {
    for (int x = 0; x < w; ++x) {
      row[4 * x] = static_cast<char>(x * 20);
      row[4 * x + 1] = static_cast<char>(cinfo.next_scanline * 20);
      row[4 * x + 2] = 100;
      row[4 * x + 3] = 0;
    }
    JSAMPROW rows[1] = {reinterpret_cast<JSAMPROW>(row.data())};
    jpeg_write_scanlines(&cinfo, rows, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string out(reinterpret_cast<char*>(buffer), size);
  std::free(buffer);
  return out;
}

std::string png_with_chunk(std::string png, const std::string& type, const std::string& data) {
  if (png.size() < 33 || png.compare(12, 4, "IHDR") != 0) throw std::runtime_error("not a PNG");
  std::string chunk(4, '\0');
  put32(chunk, 0, static_cast<std::uint32_t>(data.size()));
  chunk += type + data;
  std::string crc(4, '\0');
  put32(crc, 0, crc32(type + data));
  return png.insert(33, chunk + crc);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read " + path);
  return bytes.str();
}

}  // namespace tp::test

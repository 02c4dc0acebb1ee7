// Pictures the media tests make for themselves (no binary files in the repository).
#pragma once

#include <cstdint>
#include <string>

#include "core/raster.h"

namespace tp::test {

// A w x h raster whose pixel (x, y) is (x * 16 + y, y * 16 + x, 255 - x - y) per channel, the
// channels taken from the front of that list (Gray8 gets only the first); Rgba8 alpha is 255.
Raster pattern(Raster::Encoding encoding, int w, int h);

// The byte value of channel `c` of pattern pixel (x, y).
unsigned char pattern_value(int x, int y, int c);

// CRC-32 as PNG chunks use it (ISO 3309).
std::uint32_t crc32(const std::string& bytes);

// Replaces the IHDR width and height of a PNG and fixes the chunk CRC.
std::string patch_png_size(std::string png, std::uint32_t width, std::uint32_t height);

// Replaces the width and height in a JPEG's SOF0/SOF2 segment.
std::string patch_jpeg_size(std::string jpeg, unsigned width, unsigned height);

}  // namespace tp::test

// Pictures the media tests make for themselves (no binary files in the repository).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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

// EXIF data as a camera writes it: a TIFF header in the given byte order whose IFD0 holds an
// ImageWidth entry, then the Orientation entry (tag 0x0112, one SHORT) with `orientation`.
std::string exif_with_orientation(int orientation, bool little_endian);

// `jpeg` with marker segments (marker code, payload) inserted right after its SOI marker.
std::string jpeg_with_segments(std::string jpeg, const std::vector<std::pair<int, std::string>>& segments);
// An APP1 EXIF segment (the "Exif\0\0" header before `exif`).
std::pair<int, std::string> exif_segment(const std::string& exif);
// An ICC profile as APP2 "ICC_PROFILE" segments of at most `chunk` profile bytes each (ICC.1
// Annex B.4): a sequence number from 1 and the count of segments before each chunk.
std::vector<std::pair<int, std::string>> icc_segments(const std::string& profile, size_t chunk);

// A CMYK JPEG of `w` x `h` pixels, each pixel's four samples (x * 20, y * 20, 100, 0).
std::string cmyk_jpeg(int w, int h);

// `png` with one more chunk of `type` right after IHDR, its CRC computed.
std::string png_with_chunk(std::string png, const std::string& type, const std::string& data);

// A file's bytes (an ICC profile of a Debian package); throws when it cannot be read.
std::string file_bytes(const std::string& path);

}  // namespace tp::test

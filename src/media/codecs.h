// The decoders behind media::decode (decode.cc). Each is the only file that includes its C
// library; png and jpeg leave libpng's and libjpeg's error handling (longjmp) inside themselves.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/raster.h"

namespace tp::media::detail {

// Largest picture we accept, a side and in total; a guard against files that claim huge sizes to
// make us allocate gigabytes (100 megapixels of RGBA is already 400 MB).
inline constexpr long kMaxSide = 20000;
inline constexpr long kMaxPixels = 100'000'000;

// "" when the size is acceptable, otherwise the error sentence.
std::string check_size(long width, long height);

// The widest a picture may be stored for `max_width` pixels of print width (max_width itself, or
// any width when it is below 1): a picture turned a quarter (orientation 5 to 8) is seen with its
// height across, so its stored width is limited in proportion.
int stored_width_limit(const Raster& raster, int max_width);

// Whether a picture is scaled down (to stored_width_limit) at all: only when it is wider than 1.25
// times that limit, whatever its format. Up to 1.25 times it is at most 250 dpi at print size, and
// kept as it came (a JPEG its file, a PNG its image data) it is both cheaper and more faithful
// than a copy resampled by less than a quarter. Never with a max_width below 1.
bool needs_scaling(const Raster& raster, int max_width);

// `bytes` starts with the PNG signature. Returns Gray8, Rgb8 or Rgba8 pixels, or null and `error`.
std::shared_ptr<const Raster> decode_png(const std::string& bytes, std::string& error);

// The fast way through a PNG, without libpng: kept as it is for the PDF (Raster::Encoding::PngData)
// when it needs neither scaling (needs_scaling false) nor decoding: not interlaced, no tRNS chunk, gray or a
// palette of 1 to 8 bits, or 8-bit RGB. Otherwise decoded here, to the same Gray8, Rgb8 or Rgba8 pixels
// decode_png gives, when it is 8-bit gray or RGB that needs scaling, or 8-bit RGBA; one that needs scaling
// comes back already scaled to its limit (stored_width_limit), as fit_width would scale those pixels. Null
// when the file is none of these or does not check out (a chunk's CRC, a zlib stream that does not inflate to
// exactly the rows, a row filter type above 4); decode_png then decides and names what is wrong. Never
// throws.
std::shared_ptr<const Raster> png_fast(const std::string& bytes, int max_width);
// png_fast keeps its largest inflated picture per thread for the next one; this frees the calling
// thread's (a loader thread that ends frees its own).
void release_png_scratch();

// `bytes` starts with a JPEG SOI marker. Returns the file (cut after its EOI marker) as a Jpeg
// raster, or null and `error`. `take`, when given, is `bytes` itself, which the caller no longer
// needs: a file that ends at its EOI marker is then moved into the raster (and `bytes` left
// empty) rather than copied.
std::shared_ptr<const Raster> decode_jpeg(const std::string& bytes, std::string& error,
                                          std::string* take = nullptr);

// `bytes` starts with "RIFF....WEBP". Returns Rgb8 or Rgba8 pixels (the first frame of an animation).
std::shared_ptr<const Raster> decode_webp(const std::string& bytes, std::string& error);

// `bytes` starts with "GIF87a" or "GIF89a". Returns the first frame composed on the logical screen
// as Rgb8, or Rgba8 when the frame has transparent pixels or does not cover the screen.
std::shared_ptr<const Raster> decode_gif(const std::string& bytes, std::string& error);

// Decodes a Jpeg raster (as decode_jpeg returns it) to Gray8 or Rgb8 pixels (CMYK is converted),
// letting libjpeg scale by 1/2, 1/4 or 1/8 while it decodes when that still leaves at least
// `width` pixels, and scales what is still wider to `width` (box_scale, as fit_width would),
// keeping orientation and profile. Null and `error` on failure.
std::shared_ptr<const Raster> jpeg_pixels(const Raster& jpeg, int width, std::string& error);

// fit_width's scaling of `width` x `height` pixels at `pixels` (Gray8, Rgb8 or Rgba8 as
// `encoding` says, rows top to bottom, not owned) to `max_width` (below `width`): for decoders
// whose pixels are in a buffer of their own, so that the full-size picture is never copied.
std::shared_ptr<Raster> box_scale(const unsigned char* pixels, int width, int height,
                                  Raster::Encoding encoding, int max_width);

// The Orientation tag (0x0112) of IFD0 in EXIF data (a TIFF header and its IFDs, with or without
// the "Exif\0\0" that JPEG's APP1 puts before it): 1 to 8 as Raster::orientation means them, and
// 1 when the data is not EXIF, has no such tag, or holds a value outside 1 to 8.
int exif_orientation(std::string_view exif);

}  // namespace tp::media::detail

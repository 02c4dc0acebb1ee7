// media::decode: choose the decoder by the file's first bytes, never by its name (a ".png" saved
// from a website is often a JPEG).
#include <algorithm>
#include <new>
#include <string_view>

#include "media/codecs.h"
#include "media/media.h"

namespace tp::media {

namespace detail {

std::string check_size(long width, long height) {
  if (width < 1 || height < 1)
    return "invalid image size (" + std::to_string(width) + " x " + std::to_string(height) + " pixels)";
  if (width <= kMaxSide && height <= kMaxSide && width * height <= kMaxPixels) return {};
  return "image too large (" + std::to_string(width) + " x " + std::to_string(height) +
         " pixels; at most 20000 a side and 100 megapixels are accepted)";
}

int stored_width_limit(const Raster& raster, int max_width) {
  if (max_width < 1 || raster.upright_width() == raster.width || raster.height < 1) return max_width;
  return std::max(1, static_cast<int>(static_cast<long long>(max_width) * raster.width / raster.height));
}

bool needs_scaling(const Raster& raster, int max_width) {
  if (max_width < 1) return false;
  return static_cast<long long>(raster.width) * 4 >
         static_cast<long long>(stored_width_limit(raster, max_width)) * 5;
}

}  // namespace detail

namespace {

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};
constexpr std::string_view kJpegSoi{"\xff\xd8\xff", 3};
constexpr std::string_view kGif87{"GIF87a"}, kGif89{"GIF89a"};

bool is_webp(std::string_view bytes) {
  return bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP";
}

// True when `bytes` is `magic`, or a file cut short inside it.
bool starts_like(std::string_view bytes, std::string_view magic) {
  return magic.substr(0, bytes.size()) == bytes.substr(0, magic.size());
}

}  // namespace

PictureType picture_type(std::string_view bytes) {
  if (bytes.substr(0, kPngSignature.size()) == kPngSignature) return {".png", "image/png"};
  if (bytes.substr(0, kJpegSoi.size()) == kJpegSoi) return {".jpg", "image/jpeg"};
  if (bytes.substr(0, 6) == kGif87 || bytes.substr(0, 6) == kGif89) return {".gif", "image/gif"};
  if (is_webp(bytes)) return {".webp", "image/webp"};
  return {".bin", "application/octet-stream"};
}

std::shared_ptr<const Raster> decode(const std::string& bytes, std::string& error, std::string* take) {
  error.clear();
  if (bytes.empty()) {
    error = "empty file";
    return nullptr;
  }
  try {
    if (starts_like(bytes, kPngSignature)) {
      if (bytes.size() <= kPngSignature.size()) {
        error = "truncated PNG data";
        return nullptr;
      }
      return detail::decode_png(bytes, error);
    }
    if (starts_like(bytes, kJpegSoi)) {
      if (bytes.size() <= kJpegSoi.size()) {
        error = "truncated JPEG data (no end-of-image marker)";
        return nullptr;
      }
      return detail::decode_jpeg(bytes, error, take);
    }
    if (is_webp(bytes)) return detail::decode_webp(bytes, error);
    if (bytes.size() >= 6 && (bytes.compare(0, 6, kGif87) == 0 || bytes.compare(0, 6, kGif89) == 0))
      return detail::decode_gif(bytes, error);
  } catch (const std::bad_alloc&) {
    // Within the size limits this needs at most 400 MB; on a small machine that can still fail,
    // and one picture is not worth the whole document.
    error = "not enough memory to decode the image";
    return nullptr;
  }
  error = "not a PNG, JPEG, WebP or GIF image";
  return nullptr;
}

}  // namespace tp::media

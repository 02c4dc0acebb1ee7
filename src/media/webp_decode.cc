// WebP through libwebp's simple decoding API; the only file that includes libwebp.
#include "media/codecs.h"

#include <webp/decode.h>

namespace tp::media::detail {

std::shared_ptr<const Raster> decode_webp(const std::string& bytes, std::string& error) {
  auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  WebPBitstreamFeatures features;
  VP8StatusCode status = WebPGetFeatures(data, bytes.size(), &features);
  if (status == VP8_STATUS_NOT_ENOUGH_DATA) {
    error = "truncated WebP data";
    return nullptr;
  }
  if (status != VP8_STATUS_OK) {
    error = "corrupt WebP data";
    return nullptr;
  }
  if (std::string size_error = check_size(features.width, features.height); !size_error.empty()) {
    error = size_error;
    return nullptr;
  }
  auto raster = std::make_shared<Raster>();
  raster->width = features.width;
  raster->height = features.height;
  const int channels = features.has_alpha ? 4 : 3;
  raster->encoding = features.has_alpha ? Raster::Encoding::Rgba8 : Raster::Encoding::Rgb8;
  raster->data.resize(static_cast<size_t>(features.width) * features.height * channels);
  auto* out = reinterpret_cast<uint8_t*>(raster->data.data());
  const int stride = features.width * channels;
  // An animated WebP decodes as its first frame through the simple API only in newer libwebp;
  // when it fails we say so rather than guess.
  uint8_t* ok = features.has_alpha ? WebPDecodeRGBAInto(data, bytes.size(), out, raster->data.size(), stride)
                                   : WebPDecodeRGBInto(data, bytes.size(), out, raster->data.size(), stride);
  if (!ok) {
    error = features.has_animation ? "unsupported WebP (animated)" : "corrupt WebP data";
    return nullptr;
  }
  return raster;
}

}  // namespace tp::media::detail

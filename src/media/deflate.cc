#include "core/deflate.h"

#include <zlib.h>

#include <new>

#include "media/media.h"

namespace tp::media {

std::shared_ptr<const Raster> deflate_pixels(std::shared_ptr<const Raster> pixels) {
  if (!pixels || pixels->encoding == Raster::Encoding::Jpeg ||
      pixels->encoding == Raster::Encoding::Deflated || pixels->encoding == Raster::Encoding::PngData)
    return pixels;  // already compressed
  const Raster& in = *pixels;
  auto out = std::make_shared<Raster>();
  out->encoding = Raster::Encoding::Deflated;
  out->width = in.width;
  out->height = in.height;
  out->orientation = in.orientation;
  out->icc = in.icc;
  try {
    if (in.encoding != Raster::Encoding::Rgba8) {
      out->deflated_channels = in.channels();
      out->data = zlib_compress(in.data);
    } else {
      const size_t n = static_cast<size_t>(in.width) * in.height;
      std::string rgb(n * 3, '\0'), alpha(n, '\0');
      bool opaque = true;
      for (size_t i = 0; i < n; ++i) {
        rgb[3 * i] = in.data[4 * i];
        rgb[3 * i + 1] = in.data[4 * i + 1];
        rgb[3 * i + 2] = in.data[4 * i + 2];
        alpha[i] = in.data[4 * i + 3];
        opaque = opaque && static_cast<unsigned char>(alpha[i]) == 255;
      }
      out->deflated_channels = 3;
      out->data = zlib_compress(rgb);
      if (!opaque) out->alpha = zlib_compress(alpha);
    }
  } catch (const std::bad_alloc&) {
    return pixels;  // out of memory while compressing: keep the raw pixels
  }
  return out;
}

std::optional<std::string> inflate(const std::string& zlib, size_t size) {
  std::string out(size, '\0');
  uLongf got = static_cast<uLongf>(size);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &got, reinterpret_cast<const Bytef*>(zlib.data()),
                 static_cast<uLong>(zlib.size())) != Z_OK ||
      got != size)
    return std::nullopt;
  return out;
}

}  // namespace tp::media

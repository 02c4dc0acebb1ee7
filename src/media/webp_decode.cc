// WebP through libwebp's simple decoding API (and its demuxer to look inside an extended file); the
// only file that includes libwebp.
#include <webp/decode.h>
#include <webp/demux.h>

#include <memory>

#include "media/codecs.h"

namespace tp::media::detail {

namespace {

// A lossy (VP8) key frame codes each 16 x 16 macroblock's prediction modes with fixed
// probabilities (RFC 6386, section 11.2), which cost at least 0.8 bit: 1 byte holds at most 10
// macroblocks, 2560 pixels. A file too short for its declared size is cut short, whatever its header says.
constexpr long kLossyPixelsPerByte = 2560;
// A lossless (VP8L) image whose Huffman codes have one symbol each costs no bit per pixel: 53 bytes
// can declare 15881 x 6000 pixels, which libwebp decodes into a buffer of its own on top of ours
// (800 MB, seconds). Such an image is blank or nearly so; above 4 megapixels the same 2560 pixels
// a byte as for lossy data are asked for, and a file below that is refused unread.
constexpr long kLosslessFreePixels = 4'000'000;

struct Container {
  std::string problem;  // "" when it is whole, "animated" for an animation, or the error
  std::string icc;      // the ICCP chunk (an ICC profile), when the extended header flags one
  std::string exif;     // the EXIF chunk, likewise
};

// The payload of the first chunk named `fourcc`, or "".
std::string chunk(WebPDemuxer* demux, const char* fourcc) {
  WebPChunkIterator it;
  std::string out;
  if (WebPDemuxGetChunk(demux, fourcc, 1, &it))
    out.assign(reinterpret_cast<const char*>(it.chunk.bytes), it.chunk.size);
  WebPDemuxReleaseChunkIterator(&it);
  return out;
}

// What the container holds, read by the demuxer without decoding anything.
Container check_container(const std::string& bytes) {
  WebPData data{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
  WebPDemuxState state;
  std::unique_ptr<WebPDemuxer, void (*)(WebPDemuxer*)> demux(WebPDemuxPartial(&data, &state),
                                                             WebPDemuxDelete);
  if (state == WEBP_DEMUX_PARSE_ERROR || (!demux && state != WEBP_DEMUX_PARSING_HEADER))
    return {"corrupt WebP data", {}, {}};
  if (!demux || state != WEBP_DEMUX_DONE) return {"truncated WebP data", {}, {}};
  const uint32_t flags = WebPDemuxGetI(demux.get(), WEBP_FF_FORMAT_FLAGS);
  const uint32_t frames = WebPDemuxGetI(demux.get(), WEBP_FF_FRAME_COUNT);
  // An animation flag over a file without frames is damage, not an animation.
  if (frames == 0) return {"corrupt WebP data (no image)", {}, {}};
  if (flags & ANIMATION_FLAG) return {"animated", {}, {}};
  Container whole;
  if (flags & ICCP_FLAG) whole.icc = chunk(demux.get(), "ICCP");
  if (flags & EXIF_FLAG) whole.exif = chunk(demux.get(), "EXIF");
  return whole;
}

}  // namespace

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
  // Everything below is known before the pixels are allocated: whether the file is whole, and
  // whether its bytes can hold the size it declares.
  Container container = check_container(bytes);
  if (container.problem == "animated") {
    // The simple API of Debian 12's libwebp cannot give an animation's first frame alone.
    error = "unsupported WebP (animated)";
    return nullptr;
  } else if (!container.problem.empty()) {
    error = container.problem;
    return nullptr;
  }
  const long pixels = static_cast<long>(features.width) * features.height;
  const bool too_few_bytes = pixels / kLossyPixelsPerByte > static_cast<long>(bytes.size());
  if (features.format == 1 && too_few_bytes) {
    error = "truncated WebP data";
    return nullptr;
  }
  if (features.format == 2 && too_few_bytes && pixels > kLosslessFreePixels) {
    error = "implausible WebP data (" + std::to_string(features.width) + " x " +
            std::to_string(features.height) + " pixels from " + std::to_string(bytes.size()) + " bytes)";
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
  uint8_t* ok = features.has_alpha ? WebPDecodeRGBAInto(data, bytes.size(), out, raster->data.size(), stride)
                                   : WebPDecodeRGBInto(data, bytes.size(), out, raster->data.size(), stride);
  if (!ok) {
    error = "corrupt WebP data";
    return nullptr;
  }
  raster->orientation = exif_orientation(container.exif);
  if (icc_components(container.icc) == 3) raster->icc = std::move(container.icc);
  return raster;
}

}  // namespace tp::media::detail

// GIF (first frame) through giflib's record-level reader; the only file that includes giflib.
// Not DGifSlurp: it reads every frame of the file and allocates each at the size its descriptor
// claims, so a 75-byte file could cost seconds and hundreds of megabytes. Here reading stops at the
// first image, whose size is checked before anything is allocated.
#include <gif_lib.h>

#include <cstring>
#include <memory>
#include <vector>

#include "media/codecs.h"

namespace tp::media::detail {

namespace {

// LZW codes are at most 12 bits and a 12-bit code stands for at most 4096 pixels, so one byte of
// image data gives at most 8 * 4096 / 12 < 2731 pixels (narrower codes give fewer). A frame, or a
// screen, larger than that many pixels per byte of the file cannot be painted by it.
constexpr long kPixelsPerByte = 2731;

struct Reader {
  const std::string* bytes;
  size_t pos = 0;
};

int read_from_memory(GifFileType* gif, GifByteType* buffer, int size) {
  auto* r = static_cast<Reader*>(gif->UserData);
  size_t n = std::min(static_cast<size_t>(size), r->bytes->size() - r->pos);
  std::memcpy(buffer, r->bytes->data() + r->pos, n);
  r->pos += n;
  return static_cast<int>(n);
}

// giflib's message for an error code; it has none for some codes (a file cut inside image data).
const char* error_text(int code) {
  const char* why = GifErrorString(code);
  return why ? why : "unexpected end of data";
}

struct Frame {
  GifImageDesc desc{};
  const ColorMapObject* map = nullptr;
  std::vector<GifPixelType> indices;  // desc.Width * desc.Height, rows top to bottom
  int transparent = NO_TRANSPARENT_COLOR;
};

// Reads records up to and including the first image. "" or the error.
std::string read_first_frame(GifFileType* gif, size_t file_size, Frame& frame) {
  auto truncated = [&] { return std::string("truncated GIF data (") + error_text(gif->Error) + ")"; };
  for (;;) {
    GifRecordType type;
    if (DGifGetRecordType(gif, &type) != GIF_OK) return truncated();
    if (type == TERMINATE_RECORD_TYPE) return "GIF without an image";
    if (type == EXTENSION_RECORD_TYPE) {
      int code = 0;
      GifByteType* block = nullptr;
      if (DGifGetExtension(gif, &code, &block) != GIF_OK) return truncated();
      // The last graphic control block before the image is the one that applies to it.
      GraphicsControlBlock gcb;
      if (code == GRAPHICS_EXT_FUNC_CODE && block && DGifExtensionToGCB(block[0], block + 1, &gcb) == GIF_OK)
        frame.transparent = gcb.TransparentColor;
      while (block)
        if (DGifGetExtensionNext(gif, &block) != GIF_OK) return truncated();
      continue;
    }
    if (type != IMAGE_DESC_RECORD_TYPE) continue;
    if (DGifGetImageDesc(gif) != GIF_OK) return truncated();
    frame.desc = gif->Image;
    const long w = frame.desc.Width, h = frame.desc.Height;
    if (std::string size_error = check_size(w, h); !size_error.empty())
      return "corrupt GIF data (frame: " + size_error + ")";
    if (w * h / kPixelsPerByte > static_cast<long>(file_size)) return "truncated GIF data";
    frame.map = gif->Image.ColorMap ? gif->Image.ColorMap : gif->SColorMap;
    frame.indices.resize(static_cast<size_t>(w) * h);
    // Interlaced rows come in four passes: every 8th row from 0, every 8th from 4, every 4th from
    // 2, every 2nd from 1.
    std::vector<long> order;
    order.reserve(h);
    if (frame.desc.Interlace) {
      for (auto [start, step] : {std::pair{0L, 8L}, {4L, 8L}, {2L, 4L}, {1L, 2L}})
        for (long y = start; y < h; y += step) order.push_back(y);
    } else {
      for (long y = 0; y < h; ++y) order.push_back(y);
    }
    for (long y : order)
      if (DGifGetLine(gif, &frame.indices[static_cast<size_t>(y) * w], static_cast<int>(w)) != GIF_OK)
        return truncated();
    // Something must follow the image (the trailer, another frame): a file cut right after the
    // image data is cut, though its first frame is whole. What follows is not read further.
    if (DGifGetRecordType(gif, &type) != GIF_OK) return truncated();
    return "";
  }
}

}  // namespace

std::shared_ptr<const Raster> decode_gif(const std::string& bytes, std::string& error) {
  Reader reader{&bytes};
  int code = 0;
  GifFileType* gif = DGifOpen(&reader, read_from_memory, &code);
  if (!gif) {
    error = std::string("corrupt GIF data (") + error_text(code) + ")";
    return nullptr;
  }
  std::unique_ptr<GifFileType, void (*)(GifFileType*)> owned(gif, [](GifFileType* g) {
    int ignored;
    DGifCloseFile(g, &ignored);
  });
  const long width = gif->SWidth, height = gif->SHeight;
  if (std::string size_error = check_size(width, height); !size_error.empty()) {
    error = size_error;
    return nullptr;
  }
  // The screen is what gets allocated (four bytes a pixel); its unpainted part costs nothing in the
  // file, so the same bound as for a frame keeps a few bytes from claiming a huge blank screen.
  if (width * height / kPixelsPerByte > static_cast<long>(bytes.size())) {
    error = "corrupt GIF data (a " + std::to_string(width) + " x " + std::to_string(height) +
            " pixel screen in a file of " + std::to_string(bytes.size()) + " bytes)";
    return nullptr;
  }
  Frame frame;
  if (std::string frame_error = read_first_frame(gif, bytes.size(), frame); !frame_error.empty()) {
    error = frame_error;
    return nullptr;
  }
  const GifImageDesc& d = frame.desc;
  const ColorMapObject* map = frame.map;
  if (!map) {
    error = "corrupt GIF data (no color table)";
    return nullptr;
  }
  const int transparent = frame.transparent;

  // Pixels the first frame does not paint are transparent (what a browser shows on a blank page).
  std::string rgba(static_cast<size_t>(width) * height * 4, '\0');
  bool any_clear = false;
  for (long y = 0; y < height; ++y)
    for (long x = 0; x < width; ++x) {
      long fx = x - d.Left, fy = y - d.Top;
      size_t o = (static_cast<size_t>(y) * width + x) * 4;
      if (fx < 0 || fy < 0 || fx >= d.Width || fy >= d.Height) {
        any_clear = true;
        continue;
      }
      int index = frame.indices[static_cast<size_t>(fy) * d.Width + fx];
      if (index == transparent || index >= map->ColorCount) {
        any_clear = true;
        continue;
      }
      const GifColorType& c = map->Colors[index];
      rgba[o] = static_cast<char>(c.Red);
      rgba[o + 1] = static_cast<char>(c.Green);
      rgba[o + 2] = static_cast<char>(c.Blue);
      rgba[o + 3] = static_cast<char>(255);
    }
  auto raster = std::make_shared<Raster>();
  raster->width = static_cast<int>(width);
  raster->height = static_cast<int>(height);
  if (any_clear) {
    raster->encoding = Raster::Encoding::Rgba8;
    raster->data = std::move(rgba);
  } else {
    raster->encoding = Raster::Encoding::Rgb8;
    raster->data.resize(static_cast<size_t>(width) * height * 3);
    for (size_t i = 0, n = static_cast<size_t>(width) * height; i < n; ++i)
      std::memcpy(&raster->data[3 * i], &rgba[4 * i], 3);
  }
  return raster;
}

}  // namespace tp::media::detail

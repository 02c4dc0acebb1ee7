// GIF (first frame) through giflib; the only file that includes it.
#include "media/codecs.h"

#include <gif_lib.h>

#include <cstring>
#include <memory>

namespace tp::media::detail {

namespace {

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
  // DGifSlurp reads every frame; a damaged later frame still leaves the first one usable, but a
  // failure inside the first frame leaves its pixels partly unread (ImageCount is then 1).
  int slurped = DGifSlurp(gif);
  if (gif->ImageCount < 1 || !gif->SavedImages[0].RasterBits || (slurped != GIF_OK && gif->ImageCount < 2)) {
    error = slurped == GIF_OK ? "GIF without an image" : std::string("truncated GIF data (") + error_text(gif->Error) + ")";
    return nullptr;
  }
  const long width = gif->SWidth, height = gif->SHeight;
  if (std::string size_error = check_size(width, height); !size_error.empty()) {
    error = size_error;
    return nullptr;
  }
  const SavedImage& frame = gif->SavedImages[0];
  const GifImageDesc& d = frame.ImageDesc;
  const ColorMapObject* map = d.ColorMap ? d.ColorMap : gif->SColorMap;
  if (!map) {
    error = "corrupt GIF data (no color table)";
    return nullptr;
  }
  int transparent = NO_TRANSPARENT_COLOR;
  GraphicsControlBlock gcb;
  if (DGifSavedExtensionToGCB(gif, 0, &gcb) == GIF_OK) transparent = gcb.TransparentColor;

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
      int index = frame.RasterBits[fy * d.Width + fx];
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

// PNG to 8-bit pixels with libpng. Every libpng call that can fail runs inside read_header or
// read_pixels: those two functions call setjmp and own no C++ object with a destructor, so the
// longjmp from our error handler skips nothing (jumping over non-trivial destructors is undefined,
// C++ [csetjmp.syn]). Everything that owns memory lives in decode_png, which never sees a jump.
#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include "media/codecs.h"

namespace tp::media::detail {

namespace {

struct PngInput {
  const unsigned char* data;
  size_t size;
  size_t pos = 0;
  bool ran_out = false;
  char message[256] = "";
};

void on_error(png_structp png, png_const_charp message) {
  auto* in = static_cast<PngInput*>(png_get_error_ptr(png));
  std::snprintf(in->message, sizeof in->message, "%s", message);
  png_longjmp(png, 1);
}

// Warnings (a known-bad sRGB profile, a bad ancillary chunk CRC) describe damage libpng repaired.
void on_warning(png_structp, png_const_charp) {}

void read_input(png_structp png, png_bytep out, size_t length) {
  auto* in = static_cast<PngInput*>(png_get_io_ptr(png));
  if (length > in->size - in->pos) {
    in->ran_out = true;
    png_error(png, "unexpected end of data");
  }
  std::memcpy(out, in->data + in->pos, length);
  in->pos += length;
}

// What read_header found out; plain data so it may be written between setjmp and longjmp.
struct PngHeader {
  png_uint_32 width = 0, height = 0;
  size_t stored_row_bytes = 0;  // a row as the file stores it (before expansion to 8-bit samples)
  int channels = 0;             // after the transformations: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
  size_t row_bytes = 0;
  // The iCCP profile (inflated) and eXIf data, when the chunks come before the image data; they
  // point into libpng's memory, valid until the read struct is destroyed.
  png_bytep icc = nullptr;
  png_uint_32 icc_size = 0;
  png_bytep exif = nullptr;
  png_uint_32 exif_size = 0;
};

// Reads the chunks before the image data and asks libpng for 8-bit gray, gray+alpha, RGB or RGBA,
// whatever the stored color type and depth. Only when the size is acceptable, as it allocates.
bool read_header(png_structp png, png_infop info, PngHeader* header, bool* size_ok) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_info(png, info);
  header->width = png_get_image_width(png, info);
  header->height = png_get_image_height(png, info);
  *size_ok = check_size(header->width, header->height).empty();
  if (!*size_ok) return true;
  header->stored_row_bytes = png_get_rowbytes(png, info);
  png_charp icc_name = nullptr;
  int icc_compression = 0;
  if (!png_get_iCCP(png, info, &icc_name, &icc_compression, &header->icc, &header->icc_size))
    header->icc = nullptr;
  if (!png_get_eXIf_1(png, info, &header->exif_size, &header->exif)) header->exif = nullptr;

  int color_type = png_get_color_type(png, info);
  int bit_depth = png_get_bit_depth(png, info);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  // Rounds (v * 255 + 32895) >> 16 rather than dropping the low byte.
  if (bit_depth == 16) png_set_scale_16(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);

  header->channels = png_get_channels(png, info);
  header->row_bytes = png_get_rowbytes(png, info);
  return true;
}

bool read_pixels(png_structp png, png_infop info, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, rows);
  // Reads up to IEND so that a file cut after its image data still counts as truncated.
  png_read_end(png, info);
  return true;
}

struct ReadStruct {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~ReadStruct() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

bool all_opaque(const std::string& pixels, int channels) {
  for (size_t i = channels - 1; i < pixels.size(); i += channels)
    if (static_cast<unsigned char>(pixels[i]) != 255) return false;
  return true;
}

// Keeps every `channels`-th group of the first `keep` bytes: drops an alpha channel.
std::string drop_alpha(const std::string& pixels, int channels) {
  int keep = channels - 1;
  std::string out(pixels.size() / channels * keep, '\0');
  for (size_t i = 0, o = 0; i < pixels.size(); i += channels, o += keep)
    std::memcpy(&out[o], &pixels[i], keep);
  return out;
}

std::string gray_alpha_to_rgba(const std::string& pixels) {
  std::string out(pixels.size() * 2, '\0');
  for (size_t i = 0, o = 0; i < pixels.size(); i += 2, o += 4) {
    out[o] = out[o + 1] = out[o + 2] = pixels[i];
    out[o + 3] = pixels[i + 1];
  }
  return out;
}

}  // namespace

std::shared_ptr<const Raster> decode_png(const std::string& bytes, std::string& error) {
  PngInput in{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()};
  ReadStruct rs;
  rs.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &in, on_error, on_warning);
  if (rs.png) rs.info = png_create_info_struct(rs.png);
  if (!rs.png || !rs.info) {
    error = "cannot start the PNG decoder";
    return nullptr;
  }
  png_set_read_fn(rs.png, &in, read_input);
  // A chunk header may claim any length up to 2 GB, and libpng allocates what it claims before
  // reading (a 1 KB file whose tEXt claims 1 GB). Text and suggested palettes are never shown, so
  // they are skipped unread; what is kept (an ICC profile, EXIF data, a palette) may hold at most
  // 4 MB, at most 100 ancillary chunks are stored, and no side may exceed ours.
  static constexpr png_byte kIgnored[] = "tEXt\0zTXt\0iTXt\0sPLT\0";
  png_set_keep_unknown_chunks(rs.png, PNG_HANDLE_CHUNK_NEVER, kIgnored, 4);
  png_set_keep_unknown_chunks(rs.png, PNG_HANDLE_CHUNK_NEVER, nullptr, 0);
  png_set_chunk_malloc_max(rs.png, 4 << 20);
  png_set_chunk_cache_max(rs.png, 100);
  png_set_user_limits(rs.png, kMaxSide, kMaxSide);

  auto fail = [&]() -> std::shared_ptr<const Raster> {
    error = in.ran_out ? "truncated PNG data" : std::string("corrupt PNG data (") + in.message + ")";
    // libpng refuses a side over our limit inside IHDR ("Invalid IHDR data"; IHDR is the first
    // chunk, its sizes at bytes 16 to 23) before we see the size: say it as every format does.
    if (!in.ran_out && bytes.size() >= 24) {
      auto be32 = [&](size_t at) {
        long v = 0;
        for (size_t i = at; i < at + 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[i]);
        return v;
      };
      if (be32(16) > kMaxSide || be32(20) > kMaxSide) error = check_size(be32(16), be32(20));
    }
    return nullptr;
  };

  PngHeader header;
  bool size_ok = false;
  if (!read_header(rs.png, rs.info, &header, &size_ok)) return fail();
  if (!size_ok) {
    error = check_size(header.width, header.height);
    return nullptr;
  }
  if (header.channels < 1 || header.channels > 4 || header.row_bytes != header.width * header.channels) {
    error = "corrupt PNG data (unexpected pixel layout)";
    return nullptr;
  }

  // The rows (each with its filter byte) come out of a zlib stream, which inflates at most 1032
  // times (zlib's technical notes): a file too short for the size it declares is cut short,
  // whatever its header says, and is refused before its pixels are allocated.
  const size_t stored = (header.stored_row_bytes + 1) * header.height;
  if (stored / 1032 > bytes.size()) {
    error = "truncated PNG data";
    return nullptr;
  }
  std::string pixels(header.row_bytes * header.height, '\0');
  std::vector<png_bytep> rows(header.height);
  for (png_uint_32 y = 0; y < header.height; ++y)
    rows[y] = reinterpret_cast<png_bytep>(&pixels[y * header.row_bytes]);
  if (!read_pixels(rs.png, rs.info, rows.data())) return fail();

  auto raster = std::make_shared<Raster>();
  raster->width = static_cast<int>(header.width);
  raster->height = static_cast<int>(header.height);
  bool has_alpha = header.channels == 2 || header.channels == 4;
  if (has_alpha && all_opaque(pixels, header.channels)) {
    // An alpha channel that says "opaque" everywhere only costs an SMask in the PDF.
    raster->data = drop_alpha(pixels, header.channels);
    raster->encoding = header.channels == 2 ? Raster::Encoding::Gray8 : Raster::Encoding::Rgb8;
  } else if (header.channels == 2) {
    raster->data = gray_alpha_to_rgba(pixels);
    raster->encoding = Raster::Encoding::Rgba8;
  } else {
    raster->data = std::move(pixels);
    raster->encoding = header.channels == 1   ? Raster::Encoding::Gray8
                       : header.channels == 3 ? Raster::Encoding::Rgb8
                                              : Raster::Encoding::Rgba8;
  }
  if (header.exif)
    raster->orientation = exif_orientation({reinterpret_cast<char*>(header.exif), header.exif_size});
  // Gray with alpha became RGBA: a gray profile no longer describes its samples.
  const int colours = raster->encoding == Raster::Encoding::Gray8 ? 1 : 3;
  if (header.icc && icc_components({reinterpret_cast<char*>(header.icc), header.icc_size}) == colours)
    raster->icc.assign(reinterpret_cast<char*>(header.icc), header.icc_size);
  return raster;
}

}  // namespace tp::media::detail

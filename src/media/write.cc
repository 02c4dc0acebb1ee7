// libpng and libjpeg report errors by longjmp; as in the decoders, the jumps land in small
// functions (write_png_rows, write_jpeg_rows) that own no C++ object with a destructor.
#include "media/write.h"

// jpeglib.h needs FILE and size_t declared before it (so the include order is fixed here).
// clang-format off
#include <cstdio>
#include <jpeglib.h>
// clang-format on

#include <png.h>

#include <csetjmp>
#include <cstdlib>
#include <vector>

#include "core/error.h"

namespace tp::media {

namespace {

[[noreturn]] void fail(const std::string& what, const char* message) {
  throw Error(ErrorCode::Internal, what, message);
}

struct PngOutput {
  std::string bytes;
  char message[256] = "";
};

void on_png_error(png_structp png, png_const_charp message) {
  auto* out = static_cast<PngOutput*>(png_get_error_ptr(png));
  std::snprintf(out->message, sizeof out->message, "%s", message);
  png_longjmp(png, 1);
}

void on_png_warning(png_structp, png_const_charp) {}

void append_png(png_structp png, png_bytep data, size_t length) {
  static_cast<PngOutput*>(png_get_io_ptr(png))->bytes.append(reinterpret_cast<const char*>(data), length);
}

void flush_png(png_structp) {}

bool write_png_rows(png_structp png, png_infop info, const PngImage* image, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_IHDR(png, info, image->width, image->height, image->bit_depth, image->color_type,
               image->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_color palette[256];
  int entries = static_cast<int>(image->palette.size() / 3);
  if (image->color_type == PNG_COLOR_TYPE_PALETTE) {
    for (int i = 0; i < entries && i < 256; ++i) {
      palette[i].red = static_cast<png_byte>(image->palette[3 * i]);
      palette[i].green = static_cast<png_byte>(image->palette[3 * i + 1]);
      palette[i].blue = static_cast<png_byte>(image->palette[3 * i + 2]);
    }
    png_set_PLTE(png, info, palette, entries);
  }
  if (!image->trns.empty()) {
    auto byte = [&](size_t i) {
      return static_cast<png_uint_16>(static_cast<unsigned char>(image->trns[i]));
    };
    auto word = [&](size_t i) { return static_cast<png_uint_16>(byte(i) << 8 | byte(i + 1)); };
    if (image->color_type == PNG_COLOR_TYPE_PALETTE) {
      png_set_tRNS(png, info, reinterpret_cast<png_const_bytep>(image->trns.data()),
                   static_cast<int>(image->trns.size()), nullptr);
    } else {
      png_color_16 key{};
      if (image->color_type == PNG_COLOR_TYPE_GRAY) {
        key.gray = word(0);
      } else {
        key.red = word(0), key.green = word(2), key.blue = word(4);
      }
      png_set_tRNS(png, info, nullptr, 0, &key);
    }
  }
  png_write_info(png, info);
  png_write_image(png, rows);
  png_write_end(png, nullptr);
  return true;
}

struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void on_jpeg_error(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, errors->message);
  std::longjmp(errors->jump, 1);
}

bool write_jpeg_rows(jpeg_compress_struct* cinfo, JpegErrors* errors, const Raster* pixels, int quality,
                     bool progressive, unsigned char** buffer, unsigned long* size) {
  if (setjmp(errors->jump)) return false;
  jpeg_create_compress(cinfo);
  jpeg_mem_dest(cinfo, buffer, size);
  cinfo->image_width = pixels->width;
  cinfo->image_height = pixels->height;
  cinfo->input_components = pixels->channels();
  cinfo->in_color_space = pixels->channels() == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(cinfo);
  jpeg_set_quality(cinfo, quality, TRUE);
  if (progressive) jpeg_simple_progression(cinfo);
  jpeg_start_compress(cinfo, TRUE);
  size_t stride = static_cast<size_t>(pixels->width) * pixels->channels();
  while (cinfo->next_scanline < cinfo->image_height) {
    auto* row =
        reinterpret_cast<JSAMPROW>(const_cast<char*>(pixels->data.data()) + cinfo->next_scanline * stride);
    jpeg_write_scanlines(cinfo, &row, 1);
  }
  jpeg_finish_compress(cinfo);
  return true;
}

}  // namespace

std::string write_png(const PngImage& image) {
  PngOutput out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &out, on_png_error, on_png_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    fail("write_png", "cannot start the PNG encoder");
  }
  png_set_write_fn(png, &out, append_png, flush_png);
  size_t stride = image.height > 0 ? image.rows.size() / image.height : 0;
  std::vector<png_bytep> rows(image.height);
  for (int y = 0; y < image.height; ++y)
    rows[y] = reinterpret_cast<png_bytep>(const_cast<char*>(image.rows.data()) + y * stride);
  bool ok = write_png_rows(png, info, &image, rows.data());
  png_destroy_write_struct(&png, &info);
  if (!ok) fail("write_png", out.message);
  return std::move(out.bytes);
}

std::string write_png(const Raster& pixels) {
  PngImage image;
  image.width = pixels.width;
  image.height = pixels.height;
  switch (pixels.encoding) {
    case Raster::Encoding::Gray8:
      image.color_type = PNG_COLOR_TYPE_GRAY;
      break;
    case Raster::Encoding::Rgb8:
      image.color_type = PNG_COLOR_TYPE_RGB;
      break;
    case Raster::Encoding::Rgba8:
      image.color_type = PNG_COLOR_TYPE_RGBA;
      break;
    case Raster::Encoding::Jpeg:
      fail("write_png", "a JPEG raster has no pixels to write");
    case Raster::Encoding::Deflated:
      fail("write_png", "a deflated raster has no pixels to write");
    case Raster::Encoding::PngData:
      fail("write_png", "PNG data has no pixels to write");
  }
  image.rows = pixels.data;
  return write_png(image);
}

std::string write_jpeg(const Raster& pixels, int quality, bool progressive) {
  if (pixels.encoding != Raster::Encoding::Gray8 && pixels.encoding != Raster::Encoding::Rgb8)
    fail("write_jpeg", "only Gray8 and Rgb8 rasters can be written as JPEG");
  JpegErrors errors{};
  jpeg_compress_struct cinfo{};
  cinfo.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = on_jpeg_error;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  bool ok = write_jpeg_rows(&cinfo, &errors, &pixels, quality, progressive, &buffer, &size);
  jpeg_destroy_compress(&cinfo);
  std::string bytes = ok ? std::string(reinterpret_cast<const char*>(buffer), size) : std::string();
  std::free(buffer);
  if (!ok) fail("write_jpeg", errors.message);
  return bytes;
}

}  // namespace tp::media

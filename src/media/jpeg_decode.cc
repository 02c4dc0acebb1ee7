// JPEG files are embedded in the PDF as they are (DCTDecode, which also takes progressive JPEGs),
// so here we only make sure a file is whole and read its size, component count, EXIF orientation
// and ICC profile (jpeg_pixels decodes one only when it has to be scaled down). libjpeg's
// default error handler calls exit(); ours records the message and longjmps back into
// read_header, which owns no C++ object with a destructor.

// jpeglib.h needs FILE and size_t declared before it (so the include order is fixed here).
// clang-format off
#include <cstdio>
#include <jpeglib.h>
// clang-format on

#include <csetjmp>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

#include "media/codecs.h"

namespace tp::media::detail {

namespace {

// Where the JPEG ends: one past its EOI marker, or 0 when the data stops before one. Walks the
// marker segments by their lengths (so an EXIF thumbnail's EOI is skipped) and the entropy-coded
// data after each SOS by its byte stuffing, where FF is followed only by 00 or a restart marker.
// Bytes after EOI (a phone's appended video, padding) are not part of the image.
size_t find_end(const unsigned char* data, size_t size) {
  size_t pos = 2;  // after SOI
  while (pos < size) {
    // libjpeg skips junk before a marker (with a warning); so do we.
    const void* ff = std::memchr(data + pos, 0xFF, size - pos);
    if (!ff) return 0;
    pos = static_cast<const unsigned char*>(ff) - data;
    while (pos < size && data[pos] == 0xFF) ++pos;  // fill bytes
    if (pos >= size) return 0;
    unsigned char code = data[pos++];
    if (code == 0xD9) return pos;                                                  // EOI
    if (code == 0x00 || code == 0x01 || (code >= 0xD0 && code <= 0xD8)) continue;  // no length
    if (size - pos < 2) return 0;
    size_t length = (size_t{data[pos]} << 8) | data[pos + 1];
    if (length < 2 || size - pos < length) return 0;
    pos += length;
    if (code != 0xDA) continue;
    // Entropy-coded data of a scan: runs until an FF that starts a marker other than RSTn.
    for (;;) {
      const void* next = std::memchr(data + pos, 0xFF, size - pos);
      if (!next) return 0;
      size_t q = static_cast<const unsigned char*>(next) - data;
      if (q + 1 >= size) return 0;
      unsigned char b = data[q + 1];
      if (b == 0x00 || (b >= 0xD0 && b <= 0xD7)) {
        pos = q + 2;
      } else if (b == 0xFF) {
        pos = q + 1;
      } else {
        pos = q;
        break;
      }
    }
  }
  return 0;
}

struct JpegErrors {
  jpeg_error_mgr mgr;  // first, so a j_common_ptr's err can be cast back to JpegErrors
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void on_error(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, errors->message);
  std::longjmp(errors->jump, 1);
}

// Warnings ("premature end of data segment", extraneous bytes) are about the scan data, which we
// neither decode nor change.
void on_message(j_common_ptr, int) {}

// Also keeps the APP1 (EXIF) and APP2 (ICC profile) segments, and hands back the ICC profile
// reassembled from its chunks (malloc'ed; null when there is none or its chunks do not add up).
bool read_header(jpeg_decompress_struct* cinfo, JpegErrors* errors, const unsigned char* data, size_t size,
                 JOCTET** icc, unsigned* icc_size) {
  if (setjmp(errors->jump)) return false;
  jpeg_create_decompress(cinfo);
  jpeg_mem_src(cinfo, data, size);
  jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xFFFF);
  jpeg_save_markers(cinfo, JPEG_APP0 + 2, 0xFFFF);
  jpeg_read_header(cinfo, TRUE);
  if (!jpeg_read_icc_profile(cinfo, icc, icc_size)) *icc = nullptr;
  return true;
}

// The Orientation of the first APP1 segment that holds EXIF data, 1 without one.
int orientation_of(const jpeg_decompress_struct& cinfo) {
  for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next) {
    if (m->marker != JPEG_APP0 + 1) continue;
    std::string_view segment(reinterpret_cast<const char*>(m->data), m->data_length);
    if (segment.substr(0, 6) == std::string_view("Exif\0\0", 6)) return exif_orientation(segment);
  }
  return 1;
}

}  // namespace

std::shared_ptr<const Raster> decode_jpeg(const std::string& bytes, std::string& error, std::string* take) {
  auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t end = find_end(data, bytes.size());
  if (end == 0) {
    error = "truncated JPEG data (no end-of-image marker)";
    return nullptr;
  }

  JpegErrors errors{};
  jpeg_decompress_struct cinfo{};
  cinfo.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = on_error;
  errors.mgr.emit_message = on_message;
  JOCTET* icc_data = nullptr;
  unsigned icc_size = 0;
  bool ok = read_header(&cinfo, &errors, data, end, &icc_data, &icc_size);
  long width = cinfo.image_width, height = cinfo.image_height;
  int components = cinfo.num_components, precision = cinfo.data_precision;
  bool arithmetic = cinfo.arith_code;
  const int orientation = ok ? orientation_of(cinfo) : 1;
  std::string icc;
  if (ok && icc_data) icc.assign(reinterpret_cast<const char*>(icc_data), icc_size);
  std::free(icc_data);
  jpeg_destroy_decompress(&cinfo);

  if (!ok) {
    error = std::string("corrupt JPEG data (") + errors.message + ")";
    return nullptr;
  }
  if (std::string size_error = check_size(width, height); !size_error.empty()) {
    error = size_error;
    return nullptr;
  }
  // PDF's DCTDecode is baseline and progressive Huffman JPEG with 8-bit samples (PDF 32000-1,
  // 7.4.8); 12-bit and arithmetic-coded files would be embedded but shown by no viewer.
  if (precision != 8) {
    error = "unsupported JPEG (" + std::to_string(precision) + "-bit samples)";
    return nullptr;
  }
  if (arithmetic) {
    error = "unsupported JPEG (arithmetic coding)";
    return nullptr;
  }
  if (components != 1 && components != 3 && components != 4) {
    error = "unsupported JPEG (" + std::to_string(components) + " color components)";
    return nullptr;
  }

  auto raster = std::make_shared<Raster>();
  raster->encoding = Raster::Encoding::Jpeg;
  raster->width = static_cast<int>(width);
  raster->height = static_cast<int>(height);
  raster->jpeg_components = components;
  if (take && end == bytes.size())
    raster->data = std::move(*take);
  else
    raster->data = end == bytes.size() ? bytes : bytes.substr(0, end);
  raster->orientation = orientation;
  // A profile for another number of components than the scan's describes some other picture.
  if (icc_components(icc) == components) raster->icc = std::move(icc);
  return raster;
}

namespace {

// Runs the whole decompression inside one setjmp frame: nothing with a destructor lives here, so
// a longjmp out of libjpeg skips no C++ clean-up.
bool decompress(jpeg_decompress_struct* cinfo, JpegErrors* errors, const unsigned char* data, size_t size,
                int min_width, unsigned char** pixels, long* width, long* height, int* channels) {
  if (setjmp(errors->jump)) return false;
  jpeg_create_decompress(cinfo);
  jpeg_mem_src(cinfo, data, size);
  jpeg_read_header(cinfo, TRUE);
  cinfo->scale_num = 1;
  cinfo->scale_denom = 1;
  for (unsigned denom : {8u, 4u, 2u})
    if (static_cast<long>(cinfo->image_width / denom) >= min_width) {
      cinfo->scale_denom = denom;
      break;
    }
  if (cinfo->jpeg_color_space == JCS_GRAYSCALE)
    cinfo->out_color_space = JCS_GRAYSCALE;
  else if (cinfo->num_components == 4)
    cinfo->out_color_space = JCS_CMYK;
  else
    cinfo->out_color_space = JCS_RGB;
  jpeg_start_decompress(cinfo);
  *width = cinfo->output_width;
  *height = cinfo->output_height;
  *channels = cinfo->output_components;
  size_t row = static_cast<size_t>(*width) * *channels;
  *pixels = static_cast<unsigned char*>(std::malloc(row * *height));
  if (!*pixels) return false;
  while (cinfo->output_scanline < cinfo->output_height) {
    JSAMPROW rows[1] = {*pixels + row * cinfo->output_scanline};
    jpeg_read_scanlines(cinfo, rows, 1);
  }
  jpeg_finish_decompress(cinfo);
  return true;
}

}  // namespace

std::shared_ptr<const Raster> jpeg_pixels(const Raster& jpeg, int width_wanted, std::string& error) {
  JpegErrors errors{};
  jpeg_decompress_struct cinfo{};
  cinfo.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = on_error;
  errors.mgr.emit_message = on_message;
  unsigned char* pixels = nullptr;
  long width = 0, height = 0;
  int channels = 0;
  bool ok = decompress(&cinfo, &errors, reinterpret_cast<const unsigned char*>(jpeg.data.data()),
                       jpeg.data.size(), width_wanted, &pixels, &width, &height, &channels);
  bool adobe_inverted = cinfo.saw_Adobe_marker;
  jpeg_destroy_decompress(&cinfo);
  std::unique_ptr<unsigned char, void (*)(void*)> owned(pixels, std::free);
  if (!ok) {
    error = errors.message[0] ? std::string("corrupt JPEG data (") + errors.message + ")"
                              : std::string("not enough memory to decode the image");
    return nullptr;
  }
  // Gray and RGB samples stay in the profile's space; CMYK converted to RGB below leaves it.
  const bool keep_icc = icc_components(jpeg.icc) == channels;
  if (channels != 4 && width > width_wanted) {
    // Scaled from libjpeg's buffer: the decoded picture is never copied.
    auto scaled = box_scale(pixels, static_cast<int>(width), static_cast<int>(height),
                            channels == 1 ? Raster::Encoding::Gray8 : Raster::Encoding::Rgb8, width_wanted);
    scaled->orientation = jpeg.orientation;
    if (keep_icc) scaled->icc = jpeg.icc;
    return scaled;
  }
  auto raster = std::make_shared<Raster>();
  raster->width = static_cast<int>(width);
  raster->height = static_cast<int>(height);
  raster->orientation = jpeg.orientation;
  if (keep_icc) raster->icc = jpeg.icc;
  size_t count = static_cast<size_t>(width) * height;
  if (channels == 1) {
    raster->encoding = Raster::Encoding::Gray8;
    raster->data.assign(reinterpret_cast<char*>(pixels), count);
  } else if (channels == 3) {
    raster->encoding = Raster::Encoding::Rgb8;
    raster->data.assign(reinterpret_cast<char*>(pixels), count * 3);
  } else {
    // Photoshop writes CMYK JPEGs inverted (an Adobe marker says so); a naive conversion is enough
    // for a picture that is about to be scaled down for print.
    raster->encoding = Raster::Encoding::Rgb8;
    raster->data.resize(count * 3);
    for (size_t i = 0; i < count; ++i) {
      int c = pixels[4 * i], m = pixels[4 * i + 1], y = pixels[4 * i + 2], k = pixels[4 * i + 3];
      if (!adobe_inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
      raster->data[3 * i] = static_cast<char>(c * k / 255);
      raster->data[3 * i + 1] = static_cast<char>(m * k / 255);
      raster->data[3 * i + 2] = static_cast<char>(y * k / 255);
    }
  }
  return raster;
}

}  // namespace tp::media::detail

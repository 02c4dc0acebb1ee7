// PNGs without libpng. One the PDF can hold without decoding: its IDAT data is a zlib stream of
// filtered rows, which is exactly what FlateDecode with /Predictor 15 reads (PDF 7.4.4.4). Decoding with
// libpng, deflating again and the buffers in between cost most of a picture's time; copying costs a CRC and
// one inflate to prove the stream sound, so a damaged file still reaches decode_png and its error message
// instead of a PDF that viewers cannot draw. The simple 8-bit ones that must be scaled or have alpha are
// decoded here from that same inflate, skipping libpng's slower zlib.
#include <libdeflate.h>
#include <sys/mman.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

#include "media/codecs.h"

namespace tp::media::detail {

namespace {

std::uint32_t be32(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

// The inflated rows, per loader thread (the pictures are loaded on all cores, one at a time each):
// reused from picture to picture, until release_png_scratch. Never zero-filled: libdeflate writes
// every byte that is read afterwards (it fails unless the stream fills the rows exactly). Mapped
// by hand so that it grows with mremap, which keeps the pages already touched: a fresh buffer for
// each larger picture faulted in every page again (about a third of the check's time in the
// benchmark), and so that it can ask for huge pages, which need 512 times fewer faults.
class Scratch {
 public:
  Scratch() = default;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() { release(); }

  // At least `size` bytes; throws std::bad_alloc (the old bytes stay mapped then).
  unsigned char* at_least(size_t size) {
    if (size <= capacity_) return bytes_;
    void* p = capacity_ ? ::mremap(bytes_, capacity_, size, MREMAP_MAYMOVE)
                        : ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ::madvise(p, size, MADV_HUGEPAGE);  // a hint: without transparent huge pages, 4 KB pages
    bytes_ = static_cast<unsigned char*>(p);
    capacity_ = size;
    return bytes_;
  }
  size_t capacity() const { return capacity_; }
  void release() {
    if (bytes_) ::munmap(bytes_, capacity_);
    bytes_ = nullptr;
    capacity_ = 0;
  }

 private:
  unsigned char* bytes_ = nullptr;
  size_t capacity_ = 0;
};
thread_local Scratch scratch;

// Inflates `zlib` into `raw` and checks what a PDF viewer would otherwise meet: exactly `rows`
// rows of `stride` bytes, each led by a filter type PNG defines (0-4), and nothing after the
// stream.
unsigned char* rows_sound(const std::string& zlib, size_t rows, size_t stride) {
  thread_local std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> inflater{
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor};
  if (!inflater) return nullptr;
  unsigned char* raw = scratch.at_least(rows * stride);
  size_t used = 0;
  // Without an actual_out_nbytes, libdeflate succeeds only when the stream fills the rows exactly.
  if (libdeflate_zlib_decompress_ex(inflater.get(), zlib.data(), zlib.size(), raw, rows * stride, &used,
                                    nullptr) != LIBDEFLATE_SUCCESS ||
      used != zlib.size())
    return nullptr;
  for (size_t r = 0; r < rows; ++r)
    if (raw[r * stride] > 4) return nullptr;
  return raw;
}

// Undoes PNG's row filters (PNG 9.2) for 8-bit samples, `Ch` bytes a pixel, in place: the rows of
// `raw` (each led by its filter byte) become the picture's rows from raw[0] on, the same bytes
// libpng's reader gives. Every byte is written at or before where its filtered byte was read
// from, a row's filter byte is read before anything of the row is written, and a pixel's filtered
// bytes are all read before any of its bytes is written, so nothing is overwritten that is still
// to be read. The first pixel of a row and the first row (nothing to the left, nothing above) are
// handled apart, so that the loops over the rest need no test per byte.
template <int Ch>
void unfilter(unsigned char* raw, size_t width, size_t height) {
  const size_t row = width * Ch, stride = row + 1;
  for (size_t y = 0; y < height; ++y) {
    const unsigned char* in = raw + y * stride + 1;  // read before `cur` reaches it
    unsigned char* cur = raw + y * row;
    const unsigned char* up = y > 0 ? cur - row : nullptr;
    int filter = raw[y * stride];
    if (!up && filter == 2) filter = 0;  // Up with nothing above: the bytes as they are
    if (!up && filter == 4) filter = 1;  // Paeth with nothing above predicts the left pixel: Sub
    unsigned char first[Ch];
    for (int c = 0; c < Ch; ++c) first[c] = in[c];
    switch (filter) {
      case 0:
        std::memmove(cur, in, row);
        break;
      case 1: {
        // The pixel to the left stays in registers: through memory, each byte would wait for the
        // store of the byte Ch before it.
        unsigned char left[Ch];
        for (int c = 0; c < Ch; ++c) cur[c] = left[c] = first[c];
        for (size_t i = Ch; i < row; i += Ch) {
          unsigned char v[Ch];
          for (int c = 0; c < Ch; ++c) v[c] = in[i + c];
          for (int c = 0; c < Ch; ++c) cur[i + c] = left[c] = static_cast<unsigned char>(v[c] + left[c]);
        }
        break;
      }
      case 2: {
        // Sixteen bytes at a time, each group read whole before it is written (the compiler cannot
        // vectorise the byte loop by itself: `cur` and `in` overlap).
        typedef unsigned char Bytes __attribute__((vector_size(16)));
        size_t i = 0;
        for (; i + sizeof(Bytes) <= row; i += sizeof(Bytes)) {
          Bytes v, above;
          std::memcpy(&v, in + i, sizeof v);
          std::memcpy(&above, up + i, sizeof above);
          v += above;
          std::memcpy(cur + i, &v, sizeof v);
        }
        for (; i < row; ++i) cur[i] = in[i] + up[i];
        break;
      }
      case 3:
        if (!up) {
          for (int c = 0; c < Ch; ++c) cur[c] = first[c];
          for (size_t i = Ch; i < row; ++i) cur[i] = in[i] + (cur[i - Ch] >> 1);
          break;
        }
        {
          unsigned char left[Ch];
          for (int c = 0; c < Ch; ++c) cur[c] = left[c] = static_cast<unsigned char>(first[c] + (up[c] >> 1));
          for (size_t i = Ch; i < row; i += Ch) {
            unsigned char v[Ch];
            for (int c = 0; c < Ch; ++c) v[c] = in[i + c];
            for (int c = 0; c < Ch; ++c)
              cur[i + c] = left[c] =
                  static_cast<unsigned char>(v[c] + ((unsigned{left[c]} + up[i + c]) >> 1));
          }
        }
        break;
      default:  // 4, Paeth, with a row above; rows_sound admitted nothing above 4
        for (int c = 0; c < Ch; ++c) cur[c] = first[c] + up[c];  // left and upper left are 0: above
        for (size_t i = Ch; i < row; i += Ch) {
          unsigned char v[Ch];
          for (int c = 0; c < Ch; ++c) v[c] = in[i + c];
          for (int c = 0; c < Ch; ++c) {
            const int a = cur[i - Ch + c], b = up[i + c], d = up[i - Ch + c];
            // |p - a|, |p - b|, |p - c| for p = a + b - c, as PNG 9.4 defines the predictor.
            const int pa = std::abs(b - d), pb = std::abs(a - d), pc = std::abs(a + b - 2 * d);
            cur[i + c] = static_cast<unsigned char>(v[c] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : d));
          }
        }
        break;
    }
  }
}

void unfilter(unsigned char* raw, size_t width, size_t height, int channels) {
  switch (channels) {
    case 1:
      return unfilter<1>(raw, width, height);
    case 3:
      return unfilter<3>(raw, width, height);
    default:
      return unfilter<4>(raw, width, height);
  }
}

// The ICC profile of an iCCP chunk (PNG 11.3.3.3): a profile name of 1 to 79 bytes, a zero,
// compression method 0, then the zlib-compressed profile. Empty when the chunk is not that, or the
// profile inflates to more than kMaxIcc bytes.
std::string icc_profile(std::string_view chunk) {
  constexpr size_t kMaxIcc = 4u << 20;  // as decode_png lets libpng keep
  const size_t zero = chunk.find('\0');
  if (zero == std::string_view::npos || zero < 1 || zero > 79 || zero + 2 > chunk.size() ||
      chunk[zero + 1] != 0)
    return {};
  const std::string_view zlib = chunk.substr(zero + 2);
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return {};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zlib.data()));
  z.avail_in = static_cast<uInt>(zlib.size());
  std::string out;
  int status = Z_OK;
  while (status == Z_OK && out.size() < kMaxIcc) {
    const size_t had = out.size();
    out.resize(had + 65536);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + had);
    z.avail_out = 65536;
    status = inflate(&z, Z_NO_FLUSH);
    out.resize(out.size() - z.avail_out);
  }
  inflateEnd(&z);
  if (status != Z_STREAM_END) return {};
  return out;
}

}  // namespace

void release_png_scratch() { scratch.release(); }

std::shared_ptr<const Raster> png_fast(const std::string& bytes, int max_width) try {
  constexpr std::string_view kSignature{"\x89PNG\r\n\x1a\n", 8};
  if (std::string_view(bytes).substr(0, kSignature.size()) != kSignature) return nullptr;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t size = bytes.size();
  size_t pos = kSignature.size();
  std::uint32_t width = 0, height = 0;
  int depth = 0, color_type = -1;
  std::string palette, idat, icc;
  idat.reserve(size);  // the image data is most of the file, often in many chunks: one allocation
  int orientation = 1;
  bool ended = false;
  while (!ended) {
    if (size - pos < 12) return nullptr;
    const std::uint32_t length = be32(p + pos);
    if (length > size - pos - 12) return nullptr;
    const std::string_view type(bytes.data() + pos + 4, 4);
    const unsigned char* data = p + pos + 8;
    // libpng checks the CRC of every critical chunk; a copy must not accept what it would refuse.
    if (crc32(crc32(0, nullptr, 0), p + pos + 4, length + 4) != be32(data + length)) return nullptr;
    if (pos == kSignature.size()) {
      if (type != "IHDR" || length != 13) return nullptr;
      width = be32(data);
      height = be32(data + 4);
      depth = data[8];
      color_type = data[9];
      // Compression and filter method 0 are the only ones defined; 0 in byte 12 is no interlacing.
      if (data[10] != 0 || data[11] != 0 || data[12] != 0) return nullptr;
    } else if (type == "PLTE") {
      if (length % 3 != 0 || length == 0 || length > 768) return nullptr;
      palette.assign(reinterpret_cast<const char*>(data), length);
    } else if (type == "IDAT") {
      idat.append(reinterpret_cast<const char*>(data), length);
    } else if (type == "IEND") {
      ended = true;
    } else if (type == "iCCP") {
      icc = icc_profile(std::string_view(reinterpret_cast<const char*>(data), length));
    } else if (type == "eXIf") {
      orientation = exif_orientation(std::string_view(reinterpret_cast<const char*>(data), length));
    } else if (type == "tRNS") {
      return nullptr;  // transparency: decoded, so that colour and alpha can be split
    } else if (type[0] >= 'A' && type[0] <= 'Z') {
      return nullptr;  // an unknown critical chunk: libpng's to refuse
    }
    pos += 12 + length;
  }
  if (!check_size(width, height).empty() || idat.empty()) return nullptr;
  // The room reserved for other chunks (large text or profile chunks) is not kept with the picture.
  if (idat.capacity() - idat.size() > idat.size() / 8) idat.shrink_to_fit();
  auto raster = std::make_shared<Raster>();
  raster->width = static_cast<int>(width);
  raster->height = static_cast<int>(height);
  raster->orientation = orientation;
  const bool fits = !needs_scaling(*raster, max_width);
  // Decoded here (libdeflate inflates about three times as fast as the zlib libpng uses) when the
  // picture must be scaled or split into colour and alpha and its samples are 8-bit bytes.
  int decode_channels = 0;
  switch (color_type) {
    case 0:  // gray, 1 to 8 bits; 16 bits would need PDF 1.5
      if (depth != 1 && depth != 2 && depth != 4 && depth != 8) return nullptr;
      raster->png_colors = 1;
      if (!fits && depth != 8) return nullptr;
      decode_channels = fits ? 0 : 1;
      break;
    case 2:  // RGB
      if (depth != 8) return nullptr;
      raster->png_colors = 3;
      decode_channels = fits ? 0 : 3;
      break;
    case 3:  // palette
      if ((depth != 1 && depth != 2 && depth != 4 && depth != 8) || palette.empty() || !fits) return nullptr;
      raster->png_colors = 1;
      // libpng gives an index past the palette's end the colour of its zero-filled table: black.
      palette.resize(3u << depth, '\0');
      raster->palette = std::move(palette);
      break;
    case 6:  // RGBA: always decoded, so that colour and alpha can be split
      if (depth != 8) return nullptr;
      decode_channels = 4;
      break;
    default:
      return nullptr;  // gray + alpha: libpng's
  }
  // A profile for another colour space than the samples' (an RGB profile on a gray PNG) is
  // not theirs; PNG 11.3.3.3 forbids it. Palette entries are RGB.
  const int colours = color_type == 0 ? 1 : 3;
  if (icc_components(icc) == colours) raster->icc = std::move(icc);
  const int samples = decode_channels ? decode_channels : raster->png_colors;
  const size_t stride = 1 + (static_cast<size_t>(width) * samples * depth + 7) / 8;
  // A picture decoded but kept at full size is copied out of the inflated rows: past 64 MB that
  // would double the peak of a hostile 100-megapixel file, and libpng, row by row, needs no second
  // copy. One to be scaled is scaled from the rows themselves, which take no more room than
  // libpng's pixels would.
  constexpr size_t kLargeRows = 64u << 20;
  if (decode_channels != 0 && fits && stride * height > kLargeRows) return nullptr;
  // A stream inflates at most 1032 times (as decode_png checks, which then names the error): the
  // rows of a file too short for them are not allocated.
  if (stride * height / 1032 > idat.size()) return nullptr;
  unsigned char* raw = rows_sound(idat, height, stride);
  // Not kept for the next picture once it is this large: most are far smaller.
  struct Shrink {
    ~Shrink() {
      if (scratch.capacity() > kLargeRows) scratch.release();
    }
  } shrink;
  if (!raw) return nullptr;
  if (decode_channels == 0) {
    raster->encoding = Raster::Encoding::PngData;
    raster->png_bits = depth;
    raster->data = std::move(idat);
    return raster;
  }
  // The pixels stay in the inflate buffer: a picture to be scaled is scaled from there, and only
  // what is kept is copied out.
  unfilter(raw, width, height, decode_channels);
  size_t bytes_out = static_cast<size_t>(width) * height * decode_channels;
  Raster::Encoding encoding = decode_channels == 1 ? Raster::Encoding::Gray8 : Raster::Encoding::Rgb8;
  if (decode_channels == 4) {
    bool opaque = true;
    for (size_t i = 3; i < bytes_out && opaque; i += 4) opaque = raw[i] == 255;
    if (opaque) {
      // An alpha channel that says "opaque" everywhere only costs an SMask in the PDF (as decode_png).
      for (size_t i = 0, o = 0; i < bytes_out; i += 4, o += 3) std::memmove(raw + o, raw + i, 3);
      bytes_out = bytes_out / 4 * 3;
    } else {
      encoding = Raster::Encoding::Rgba8;
    }
  }
  if (!fits) {
    // Scaled as finish would have fit_width scale these pixels: to the stored width's limit,
    // keeping the picture's turn and profile.
    auto scaled = box_scale(raw, static_cast<int>(width), static_cast<int>(height), encoding,
                            stored_width_limit(*raster, max_width));
    scaled->orientation = raster->orientation;
    scaled->icc = std::move(raster->icc);
    return scaled;
  }
  raster->encoding = encoding;
  raster->data.assign(reinterpret_cast<const char*>(raw), bytes_out);
  return raster;
} catch (const std::bad_alloc&) {
  return nullptr;  // decode_png reports it, if it runs out too
}

}  // namespace tp::media::detail

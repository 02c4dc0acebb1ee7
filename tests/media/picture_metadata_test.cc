// What a picture says about how it is to be seen: its EXIF orientation and its ICC profile, read
// from JPEG (APP1, APP2), PNG (eXIf, iCCP) and WebP (EXIF, ICCP), and kept through scaling. The
// profiles are Debian's (icc-profiles-free, libgs-common), read at run time.
#include <doctest/doctest.h>
#include <unistd.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/deflate.h"
#include "media/codecs.h"
#include "media/media.h"
#include "media/write.h"
#include "test_images.h"

using namespace tp;
using Enc = Raster::Encoding;

namespace {

const std::string kSrgb = "/usr/share/color/icc/sRGB.icc";
const std::string kGray = "/usr/share/color/icc/Gray.icc";
const std::string kCmyk = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

std::shared_ptr<const Raster> decoded(const std::string& bytes) {
  std::string error;
  auto r = media::decode(bytes, error);
  CAPTURE(error);
  REQUIRE(r);
  return r;
}

// The iCCP chunk's data: a profile name, a zero, compression method 0, the zlib stream.
std::string iccp(const std::string& profile) { return std::string("test\0\0", 6) + zlib_compress(profile); }

std::string webp_with(const std::string& icc, const std::string& exif) {
  const Raster r = test::pattern(Enc::Rgb8, 16, 8);
  uint8_t* encoded = nullptr;
  const size_t n = WebPEncodeLosslessRGB(reinterpret_cast<const uint8_t*>(r.data.data()), r.width, r.height,
                                         r.width * 3, &encoded);
  REQUIRE(n > 0);
  WebPMux* mux = WebPMuxNew();
  const WebPData image{encoded, n}, profile{reinterpret_cast<const uint8_t*>(icc.data()), icc.size()},
      metadata{reinterpret_cast<const uint8_t*>(exif.data()), exif.size()};
  REQUIRE(WebPMuxSetImage(mux, &image, 1) == WEBP_MUX_OK);
  if (!icc.empty()) REQUIRE(WebPMuxSetChunk(mux, "ICCP", &profile, 1) == WEBP_MUX_OK);
  if (!exif.empty()) REQUIRE(WebPMuxSetChunk(mux, "EXIF", &metadata, 1) == WEBP_MUX_OK);
  WebPData out{};
  REQUIRE(WebPMuxAssemble(mux, &out) == WEBP_MUX_OK);
  std::string bytes(reinterpret_cast<const char*>(out.bytes), out.size);
  WebPDataClear(&out);
  WebPMuxDelete(mux);
  WebPFree(encoded);
  return bytes;
}

}  // namespace

TEST_CASE("a JPEG's EXIF orientation is read in either byte order, and the file is kept byte for byte") {
  const std::string plain = media::write_jpeg(test::pattern(Enc::Rgb8, 40, 20), 90);
  CHECK(decoded(plain)->orientation == 1);
  for (int o = 1; o <= 8; ++o)
    for (bool little : {true, false}) {
      CAPTURE(o);
      CAPTURE(little);
      const std::string jpeg =
          test::jpeg_with_segments(plain, {test::exif_segment(test::exif_with_orientation(o, little))});
      auto r = decoded(jpeg);
      CHECK(r->orientation == o);
      CHECK(r->encoding == Enc::Jpeg);
      CHECK(r->data == jpeg);  // not decoded, not turned: the drawing matrix turns it
      CHECK(r->width == 40);   // as stored
      CHECK(r->upright_width() == (o >= 5 ? 20 : 40));
      CHECK(r->upright_height() == (o >= 5 ? 40 : 20));
    }
  // Values TIFF does not define, and EXIF data that is cut short, mean "as stored".
  for (int bad : {0, 9, 300})
    CHECK(
        decoded(test::jpeg_with_segments(plain, {test::exif_segment(test::exif_with_orientation(bad, true))}))
            ->orientation == 1);
  const std::string cut = test::exif_with_orientation(6, false).substr(0, 20);
  CHECK(decoded(test::jpeg_with_segments(plain, {test::exif_segment(cut)}))->orientation == 1);
}

TEST_CASE("a JPEG keeps its ICC profile, reassembled from its APP2 chunks, when it fits its components") {
  const std::string srgb = test::file_bytes(kSrgb), gray = test::file_bytes(kGray),
                    cmyk = test::file_bytes(kCmyk);
  const std::string rgb_jpeg = media::write_jpeg(test::pattern(Enc::Rgb8, 24, 16), 90);
  // Three chunks, so the order and the joints are tested.
  auto r = decoded(test::jpeg_with_segments(rgb_jpeg, test::icc_segments(srgb, 3000)));
  CHECK(r->icc == srgb);

  const std::string gray_jpeg = media::write_jpeg(test::pattern(Enc::Gray8, 24, 16), 90);
  auto g = decoded(test::jpeg_with_segments(gray_jpeg, test::icc_segments(gray, 60000)));
  CHECK(g->jpeg_components == 1);
  CHECK(g->icc == gray);

  // CMYK profiles run to hundreds of kilobytes: many segments.
  auto c = decoded(test::jpeg_with_segments(test::cmyk_jpeg(8, 8), test::icc_segments(cmyk, 65519)));
  CHECK(c->jpeg_components == 4);
  CHECK(c->icc == cmyk);

  // A profile of another colour space than the scan's, or a chunk missing, is not the picture's.
  CHECK(decoded(test::jpeg_with_segments(gray_jpeg, test::icc_segments(srgb, 60000)))->icc.empty());
  auto segments = test::icc_segments(srgb, 3000);
  segments.erase(segments.begin() + 1);
  CHECK(decoded(test::jpeg_with_segments(rgb_jpeg, segments))->icc.empty());
}

TEST_CASE(
    "a JPEG scaled to the print width keeps its orientation and profile, limited by its upright width") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("threadpdf_test_media_meta_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string srgb = test::file_bytes(kSrgb);
  // 800 x 400 as stored, turned a quarter: 400 wide and 800 high as seen.
  const std::string turned = test::jpeg_with_segments(
      media::write_jpeg(test::pattern(Enc::Rgb8, 800, 400), 90),
      {test::exif_segment(test::exif_with_orientation(6, true)), test::icc_segments(srgb, 60000)[0]});
  std::ofstream(dir / "turned.jpg", std::ios::binary) << turned;
  model::Thread t;
  t.media_root = dir.string();
  model::Post p;
  p.id = "1";
  p.media.push_back({model::MediaKind::Image, "turned.jpg", {}, {}, {}, {}});
  t.posts.push_back(p);
  Diagnostics diag;
  media::LoadOptions options;
  options.max_width_px = 200;
  media::MediaSet set = media::load_all(t, "t.json", diag, options);
  fs::remove_all(dir);
  REQUIRE(set.find("turned.jpg")->raster);
  const Raster& r = *set.find("turned.jpg")->raster;
  CHECK(r.encoding == Enc::Jpeg);
  CHECK(r.upright_width() == 200);  // the print width is the width as seen
  CHECK(r.upright_height() == 400);
  CHECK(r.width == 400);  // still stored on its side: the drawing matrix turns it, as unscaled
  CHECK(r.orientation == 6);
  CHECK(r.icc == srgb);
}

TEST_CASE("a PNG's eXIf orientation and iCCP profile are read, whichever decoder reads it") {
  const std::string srgb = test::file_bytes(kSrgb), gray = test::file_bytes(kGray);
  const std::string rgb = media::write_png(test::pattern(Enc::Rgb8, 30, 10));
  const std::string tagged = test::png_with_chunk(test::png_with_chunk(rgb, "iCCP", iccp(srgb)), "eXIf",
                                                  test::exif_with_orientation(8, false));
  // What the loader does first: 8-bit RGB is copied as it is, without libpng.
  auto fast = media::detail::png_fast(tagged, 0);
  REQUIRE(fast);
  CHECK(fast->encoding == Enc::PngData);
  CHECK(fast->orientation == 8);
  CHECK(fast->icc == srgb);
  // Through libpng (media::decode), the same.
  auto decoded_rgb = decoded(tagged);
  CHECK(decoded_rgb->orientation == 8);
  CHECK(decoded_rgb->icc == srgb);
  // Turned a quarter, 30 x 10 stored is 10 wide as seen: a print width of 12 leaves it as it is,
  // and so does one of 8 (10 is within 1.25 times 8: the stored limit is 24, 30 within 1.25 x 24);
  // one of 7 (a stored limit of 21) has png_fast decode it to be scaled.
  CHECK(media::detail::png_fast(tagged, 12)->encoding == Enc::PngData);
  CHECK(media::detail::png_fast(tagged, 8)->encoding == Enc::PngData);
  CHECK(media::detail::png_fast(tagged, 7)->encoding == Enc::Rgb8);
  // png_fast scales what it decodes to be scaled: to the stored width's limit, keeping both.
  auto scaled = media::detail::png_fast(tagged, 7);
  CHECK(scaled->width == media::detail::stored_width_limit(*fast, 7));
  CHECK(scaled->width < 30);
  CHECK(scaled->orientation == 8);
  CHECK(scaled->icc == srgb);

  // Interlaced: libpng's.
  media::PngImage interlaced;
  interlaced.width = 4;
  interlaced.height = 2;
  interlaced.color_type = 0;
  interlaced.interlaced = true;
  interlaced.rows = std::string(8, '\x80');
  const std::string slow =
      test::png_with_chunk(test::png_with_chunk(media::write_png(interlaced), "iCCP", iccp(gray)), "eXIf",
                           test::exif_with_orientation(3, true));
  auto decoded_gray = decoded(slow);
  CHECK(decoded_gray->encoding == Enc::Gray8);
  CHECK(decoded_gray->orientation == 3);
  CHECK(decoded_gray->icc == gray);

  // EXIF data that is not TIFF, or a profile that does not inflate, costs only the orientation or
  // the profile, never the picture (libpng calls both benign errors).
  for (const std::string& png : {media::write_png(interlaced), rgb}) {
    auto damaged = decoded(
        test::png_with_chunk(test::png_with_chunk(png, "iCCP", std::string("x\0\0zz", 5)), "eXIf", "XXXX"));
    CHECK(damaged->orientation == 1);
    CHECK(damaged->icc.empty());
    auto fast_damaged = media::detail::png_fast(
        test::png_with_chunk(test::png_with_chunk(png, "iCCP", std::string("x\0\0zz", 5)), "eXIf", "XXXX"),
        0);
    if (fast_damaged) CHECK(fast_damaged->icc.empty());
  }

  // An RGB profile on a gray PNG describes something else (PNG 11.3.3.3 forbids it).
  media::PngImage plain_gray = interlaced;
  plain_gray.interlaced = false;
  CHECK(decoded(test::png_with_chunk(media::write_png(plain_gray), "iCCP", iccp(srgb)))->icc.empty());
}

TEST_CASE("a WebP's EXIF orientation and ICCP profile are read") {
  const std::string srgb = test::file_bytes(kSrgb);
  auto r = decoded(webp_with(srgb, test::exif_with_orientation(6, true)));
  CHECK(r->orientation == 6);
  CHECK(r->icc == srgb);
  auto plain = decoded(webp_with("", ""));
  CHECK(plain->orientation == 1);
  CHECK(plain->icc.empty());
}

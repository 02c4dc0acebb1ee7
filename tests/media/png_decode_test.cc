#include <doctest/doctest.h>

#include <string>

#include "decode_checks.h"
#include "media/media.h"
#include "media/write.h"
#include "test_images.h"

using namespace tp;
using Enc = Raster::Encoding;
using test::decode_error;
using test::decode_ok;

namespace {

// The channel bytes of pixel (x, y).
std::string pixel(const Raster& r, int x, int y) {
  int n = r.channels();
  return r.data.substr((static_cast<size_t>(y) * r.width + x) * n, n);
}

std::string bytes(std::initializer_list<int> values) {
  std::string s;
  for (int v : values) s.push_back(static_cast<char>(v));
  return s;
}

media::PngImage png(int w, int h, int color_type, int depth, std::string rows) {
  media::PngImage p;
  p.width = w, p.height = h, p.color_type = color_type, p.bit_depth = depth, p.rows = std::move(rows);
  return p;
}

}  // namespace

TEST_CASE("8-bit gray, RGB and RGBA PNGs keep their pixels") {
  for (Enc enc : {Enc::Gray8, Enc::Rgb8, Enc::Rgba8}) {
    Raster in = test::pattern(enc, 13, 7);
    if (enc == Enc::Rgba8) in.data[(2 * 13 + 5) * 4 + 3] = 100;  // one translucent pixel keeps alpha
    auto out = decode_ok(media::write_png(in));
    CHECK(out->encoding == enc);
    CHECK(out->width == 13);
    CHECK(out->height == 7);
    CHECK(out->data == in.data);
  }
}

TEST_CASE("an alpha channel that is opaque everywhere is dropped") {
  auto rgba = decode_ok(media::write_png(test::pattern(Enc::Rgba8, 9, 4)));
  CHECK(rgba->encoding == Enc::Rgb8);
  CHECK(rgba->data == test::pattern(Enc::Rgb8, 9, 4).data);

  auto gray_alpha = decode_ok(media::write_png(png(2, 1, 4, 8, bytes({10, 255, 200, 255}))));
  CHECK(gray_alpha->encoding == Enc::Gray8);
  CHECK(gray_alpha->data == bytes({10, 200}));
}

TEST_CASE("gray+alpha becomes RGBA") {
  auto r = decode_ok(media::write_png(png(2, 1, 4, 8, bytes({10, 255, 200, 64}))));
  CHECK(r->encoding == Enc::Rgba8);
  CHECK(r->data == bytes({10, 10, 10, 255, 200, 200, 200, 64}));

  // 16-bit gray+alpha: samples are scaled with rounding, 0x8080 -> 128.
  auto r16 = decode_ok(media::write_png(png(1, 1, 4, 16, bytes({0x80, 0x80, 0x40, 0x40}))));
  CHECK(r16->encoding == Enc::Rgba8);
  CHECK(r16->data == bytes({128, 128, 128, 64}));
}

TEST_CASE("palette PNGs become RGB, or RGBA with tRNS") {
  // 2-bit indices: a row of 4 pixels is one byte, 0b00'01'10'01.
  media::PngImage p = png(4, 2, 3, 2, bytes({0b00011001, 0b10100000}));
  p.palette = bytes({255, 0, 0, 0, 255, 0, 0, 0, 255});
  auto rgb = decode_ok(media::write_png(p));
  CHECK(rgb->encoding == Enc::Rgb8);
  CHECK(pixel(*rgb, 0, 0) == bytes({255, 0, 0}));
  CHECK(pixel(*rgb, 1, 0) == bytes({0, 255, 0}));
  CHECK(pixel(*rgb, 2, 0) == bytes({0, 0, 255}));
  CHECK(pixel(*rgb, 3, 1) == bytes({255, 0, 0}));

  p.trns = bytes({0, 128});  // entry 0 transparent, 1 half, 2 (not listed) opaque
  auto rgba = decode_ok(media::write_png(p));
  CHECK(rgba->encoding == Enc::Rgba8);
  CHECK(pixel(*rgba, 0, 0) == bytes({255, 0, 0, 0}));
  CHECK(pixel(*rgba, 1, 0) == bytes({0, 255, 0, 128}));
  CHECK(pixel(*rgba, 2, 0) == bytes({0, 0, 255, 255}));

  // A tRNS that makes nothing transparent costs no alpha channel.
  p.trns = bytes({255, 255, 255});
  CHECK(decode_ok(media::write_png(p))->encoding == Enc::Rgb8);
}

TEST_CASE("16-bit RGB is scaled to 8 bits") {
  auto r = decode_ok(media::write_png(
      png(2, 1, 2, 16, bytes({0xFF, 0xFF, 0x80, 0x80, 0x00, 0x00, 0x12, 0x34, 0x00, 0xFF, 0xFF, 0x00}))));
  CHECK(r->encoding == Enc::Rgb8);
  CHECK(r->data == bytes({255, 128, 0, 0x12, 1, 254}));  // 0xFF00 rounds to 254
}

TEST_CASE("low-depth gray and a gray tRNS key") {
  auto bits = decode_ok(media::write_png(png(8, 1, 0, 1, bytes({0b10110000}))));
  CHECK(bits->encoding == Enc::Gray8);
  CHECK(bits->data == bytes({255, 0, 255, 255, 0, 0, 0, 0}));

  auto four = decode_ok(media::write_png(png(2, 1, 0, 4, bytes({0x5F}))));
  CHECK(four->data == bytes({0x55, 0xFF}));

  media::PngImage keyed = png(3, 1, 0, 8, bytes({0, 7, 200}));
  keyed.trns = bytes({0, 7});
  auto r = decode_ok(media::write_png(keyed));
  CHECK(r->encoding == Enc::Rgba8);
  CHECK(r->data == bytes({0, 0, 0, 255, 7, 7, 7, 0, 200, 200, 200, 255}));
}

TEST_CASE("an RGB tRNS key makes that color transparent") {
  media::PngImage keyed = png(2, 1, 2, 8, bytes({1, 2, 3, 4, 5, 6}));
  keyed.trns = bytes({0, 4, 0, 5, 0, 6});
  auto r = decode_ok(media::write_png(keyed));
  CHECK(r->encoding == Enc::Rgba8);
  CHECK(r->data == bytes({1, 2, 3, 255, 4, 5, 6, 0}));
}

TEST_CASE("interlaced PNGs decode to the same pixels") {
  Raster in = test::pattern(Enc::Rgb8, 17, 13);
  media::PngImage p = png(17, 13, 2, 8, in.data);
  p.interlaced = true;
  auto r = decode_ok(media::write_png(p));
  CHECK(r->encoding == Enc::Rgb8);
  CHECK(r->data == in.data);
  CHECK(pixel(*r, 16, 12) == bytes({test::pattern_value(16, 12, 0), test::pattern_value(16, 12, 1),
                                    test::pattern_value(16, 12, 2)}));
}

TEST_CASE("truncated and corrupt PNGs are rejected with a reason") {
  std::string good = media::write_png(test::pattern(Enc::Rgb8, 64, 64));
  CHECK(decode_error(good.substr(0, good.size() / 2)) == "truncated PNG data");
  CHECK(decode_error(good.substr(0, 20)) == "truncated PNG data");
  CHECK(decode_error(good.substr(0, 5)) == "truncated PNG data");
  // Cut just before IEND: all pixels are there, but the file is not whole.
  CHECK(decode_error(good.substr(0, good.size() - 12)) == "truncated PNG data");

  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x55;  // inside the compressed pixels
  std::string error = decode_error(flipped);
  CHECK(error.starts_with("corrupt PNG data ("));
  CHECK(error.size() > std::string("corrupt PNG data ()").size());

  std::string bad_crc = good;
  bad_crc[30] ^= 0x01;  // the IHDR chunk's CRC
  CHECK(decode_error(bad_crc) == "corrupt PNG data (IHDR: CRC error)");

  std::string zero_width = test::patch_png_size(good, 0, 64);
  CHECK(decode_error(zero_width).starts_with("corrupt PNG data ("));
}

TEST_CASE("absurd PNG sizes are rejected before any allocation") {
  std::string good = media::write_png(test::pattern(Enc::Gray8, 4, 4));
  CHECK(decode_error(test::patch_png_size(good, 20001, 10)) ==
        "image too large (20001 x 10 pixels; at most 20000 a side and 100 megapixels are accepted)");
  CHECK(decode_error(test::patch_png_size(good, 15000, 15000)).starts_with("image too large"));
  // At the limit the size passes, and the missing pixel data is what fails.
  CHECK_FALSE(decode_error(test::patch_png_size(good, 20000, 5000)).starts_with("image too large"));
}

TEST_CASE("files that are none of the accepted formats") {
  CHECK(decode_error("") == "empty file");
  CHECK(decode_error("GIF89a\x01\x00\x01\x00").starts_with("corrupt GIF data"));
  CHECK(decode_error("<svg xmlns=\"http://www.w3.org/2000/svg\"/>") == "not a PNG, JPEG, WebP or GIF image");
  std::string noise;
  std::uint64_t s = 12345;
  for (int i = 0; i < 4096; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    noise.push_back(static_cast<char>(s >> 56));
  }
  CHECK(decode_error(noise) == "not a PNG, JPEG, WebP or GIF image");
}

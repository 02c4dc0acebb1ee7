// WebP and GIF decoding, with test pictures made here by libwebp's encoder and giflib's writer.
#include <doctest/doctest.h>
#include <gif_lib.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "decode_checks.h"
#include "media/media.h"
#include "test_images.h"

using namespace tp;
using Enc = Raster::Encoding;
using test::decode_error;
using test::decode_ok;

namespace {

// --- WebP ---------------------------------------------------------------------------------------

std::string webp(const Raster& r, bool lossless, float quality = 90) {
  auto* px = reinterpret_cast<const uint8_t*>(r.data.data());
  const bool alpha = r.encoding == Enc::Rgba8;
  const int stride = r.width * (alpha ? 4 : 3);
  uint8_t* out = nullptr;
  size_t n = lossless ? (alpha ? WebPEncodeLosslessRGBA(px, r.width, r.height, stride, &out)
                               : WebPEncodeLosslessRGB(px, r.width, r.height, stride, &out))
                      : (alpha ? WebPEncodeRGBA(px, r.width, r.height, stride, quality, &out)
                               : WebPEncodeRGB(px, r.width, r.height, stride, quality, &out));
  REQUIRE(n > 0);
  std::string bytes(reinterpret_cast<const char*>(out), n);
  WebPFree(out);
  return bytes;
}

// Two frames through WebPAnimEncoder.
std::string animated_webp(const Raster& a, const Raster& b) {
  WebPAnimEncoderOptions options;
  REQUIRE(WebPAnimEncoderOptionsInit(&options));
  WebPAnimEncoder* enc = WebPAnimEncoderNew(a.width, a.height, &options);
  REQUIRE(enc);
  int timestamp = 0;
  for (const Raster* r : {&a, &b}) {
    WebPConfig config;
    WebPConfigInit(&config);
    config.lossless = 1;
    WebPPicture pic;
    WebPPictureInit(&pic);
    pic.width = r->width;
    pic.height = r->height;
    pic.use_argb = 1;
    REQUIRE(WebPPictureImportRGB(&pic, reinterpret_cast<const uint8_t*>(r->data.data()), r->width * 3));
    REQUIRE(WebPAnimEncoderAdd(enc, &pic, timestamp, &config));
    WebPPictureFree(&pic);
    timestamp += 100;
  }
  REQUIRE(WebPAnimEncoderAdd(enc, nullptr, timestamp, nullptr));
  WebPData data;
  WebPDataInit(&data);
  REQUIRE(WebPAnimEncoderAssemble(enc, &data));
  std::string bytes(reinterpret_cast<const char*>(data.bytes), data.size);
  WebPDataClear(&data);
  WebPAnimEncoderDelete(enc);
  return bytes;
}

// A smooth picture (lossy coding keeps it close); `alpha`: a horizontal alpha ramp.
Raster smooth(int w, int h, bool alpha) {
  Raster r;
  r.encoding = alpha ? Enc::Rgba8 : Enc::Rgb8;
  r.width = w, r.height = h;
  int n = r.channels();
  r.data.resize(static_cast<size_t>(w) * h * n);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      char* p = &r.data[(static_cast<size_t>(y) * w + x) * n];
      p[0] = static_cast<char>(40 + x * 160 / w);
      p[1] = static_cast<char>(60 + y * 120 / h);
      p[2] = static_cast<char>(150);
      if (alpha) p[3] = static_cast<char>(30 + x * 200 / w);
    }
  return r;
}

// Largest difference of any sample.
int max_diff(const std::string& a, const std::string& b) {
  REQUIRE(a.size() == b.size());
  int worst = 0;
  for (size_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, std::abs(static_cast<unsigned char>(a[i]) - static_cast<unsigned char>(b[i])));
  return worst;
}

// --- GIF ----------------------------------------------------------------------------------------

struct GifFrame {
  int left = 0, top = 0, width = 0, height = 0;
  std::vector<unsigned char> indices;  // width * height, rows top to bottom
  int transparent = NO_TRANSPARENT_COLOR;
  bool interlaced = false;
};

int append_bytes(GifFileType* gif, const GifByteType* data, int n) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), n);
  return n;
}

// A GIF89a with a global colour table of `colors` (RGB triples, padded to a power of two).
std::string gif(int w, int h, std::vector<GifColorType> colors, const std::vector<GifFrame>& frames) {
  int bits = 1;
  while ((1 << bits) < static_cast<int>(colors.size())) ++bits;
  colors.resize(1u << bits, GifColorType{0, 0, 0});
  std::string out;
  int error = 0;
  GifFileType* g = EGifOpen(&out, append_bytes, &error);
  REQUIRE(g);
  EGifSetGifVersion(g, true);
  ColorMapObject* map = GifMakeMapObject(1 << bits, colors.data());
  REQUIRE(EGifPutScreenDesc(g, w, h, bits, 0, map) == GIF_OK);
  for (const GifFrame& f : frames) {
    GraphicsControlBlock gcb{DISPOSAL_UNSPECIFIED, false, 10, f.transparent};
    GifByteType ext[4];
    EGifGCBToExtension(&gcb, ext);
    REQUIRE(EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, 4, ext) == GIF_OK);
    REQUIRE(EGifPutImageDesc(g, f.left, f.top, f.width, f.height, f.interlaced, nullptr) == GIF_OK);
    // An interlaced image is stored in four passes of rows; giflib writes lines as given.
    std::vector<int> order;
    if (f.interlaced) {
      for (auto [start, step] : {std::pair{0, 8}, {4, 8}, {2, 4}, {1, 2}})
        for (int y = start; y < f.height; y += step) order.push_back(y);
    } else {
      for (int y = 0; y < f.height; ++y) order.push_back(y);
    }
    for (int y : order) {
      std::vector<GifPixelType> line(f.indices.begin() + y * f.width, f.indices.begin() + (y + 1) * f.width);
      REQUIRE(EGifPutLine(g, line.data(), f.width) == GIF_OK);
    }
  }
  REQUIRE(EGifCloseFile(g, &error) == GIF_OK);
  GifFreeMapObject(map);
  return out;
}

GifFrame fill(int w, int h, unsigned char index) {
  return GifFrame{0, 0, w, h, std::vector<unsigned char>(w * h, index)};
}

std::string pixel(const Raster& r, int x, int y) {
  int n = r.channels();
  return r.data.substr((static_cast<size_t>(y) * r.width + x) * n, n);
}

std::string rgb(int r, int g, int b) {
  return {static_cast<char>(r), static_cast<char>(g), static_cast<char>(b)};
}
std::string rgba(int r, int g, int b, int a) { return rgb(r, g, b) + static_cast<char>(a); }

const std::vector<GifColorType> kPalette{{200, 30, 40}, {20, 40, 220}, {250, 250, 250}, {0, 128, 0}};

}  // namespace

TEST_CASE("webp: lossless RGB and RGBA come back exactly") {
  Raster in = test::pattern(Enc::Rgb8, 21, 13);
  auto out = decode_ok(webp(in, true));
  CHECK(out->encoding == Enc::Rgb8);
  CHECK(out->width == 21);
  CHECK(out->height == 13);
  CHECK(out->data == in.data);

  Raster with_alpha = test::pattern(Enc::Rgba8, 21, 13);
  for (int i = 0; i < 21 * 13; ++i) with_alpha.data[i * 4 + 3] = static_cast<char>(1 + i % 255);
  auto a = decode_ok(webp(with_alpha, true));
  CHECK(a->encoding == Enc::Rgba8);
  CHECK(a->data == with_alpha.data);
}

TEST_CASE("webp: lossy RGB stays close; lossy with alpha keeps its alpha channel") {
  Raster in = smooth(64, 40, false);
  auto out = decode_ok(webp(in, false, 90));
  CHECK(out->encoding == Enc::Rgb8);
  CHECK(out->width == 64);
  CHECK(out->height == 40);
  CHECK(max_diff(out->data, in.data) <= 24);

  Raster translucent = smooth(64, 40, true);
  auto a = decode_ok(webp(translucent, false, 90));
  CHECK(a->encoding == Enc::Rgba8);
  std::string alpha_in, alpha_out;
  for (size_t i = 3; i < translucent.data.size(); i += 4)
    alpha_in += translucent.data[i], alpha_out += a->data[i];
  CHECK(max_diff(alpha_out, alpha_in) <= 2);  // alpha is coded losslessly by default
}

TEST_CASE("webp: an animation, a truncated file and a damaged one give their errors") {
  std::string anim = animated_webp(smooth(16, 16, false), test::pattern(Enc::Rgb8, 16, 16));
  std::string error;
  auto first = media::decode(anim, error);
  // libwebp's simple API cannot give the first frame alone: that is said, not guessed.
  if (!first) CHECK(error == "unsupported WebP (animated)");

  std::string good = webp(test::pattern(Enc::Rgb8, 21, 13), true);
  CHECK(decode_error(good.substr(0, 16)) == "truncated WebP data");
  // Shorter than "RIFF....WEBP" it is no WebP at all; from there on, cut anywhere, it is damaged.
  for (size_t n = 12; n < good.size(); ++n) {
    CAPTURE(n);
    std::string e = decode_error(good.substr(0, n));
    CHECK((e == "truncated WebP data" || e == "corrupt WebP data"));
  }
  std::string bad = good;
  bad.replace(12, 4, "XXXX");  // the chunk after the RIFF header is no VP8/VP8L/VP8X chunk
  CHECK(decode_error(bad) == "corrupt WebP data");
}

TEST_CASE("gif: an opaque picture keeps its palette colours") {
  GifFrame f = fill(5, 3, 0);
  for (int x = 0; x < 5; ++x) f.indices[5 + x] = 1, f.indices[10 + x] = static_cast<unsigned char>(x % 4);
  auto r = decode_ok(gif(5, 3, kPalette, {f}));
  CHECK(r->encoding == Enc::Rgb8);
  CHECK(r->width == 5);
  CHECK(r->height == 3);
  CHECK(pixel(*r, 0, 0) == rgb(200, 30, 40));
  CHECK(pixel(*r, 4, 1) == rgb(20, 40, 220));
  CHECK(pixel(*r, 2, 2) == rgb(250, 250, 250));
  CHECK(pixel(*r, 3, 2) == rgb(0, 128, 0));
}

TEST_CASE("gif: an animation gives its first frame") {
  auto r = decode_ok(gif(6, 4, kPalette, {fill(6, 4, 0), fill(6, 4, 1), fill(6, 4, 2)}));
  CHECK(r->encoding == Enc::Rgb8);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 6; ++x) CHECK(pixel(*r, x, y) == rgb(200, 30, 40));
}

TEST_CASE("gif: the transparent index and unpainted screen become alpha 0") {
  GifFrame f = fill(4, 4, 1);
  f.indices[0] = f.indices[5] = 3;
  f.transparent = 3;
  auto r = decode_ok(gif(4, 4, kPalette, {f}));
  CHECK(r->encoding == Enc::Rgba8);
  CHECK(pixel(*r, 0, 0)[3] == 0);
  CHECK(pixel(*r, 1, 1)[3] == 0);
  CHECK(pixel(*r, 2, 1) == rgba(20, 40, 220, 255));

  // A first frame smaller than the screen: the rest is clear.
  GifFrame small = fill(2, 2, 2);
  small.left = 1, small.top = 2;
  auto s = decode_ok(gif(4, 4, kPalette, {small}));
  CHECK(s->encoding == Enc::Rgba8);
  CHECK(pixel(*s, 0, 0)[3] == 0);
  CHECK(pixel(*s, 1, 2) == rgba(250, 250, 250, 255));
  CHECK(pixel(*s, 2, 3) == rgba(250, 250, 250, 255));
  CHECK(pixel(*s, 3, 3)[3] == 0);
}

TEST_CASE("gif: an interlaced picture comes back in row order") {
  GifFrame f = fill(3, 11, 0);
  f.interlaced = true;
  for (int y = 0; y < 11; ++y)
    for (int x = 0; x < 3; ++x) f.indices[y * 3 + x] = static_cast<unsigned char>(y % 4);
  auto r = decode_ok(gif(3, 11, kPalette, {f}));
  REQUIRE(r->height == 11);
  const std::string colours[] = {rgb(200, 30, 40), rgb(20, 40, 220), rgb(250, 250, 250), rgb(0, 128, 0)};
  for (int y = 0; y < 11; ++y) {
    CAPTURE(y);
    CHECK(pixel(*r, 1, y) == colours[y % 4]);
  }
}

TEST_CASE("gif: a file cut inside its header, and one without an image") {
  std::string good = gif(6, 4, kPalette, {fill(6, 4, 1)});
  std::string e = decode_error(good.substr(0, 8));  // cut inside the screen descriptor
  CHECK(e.rfind("corrupt GIF data (", 0) == 0);
  // giflib 5.2's DGifSlurp itself fails on a file without images ("No Image Descriptor detected").
  std::string none = decode_error(gif(6, 4, kPalette, {}));
  CHECK((none == "GIF without an image" || none == "truncated GIF data (No Image Descriptor detected)"));
}

// A file cut inside the first frame's pixels once crashed the decoder (giflib has no message for
// that error code) or let it use a partly read frame.
TEST_CASE("gif: every cut of a file gives an error, never a crash or a half-read frame") {
  std::string good = gif(6, 4, kPalette, {fill(6, 4, 1)});
  auto starts = [](const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; };
  for (size_t n = 6; n < good.size(); ++n) {
    CAPTURE(n);
    std::string e = decode_error(good.substr(0, n));
    CHECK((starts(e, "truncated GIF data (") || starts(e, "corrupt GIF data (")));
  }
}

// media::fit_width: area averaging, aspect kept, never enlarging.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

#include "media/media.h"
#include "media/write.h"
#include "test_images.h"

using namespace tp;
using Enc = Raster::Encoding;

namespace {

std::shared_ptr<const Raster> raster(Enc enc, int w, int h, std::initializer_list<int> samples) {
  auto r = std::make_shared<Raster>();
  r->encoding = enc;
  r->width = w, r->height = h;
  for (int s : samples) r->data.push_back(static_cast<char>(s));
  REQUIRE(r->data.size() == static_cast<size_t>(w) * h * r->channels());
  return r;
}

std::shared_ptr<const Raster> fit(std::shared_ptr<const Raster> r, int width) {
  std::string error;
  auto out = media::fit_width(std::move(r), width, error);
  INFO("error: " << error);
  REQUIRE(out);
  CHECK(error.empty());
  return out;
}

std::vector<int> samples(const Raster& r) {
  std::vector<int> out;
  for (char c : r.data) out.push_back(static_cast<unsigned char>(c));
  return out;
}

}  // namespace

TEST_CASE("fit_width never enlarges: a narrow enough picture comes back as it is") {
  auto r = std::make_shared<const Raster>(test::pattern(Enc::Rgb8, 40, 30));
  CHECK(fit(r, 40) == r);
  CHECK(fit(r, 400) == r);
  CHECK(fit(r, 0) == r);  // no limit
  auto jpeg = std::make_shared<Raster>();
  jpeg->encoding = Enc::Jpeg;
  jpeg->width = 30, jpeg->height = 20;
  jpeg->data = media::write_jpeg(test::pattern(Enc::Rgb8, 30, 20));
  CHECK(fit(jpeg, 30) == jpeg);  // the JPEG file stays the file
}

TEST_CASE("fit_width keeps the aspect ratio") {
  auto a = fit(std::make_shared<const Raster>(test::pattern(Enc::Rgb8, 400, 300)), 100);
  CHECK(a->width == 100);
  CHECK(a->height == 75);
  CHECK(a->encoding == Enc::Rgb8);
  auto b = fit(std::make_shared<const Raster>(test::pattern(Enc::Gray8, 333, 100)), 100);
  CHECK(b->width == 100);
  CHECK(b->height == 30);
  CHECK(b->data.size() == 100u * 30);
  // A very wide strip keeps at least one row.
  auto c = fit(std::make_shared<const Raster>(test::pattern(Enc::Rgb8, 1000, 2)), 10);
  CHECK(c->width == 10);
  CHECK(c->height == 1);
}

TEST_CASE("fit_width averages the area each pixel covers") {
  // Black and white side by side: one grey pixel (127.5 rounds up).
  CHECK(samples(*fit(raster(Enc::Gray8, 2, 2, {0, 255, 0, 255}), 1)) == std::vector<int>{128});
  // A checkerboard halves to flat grey.
  auto board =
      fit(raster(Enc::Gray8, 4, 4, {0, 255, 0, 255, 255, 0, 255, 0, 0, 255, 0, 255, 255, 0, 255, 0}), 2);
  CHECK(samples(*board) == std::vector<int>{128, 128, 128, 128});
  // Three pixels into two: each output covers one and a half inputs.
  CHECK(samples(*fit(raster(Enc::Gray8, 3, 1, {0, 90, 180}), 2)) == std::vector<int>{30, 150});
  // With alpha, colours are averaged weighted by it (premultiplied): opaque red beside transparent
  // blue is half-transparent red, not purple.
  auto rgba = fit(raster(Enc::Rgba8, 2, 1, {255, 0, 0, 255, 0, 0, 255, 0}), 1);
  CHECK(rgba->encoding == Enc::Rgba8);
  CHECK(samples(*rgba) == std::vector<int>{255, 0, 0, 128});
  // A white edge next to transparent red stays white: an output pixel covering both (the second
  // case) came out pink before, averaging the invisible red in.
  auto edge =
      fit(raster(Enc::Rgba8, 4, 1, {255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0}), 2);
  CHECK(samples(*edge) == std::vector<int>{255, 255, 255, 255, 0, 0, 0, 0});
  auto mixed = fit(raster(Enc::Rgba8, 3, 1, {255, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0}), 2);
  CHECK(samples(*mixed) == std::vector<int>{255, 255, 255, 170, 0, 0, 0, 0});
  // Partly transparent pixels weigh by their alpha.
  auto weighted = fit(raster(Enc::Rgba8, 2, 1, {200, 0, 0, 51, 0, 0, 100, 204}), 1);
  CHECK(samples(*weighted) == std::vector<int>{40, 0, 80, 128});
  // A flat colour stays exactly that colour at any ratio.
  Raster flat = test::pattern(Enc::Rgb8, 97, 13);
  for (size_t i = 0; i < flat.data.size(); i += 3)
    flat.data[i] = 10, flat.data[i + 1] = 200, flat.data[i + 2] = 77;
  auto f = fit(std::make_shared<const Raster>(flat), 31);
  std::vector<int> got = samples(*f);
  REQUIRE(got.size() == 31u * 4 * 3);
  for (size_t i = 0; i < got.size(); i += 3) {
    CAPTURE(i);
    CHECK(std::vector<int>(got.begin() + i, got.begin() + i + 3) == std::vector<int>{10, 200, 77});
  }
}

TEST_CASE("fit_width's fixed point is within one level of the exact area average") {
  // Odd ratios both ways (taps of 1 to 9 source pixels, edges cut anywhere), grey, RGB and a
  // picture with alpha whose opaque parts are compared (colour is only defined where alpha is).
  for (Enc enc : {Enc::Gray8, Enc::Rgb8, Enc::Rgba8}) {
    for (auto [w, h, nw] : {std::tuple{97, 61, 31}, std::tuple{500, 37, 333}, std::tuple{640, 480, 71}}) {
      Raster in = test::pattern(enc, w, h);
      const int ch = in.channels();
      if (enc == Enc::Rgba8)
        for (size_t i = 3; i < in.data.size(); i += 4) in.data[i] = '\xFF';
      auto out = fit(std::make_shared<const Raster>(in), nw);
      const int nh = out->height;
      const double sx = static_cast<double>(w) / nw, sy = static_cast<double>(h) / nh;
      int worst = 0;
      for (int y = 0; y < nh; ++y)
        for (int x = 0; x < nw; ++x)
          for (int c = 0; c < ch; ++c) {
            double sum = 0;
            for (int j = static_cast<int>(y * sy); j < h && j < (y + 1) * sy; ++j)
              for (int i = static_cast<int>(x * sx); i < w && i < (x + 1) * sx; ++i) {
                const double cover = (std::min<double>(i + 1, (x + 1) * sx) - std::max<double>(i, x * sx)) *
                                     (std::min<double>(j + 1, (y + 1) * sy) - std::max<double>(j, y * sy));
                sum += cover * static_cast<unsigned char>(in.data[(static_cast<size_t>(j) * w + i) * ch + c]);
              }
            const double exact = sum / (sx * sy);
            const int got = static_cast<unsigned char>(out->data[(static_cast<size_t>(y) * nw + x) * ch + c]);
            worst = std::max(worst, static_cast<int>(std::ceil(std::abs(got - exact) - 0.5)));
          }
      CAPTURE(static_cast<int>(enc));
      CAPTURE(w);
      CHECK(worst <= 1);
    }
  }
}

TEST_CASE("fit_width decodes a wider JPEG to pixels of the asked width") {
  auto jpeg = std::make_shared<Raster>();
  jpeg->encoding = Enc::Jpeg;
  jpeg->width = 320, jpeg->height = 160;
  jpeg->data = media::write_jpeg(test::pattern(Enc::Rgb8, 320, 160));
  for (int width : {100, 80, 40}) {  // 80 and 40 are libjpeg's 1/4 and 1/8 exactly
    auto out = fit(jpeg, width);
    CHECK(out->encoding == Enc::Rgb8);
    CHECK(out->width == width);
    CHECK(out->height == width / 2);
  }
  // A damaged JPEG: null and the error.
  auto bad = std::make_shared<Raster>(*jpeg);
  bad->data = bad->data.substr(0, 200) + "\xff\xd9";
  std::string error;
  auto out = media::fit_width(bad, 100, error);
  if (!out) CHECK_FALSE(error.empty());
}

// Damaged files must give an error, never a crash: every prefix and many single-byte changes of a
// small PNG and JPEG (run under the sanitizer build to catch bad reads).
#include <doctest/doctest.h>

#include <string>

#include "media/media.h"
#include "media/write.h"
#include "test_images.h"

using namespace tp;

namespace {

std::string interlaced_palette_png() {
  media::PngImage p;
  p.width = 9, p.height = 7, p.color_type = 3, p.bit_depth = 4, p.interlaced = true;
  for (int y = 0; y < 7; ++y)
    for (int x = 0; x < 5; ++x) p.rows.push_back(static_cast<char>((x + y) * 0x11 & 0x77));
  for (int i = 0; i < 8; ++i) p.palette += std::string{char(i * 30), char(255 - i * 30), char(i * 7)};
  p.trns = std::string{char(0), char(128)};
  return media::write_png(p);
}

void check_damaged(const std::string& good, const std::string& truncated_error) {
  std::string error;
  REQUIRE(media::decode(good, error));
  for (size_t n = 0; n < good.size(); ++n) {
    auto r = media::decode(good.substr(0, n), error);
    CHECK_FALSE(r);
    if (n > 0) CHECK(error == truncated_error);
  }
  std::uint64_t s = 99;
  for (int i = 0; i < 2000; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    std::string bad = good;
    bad[(s >> 33) % bad.size()] ^= static_cast<char>(1 + (s >> 20) % 255);
    auto r = media::decode(bad, error);
    CHECK((r ? error.empty() : !error.empty()));
  }
}

}  // namespace

TEST_CASE("every prefix and many byte changes of a PNG fail cleanly") {
  check_damaged(interlaced_palette_png(), "truncated PNG data");
  check_damaged(media::write_png(test::pattern(Raster::Encoding::Rgba8, 12, 10)), "truncated PNG data");
}

TEST_CASE("every prefix and many byte changes of a JPEG fail cleanly") {
  const std::string truncated = "truncated JPEG data (no end-of-image marker)";
  check_damaged(media::write_jpeg(test::pattern(Raster::Encoding::Rgb8, 24, 16)), truncated);
  check_damaged(media::write_jpeg(test::pattern(Raster::Encoding::Gray8, 24, 16), 70, true), truncated);
}

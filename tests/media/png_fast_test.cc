// PNGs the PDF can hold as they are: which ones load_all keeps undecoded (their IDAT data, for
// FlateDecode with the PNG predictors), and which still go through libpng.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "media/codecs.h"
#include "media/media.h"
#include "media/write.h"
#include "test_images.h"

using namespace tp;
namespace fs = std::filesystem;

namespace {

// Loads one PNG file through load_all, as a thread naming it would, at a print width of 300 px.
struct Loaded {
  std::shared_ptr<const Raster> raster;
  std::vector<std::string> warnings;
};

Loaded load_png(const std::string& name, const std::string& bytes) {
  const fs::path dir = fs::temp_directory_path() / ("threadpdf_test_passthrough_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
  model::Thread t;
  t.media_root = dir.string();
  model::Post p;
  p.id = "1";
  p.media.push_back({model::MediaKind::Image, name, {}, {}, {}, {}});
  t.posts.push_back(p);
  Diagnostics diag;
  media::LoadOptions options;
  options.max_width_px = 300;
  media::MediaSet set = media::load_all(t, "t.json", diag, options);
  fs::remove_all(dir);
  Loaded out{set.find(name)->raster, {}};
  for (const auto& w : diag.warnings()) out.warnings.push_back(w.line());
  return out;
}

// The IDAT chunks' data of a PNG file, concatenated.
std::string idat_of(const std::string& png) {
  std::string out;
  for (size_t at = 8; at + 12 <= png.size();) {
    const auto* p = reinterpret_cast<const unsigned char*>(png.data() + at);
    const size_t length = size_t{p[0]} << 24 | size_t{p[1]} << 16 | size_t{p[2]} << 8 | p[3];
    if (png.compare(at + 4, 4, "IDAT") == 0) out += png.substr(at + 8, length);
    at += 12 + length;
  }
  return out;
}

}  // namespace

TEST_CASE("an RGB PNG within the print width is kept as its image data, not decoded") {
  const std::string file = media::write_png(test::pattern(Raster::Encoding::Rgb8, 40, 30));
  Loaded got = load_png("a.png", file);
  REQUIRE(got.raster);
  CHECK(got.warnings.empty());
  CHECK(got.raster->encoding == Raster::Encoding::PngData);
  CHECK(got.raster->width == 40);
  CHECK(got.raster->height == 30);
  CHECK(got.raster->png_colors == 3);
  CHECK(got.raster->png_bits == 8);
  CHECK(got.raster->palette.empty());
  CHECK(got.raster->data == idat_of(file));
  // Each row is its filter type byte and 40 RGB pixels.
  CHECK(media::inflate(got.raster->data, 30 * (1 + 40 * 3)));
}

TEST_CASE("a palette PNG is kept with its palette, padded with black to the bit depth's size") {
  media::PngImage image;
  image.width = 4;
  image.height = 2;
  image.color_type = 3;
  image.bit_depth = 2;
  image.palette = std::string("\xFF\x00\x00\x00\xFF\x00\x00\x00\xFF", 9);  // red, green, blue
  image.rows = std::string("\x1B\xE4", 2);  // 0 1 2 3 / 3 2 1 0: index 3 is past the palette
  Loaded got = load_png("p.png", media::write_png(image));
  REQUIRE(got.raster);
  CHECK(got.raster->encoding == Raster::Encoding::PngData);
  CHECK(got.raster->png_colors == 1);
  CHECK(got.raster->png_bits == 2);
  // What libpng would have made of index 3: black.
  CHECK(got.raster->palette == image.palette + std::string(3, '\0'));
}

TEST_CASE("PNGs with transparency, 16 bits, interlacing or more width than the print are decoded") {
  auto encoding_of = [](const std::string& name, const media::PngImage& image) {
    Loaded got = load_png(name, media::write_png(image));
    REQUIRE(got.raster);
    return got.raster->encoding;
  };
  media::PngImage rgba;
  rgba.width = rgba.height = 2;
  rgba.color_type = 6;
  rgba.rows = std::string("\xFF\x00\x00\x80\x00\xFF\x00\xFF\x00\x00\xFF\x00\xFF\xFF\xFF\xFF", 16);
  CHECK(encoding_of("rgba.png", rgba) == Raster::Encoding::Deflated);

  media::PngImage trns;  // palette with a transparent entry
  trns.width = trns.height = 2;
  trns.color_type = 3;
  trns.palette = std::string("\xFF\x00\x00\x00\xFF\x00", 6);
  trns.trns = std::string("\x00", 1);
  trns.rows = std::string("\x00\x01\x01\x00", 4);
  CHECK(encoding_of("trns.png", trns) == Raster::Encoding::Deflated);

  media::PngImage deep;  // 16-bit gray
  deep.width = deep.height = 2;
  deep.color_type = 0;
  deep.bit_depth = 16;
  deep.rows = std::string("\x12\x34\xFF\xFF\x00\x00\x80\x00", 8);
  CHECK(encoding_of("deep.png", deep) == Raster::Encoding::Deflated);

  media::PngImage interlaced;
  interlaced.width = interlaced.height = 8;
  interlaced.color_type = 0;
  interlaced.interlaced = true;
  interlaced.rows = std::string(64, '\x40');
  CHECK(encoding_of("interlaced.png", interlaced) == Raster::Encoding::Deflated);

  Loaded wide = load_png("wide.png", media::write_png(test::pattern(Raster::Encoding::Rgb8, 600, 20)));
  REQUIRE(wide.raster);
  CHECK(wide.raster->encoding == Raster::Encoding::Deflated);
  CHECK(wide.raster->width == 300);
}

TEST_CASE("a damaged PNG is not copied: libpng's error is the warning, as before") {
  std::string file = media::write_png(test::pattern(Raster::Encoding::Rgb8, 20, 20));
  const size_t idat = file.find("IDAT");
  REQUIRE(idat != std::string::npos);
  file[idat + 10] = static_cast<char>(file[idat + 10] ^ 0x55);  // the CRC no longer matches
  Loaded got = load_png("bad.png", file);
  CHECK_FALSE(got.raster);
  REQUIRE(got.warnings.size() == 1);
  CHECK(got.warnings[0].find("bad.png: corrupt PNG data") != std::string::npos);
}

TEST_CASE("PNGs decoded without libpng give libpng's pixels, whichever row filters the file uses") {
  // Gradients, flat areas and noise, so that libpng's writer picks each of the five row filters.
  std::uint32_t seed = 12345;
  auto noise = [&] { return static_cast<char>((seed = seed * 1103515245u + 12345u) >> 24); };
  for (int color_type : {0, 2, 6}) {
    for (int opaque = 0; opaque < 2; ++opaque) {
      media::PngImage image;
      image.width = 97;
      image.height = 41;
      image.color_type = color_type;
      const int channels = color_type == 0 ? 1 : color_type == 2 ? 3 : 4;
      for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
          for (int c = 0; c < channels; ++c) {
            const bool alpha = c == 3;
            char v = y < 10   ? static_cast<char>(x * 2 + c * 40)
                     : y < 20 ? static_cast<char>(y * 5 + x)
                     : y < 30 ? noise()
                              : '\x80';
            if (alpha) v = opaque ? '\xFF' : static_cast<char>(x * 3);
            image.rows += v;
          }
      const std::string file = media::write_png(image);
      std::string error;
      auto reference = media::detail::decode_png(file, error);
      REQUIRE(reference);
      // Narrower than the picture: decoded and scaled, as fit_width scales libpng's pixels.
      auto fast = media::detail::png_fast(file, 50);
      REQUIRE(fast);
      auto scaled = media::fit_width(reference, 50, error);
      REQUIRE(scaled);
      CHECK(fast->encoding == scaled->encoding);
      CHECK(fast->width == 50);
      CHECK(fast->height == scaled->height);
      CHECK(fast->data == scaled->data);
      if (color_type == 6) {  // decoded at full size too (alpha is split), pixel for pixel
        auto full = media::detail::png_fast(file, 0);
        REQUIRE(full);
        CHECK(full->encoding == reference->encoding);
        CHECK(full->width == reference->width);
        CHECK(full->height == reference->height);
        CHECK(full->data == reference->data);
      }
    }
  }
}

TEST_CASE("a PNG of more than 64 MB of rows is scaled without libpng when it must be scaled") {
  // 16384 x 4100 grey: 67 MB of rows. Rows of a gradient with a step every 97 pixels, so that
  // the scaled samples are not all alike.
  media::PngImage image;
  image.width = 16384;
  image.height = 4100;
  image.color_type = 0;
  image.rows.resize(static_cast<size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      image.rows[static_cast<size_t>(y) * image.width + x] = static_cast<char>((x / 97 + y / 41) * 7);
  const std::string file = media::write_png(image);
  REQUIRE(file.size() < (64u << 20));
  // Within 1.25 times the width, kept as its image data, whatever its size.
  auto kept = media::detail::png_fast(file, 16384);
  REQUIRE(kept);
  CHECK(kept->encoding == Raster::Encoding::PngData);
  // Scaled here, to the same pixels as libpng's decoding scaled by fit_width.
  auto fast = media::detail::png_fast(file, 1000);
  REQUIRE(fast);
  CHECK(fast->encoding == Raster::Encoding::Gray8);
  CHECK(fast->width == 1000);
  std::string error;
  auto reference = media::detail::decode_png(file, error);
  REQUIRE(reference);
  auto scaled = media::fit_width(reference, 1000, error);
  REQUIRE(scaled);
  CHECK(fast->height == scaled->height);
  CHECK(fast->data == scaled->data);
}

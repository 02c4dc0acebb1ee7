// A photo taken with the phone upright, end to end: its JPEG stores the picture on its side with
// EXIF orientation 6 and carries an ICC profile; the PDF shows it upright and portrait, with the
// file embedded byte for byte and its profile as the colour space.
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <regex>

#include "media/write.h"
#include "process.h"
#include "test_images.h"

using namespace tp;
using namespace tp::test;

TEST_CASE("a JPEG stored on its side is printed upright, as the file itself, in its own colour profile") {
  // Stored 60 x 40: a red band down the left edge, blue elsewhere. Turned 90 degrees clockwise to
  // be seen, the red band is along the top of a portrait picture.
  Raster stored;
  stored.encoding = Raster::Encoding::Rgb8;
  stored.width = 60;
  stored.height = 40;
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 60; ++x)
      stored.data += x < 15 ? std::string("\xdc\x14\x14") : std::string("\x14\x14\xdc");
  const std::string profile = file_bytes("/usr/share/color/icc/compatibleWithAdobeRGB1998.icc");
  std::vector<std::pair<int, std::string>> segments = icc_segments(profile, 60000);
  segments.insert(segments.begin(), exif_segment(exif_with_orientation(6, false)));
  const std::string jpeg = jpeg_with_segments(media::write_jpeg(stored, 95), segments);

  TempDir dir;
  std::filesystem::create_directories(dir / "img");
  write_file(dir / "img/photo.jpg", jpeg);
  write_file(dir / "t.json", R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
    "author": {"name": "Ada", "handle": "@ada"},
    "posts": [{"id": "1", "text": "Taken upright", "media": [{"kind": "image", "src": "img/photo.jpg"}]}]})");

  // Where layout puts it: "  image 0 at X,Y WxH in=N" (N: its figure in the structure tree).
  const Ran dump = run(threadpdf() + " --dump layout " + (dir / "t.json"));
  REQUIRE(dump.status == 0);
  std::smatch at;
  REQUIRE(std::regex_search(
      dump.out, at, std::regex("\\n  image \\d+ at ([\\d.]+),([\\d.]+) ([\\d.]+)x([\\d.]+) in=\\d+\\n")));
  const double x = std::stod(at[1]), y = std::stod(at[2]), w = std::stod(at[3]), h = std::stod(at[4]);
  CHECK(h / w == doctest::Approx(60.0 / 40).epsilon(0.01));  // portrait, as seen

  REQUIRE(run(threadpdf() + " " + (dir / "t.json") + " -o " + (dir / "t.pdf")).status == 0);
  // The embedded stream is the file (pdfimages -j writes a DCT image's data as it is).
  REQUIRE(run("cd " + dir.path() + " && pdfimages -j t.pdf x").status == 0);
  CHECK(read_file(dir / "x-000.jpg") == jpeg);
  const Ran list = run("pdfimages -list " + (dir / "t.pdf"));
  CAPTURE(list.out);
  CHECK(std::regex_search(list.out, std::regex("image +60 +40 +icc +3 +8 +jpeg")));

  // Seen on the page (72 dpi: a pixel a point): red at the top of the picture, blue below.
  REQUIRE(run("pdftoppm -r 72 -f 1 -l 1 -singlefile " + (dir / "t.pdf") + " " + (dir / "page")).status == 0);
  const std::string ppm = read_file(dir / "page.ppm");
  std::smatch header;
  REQUIRE(std::regex_search(ppm, header, std::regex("^P6\\s+(\\d+)\\s+(\\d+)\\s+255\\s")));
  const int width = std::stoi(header[1]);
  const std::string pixels = ppm.substr(header.length());
  auto pixel = [&](double px, double py) {
    const size_t i = (static_cast<size_t>(py) * width + static_cast<size_t>(px)) * 3;
    return std::array<int, 3>{static_cast<unsigned char>(pixels[i]),
                              static_cast<unsigned char>(pixels[i + 1]),
                              static_cast<unsigned char>(pixels[i + 2])};
  };
  for (double fx : {0.2, 0.5, 0.8}) {
    CAPTURE(fx);
    const auto top = pixel(x + fx * w, y + 0.1 * h), bottom = pixel(x + fx * w, y + 0.7 * h);
    CHECK(top[0] > 150);
    CHECK(top[2] < 100);
    CHECK(bottom[0] < 100);
    CHECK(bottom[2] > 150);
  }
}

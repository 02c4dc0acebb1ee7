// Images, rules and boxes: stored once, drawn right side up, and the same bytes every time.
#include <doctest/doctest.h>
#include <zlib.h>

#include <regex>
#include <thread>

#include "core/error.h"
#include "pdf_tools.h"
#include "render/pdf/pdf.h"

using namespace tp;
using test::kRegular;
using test::shape;

namespace {

std::shared_ptr<const Raster> rgba_gradient(int w, int h) {
  auto r = std::make_shared<Raster>();
  r->encoding = Raster::Encoding::Rgba8;
  r->width = w;
  r->height = h;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      r->data += static_cast<char>(255 * x / w);
      r->data += static_cast<char>(40);
      r->data += static_cast<char>(255 * y / h);
      r->data += static_cast<char>(x < w / 2 ? 255 : 64);
    }
  }
  return r;
}

// A JPEG made by poppler from a PDF of our own, so no binary test data is needed.
std::shared_ptr<const Raster> jpeg_from_pdf() {
  layout::RectItem box;
  box.box = {10, 10, 100, 100};
  box.fill = Color{0.9, 0.2, 0.1};
  const std::string src = test::write_file("jpeg_src.pdf", render::write_pdf(test::one_page({}, {box})));
  const std::string stem = (test::temp_dir() / "photo").string();
  test::run("pdftoppm -jpeg -singlefile -scale-to-x 64 -scale-to-y 48 '" + src + "' '" + stem + "'");
  auto r = std::make_shared<Raster>();
  r->encoding = Raster::Encoding::Jpeg;
  r->width = 64;
  r->height = 48;
  r->data = test::read_file(stem + ".jpg");
  REQUIRE(r->data.substr(0, 2) == "\xFF\xD8");
  return r;
}

layout::Document picture_page() {
  layout::ImageItem a{{40, 200, 120, 90}, 0}, b{{200, 200, 60, 45}, 0}, c{{40, 320, 128, 96}, 1};
  layout::RectItem card;
  card.box = {30, 30, 360, 120};
  card.fill = Color{0.93, 0.95, 1.0};
  card.stroke = Color{0.2, 0.3, 0.8};
  card.line_width = 1.5;
  card.corner_radius = 12;
  layout::RectItem dashed;
  dashed.box = {30, 160, 360, 20};
  dashed.stroke = Color{0.5, 0.5, 0.5};
  dashed.dashed = true;
  layout::LineItem rule{{30, 450}, {390, 450}, Color{1, 0, 0}, 2};
  auto doc = test::one_page(
      {{kRegular, 0}},
      {card, dashed, shape(kRegular, 0, "Card title on the baseline", 18, {50, 70}), rule, a, b, c});
  doc.images = {rgba_gradient(40, 30), jpeg_from_pdf()};
  doc.metadata.creation_date = 1795512600;
  return doc;
}

}  // namespace

TEST_CASE("RGBA becomes an image plus a soft mask, JPEG stays DCT, a reused image is stored once") {
  const std::string path = test::write_file("images.pdf", render::write_pdf(picture_page()));
  const std::string list = test::run("pdfimages -list '" + path + "'").out;
  CAPTURE(list);
  // Three draws of two images: pdfimages lists every draw, with the object number it uses.
  std::regex row("\\n +1 +\\d+ +(image|smask) +(\\d+) +(\\d+) +(\\w+) +\\d+ +\\d+ +(\\w+) +\\w+ +(\\d+)");
  std::vector<std::smatch> rows;
  for (auto it = std::sregex_iterator(list.begin(), list.end(), row); it != std::sregex_iterator(); ++it)
    rows.push_back(*it);
  REQUIRE(rows.size() == 5);  // image+smask, image+smask (same objects), jpeg
  CHECK(rows[0][1] == "image");
  CHECK(rows[0][5] == "image");  // flate: pdfimages calls it "image"
  CHECK(rows[1][1] == "smask");
  CHECK(rows[1][4] == "gray");
  CHECK(rows[2][6] == rows[0][6]);  // second draw, same object
  CHECK(rows[4][5] == "jpeg");
  CHECK(rows[4][2] == "64");
  const std::string text = test::qdf(path);
  CHECK(std::regex_search(text, std::regex("/SMask \\d+ 0 R")));
  CHECK(text.find("/DCTDecode") != std::string::npos);
}

TEST_CASE("pixels given as RGBA are deflated once, by us, and read back as the same pixels") {
  const std::string path = test::write_file("raw_pixels.pdf", render::write_pdf(picture_page()));
  const std::string list = test::run("pdfimages -list '" + path + "'").out;
  CAPTURE(list);
  std::smatch row;
  REQUIRE(std::regex_search(
      list, row, std::regex("\\n +1 +\\d+ +image +40 +30 .*? (\\d+) +0 +\\d+ +\\d+ +\\S+ +\\S+\\n")));
  const std::string object = row[1];
  const std::string dict = test::run("qpdf --show-object=" + object + " '" + path + "'").out;
  CAPTURE(dict);
  // libharu's own compression (zlib, at save) writes the filter as an array; ours as a name.
  CHECK(dict.find("/Filter /FlateDecode") != std::string::npos);
  const std::string pixels =
      test::run("qpdf --show-object=" + object + " --filtered-stream-data '" + path + "'").out;
  const auto source = rgba_gradient(40, 30);
  std::string rgb;
  for (std::size_t i = 0; i < source->data.size(); i += 4) rgb += source->data.substr(i, 3);
  CHECK(pixels == rgb);
}

TEST_CASE("two writes of one document give the same bytes, also from several threads at once") {
  const auto doc = picture_page();
  const std::string first = render::write_pdf(doc);
  CHECK(render::write_pdf(doc) == first);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) threads.emplace_back([&doc, &r] { r = render::write_pdf(doc); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) CHECK(r == first);
}

TEST_CASE("a document consumed while it is written gives the same bytes, and is left without page items") {
  auto doc = picture_page();
  const std::string kept = render::write_pdf(doc);
  REQUIRE_FALSE(doc.pages.front().items.empty());
  CHECK(render::write_pdf(std::move(doc)) == kept);
  for (const auto& page : doc.pages) CHECK(page.items.empty());  // NOLINT(bugprone-use-after-move)
}

TEST_CASE("qpdf finds nothing wrong, and the page renders right side up") {
  const std::string path = test::write_file("picture.pdf", render::write_pdf(picture_page()));
  const auto check = test::run("qpdf --check '" + path + "'", true);
  CAPTURE(check.out);
  CHECK(check.status == 0);
  CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  CHECK(check.out.find("WARNING") == std::string::npos);

  // Rendered at 72 dpi one pixel is one point. The red rule at y = 450 must be red there (it would
  // be at 595 - 450 if the page were upside down).
  const std::string stem = (test::temp_dir() / "picture").string();
  REQUIRE(
      test::run("pdftoppm -r 72 -singlefile -x 100 -y 449 -W 1 -H 3 '" + path + "' '" + stem + "'").status ==
      0);
  const std::string ppm = test::read_file(stem + ".ppm");
  // P6 header then 3 rows of one RGB pixel: the middle one is the rule.
  const std::string pixels = ppm.substr(ppm.size() - 9);
  CHECK(static_cast<unsigned char>(pixels[0]) > 200);
  CHECK(static_cast<unsigned char>(pixels[1]) < 80);
  // For people: the whole page as PNG, to look at.
  test::run("pdftoppm -png -r 80 -singlefile '" + path + "' '" + stem + "'");
}

TEST_CASE("broken images are errors, not crashes") {
  auto doc = picture_page();
  auto bad = std::make_shared<Raster>(*rgba_gradient(4, 4));
  bad->data.resize(10);
  doc.images[0] = bad;
  CHECK_THROWS_AS(render::write_pdf(doc), Error);
  doc = picture_page();
  doc.pages[0].items.push_back(layout::ImageItem{{0, 0, 10, 10}, 7});
  CHECK_THROWS_AS(render::write_pdf(doc), Error);
  doc = picture_page();
  auto junk = std::make_shared<Raster>();
  junk->encoding = Raster::Encoding::Jpeg;
  junk->width = junk->height = 4;
  junk->data = "not a jpeg";
  doc.images[1] = junk;
  CHECK_THROWS_AS(render::write_pdf(doc), Error);
}

TEST_CASE("a deflated raster is written as is, with its alpha as a soft mask, and paints its colour") {
  // 20 x 20 pixels of (200, 30, 30), alpha opaque on the left half and clear on the right.
  std::string rgb, alpha;
  for (int i = 0; i < 400; ++i)
    rgb += std::string("\xC8\x1E\x1E", 3), alpha += (i % 20 < 10 ? '\xFF' : '\x00');
  auto deflate = [](const std::string& raw) {
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string out(size, '\0');
    compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
              static_cast<uLong>(raw.size()), 6);
    out.resize(size);
    return out;
  };
  auto r = std::make_shared<Raster>();
  r->encoding = Raster::Encoding::Deflated;
  r->width = r->height = 20;
  r->deflated_channels = 3;
  r->data = deflate(rgb);
  r->alpha = deflate(alpha);
  auto doc = test::one_page({}, {layout::ImageItem{{100, 100, 200, 200}, 0}});
  doc.images = {r};
  const std::string path = test::write_file("deflated.pdf", render::write_pdf(doc));
  CHECK(test::run("qpdf --check '" + path + "'").status == 0);
  // The zlib stream is in the file byte for byte: not compressed a second time.
  CHECK(test::read_file(path).find(r->data) != std::string::npos);
  const std::string list = test::run("pdfimages -list '" + path + "'").out;
  CHECK(list.find("image      20    20  rgb") != std::string::npos);
  CHECK(list.find("smask      20    20  gray") != std::string::npos);
  // At 72 dpi: the left half shows the colour, the right half the white page through the mask.
  const std::string stem = (test::temp_dir() / "deflated_px").string();
  REQUIRE(test::run("pdftoppm -r 72 -singlefile -x 150 -y 200 -W 101 -H 1 '" + path + "' '" + stem + "'")
              .status == 0);
  const std::string ppm = test::read_file(stem + ".ppm");
  const std::string px = ppm.substr(ppm.size() - 101 * 3);
  CHECK(static_cast<unsigned char>(px[0]) == doctest::Approx(200).epsilon(0.05));
  CHECK(static_cast<unsigned char>(px[1]) == doctest::Approx(30).epsilon(0.2));
  CHECK(static_cast<unsigned char>(px[300]) == 255);  // x = 250: transparent, white page
}

namespace {

// 8 x 4 pixels of 10 x 10 points each at (100, 100), rendered at 72 dpi: the colour at each
// pixel's centre, as R, G, B bytes.
std::vector<std::string> centre_colours(const std::shared_ptr<const Raster>& r, const std::string& name) {
  auto doc = test::one_page({}, {layout::ImageItem{{100, 100, 10.0 * r->width, 10.0 * r->height}, 0}});
  doc.images = {r};
  const std::string path = test::write_file(name + ".pdf", render::write_pdf(doc));
  CHECK(test::run("qpdf --check '" + path + "'").status == 0);
  const std::string stem = (test::temp_dir() / (name + "_px")).string();
  const int w = 10 * r->width, h = 10 * r->height;
  REQUIRE(test::run("pdftoppm -r 72 -singlefile -x 100 -y 100 -W " + std::to_string(w) + " -H " +
                    std::to_string(h) + " '" + path + "' '" + stem + "'")
              .status == 0);
  const std::string ppm = test::read_file(stem + ".ppm");
  const std::string px = ppm.substr(ppm.size() - static_cast<std::size_t>(w) * h * 3);
  std::vector<std::string> out;
  for (int y = 0; y < r->height; ++y)
    for (int x = 0; x < r->width; ++x)
      out.push_back(px.substr((static_cast<std::size_t>(10 * y + 5) * w + 10 * x + 5) * 3, 3));
  return out;
}

std::string zlib_of(const std::string& raw) {
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string out(size, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
            static_cast<uLong>(raw.size()), 6);
  out.resize(size);
  return out;
}

}  // namespace

TEST_CASE("PNG image data is written as is and the PNG row filters are undone by the viewer") {
  // Two rows of four pixels: the first stored with the Sub filter, the second with Up (PNG 9.2).
  const std::string row0("\xC8\x1E\x1E\x1E\xC8\x1E\x1E\x1E\xC8\xFA\xFA\x0A", 12);
  const std::string row1("\x0A\x0A\x0A\x80\x80\x80\xFF\xFF\xFF\x00\x64\xC8", 12);
  std::string filtered = "\x01";
  for (int i = 0; i < 12; ++i) filtered += static_cast<char>(row0[i] - (i >= 3 ? row0[i - 3] : 0));
  filtered += '\x02';
  for (int i = 0; i < 12; ++i) filtered += static_cast<char>(row1[i] - row0[i]);
  auto r = std::make_shared<Raster>();
  r->encoding = Raster::Encoding::PngData;
  r->width = 4;
  r->height = 2;
  r->png_colors = 3;
  r->data = zlib_of(filtered);
  const std::vector<std::string> got = centre_colours(r, "png_rgb");
  // The stream is in the file byte for byte: not compressed a second time.
  CHECK(test::read_file((test::temp_dir() / "png_rgb.pdf").string()).find(r->data) != std::string::npos);
  for (int i = 0; i < 8; ++i) CHECK(got[i] == (i < 4 ? row0 : row1).substr(3 * (i % 4), 3));
}

TEST_CASE("a palette PNG's data paints its palette's colours") {
  auto r = std::make_shared<Raster>();
  r->encoding = Raster::Encoding::PngData;
  r->width = 4;
  r->height = 2;
  r->png_colors = 1;
  r->png_bits = 2;
  r->palette =
      std::string("\xFF\x00\x00\x00\xFF\x00\x00\x00\xFF\x00\x00\x00", 12);  // red, green, blue, black
  r->data = zlib_of(std::string("\x00\x1B\x00\xE4", 4));  // indices 0 1 2 3 / 3 2 1 0, no filter
  const std::vector<std::string> got = centre_colours(r, "png_palette");
  const std::string pal = r->palette;
  const int index[8] = {0, 1, 2, 3, 3, 2, 1, 0};
  for (int i = 0; i < 8; ++i) CHECK(got[i] == pal.substr(3 * index[i], 3));
}

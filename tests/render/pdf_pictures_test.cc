// Pictures as their authors saw them: the EXIF orientation turns a picture by the drawing matrix
// (the stored samples untouched), and a picture's own ICC profile becomes its colour space. The
// profiles are Debian's (icc-profiles-free, libgs-common), read at run time.
#include <doctest/doctest.h>

#include <array>
#include <regex>

#include "core/deflate.h"
#include "media/write.h"
#include "pdf_tools.h"
#include "render/pdf/pdf.h"
#include "test_images.h"

using namespace tp;

namespace {

// The picture as it is to be seen: 2 cells across, 3 down, each 10 x 10 pixels of its own colour.
constexpr int kCell = 10, kCols = 2, kRows = 3;
constexpr std::array<std::array<unsigned char, 3>, 6> kColours{{
    {230, 20, 20},
    {20, 200, 20},  // top row: red, green
    {20, 20, 230},
    {230, 230, 20},  // yellow right of blue
    {20, 220, 220},
    {220, 20, 220},  // cyan, magenta
}};

struct Grid {
  int width = 0, height = 0;
  std::vector<int> cell;  // per pixel, the colour index
  int at(int x, int y) const { return cell[static_cast<size_t>(y) * width + x]; }
};

Grid upright() {
  Grid g{kCols * kCell, kRows * kCell, {}};
  for (int y = 0; y < g.height; ++y)
    for (int x = 0; x < g.width; ++x) g.cell.push_back(y / kCell * kCols + x / kCell);
  return g;
}

// out(x, y) = in(from(x, y)) on a grid of w x h.
template <class F>
Grid remap(const Grid& in, int w, int h, F from) {
  Grid out{w, h, {}};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto [sx, sy] = from(x, y);
      out.cell.push_back(in.at(sx, sy));
    }
  return out;
}

// How a camera stores a picture that a viewer shows upright by the usual reading of the EXIF
// values (2 flip across, 3 turn 180, 4 flip up-down, 5 transpose, 6 turn 90 clockwise to view,
// 7 transverse, 8 turn 90 counter-clockwise to view): the inverse of each, applied to the upright.
Grid stored_for(int orientation, const Grid& u) {
  const int w = u.width, h = u.height;
  using P = std::pair<int, int>;
  switch (orientation) {
    case 2:
      return remap(u, w, h, [&](int x, int y) { return P{w - 1 - x, y}; });
    case 3:
      return remap(u, w, h, [&](int x, int y) { return P{w - 1 - x, h - 1 - y}; });
    case 4:
      return remap(u, w, h, [&](int x, int y) { return P{x, h - 1 - y}; });
    case 5:
      return remap(u, h, w, [&](int x, int y) { return P{y, x}; });
    // Stored turned counter-clockwise, so that a clockwise turn shows it upright.
    case 6:
      return remap(u, h, w, [&](int x, int y) { return P{w - 1 - y, x}; });
    case 7:
      return remap(u, h, w, [&](int x, int y) { return P{w - 1 - y, h - 1 - x}; });
    case 8:
      return remap(u, h, w, [&](int x, int y) { return P{y, h - 1 - x}; });
    default:
      return u;
  }
}

std::shared_ptr<const Raster> raster_of(const Grid& g, int orientation) {
  auto r = std::make_shared<Raster>();
  r->encoding = Raster::Encoding::Rgb8;
  r->width = g.width;
  r->height = g.height;
  r->orientation = orientation;
  for (int c : g.cell)
    for (unsigned char v : kColours[static_cast<size_t>(c)]) r->data += static_cast<char>(v);
  return r;
}

std::string profile(const std::string& path) { return test::read_file("/usr/share/color/icc/" + path); }

std::shared_ptr<const Raster> jpeg(Raster::Encoding pixels, const std::string& icc, int orientation) {
  Raster p;
  p.encoding = pixels;
  p.width = 32;
  p.height = 16;
  p.data.assign(static_cast<size_t>(32 * 16 * p.channels()), '\x60');
  auto r = std::make_shared<Raster>();
  r->encoding = Raster::Encoding::Jpeg;
  r->width = 32;
  r->height = 16;
  r->jpeg_components = p.channels();
  r->data = media::write_jpeg(p, 90);
  r->icc = icc;
  r->orientation = orientation;
  return r;
}

}  // namespace

TEST_CASE("each of the eight EXIF orientations shows the stored picture upright in its box") {
  const Grid u = upright();
  for (int o = 1; o <= 8; ++o) {
    CAPTURE(o);
    const Grid stored = stored_for(o, u);
    auto raster = raster_of(stored, o);
    REQUIRE(raster->upright_width() == u.width);
    REQUIRE(raster->upright_height() == u.height);
    // Drawn at 4 points a pixel in a box the upright size, as layout places it.
    const Rect box{100, 120, 4.0 * u.width, 4.0 * u.height};
    layout::Document doc = test::one_page({}, {layout::ImageItem{box, 0}});
    doc.images = {raster};
    const std::string path =
        test::write_file("orientation" + std::to_string(o) + ".pdf", render::write_pdf(doc));
    const std::string stem = (test::temp_dir() / ("orientation" + std::to_string(o))).string();
    REQUIRE(test::run("pdftoppm -r 72 -singlefile '" + path + "' '" + stem + "'").status == 0);
    const std::string ppm = test::read_file(stem + ".ppm");
    const std::string pixels = ppm.substr(ppm.size() - 420 * 595 * 3);
    for (int row = 0; row < kRows; ++row)
      for (int col = 0; col < kCols; ++col) {
        CAPTURE(row);
        CAPTURE(col);
        // The middle of each cell on the page (72 dpi: one pixel a point).
        const int px = static_cast<int>(box.x + 4 * kCell * (col + 0.5));
        const int py = static_cast<int>(box.y + 4 * kCell * (row + 0.5));
        const size_t at = (static_cast<size_t>(py) * 420 + px) * 3;
        const auto& want = kColours[static_cast<size_t>(row * kCols + col)];
        for (int c = 0; c < 3; ++c)
          CHECK(std::abs(static_cast<unsigned char>(pixels[at + c]) - want[c]) < 40);
      }
  }
}

TEST_CASE("a turned JPEG is embedded byte for byte, drawn with a turning matrix, in its own ICC profile") {
  const std::string adobe = profile("compatibleWithAdobeRGB1998.icc");
  auto photo = jpeg(Raster::Encoding::Rgb8, adobe, 6);
  // 32 x 16 stored, 16 x 32 as seen: the box layout gives it is portrait.
  layout::Document doc = test::one_page({}, {layout::ImageItem{{50, 100, 80, 160}, 0}});
  doc.images = {photo};
  const std::string bytes = render::write_pdf(doc);
  CHECK(render::write_pdf(doc) == bytes);
  const std::string path = test::write_file("turned_jpeg.pdf", bytes);
  const auto check = test::run("qpdf --check '" + path + "'", true);
  CAPTURE(check.out);
  CHECK(check.status == 0);
  CHECK(check.out.find("WARNING") == std::string::npos);

  const std::string qdf = test::qdf(path);
  CHECK(qdf.find(photo->data) != std::string::npos);  // DCT data is left as it is by qpdf too
  std::smatch image;
  REQUIRE(std::regex_search(
      qdf, image,
      std::regex("/ColorSpace \\[\\s*/ICCBased\\s+(\\d+) 0 R\\s*\\][^]*?/Height 16[^]*?/Width 32")));
  // The profile stream: /N 3 and the profile's bytes (qdf shows them inflated).
  const std::string object = "\n" + image[1].str() + " 0 obj\n";
  const size_t at = qdf.find(object);
  REQUIRE(at != std::string::npos);
  const std::string body = qdf.substr(at, qdf.find("endobj", at) - at);
  CHECK(body.find("/N 3") != std::string::npos);
  CHECK(body.find(adobe) != std::string::npos);
  // Page space: the stored top row runs down the box's right edge (x 50 + 80, y 595 - 100 down to
  // 595 - 260), the stored left column along its top.
  CHECK(qdf.find("0 -160 80 0 50 495 cm") != std::string::npos);
}

TEST_CASE("a gray or CMYK JPEG keeps its component count with its own profile; one profile is written once") {
  const std::string gray = profile("ghostscript/sgray.icc"), cmyk = profile("ghostscript/ps_cmyk.icc");
  auto g = jpeg(Raster::Encoding::Gray8, gray, 1);
  auto g2 = jpeg(Raster::Encoding::Gray8, gray, 3);
  auto c = std::make_shared<Raster>();
  c->encoding = Raster::Encoding::Jpeg;
  c->width = c->height = 8;
  c->jpeg_components = 4;
  c->data = test::cmyk_jpeg(8, 8);
  c->icc = cmyk;
  layout::Document doc =
      test::one_page({}, {layout::ImageItem{{20, 20, 64, 32}, 0}, layout::ImageItem{{20, 80, 64, 32}, 1},
                          layout::ImageItem{{20, 140, 32, 32}, 2}});
  doc.images = {g, g2, c};
  const std::string path = test::write_file("gray_icc.pdf", render::write_pdf(doc));
  CHECK(test::run("qpdf --check '" + path + "'", true).status == 0);
  const std::string qdf = test::qdf(path);
  std::regex space("/ColorSpace \\[\\s*/ICCBased\\s+(\\d+) 0 R\\s*\\]");
  std::vector<std::string> refs;
  for (auto it = std::sregex_iterator(qdf.begin(), qdf.end(), space); it != std::sregex_iterator(); ++it)
    refs.push_back((*it)[1]);
  REQUIRE(refs.size() == 3);
  CHECK(refs[0] == refs[1]);  // the same profile bytes: one stream
  auto object = [&](const std::string& number) {
    const size_t at = qdf.find("\n" + number + " 0 obj\n");
    REQUIRE(at != std::string::npos);
    return qdf.substr(at, qdf.find("endobj", at) - at);
  };
  CHECK(object(refs[0]).find("/N 1") != std::string::npos);
  CHECK(object(refs[0]).find(gray) != std::string::npos);  // its own, not the stock Gray.icc of PDF/A
  CHECK(object(refs[2]).find("/N 4") != std::string::npos);
  CHECK(object(refs[2]).find(cmyk) != std::string::npos);
}

TEST_CASE(
    "a palette PNG's profile is the base of its indexed colour space; a profile that does not fit is left "
    "out") {
  const std::string adobe = profile("compatibleWithAdobeRGB1998.icc");
  auto palette = std::make_shared<Raster>();
  palette->encoding = Raster::Encoding::PngData;
  palette->width = 2;
  palette->height = 1;
  palette->png_colors = 1;
  palette->png_bits = 1;
  palette->palette = std::string("\xFF\x00\x00\x00\x00\xFF", 6);
  palette->data = zlib_compress(std::string("\x00\x40", 2));  // one row: filter 0, pixels 0 and 1
  palette->icc = adobe;
  // A gray picture with an RGB profile: PDF would refuse /N 3 on one component.
  auto gray = std::make_shared<Raster>();
  gray->encoding = Raster::Encoding::Gray8;
  gray->width = gray->height = 2;
  gray->data = std::string(4, '\x80');
  gray->icc = adobe;
  layout::Document doc =
      test::one_page({}, {layout::ImageItem{{20, 20, 40, 20}, 0}, layout::ImageItem{{20, 60, 20, 20}, 1}});
  doc.images = {palette, gray};
  const std::string path = test::write_file("palette_icc.pdf", render::write_pdf(doc));
  const auto check = test::run("qpdf --check '" + path + "'", true);
  CAPTURE(check.out);
  CHECK(check.status == 0);
  CHECK(check.out.find("WARNING") == std::string::npos);
  const std::string qdf = test::qdf(path);
  CHECK(std::regex_search(
      qdf, std::regex("/ColorSpace \\[\\s*/Indexed\\s+\\[\\s*/ICCBased\\s+\\d+ 0 R\\s*\\]\\s+1")));
  // The gray picture: PDF/A's stock gray profile (pdfa.h), not the misfit.
  std::vector<std::string> profiles;
  std::regex any("/ICCBased\\s+(\\d+) 0 R");
  for (auto it = std::sregex_iterator(qdf.begin(), qdf.end(), any); it != std::sregex_iterator(); ++it)
    profiles.push_back((*it)[1]);
  REQUIRE(profiles.size() == 2);
  const size_t at = qdf.find("\n" + profiles[1] + " 0 obj\n");
  REQUIRE(at != std::string::npos);
  CHECK(qdf.substr(at, qdf.find("endobj", at) - at).find("/N 1") != std::string::npos);
}

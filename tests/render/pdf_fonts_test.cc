// Fonts are embedded as Type0 / Identity-H subsets whose glyph ids, widths and names a reader of
// the file can check.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.h"
#include "pdf_tools.h"
#include "render/pdf/pdf.h"

using namespace tp;
using test::kBold;
using test::kRegular;
using test::shape;

namespace {

layout::Document two_fonts() {
  return test::one_page({{kRegular, 0}, {kBold, 0}}, {shape(kRegular, 0, "Regular text", 12, {40, 60}),
                                                      shape(kBold, 1, "Bold text", 12, {40, 80})});
}

}  // namespace

TEST_CASE("pdffonts: CID TrueType, Identity-H, embedded, subset, with ToUnicode") {
  const std::string path = test::write_file("fonts.pdf", render::write_pdf(two_fonts()));
  const std::string out = test::run("pdffonts '" + path + "'").out;
  std::istringstream lines(out);
  std::string line;
  int fonts = 0;
  std::getline(lines, line);  // header
  std::getline(lines, line);  // ------
  while (std::getline(lines, line)) {
    ++fonts;
    CAPTURE(line);
    CHECK(std::regex_search(
        line, std::regex("^[A-Z]{6}\\+NotoSans-(Regular|Bold) +CID TrueType +Identity-H +yes yes yes")));
  }
  CHECK(fonts == 2);
}

TEST_CASE("the subset holds only the used glyphs, renumbered, with /W from the font") {
  auto run = shape(kRegular, 0, "Hello", 12, {40, 60});
  const std::string path =
      test::write_file("subset.pdf", render::write_pdf(test::one_page({{kRegular, 0}}, {run})));

  // New ids follow the order of the old ones, after .notdef (0).
  std::set<std::uint32_t> old_ids = {0};
  for (const auto& g : run.glyphs) old_ids.insert(g.gid);
  std::vector<std::uint32_t> order(old_ids.begin(), old_ids.end());
  auto new_id = [&](std::uint32_t old) { return std::find(order.begin(), order.end(), old) - order.begin(); };

  const std::string text = test::qdf(path);
  std::string hex;
  for (const auto& g : run.glyphs) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", static_cast<unsigned>(new_id(g.gid)));  // qpdf lowercases hex
    hex += buf;
  }
  CHECK(text.find("/F1 12 Tf") != std::string::npos);
  CHECK_MESSAGE(text.find("[<" + hex + ">] TJ") != std::string::npos, hex);

  const std::vector<double> w = test::array_after(text, "/W");
  REQUIRE(w.size() == order.size() + 1);
  CHECK(w[0] == 0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    CHECK(w[i + 1] == doctest::Approx(std::round(test::advance_1000(kRegular, order[i]))));
  }
  CHECK(text.find("/CIDToGIDMap /Identity") != std::string::npos);
  CHECK(text.find("/Encoding /Identity-H") != std::string::npos);

  // The embedded program (Length1 = its uncompressed size) is a small part of the original.
  std::smatch m;
  REQUIRE(std::regex_search(text, m, std::regex("/Length1 (\\d+)")));
  const auto subset_size = std::stoul(m[1]);
  const auto original_size = std::filesystem::file_size(kRegular);
  CAPTURE(subset_size);
  CHECK(subset_size * 50 < original_size);

  // The descriptor carries real metrics.
  CHECK(test::array_after(text, "/FontBBox").size() == 4);
  CHECK(std::regex_search(text, std::regex("/Ascent [1-9]")));
  CHECK(std::regex_search(text, std::regex("/Descent -[1-9]")));
  CHECK(std::regex_search(text, std::regex("/CapHeight [1-9]")));
  CHECK(std::regex_search(text, std::regex("/StemV [1-9]")));
  CHECK(text.find("/FontFile2") != std::string::npos);
  CHECK(text.find("/ToUnicode") != std::string::npos);
}

TEST_CASE("the subset tag depends on the glyphs, not on chance") {
  auto tag_of = [](const std::string& s) {
    const std::string path = test::write_file(
        "tag.pdf", render::write_pdf(test::one_page({{kRegular, 0}}, {shape(kRegular, 0, s, 12, {40, 60})})));
    std::smatch m;
    const std::string out = test::run("pdffonts '" + path + "'").out;
    REQUIRE(std::regex_search(out, m, std::regex("([A-Z]{6})\\+NotoSans")));
    return m[1].str();
  };
  CHECK(tag_of("abc") == tag_of("abc"));
  CHECK(tag_of("abc") != tag_of("abd"));
}

TEST_CASE("fonts only referenced by no glyph are not embedded") {
  auto doc = test::one_page({{kRegular, 0}, {kBold, 0}}, {shape(kRegular, 0, "only regular", 12, {40, 60})});
  const std::string path = test::write_file("unused.pdf", render::write_pdf(doc));
  const std::string out = test::run("pdffonts '" + path + "'").out;
  CHECK(out.find("NotoSans-Regular") != std::string::npos);
  CHECK(out.find("NotoSans-Bold") == std::string::npos);
}

TEST_CASE("a bad font is a tp::Error naming the file") {
  auto run = shape(kRegular, 0, "Hi", 12, {40, 60});
  for (const std::string& bad : {std::string("/nonexistent/font.ttf"), std::string("/etc/hostname")}) {
    CAPTURE(bad);
    try {
      render::write_pdf(test::one_page({{bad, 0}}, {run}));
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::Internal);
      CHECK(e.where() == "pdf");
      CHECK(e.message().find(bad) != std::string::npos);
    }
  }
  // A glyph id the font does not have.
  run.glyphs[0].gid = 60000;
  CHECK_THROWS_AS(render::write_pdf(test::one_page({{kRegular, 0}}, {run})), Error);
  // A run pointing at no font.
  run = shape(kRegular, 3, "Hi", 12, {40, 60});
  CHECK_THROWS_AS(render::write_pdf(test::one_page({{kRegular, 0}}, {run})), Error);
}

namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint8_t(s[at + 3]);
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>(v >> (24 - 8 * i));
}

// A TrueType collection (OpenType spec, "Font Collections") of whole font files placed one after
// the other behind a version 1.0 header; each table record's offset is moved by its font's start.
std::string make_collection(const std::vector<std::string>& fonts) {
  std::string out = "ttcf";
  out += std::string("\0\1\0\0", 4);
  out += std::string(4 + 4 * fonts.size(), '\0');
  put32(out, 8, static_cast<std::uint32_t>(fonts.size()));
  for (std::size_t i = 0; i < fonts.size(); ++i) {
    while (out.size() % 4) out += '\0';
    const auto base = static_cast<std::uint32_t>(out.size());
    put32(out, 12 + 4 * i, base);
    std::string font = fonts[i];
    const unsigned tables = (std::uint8_t(font[4]) << 8) | std::uint8_t(font[5]);
    for (unsigned t = 0; t < tables; ++t) put32(font, 12 + 16 * t + 8, be32(font, 12 + 16 * t + 8) + base);
    out += font;
  }
  return out;
}

}  // namespace

TEST_CASE("a face inside a collection is embedded by its index") {
  const std::string ttc =
      test::write_file("pair.ttc", make_collection({test::read_file(kRegular), test::read_file(kBold)}));
  auto run = shape(kBold, 0, "Bold from a collection", 12, {40, 60});
  const std::string path = test::write_file("ttc.pdf", render::write_pdf(test::one_page({{ttc, 1}}, {run})));
  const std::string fonts = test::run("pdffonts '" + path + "'").out;
  CHECK(fonts.find("+NotoSans-Bold") != std::string::npos);
  CHECK(fonts.find("Regular") == std::string::npos);
  CHECK(test::run("pdftotext '" + path + "' -").out.find("Bold from a collection") != std::string::npos);
  CHECK_THROWS_AS(render::write_pdf(test::one_page({{ttc, 2}}, {run})), Error);
}

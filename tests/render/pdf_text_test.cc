// Text written by glyph id comes back out of the PDF: pdftotext gives the source text (scripts,
// ligatures, emoji behind invisible runs) and puts words where layout put them.
#include <doctest/doctest.h>

#include <sstream>

#include "pdf_tools.h"
#include "render/pdf/pdf.h"

using namespace tp;
using test::kRegular;
using test::shape;

namespace {

std::string pdftotext(const std::string& path) {
  return test::run("pdftotext -enc UTF-8 '" + path + "' -").out;
}

// Words and their boxes from `pdftotext -bbox`: "xMin yMin xMax yMax word" lines.
struct Word {
  double x0, y0, x1, y1;
  std::string text;
};
std::vector<Word> words(const std::string& path) {
  std::string html = test::run("pdftotext -bbox -enc UTF-8 '" + path + "' -").out;
  std::vector<Word> out;
  for (std::size_t at = html.find("<word "); at != std::string::npos; at = html.find("<word ", at + 1)) {
    Word w{};
    std::sscanf(html.c_str() + at, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">", &w.x0, &w.y0,
                &w.x1, &w.y1);
    const std::size_t start = html.find('>', at) + 1;
    w.text = html.substr(start, html.find("</word>", start) - start);
    out.push_back(w);
  }
  return out;
}

}  // namespace

TEST_CASE("pdftotext returns English, Ukrainian and Greek sentences") {
  auto en = shape(kRegular, 0, "The quick brown fox jumps over the lazy dog.", 12, {40, 60});
  auto uk = shape(kRegular, 0, "Привіт, світе", 12, {40, 90});
  auto el = shape(kRegular, 0, "Καλημέρα κόσμε", 12, {40, 120});
  auto bold = shape(test::kBold, 1, "Bold words, too", 14, {40, 150});
  const std::string path = test::write_file(
      "scripts.pdf",
      render::write_pdf(test::one_page({{kRegular, 0}, {test::kBold, 0}}, {en, uk, el, bold})));
  const std::string text = pdftotext(path);
  CHECK(text.find("The quick brown fox jumps over the lazy dog.") != std::string::npos);
  CHECK(text.find("Привіт, світе") != std::string::npos);
  CHECK(text.find("Καλημέρα κόσμε") != std::string::npos);
  CHECK(text.find("Bold words, too") != std::string::npos);
}

TEST_CASE("a ligature still extracts its letters") {
  auto run = shape(kRegular, 0, "office affine", 12, {40, 60});
  // NotoSans forms ligatures for "ffi": fewer glyphs than letters proves the test means something.
  CHECK(run.glyphs.size() < run.text.size());
  const std::string path =
      test::write_file("ligature.pdf", render::write_pdf(test::one_page({{kRegular, 0}}, {run})));
  CHECK(pdftotext(path).find("office affine") != std::string::npos);
}

TEST_CASE("stand-in runs over emoji images extract each sequence whole, in its place") {
  // As layout does it: the emoji is an image; its text rides on a stand-in run of one glyph.
  const std::vector<std::string> emoji = {
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",  // family ZWJ
      "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6",                                          // flag UA
      "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",                                          // thumbs up, skin tone
      "1\xEF\xB8\x8F\xE2\x83\xA3",                                                 // keycap 1
      "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6",                                          // the flag again
  };
  std::vector<layout::Item> items;
  double x = 40;
  for (const std::string& e : emoji) {
    auto before = shape(kRegular, 0, "see", 12, {x, 60});
    x += test::run_width(before);
    items.push_back(before);
    layout::GlyphRun carrier;
    carrier.font = -1;
    carrier.stand_in = true;
    carrier.size = 12;
    carrier.origin = {x, 60};
    carrier.text = e;
    carrier.glyphs = {{0, 0, 0, 0, 14.94}};
    items.push_back(carrier);
    x += 14.94 + 3;
  }
  items.push_back(shape(kRegular, 0, "spaces are spaces", 12, {40, 90}));
  const std::string path =
      test::write_file("emoji.pdf", render::write_pdf(test::one_page({{kRegular, 0}}, items)));
  const std::string text = pdftotext(path);
  // Glued to the word before it: the stand-in is exactly as wide as its advance, no gap, no overlap.
  for (const std::string& e : emoji) CHECK_MESSAGE(text.find("see" + e) != std::string::npos, e, "\n", text);
  CHECK(text.find("spaces are spaces") != std::string::npos);

  // One Type 3 glyph per distinct sequence (the repeated flag reuses its glyph), each mapped to the
  // whole sequence, and no /ActualText needed for any of them.
  const std::string q = test::qdf(path);
  CHECK(q.find("/Subtype /Type3") != std::string::npos);
  CHECK(q.find("/ActualText") == std::string::npos);
  CHECK(q.find("<21> <D83DDC68200DD83DDC69200DD83DDC67>") != std::string::npos);  // family
  CHECK(q.find("<22> <D83CDDFAD83CDDE6>") != std::string::npos);                  // flag
  CHECK(q.find("<23> <D83DDC4DD83CDFFD>") != std::string::npos);                  // thumbs up
  CHECK(q.find("<24> <0031FE0F20E3>") != std::string::npos);                      // keycap
  CHECK(q.find("/LastChar 36") != std::string::npos);  // four glyphs, codes 33 to 36
  // qpdf's normalised content writes code 0x22 as the string (").
  const std::size_t flag = q.find("[(\")] TJ");
  CHECK(flag != std::string::npos);
  CHECK(q.find("[(\")] TJ", flag + 1) != std::string::npos);
  // Widths are the advance in thousandths of the font size: 14.94 / 12 * 1000 = 1245.
  CHECK(test::array_after(q, "/Widths") == std::vector<double>{600, 1245, 1245, 1245, 1245});
}

TEST_CASE(
    "more distinct stand-ins than one Type 3 font holds go to a second font, each still its own glyph") {
  // 223 one-byte codes (33..255) per font: 300 distinct texts need two fonts.
  std::vector<layout::Item> items;
  for (int i = 0; i < 300; ++i) {
    layout::GlyphRun carrier;
    carrier.font = -1;
    carrier.stand_in = true;
    carrier.size = 8;
    carrier.origin = {20.0 + (i % 10) * 38, 30.0 + (i / 10) * 18};
    carrier.text = "#" + std::to_string(i);
    carrier.glyphs = {{0, 0, 0, 0, 30}};
    items.push_back(carrier);
  }
  const std::string path = test::write_file("many.pdf", render::write_pdf(test::one_page({}, items)));
  const std::string fonts = test::run("pdffonts '" + path + "'").out;
  std::size_t type3 = 0;
  for (std::size_t at = fonts.find("Type 3"); at != std::string::npos; at = fonts.find("Type 3", at + 1))
    ++type3;
  CHECK(type3 == 2);
  const std::string text = pdftotext(path);
  // Each text whole, as a word of its own (the carriers stand 8 pt apart).
  for (int i : {0, 1, 222, 223, 224, 299}) {
    const std::string word = "#" + std::to_string(i);
    const bool found =
        text.find(word + "\n") != std::string::npos || text.find(word + " ") != std::string::npos;
    CHECK_MESSAGE(found, word, "\n", text);
  }
}

TEST_CASE("words land where layout put them") {
  auto hello = shape(kRegular, 0, "Hello", 20, {50, 100});
  auto world = shape(kRegular, 0, "World", 20, {200, 100});
  const double w_advance = world.glyphs[0].advance;
  world.glyphs[0].advance += 10;  // a layout decision the PDF must keep: "W" and "orld" 10 pt apart
  const std::string path =
      test::write_file("positions.pdf", render::write_pdf(test::one_page({{kRegular, 0}}, {hello, world})));
  auto ws = words(path);
  REQUIRE(ws.size() == 3);
  CHECK(ws[0].text == "Hello");
  CHECK(ws[0].x0 == doctest::Approx(50).epsilon(0.001));
  CHECK(ws[0].x1 == doctest::Approx(50 + test::run_width(hello)).epsilon(0.001));
  CHECK(ws[1].text == "W");
  CHECK(ws[1].x0 == doctest::Approx(200).epsilon(0.001));
  CHECK(ws[2].text == "orld");
  CHECK(ws[2].x0 == doctest::Approx(200 + w_advance + 10).epsilon(0.001));
  CHECK(ws[2].x1 == doctest::Approx(200 + test::run_width(world)).epsilon(0.001));
  // The baseline is 100 pt from the top: the word box straddles it (ascender above, descender below).
  CHECK(ws[0].y0 < 100);
  CHECK(ws[0].y1 > 100);
  CHECK(ws[0].y1 < 110);
}

TEST_CASE("a raised glyph is drawn once at its rise and its word still extracts whole") {
  auto word = shape(kRegular, 0, "World", 20, {200, 100});
  word.glyphs[2].dy = -4;  // an "r" raised by 4 pt, as marks are
  const std::string path =
      test::write_file("raised.pdf", render::write_pdf(test::one_page({{kRegular, 0}}, {word})));
  auto ws = words(path);
  REQUIRE(ws.size() == 1);
  CHECK(ws[0].text == "World");
  const std::string q = test::qdf(path);
  CHECK(q.find("4 Ts") != std::string::npos);
  CHECK(q.find("3 Tr") == std::string::npos);  // no invisible second copy
}

TEST_CASE("base-and-mark clusters spell through the cmap; clusters ToUnicode cannot spell use ActualText") {
  // q + combining acute has no precomposed glyph: two glyphs, one cluster, each glyph the font's
  // own for one of its code points.
  auto marks = shape(kRegular, 0, "q\u0301 and x", 12, {40, 60});
  // The same glyph as "x" standing for other text (say, a fallback layout chose).
  auto other = shape(kRegular, 0, "x", 12, {40, 90});
  other.text = "y";
  const std::string path =
      test::write_file("actualtext.pdf", render::write_pdf(test::one_page({{kRegular, 0}}, {marks, other})));
  const std::string text = pdftotext(path);
  CAPTURE(text);
  CHECK(text.find("q\u0301 and x") != std::string::npos);
  CHECK(text.find("y") != std::string::npos);
  const std::string content = test::qdf(path);  // qpdf writes hex strings in lower case
  CHECK(content.find("/Span <</ActualText <feff00710301>>> BDC") == std::string::npos);
  CHECK(content.find("/Span <</ActualText <feff0079>>> BDC") != std::string::npos);
}

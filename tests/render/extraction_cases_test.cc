// What each hard case of text extraction is written as, read back from the PDF: the ToUnicode
// CMaps, the content stream (qpdf --qdf) and pdftotext. The emoji cases (ZWJ family, flag, keycap,
// skin tone) are in pdf_text_test.cc, beside the stand-in runs that carry them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include "pdf_tools.h"
#include "render/pdf/pdf.h"

using namespace tp;

namespace {

const std::string kArabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
const std::string kDevanagari = "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf";
const std::string kThai = "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf";

struct Written {
  std::string qdf;   // every stream decompressed, content as written, in lower case
  std::string text;  // pdftotext
};

Written write(const std::string& name, const std::string& font, const layout::GlyphRun& run) {
  const std::string path = test::write_file(name, render::write_pdf(test::one_page({{font, 0}}, {run})));
  // Content not normalised: qpdf would rewrite the hex strings of ActualText as literal strings.
  Written w{test::run("qpdf --qdf --object-streams=disable --normalize-content=n '" + path + "' -").out,
            test::run("pdftotext -enc UTF-8 '" + path + "' -").out};
  std::transform(w.qdf.begin(), w.qdf.end(), w.qdf.begin(), [](unsigned char c) { return std::tolower(c); });
  return w;
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("lam-alef: one glyph whose ToUnicode holds both letters in visual order, no ActualText") {
  auto run = test::shape(kArabic, 0, "\xD9\x84\xD8\xA7", 14, {40, 60});  // لا
  REQUIRE(run.glyphs.size() == 1);                                       // the ligature
  const Written w = write("lam-alef.pdf", kArabic, run);
  // Readers reverse a right-to-left glyph's characters: alef (0627) then lam (0644) reads back "لا".
  CHECK(has(w.qdf, "> <06270644>\n"));
  CHECK(!has(w.qdf, "<06440627>"));
  CHECK(!has(w.qdf, "/actualtext"));
  CHECK(has(w.text, "\xD9\x84\xD8\xA7"));
}

TEST_CASE(
    "a Devanagari conjunct after its pre-base vowel sign: both glyphs mapped, ActualText in text order") {
  auto run =
      test::shape(kDevanagari, 0, "\xE0\xA4\xA4\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xBF", 14, {40, 60});  // त्रि
  REQUIRE(run.glyphs.size() == 2);  // the i sign drawn first, then the त्र ligature
  const Written w = write("conjunct.pdf", kDevanagari, run);
  CHECK(has(w.qdf, "> <093f>\n"));          // the sign's glyph
  CHECK(has(w.qdf, "> <0924094d0930>\n"));  // the conjunct's glyph: त ् र
  // Drawn in the other order than the text's, so readers that honour it get the text from here.
  CHECK(has(w.qdf, "/actualtext <feff0924094d0930093f>"));
  CHECK(has(w.text, "\xE0\xA4\xA4\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xBF"));
}

TEST_CASE("Thai stacked marks: each drawn once at its offset, the run one ActualText span") {
  const std::string word = "\xE0\xB8\x97\xE0\xB8\xB1\xE0\xB9\x89\xE0\xB8\x87";  // ทั้ง
  auto run = test::shape(kThai, 0, word, 14, {40, 60});
  const bool moved =
      std::any_of(run.glyphs.begin(), run.glyphs.end(), [](const layout::Glyph& g) { return g.dy != 0; });
  REQUIRE(moved);  // mai tho stacked on mai han-akat is moved: the case the test is about
  const Written w = write("thai.pdf", kThai, run);
  CHECK(count(w.qdf, "/actualtext") == 1);
  CHECK(has(w.qdf, "/actualtext <feff0e170e310e490e07>"));
  CHECK(!has(w.qdf, "3 tr"));  // no invisible second copy of any mark
  CHECK(has(w.qdf, " ts\n"));  // the raised or lowered mark is drawn at its rise
  // Every glyph appears in the content exactly as often as in the run: once.
  std::size_t codes = 0;
  for (std::size_t at = w.qdf.find("] tj"); at != std::string::npos; at = w.qdf.find("] tj", at + 1)) {
    const std::size_t open = w.qdf.rfind('[', at);
    for (std::size_t i = open; i < at; ++i)
      if (w.qdf[i] == '<') {
        const std::size_t close = w.qdf.find('>', i);
        codes += (close - i - 1) / 4;
        i = close;
      }
  }
  CHECK(codes == run.glyphs.size());
  CHECK(has(w.text, word));
}

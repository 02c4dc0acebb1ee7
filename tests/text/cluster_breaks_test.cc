// Line cuts and hyphenation never split a glyph cluster: a ligature ("ffi") or a conjunct is drawn
// whole on one line, so the text of each line is exactly what its glyphs show.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "text/hyphenate.h"
#include "text/paragraph.h"
#include "text_fixture.h"

using namespace tp;
using text::Paragraph;

namespace {

Paragraph para(const std::string& s, double size = 10) {
  return Paragraph(test::fonts(), s, {}, size, test::font_diagnostics(), "test");
}

// Every glyph of a line stands for text inside the line: a glyph whose cluster starts on one line
// and whose text goes on on the next would print its letters on one line and lose them on the other.
void check_lines_hold_their_glyphs(const Paragraph& p, const std::vector<text::Line>& lines) {
  for (const text::Line& l : lines) {
    CHECK_MESSAGE(p.cluster_start(l.start), "line starts inside a cluster at byte ", l.start);
    for (const text::LinePiece& piece : l.pieces) {
      const text::ShapedRun& run = p.runs()[static_cast<size_t>(piece.run)];
      for (size_t k = piece.glyph_begin; k < piece.glyph_end; ++k) {
        CHECK(run.glyphs[k].cluster >= l.start);
        CHECK(run.glyphs[k].cluster < l.end);
      }
    }
  }
}

}  // namespace

TEST_CASE("the cluster table knows that a ligature is one cluster over several letters") {
  auto p = para("office");
  // NotoSans draws "ffi" as one glyph: fewer glyphs than letters proves the case means something.
  REQUIRE(p.runs().size() == 1);
  REQUIRE(p.runs()[0].glyphs.size() < 6);
  CHECK(p.cluster_start(0));
  CHECK(p.cluster_start(1));   // o|ffi
  CHECK(!p.cluster_start(2));  // f|fi: inside the ligature
  CHECK(!p.cluster_start(3));
  CHECK(p.cluster_start(4));  // ffi|c
  CHECK(p.cluster_start(6));  // the end
}

TEST_CASE("hyphenation points inside a ligature are not used: \"office offer efficient\" set narrow") {
  auto hyphenator = text::Hyphenator::for_language("en");
  REQUIRE(hyphenator);
  // The dictionary does offer points inside the ligatures (of-fice, ef-fi-cient): without the
  // cluster table they would be taken at this width.
  CHECK(!hyphenator->points("office").empty());
  const std::string words = "office offer efficient office offer efficient office offer efficient";
  auto p = para(words);
  bool hyphenated = false;
  for (double width : {28.0, 34.0, 40.0, 46.0, 52.0, 60.0}) {
    CAPTURE(width);
    const auto lines = p.layout_justified(width, hyphenator.get());
    check_lines_hold_their_glyphs(p, lines);
    for (const auto& l : lines) {
      hyphenated |= l.hyphen;
      if (l.hyphen) CHECK(p.cluster_start(l.end));
    }
  }
  // Hyphenation still happens where it splits no glyph ("effi-cient").
  CHECK(hyphenated);
}

TEST_CASE("a word wider than the line is cut between glyph clusters, never inside a ligature") {
  auto p = para("officeofficeofficeofficeofficeofficeoffice");
  for (double width : {12.0, 15.0, 18.0, 21.0, 24.0}) {
    CAPTURE(width);
    const auto lines = p.layout(width);
    CHECK(lines.size() > 3);
    check_lines_hold_their_glyphs(p, lines);
  }
}

TEST_CASE("grapheme clusters beside emoji, marks and CR LF are UAX #29's, plain letters one each") {
  // a e+U+0301 b 👍🏽 c CR LF d 🇺🇦 e: the mark stays with its letter, the skin tone with its emoji,
  // CR with LF and the two regional indicators together; every other letter is a cluster alone.
  const std::string s = "ae\u0301b\U0001F44D\U0001F3FDc\r\nd\U0001F1FA\U0001F1E6e";
  REQUIRE(s.size() == 26);
  auto p = para(s);
  const std::set<size_t> starts = {0, 1, 4, 5, 13, 14, 16, 17, 25, 26};
  for (size_t b = 0; b <= s.size(); ++b)
    CHECK_MESSAGE(p.cluster_start(b) == (starts.count(b) == 1), "byte ", b);
}

TEST_CASE(
    "bidi levels: a left-to-right text with emoji and symbols stays level 0, Hebrew in it goes right to "
    "left") {
  auto levels = [](const std::string& s) {
    auto p = para(s);
    std::vector<int> out;
    for (const auto& run : p.runs()) out.push_back(run.level);
    return out;
  };
  for (int level : levels("Tea \u2615 at 5 \u2192 6 \U0001F44D \u00A9 2026")) CHECK(level == 0);
  // Left to right from its first strong letter; the Hebrew word after the emoji is the one run at
  // level 1.
  const auto mixed = levels("abc \U0001F44D \u05E9\u05DC\u05D5\u05DD def");
  CHECK(std::count(mixed.begin(), mixed.end(), 1) == 1);
  CHECK(std::count(mixed.begin(), mixed.end(), 0) == static_cast<long>(mixed.size()) - 1);
}

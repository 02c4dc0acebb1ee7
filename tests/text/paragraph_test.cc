#include "text/paragraph.h"

#include <doctest/doctest.h>

#include <set>

#include "text_fixture.h"

using namespace tp;
using text::Paragraph;

namespace {
Paragraph para(const std::string& s, double size = 10, std::vector<text::StyleRange> styles = {}) {
  return Paragraph(test::fonts(), s, styles, size, test::font_diagnostics(), "test");
}
std::string line_text(const Paragraph& p, const text::Line& l) {
  return p.text().substr(l.start, l.end - l.start);
}
}  // namespace

TEST_CASE("shaping gives one glyph per Latin letter with positive advances") {
  auto p = para("Hello");
  REQUIRE(p.runs().size() == 1);
  CHECK(p.runs()[0].glyphs.size() == 5);
  for (const auto& g : p.runs()[0].glyphs) CHECK(g.advance > 2);
  CHECK(p.serialize().rfind("NotoSans-Regular.ttf ltr [", 0) == 0);
}

TEST_CASE("a ZWJ family is one glyph of the emoji face, its cluster spanning the whole sequence") {
  auto p = para("a 👨‍👩‍👧 b");
  REQUIRE(p.runs().size() == 3);
  CHECK(test::fonts().face(p.runs()[1].face).emoji);
  CHECK(p.runs()[1].glyphs.size() == 1);
  CHECK(p.runs()[1].glyphs[0].cluster == 2);
}

TEST_CASE("bold ranges get the bold face and keep their tag") {
  auto p = para("plain bold", 10, {{6, 10, true, 7}});
  REQUIRE(p.runs().size() == 2);
  CHECK(test::fonts().face(p.runs()[1].face).bold);
  CHECK(p.runs()[1].tag == 7);
}

TEST_CASE("lines break at spaces and never exceed the width") {
  auto p = para("The quick brown fox jumps over the lazy dog and keeps running far away");
  auto lines = p.layout(100);
  CHECK(lines.size() > 2);
  std::string joined;
  for (const auto& l : lines) {
    CHECK(l.width <= 100.0001);
    std::string t = line_text(p, l);
    CHECK(t.front() != ' ');
    CHECK(t.back() != ' ');
    joined += (joined.empty() ? "" : " ") + t;
  }
  CHECK(joined == p.text());
}

TEST_CASE("a line feed forces a break and an empty line stays a line") {
  auto p = para("one\n\ntwo");
  auto lines = p.layout(500);
  REQUIRE(lines.size() == 3);
  CHECK(line_text(p, lines[0]) == "one");
  CHECK(line_text(p, lines[1]).empty());
  CHECK(line_text(p, lines[2]) == "two");
}

TEST_CASE("a word wider than the line is cut between clusters") {
  auto p = para("https://example.org/a/very/long/path/that/cannot/fit/on/one/narrow/line");
  auto lines = p.layout(60);
  CHECK(lines.size() > 3);
  for (const auto& l : lines) CHECK(l.width <= 60.0001);
}

TEST_CASE("base direction comes from the first strong character") {
  CHECK(text::detect_direction("123 שלום world") == text::Direction::Rtl);
  CHECK(text::detect_direction("hello שלום") == text::Direction::Ltr);
  CHECK(text::detect_direction("123") == text::Direction::Ltr);
}

TEST_CASE("a right-to-left paragraph reorders its pieces for display") {
  // Hebrew word, then an English name, then Hebrew: visual order is Hebrew(3) English Hebrew(1).
  auto p = para("שלום Bob עולם");
  REQUIRE(p.rtl());
  auto lines = p.layout(1000);
  REQUIRE(lines.size() == 1);
  const auto& pieces = lines[0].pieces;
  REQUIRE(pieces.size() >= 2);
  // The leftmost piece holds the last logical word, the rightmost the first.
  CHECK(pieces.front().start > pieces.back().start);
}

TEST_CASE("characters no font has are reported once") {
  Diagnostics diag;
  Paragraph p(test::fonts(), "x\U000F0000y\U000F0000", {}, 10, diag, "post 3");
  REQUIRE(diag.warnings().size() == 1);
  CHECK(diag.warnings()[0].line().find("post 3: no installed font has U+F0000") == 0);
}

TEST_CASE("a URL breaks only after its separators, never inside its scheme") {
  const std::string url = "https://example.org/archive/2026/threads/a-very-long-path-name?lang=en&page=12";
  std::string text = "Read " + url + " now";
  text::StyleRange r{5, 5 + url.size(), false, 1, true};
  auto p = para(text, 10, {r});
  for (double width : {130.0, 160.0, 200.0}) {  // every segment between separators fits
    auto lines = p.layout(width);
    REQUIRE(lines.size() > 1);
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
      size_t end = lines[i].end;  // a break inside the URL comes right after a separator
      if (end > r.start && end < r.end) {
        CHECK_MESSAGE(std::string("/?&-=#").find(text[end - 1]) != std::string::npos, text.substr(0, end));
        CHECK(end > r.start + 8);  // not inside "https://"
      }
    }
  }
  // Without the url flag UAX #14 would allow a break right after "https://".
  auto plain = para(text, 10);
  bool after_scheme = false;
  for (const auto& o : plain.breaks()) after_scheme |= o.offset == 5 + 8;
  bool url_after_scheme = false;
  for (const auto& o : p.breaks()) url_after_scheme |= o.offset == 5 + 8;
  CHECK(after_scheme);
  CHECK_FALSE(url_after_scheme);
}

TEST_CASE("Thai breaks between words (dictionary), never inside one") {
  // "The library will open tomorrow at nine in the morning", in its dictionary words: the
  // compounds ห้องสมุด (library: room + book) and พรุ่งนี้ (tomorrow) split into their parts.
  const std::vector<std::string> words = {"ห้อง", "สมุด", "จะ", "เปิด", "พรุ่ง", "นี้", "เวลา", "เก้า", "โมง", "เช้า"};
  std::string text;
  std::set<size_t> boundaries;
  for (const auto& w : words) {
    text += w;
    boundaries.insert(text.size());
  }
  auto p = para(text);
  for (const auto& o : p.breaks()) CHECK_MESSAGE(boundaries.count(o.offset), o.offset);
  for (double width : {40.0, 60.0, 90.0}) {
    auto lines = p.layout(width);
    REQUIRE(lines.size() > 1);
    for (const auto& l : lines) CHECK(boundaries.count(l.end));
  }
}

TEST_CASE("CJK breaks between ideographs but never before closing punctuation (kinsoku)") {
  const std::string text = "図書館は明日の午前九時に開きます。皆さん、どうぞお越しください（無料）。";
  auto p = para(text);
  const std::string no_start[] = {"。", "、", "）", "」"};
  for (double width : {30.0, 45.0, 60.0, 75.0}) {
    auto lines = p.layout(width);
    REQUIRE(lines.size() > 2);
    for (size_t i = 1; i < lines.size(); ++i)
      for (const auto& punct : no_start) CHECK(text.compare(lines[i].start, punct.size(), punct) != 0);
  }
  // Between two ideographs a break is allowed: many opportunities, not only at punctuation.
  CHECK(p.breaks().size() > 20);
}

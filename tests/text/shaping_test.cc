// Golden shaping tests: each case's glyph runs in HarfBuzz's serialised form, so a regression in
// itemisation (bidi, script, font choice) or shaping shows as a one-line text diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../support/golden.h"
#include "text/paragraph.h"
#include "text_fixture.h"

using namespace tp;

namespace {

const std::string kCases = TP_TEST_DATA "/text/shaping.txt";
const std::string kExpected = TP_TEST_DATA "/text/shaping.expected";

std::vector<std::pair<std::string, std::string>> cases() {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(kCases);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

std::string shaped(const std::string& text) {
  text::Paragraph p(test::fonts(), text, {}, 1000, test::font_diagnostics(),
                    "shaping");  // size 1000: font units
  return p.serialize();
}

}  // namespace

TEST_CASE("shaped glyph runs match the golden file") {
  std::string actual;
  for (const auto& [name, text] : cases()) actual += "== " + name + "\n" + shaped(text) + "\n";
  test::check_golden(kExpected, actual);
}

TEST_CASE("itemisation: Arabic and Hebrew runs are right to left, Latin left to right, emoji one glyph") {
  CHECK(shaped("مرحبا").find(" rtl [") != std::string::npos);
  CHECK(shaped("שלום").find("NotoSansHebrew-Regular.ttf rtl [") == 0);
  CHECK(shaped("abc").find("NotoSans-Regular.ttf ltr [") == 0);
  for (const char* e : {"👨‍👩‍👧", "🇺🇦", "👍🏽", "1️⃣"}) {
    std::string s = shaped(e);
    CHECK_MESSAGE(s.find("NotoColorEmoji.ttf ltr [") == 0, e);
    CHECK_MESSAGE(s.find('|') == std::string::npos, e);  // a single glyph
  }
}

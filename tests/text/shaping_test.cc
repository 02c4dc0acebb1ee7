// Golden shaping tests: each case's glyph runs in HarfBuzz's serialised form, so a regression in
// itemisation (bidi, script, font choice) or shaping shows as a one-line text diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <set>
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

TEST_CASE("the declared language chooses the CJK glyph forms: the same Han character differs by locale") {
  auto gids = [](const std::string& text, const std::string& lang) {
    text::Paragraph p(test::fonts(), text, {}, 1000, test::font_diagnostics(), "shaping",
                      text::Direction::Auto, lang);
    std::vector<std::uint32_t> out;
    for (const auto& run : p.runs())
      for (const auto& g : run.glyphs) out.push_back(g.gid);
    return out;
  };
  // Noto Sans CJK draws 次 (U+6B21) four ways, for Japan, Korea, mainland China and Taiwan; 骨
  // (U+9AA8) three (Korea as Japan); 直 (U+76F4) differs between Japan and China.
  const auto ja = gids("\u6B21", "ja"), ko = gids("\u6B21", "ko"), zh_hans = gids("\u6B21", "zh-Hans"),
             zh_hant = gids("\u6B21", "zh-Hant");
  REQUIRE(ja.size() == 1);
  CHECK(std::set<std::vector<std::uint32_t>>{ja, ko, zh_hans, zh_hant}.size() == 4);
  CHECK(std::set<std::vector<std::uint32_t>>{gids("\u9AA8", "ja"), gids("\u9AA8", "zh-Hans"),
                                             gids("\u9AA8", "zh-Hant")}
            .size() == 3);
  CHECK(gids("\u76F4", "ja") != gids("\u76F4", "zh-Hans"));
  // Region subtags say the same as script subtags.
  CHECK(gids("\u6B21", "zh-CN") == zh_hans);
  CHECK(gids("\u6B21", "zh-TW") == zh_hant);
  CHECK(gids("\u6B21", "ko-KR") == ko);
  // Without a declared CJK language the paragraph's other scripts decide, as before: kana beside
  // Han means Japanese, Hangul Korean; a declared CJK language wins over that guess.
  const std::string with_kana = "\u6B21\u306E", with_hangul = "\u6B21\uD55C";
  CHECK(gids(with_kana, "") == gids(with_kana, "ja"));
  CHECK(gids(with_kana, "en") == gids(with_kana, "ja"));
  CHECK(gids(with_hangul, "")[0] == ko[0]);
  CHECK(gids(with_kana, "zh-Hant")[0] == zh_hant[0]);
}

// Golden shaping tests: each case's glyph runs in HarfBuzz's serialised form, so a regression in
// itemisation (bidi, script, font choice) or shaping shows as a one-line text diff.
#include <doctest/doctest.h>
#include <hb.h>

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

namespace {

// HarfBuzz's shaping of one run of `p` as a whole, in the form Paragraph::serialize gives runs:
// the reference that shaping word by word (text/word_cache.h) must match to the last bit.
std::string shaped_whole(const text::Paragraph& p, const text::ShapedRun& run, hb_script_t script) {
  const text::FaceInfo& info = test::fonts().face(run.face);
  hb_blob_t* blob = hb_blob_create_from_file(info.path.c_str());
  hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(info.index));
  hb_font_t* font = hb_font_create(face);
  const unsigned upem = hb_face_get_upem(face);
  hb_font_set_scale(font, static_cast<int>(upem), static_cast<int>(upem));
  hb_buffer_t* buf = hb_buffer_create();
  hb_buffer_add_utf8(buf, p.text().data(), static_cast<int>(p.text().size()),
                     static_cast<unsigned>(run.start), static_cast<int>(run.end - run.start));
  hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, script);
  hb_buffer_set_language(buf, hb_language_get_default());
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_shape(font, buf, nullptr, 0);
  unsigned n = 0;
  const hb_glyph_info_t* gi = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* gp = hb_buffer_get_glyph_positions(buf, nullptr);
  const double scale = p.size() / upem;
  std::ostringstream out;
  out.precision(17);
  for (unsigned k = 0; k < n; ++k)
    out << gi[k].codepoint << '=' << gi[k].cluster << '@' << gp[k].x_offset * scale << ','
        << -gp[k].y_offset * scale << '+' << gp[k].x_advance * scale << '|';
  hb_buffer_destroy(buf);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return out.str();
}

std::string glyphs_of(const text::ShapedRun& run) {
  std::ostringstream out;
  out.precision(17);
  for (const auto& g : run.glyphs)
    out << g.gid << '=' << g.cluster << '@' << g.dx << ',' << g.dy << '+' << g.advance << '|';
  return out.str();
}

}  // namespace

TEST_CASE("runs shaped word by word have HarfBuzz's glyphs and positions for the whole run") {
  // Kerning pairs and ligatures inside words and beside spaces, runs of spaces, spaces at both
  // ends, marks right after a space and inside words (where HarfBuzz's lookups reach across a cut
  // and the run must be shaped whole), Greek and Cyrillic; each shaped twice, so that the second
  // time every word comes from the cache. A size that is not a whole number of font units.
  const std::vector<std::pair<std::string, hb_script_t>> cases = {
      {"AVATAR To Ty LT P. F, Wy Yo office affluent waffle ffi fl", HB_SCRIPT_LATIN},
      {"  Two  spaces,   three, and more  ", HB_SCRIPT_LATIN},
      {"naïve cafe\u0301 \u0301abc re\u0301\u0302sume\u0301 \u0327c x\u0308", HB_SCRIPT_LATIN},
      {"1/2 \u00BD 10\u00A0000 \u20AC5 (quoted) \u00ABguillemets\u00BB \u2014dash\u2014 x\u00B2",
       HB_SCRIPT_LATIN},
      {"\u03A4\u03B1 \u03C3\u03C5\u03C1\u03C4\u03AC\u03C1\u03B9\u03B1 \u0386\u0388 \u03B1\u0301 \u0390",
       HB_SCRIPT_GREEK},
      {"\u041A\u043E\u0436\u043D\u0430 \u043A\u0430\u0441\u0430 \u043C\u043E\u0301\u0440\u0435 "
       "\u0401\u043B\u043A\u0430",
       HB_SCRIPT_CYRILLIC},
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [text, script] : cases) {
      for (double size : {1000.0, 9.7}) {
        text::Paragraph p(test::fonts(), text, {}, size, test::font_diagnostics(), "shaping");
        REQUIRE_MESSAGE(p.runs().size() == 1, text);
        CHECK_MESSAGE(glyphs_of(p.runs()[0]) == shaped_whole(p, p.runs()[0], script), text);
      }
    }
  }
}

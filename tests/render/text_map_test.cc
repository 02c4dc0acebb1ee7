#include "render/pdf/text_map.h"

#include <doctest/doctest.h>

using tp::layout::Glyph;
using tp::layout::GlyphRun;
namespace pdf = tp::render::pdf;

namespace {

GlyphRun run_of(std::string text, std::vector<std::pair<std::uint32_t, std::uint32_t>> gid_cluster) {
  GlyphRun run;
  run.text = std::move(text);
  for (auto [gid, cluster] : gid_cluster) {
    Glyph g;
    g.gid = gid;
    g.cluster = cluster;
    run.glyphs.push_back(g);
  }
  return run;
}

}  // namespace

TEST_CASE("clusters span to the next larger offset, in either direction") {
  // "office" with an "ffi" ligature: o | ffi | c | e
  auto ltr = pdf::clusters_of(run_of("office", {{1, 0}, {2, 1}, {3, 4}, {4, 5}}));
  REQUIRE(ltr.size() == 4);
  CHECK(ltr[1].first == 1);
  CHECK(ltr[1].text_begin == 1);
  CHECK(ltr[1].text_end == 4);
  CHECK(ltr[3].text_end == 6);

  // Right to left: visual order has decreasing clusters; a base and a mark share cluster 2.
  auto rtl = pdf::clusters_of(run_of("abcd", {{9, 3}, {8, 2}, {7, 2}, {6, 0}}));
  REQUIRE(rtl.size() == 3);
  CHECK(rtl[0].text_begin == 3);
  CHECK(rtl[0].text_end == 4);
  CHECK(rtl[1].count == 2);
  CHECK(rtl[1].text_begin == 2);
  CHECK(rtl[1].text_end == 3);
  CHECK(rtl[2].text_end == 2);
}

TEST_CASE("one-glyph clusters give ToUnicode, first run wins, the rest need ActualText") {
  pdf::ToUnicode map;
  GlyphRun office = run_of("office", {{1, 0}, {2, 1}, {3, 4}, {4, 5}});
  pdf::assign_to_unicode(office, map);
  CHECK(map.at(2) == u"ffi");
  CHECK(map.at(4) == u"e");

  // Glyph 4 now stands for "x" elsewhere: that cluster no longer spells its text.
  GlyphRun other = run_of("x", {{4, 0}});
  pdf::assign_to_unicode(other, map);
  CHECK(map.at(4) == u"e");
  CHECK_FALSE(pdf::spells_cluster(other, pdf::clusters_of(other)[0], map));
  CHECK(pdf::spells_cluster(office, pdf::clusters_of(office)[1], map));

  // A two-glyph cluster gets no ToUnicode; without entries it cannot spell its text.
  GlyphRun decomposed = run_of("e\u0301", {{5, 0}, {6, 0}});
  pdf::assign_to_unicode(decomposed, map);
  CHECK(map.count(5) == 0);
  CHECK_FALSE(pdf::spells_cluster(decomposed, pdf::clusters_of(decomposed)[0], map));
}

TEST_CASE("text converts to UTF-16 with surrogates, and bad bytes do not throw") {
  CHECK(pdf::utf16_of("A\xF0\x9F\x91\x8D") == u"A\U0001F44D");
  CHECK(pdf::utf16_of("a\xFF"
                      "b") == u"a\uFFFDb");
  CHECK(pdf::hex_utf16be_with_bom(u"A\U0001F44D") == "FEFF0041D83DDC4D");
}

TEST_CASE("the ToUnicode CMap lists bfchar entries in blocks of 100") {
  std::map<std::uint16_t, std::u16string> codes;
  for (std::uint16_t i = 1; i <= 150; ++i) codes[i] = u"a";
  codes[200] = u"ffi";
  const std::string cmap = pdf::to_unicode_cmap(codes);
  CHECK(cmap.find("100 beginbfchar") != std::string::npos);
  CHECK(cmap.find("51 beginbfchar") != std::string::npos);
  CHECK(cmap.find("<00C8> <006600660069>") != std::string::npos);
  CHECK(cmap.find("1 begincodespacerange\n<0000> <FFFF>") != std::string::npos);
}

TEST_CASE("marks get their code point from the cmap; right-to-left clusters spell in reverse glyph order") {
  using namespace tp::render::pdf;
  // Hebrew shin + qamats as HarfBuzz draws it right to left: mark glyph 20 first, base glyph 10.
  // The next cluster (lamed, offset 0..) comes later in the text, earlier in the glyphs.
  const std::string text = "\u05e9\u05b8\u05dc";  // shin, qamats, lamed
  GlyphRun rtl = run_of(text, {{30, 4}, {20, 0}, {10, 0}});
  auto cmap = [](char32_t c) -> std::uint32_t {
    return c == 0x05e9 ? 10 : c == 0x05b8 ? 20 : c == 0x05dc ? 30 : 0;
  };
  ToUnicode map;
  assign_to_unicode(rtl, map, cmap);
  CHECK(map[10] == u"\u05e9");
  CHECK(map[20] == u"\u05b8");
  CHECK(map[30] == u"\u05dc");
  CHECK(right_to_left(rtl));
  for (const Cluster& c : clusters_of(rtl)) CHECK(spells_cluster(rtl, c, map));  // no ActualText needed
  // Without the cmap the mark glyph has no text of its own and the cluster needs ActualText.
  ToUnicode bare;
  assign_to_unicode(rtl, bare);
  CHECK_FALSE(spells_cluster(rtl, clusters_of(rtl)[1], bare));
}

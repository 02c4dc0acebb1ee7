#include "render/pdf/glyph_text.h"

#include <doctest/doctest.h>

#include "core/error.h"

using tp::layout::Glyph;
using tp::layout::GlyphRun;
namespace pdf = tp::render::pdf;

namespace {

// Font where original gid g is drawn with code g + 1 and every glyph is 500/1000 em wide.
struct FakeFont {
  pdf::ToUnicode map;
  pdf::GlyphFont font;
  FakeFont() {
    font.code = {1, 2, 3, 4};
    font.widths = {0, 500, 500, 500, 500};
    font.to_unicode = &map;
  }
};

GlyphRun run_of(std::string text, std::vector<Glyph> glyphs) {
  GlyphRun run;
  run.size = 10;
  run.origin = {100, 50};
  run.text = std::move(text);
  run.glyphs = std::move(glyphs);
  return run;
}

}  // namespace

TEST_CASE("glyphs at their advances need no adjustment; the baseline flips to PDF space") {
  FakeFont f;
  GlyphRun run = run_of("ab", {{0, 0, 0, 0, 5}, {1, 1, 0, 0, 5}});
  pdf::assign_to_unicode(run, f.map);
  std::string out;
  pdf::ContentState state;
  pdf::write_glyph_run(out, run, "F1", f.font, 800, state);
  CHECK(out == "BT\n/F1 10 Tf\n0 0 0 rg\n1 0 0 1 100 750 Tm\n[<00010002>] TJ\nET\n");

  // The colour is already set: not written again.
  out.clear();
  pdf::write_glyph_run(out, run, "F1", f.font, 800, state);
  CHECK(out.find("rg") == std::string::npos);
}

TEST_CASE(
    "kerning and offsets become TJ numbers; a raised glyph is drawn once, at its rise, in a run-wide "
    "ActualText") {
  FakeFont f;
  // advance 4.8 instead of 5 (kerning -0.2 pt = -20/1000 em), then a mark 1 pt left and 2 pt up.
  GlyphRun run = run_of("abc", {{0, 0, 0, 0, 4.8}, {1, 1, 0, 0, 5}, {2, 2, -1, -2, 0}});
  pdf::assign_to_unicode(run, f.map);
  std::string out;
  pdf::ContentState state;
  pdf::write_glyph_run(out, run, "F1", f.font, 800, state);
  // In sequence, at its rise, visible: one copy only. poppler and PDFium would cut the word where
  // the baseline moves, so the run is one ActualText span, which they read as one piece.
  CHECK(out ==
        "BT\n/F1 10 Tf\n0 0 0 rg\n1 0 0 1 100 750 Tm\n/Span <</ActualText <FEFF006100620063>>> BDC\n"
        "[<0001>20<0002>] TJ\n2 Ts\n[100<0003>] TJ\nEMC\n0 Ts\nET\n");
}

TEST_CASE("a run without raised glyphs or right-to-left marks has no ActualText") {
  FakeFont f;
  GlyphRun run = run_of("abc", {{0, 0, 0, 0, 5}, {1, 1, 0, 0, 5}, {2, 2, 0, 0, 5}});
  pdf::assign_to_unicode(run, f.map);
  std::string out;
  pdf::ContentState state;
  pdf::write_glyph_run(out, run, "F1", f.font, 800, state);
  CHECK(out.find("ActualText") == std::string::npos);
}

TEST_CASE("clusters that ToUnicode cannot spell are wrapped in ActualText; invisible runs use 3 Tr") {
  FakeFont f;
  f.map[0] = u" ";
  GlyphRun emoji = run_of("\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6", {{0, 0, 0, 0, 10}});
  emoji.invisible = true;
  std::string out;
  pdf::ContentState state;
  pdf::write_glyph_run(out, emoji, "F2", f.font, 800, state);
  CHECK(out.find("3 Tr\n") != std::string::npos);
  CHECK(out.find("/Span <</ActualText <FEFFD83CDDFAD83CDDE6>>> BDC\n[<0001>] TJ\nEMC\n") !=
        std::string::npos);
}

TEST_CASE("a glyph missing from the subset is an error, not a crash") {
  FakeFont f;
  GlyphRun run = run_of("z", {{9, 0, 0, 0, 5}});
  std::string out;
  pdf::ContentState state;
  CHECK_THROWS_AS(pdf::write_glyph_run(out, run, "F1", f.font, 800, state), tp::Error);
}

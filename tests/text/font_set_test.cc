#include "text/font_set.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.h"
#include "text_fixture.h"

using namespace tp;

namespace {
std::string file_of(int face) { return std::filesystem::path(test::fonts().face(face).path).filename(); }

int choose(const std::u32string& s, bool bold = false) {
  bool covered = false;
  int f = test::fonts().choose(s, bold, covered);
  CHECK(covered);
  return f;
}
}  // namespace

TEST_CASE("the chain loads every face it names and nothing warns") {
  CHECK(test::fonts().face_count() >= 5);
  CHECK(test::font_diagnostics().warnings().empty());
  CHECK(file_of(0) == "NotoSans-Regular.ttf");
}

TEST_CASE("each cluster goes to the first face that covers it, emoji to the colour face") {
  CHECK(file_of(choose(U"A")) == "NotoSans-Regular.ttf");
  CHECK(file_of(choose(U"A", true)) == "NotoSans-Bold.ttf");
  CHECK(file_of(choose(U"Ж")) == "NotoSans-Regular.ttf");
  CHECK(file_of(choose(U"λ")) == "NotoSans-Regular.ttf");
  CHECK(file_of(choose(U"👨\u200D👩\u200D👧")) == "NotoColorEmoji.ttf");
  CHECK(file_of(choose(U"🇺🇦")) == "NotoColorEmoji.ttf");
  CHECK(file_of(choose(U"1\uFE0F\u20E3")) == "NotoColorEmoji.ttf");
  CHECK(file_of(choose(U"👍🏽")) == "NotoColorEmoji.ttf");
  // A text-presentation symbol stays in a text face; VS16 asks for the emoji.
  CHECK(file_of(choose(U"\u2764\uFE0F")) == "NotoColorEmoji.ttf");
  CHECK_FALSE(test::fonts().face(choose(U"\u2764")).emoji);
}

TEST_CASE("a character no face has is reported as not covered") {
  bool covered = true;
  test::fonts().choose(U"\U000F0000", false, covered);  // private use plane 15
  CHECK_FALSE(covered);
}

TEST_CASE("colour emoji come out as RGBA pixels") {
  int face = choose(U"🧵");
  auto r = test::fonts().color_glyph(face, test::fonts().glyph(face, U'🧵'));
  REQUIRE(r);
  CHECK(r->encoding == Raster::Encoding::Rgba8);
  CHECK(r->width > 64);
  CHECK(r->data.size() == static_cast<size_t>(r->width * r->height * 4));
}

TEST_CASE("a chain whose primary face is missing is an input error") {
  auto path = std::filesystem::temp_directory_path() / "tp_bad_chain.json";
  FILE* f = fopen(path.c_str(), "w");
  fputs(R"({"folders": ["/nonexistent"], "faces": [{"file": "Nope.ttf", "package": "fonts-nope"}]})", f);
  fclose(f);
  Diagnostics diag;
  CHECK_THROWS_WITH_AS(text::FontSet::load(path, diag),
                       doctest::Contains("the primary font Nope.ttf is not installed (package fonts-nope)"),
                       Error);
}

TEST_CASE("a chain face whose file is no font covers nothing, and the next face takes its characters") {
  // Faces after the primary are opened on first use: a file that is there but is no font is found
  // out then, and the characters go on down the chain as if the face were not installed.
  const auto dir = std::filesystem::temp_directory_path() / "tp_chain_not_a_font";
  std::filesystem::create_directories(dir);
  FILE* junk = fopen((dir / "Junk.ttf").c_str(), "w");
  fputs("this is not an OpenType file", junk);
  fclose(junk);
  const std::string primary = test::fonts().face(0).path;
  const std::string hebrew_face = test::fonts().face(choose(U"ש")).path;
  REQUIRE(hebrew_face != primary);
  const auto chain = dir / "chain.json";
  FILE* f = fopen(chain.c_str(), "w");
  fprintf(f, R"({"folders": ["%s"], "faces": [{"file": "%s"}, {"file": "Junk.ttf"}, {"file": "%s"}]})",
          dir.c_str(), primary.c_str(), hebrew_face.c_str());
  fclose(f);
  Diagnostics diag;
  auto fonts = text::FontSet::load(chain, diag);
  REQUIRE(fonts->face_count() == 3);
  bool covered = false;
  CHECK(fonts->choose(U"ש", false, covered) == 2);
  CHECK(covered);
  CHECK(diag.warnings().empty());
  CHECK_FALSE(fonts->covers(1, U"A"));
  CHECK(fonts->glyph(1, U'A') == 0);
  CHECK_FALSE(fonts->color_glyph(1, 1));
  std::filesystem::remove_all(dir);
}

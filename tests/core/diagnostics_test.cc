// Diagnostics: identical warnings once; hundreds of one kind as a few and a summary line.
#include "core/diagnostics.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tp;

namespace {

std::vector<std::string> lines_of(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& w : d.warnings()) out.push_back(w.line());
  return out;
}

std::string picture_line(int i) {
  return "t.json: post " + std::to_string(i) + " image 1: could not load \"https://pics.example/" +
         std::to_string(i) + ".jpg\": server error 503";
}

}  // namespace

TEST_CASE("diagnostics: the same line twice is one warning") {
  Diagnostics d;
  d.warn("t.json", "no font has U+0E01");
  d.warn("t.json", "no font has U+0E01");
  d.summarize();
  CHECK(lines_of(d) == std::vector<std::string>{"t.json: no font has U+0E01"});
}

TEST_CASE("diagnostics: 222 pictures that failed alike are ten lines and '… and 212 more like it'") {
  static_assert(Diagnostics::kShownPerShape == 10);
  std::vector<std::string> passed;
  Diagnostics d([&](const Warning& w) { passed.push_back(w.line()); });
  d.warn("t.json", "no font has U+0E01");
  for (int i = 1; i <= 222; ++i)
    d.warn_loss("t.json: post " + std::to_string(i) + " image 1",
                "could not load \"https://pics.example/" + std::to_string(i) + ".jpg\": server error 503");
  d.warn("t.json", "no font has U+0E02");  // another of the first kind, not held back
  CHECK(passed.size() == 12);
  d.summarize();
  std::vector<std::string> expected{"t.json: no font has U+0E01"};
  for (int i = 1; i <= 10; ++i) expected.push_back(picture_line(i));
  expected.push_back("t.json: no font has U+0E02");
  expected.push_back("\u2026 and 212 more like it: " + picture_line(1));
  CHECK(lines_of(d) == expected);
  CHECK(passed == expected);  // the summary goes where the others went
  CHECK(d.warnings().back().loss);
  CHECK(d.losses() == 222);  // every loss counts, shown or not
  d.summarize();             // nothing new held back: nothing more said
  CHECK(d.warnings().size() == expected.size());
}

TEST_CASE("diagnostics: warnings of different kinds are never summarised together") {
  Diagnostics d;
  for (int i = 0; i < 12; ++i)
    d.warn("a.json", "post " + std::to_string(i) + ": a video without a thumbnail");
  for (int i = 0; i < 12; ++i) d.warn("a.json", "post " + std::to_string(i) + ": created_at is not a date");
  d.summarize();
  REQUIRE(d.warnings().size() == 22);
  CHECK(d.warnings()[20].line() == "\u2026 and 2 more like it: a.json: post 0: a video without a thumbnail");
  CHECK(d.warnings()[21].line() == "\u2026 and 2 more like it: a.json: post 0: created_at is not a date");
  CHECK_FALSE(d.warnings()[20].loss);
}

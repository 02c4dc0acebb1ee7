#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "core/error.h"
#include "text/linebreak_kp.h"

using namespace tp::text;

namespace {

// Invented prose for the comparison with first fit.
constexpr std::string_view kProse =
    "The lighthouse keeper on the northern island kept a ledger of every ship that passed, though "
    "hardly any ship passed at all during the long winter months. She wrote down the weather, the "
    "colour of the sea, the number of gulls on the railing, and once, in a hand that trembled a "
    "little, a whale that surfaced so close to the rocks that she could hear it breathe. In spring "
    "the supply boat arrived with flour, lamp oil, letters from her sister, and a crate of books "
    "chosen by a librarian who had never met her but who seemed to understand exactly what a person "
    "alone on a rock might want to read. There were atlases of imaginary countries, manuals for "
    "repairing clocks, a cookbook written entirely in verse, and a thick novel about a family of "
    "bakers whose bread could cure homesickness. She read them in the order they came out of the "
    "crate, never skipping one, and wrote a short reply to the librarian after each. Years later, "
    "when the light was automated and the keeper moved to the mainland, she found the librarian "
    "still working at the same small branch by the harbour, older now, stamping due dates with the "
    "same careful rhythm. Neither of them said much at first. Then the librarian reached under the "
    "counter and brought out a box of letters, every reply the keeper had ever sent, tied with "
    "string and sorted by season, and asked whether the whale had ever come back. It had, the keeper "
    "said, twice, and both times it had stayed until the tide turned, as if it were waiting for "
    "someone to finish a sentence.";

constexpr double kPerChar = 5, kHyphen = 5;

size_t length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Words are boxes of kPerChar per character, spaces glue 3pt +1.5 -1, '~' a space that cannot break,
// '|' a hyphenation point (a flagged penalty of 50 with a hyphen's width), '\n' a forced break.
std::vector<KpItem> items_of(std::string_view text) {
  std::vector<KpItem> items;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ') {
      items.push_back(KpItem::glue(3, 1.5, 1));
      ++i;
    } else if (c == '\n') {
      items.push_back(KpItem::forced_break());
      ++i;
    } else if (c == '~') {  // a no-break space: TeX's penalty 10000 before the glue
      items.push_back(KpItem::penalty_item(0, kInfinitePenalty));
      items.push_back(KpItem::glue(3, 1.5, 1));
      ++i;
    } else if (c == '|') {
      items.push_back(KpItem::penalty_item(kHyphen, 50, true));
      ++i;
    } else {
      size_t end = text.find_first_of(" \n|~", i);
      if (end == std::string_view::npos) end = text.size();
      items.push_back(KpItem::box(kPerChar * length(text.substr(i, end - i))));
      i = end;
    }
  }
  return items;
}

LineWidth fixed(double w) {
  return [w](size_t) { return w; };
}

// Lines other than the last whose glue had to stretch or shrink beyond its stated amount.
int badly_loose(const std::vector<double>& ratios) {
  int n = 0;
  for (size_t i = 0; i + 1 < ratios.size(); ++i) n += std::abs(ratios[i]) > 1;
  return n;
}

// The natural width of the line ending at breaks[i], computed here from the items rather than by the
// library: glue and penalties after the previous break are dropped, a penalty break adds its width.
struct Measured {
  double natural = 0, stretch = 0, shrink = 0;
};
Measured measure_line(const std::vector<KpItem>& items, const std::vector<size_t>& breaks, size_t i) {
  size_t begin = i == 0 ? 0 : breaks[i - 1] + 1;
  while (begin < breaks[i] && items[begin].type != KpItem::Box) ++begin;
  Measured m;
  for (size_t k = begin; k < breaks[i]; ++k) {
    if (items[k].type == KpItem::Penalty) continue;
    m.natural += items[k].width;
    m.stretch += items[k].stretch;
    m.shrink += items[k].shrink;
  }
  if (breaks[i] < items.size() && items[breaks[i]].type == KpItem::Penalty)
    m.natural += items[breaks[i]].width;
  return m;
}

bool consecutive_flagged(const std::vector<KpItem>& items, const std::vector<size_t>& breaks) {
  auto flagged = [&](size_t b) { return b < items.size() && items[b].flagged; };
  for (size_t i = 1; i < breaks.size(); ++i) {
    if (flagged(breaks[i - 1]) && flagged(breaks[i])) return true;
  }
  return false;
}

}  // namespace

// Measures of 50 to 60 characters, a usual column. With this glue (stretch half a space) and no
// hyphenation, narrower measures leave total fit without a good choice: it then spreads the
// looseness over more lines instead of making a few very loose, so it may count more lines with
// |r| > 1 there, though still fewer demerits.
constexpr double kColumns[] = {250, 270, 300};

TEST_CASE("total fit leaves fewer badly loose lines than first fit") {
  auto items = items_of(kProse);
  for (double measure : kColumns) {
    CAPTURE(measure);
    auto kp = knuth_plass(items, fixed(measure));
    auto ff = first_fit(items, fixed(measure));
    REQUIRE(!kp.empty());
    REQUIRE(!ff.empty());
    CHECK(kp.back() == items.size());
    CHECK(ff.back() == items.size());
    int kp_loose = badly_loose(adjustment_ratios(items, kp, fixed(measure)));
    int ff_loose = badly_loose(adjustment_ratios(items, ff, fixed(measure)));
    INFO("measure " << measure << " pt: " << kp_loose << " of " << kp.size()
                    << " lines badly loose (total fit), " << ff_loose << " of " << ff.size()
                    << " (first fit)");
    CHECK(kp_loose < ff_loose);
  }
}

TEST_CASE("total fit never has more demerits than first fit") {
  auto items = items_of(kProse);
  for (double measure = 120; measure <= 400; measure += 10) {
    CAPTURE(measure);
    double kp = total_demerits(items, knuth_plass(items, fixed(measure)), fixed(measure));
    double ff = total_demerits(items, first_fit(items, fixed(measure)), fixed(measure));
    CHECK(kp <= ff);
  }
}

TEST_CASE("every justified line, adjusted by its ratio, fills the measure") {
  auto items = items_of(kProse);
  KpOptions options;
  for (double measure = 120; measure <= 400; measure += 10) {
    CAPTURE(measure);
    auto breaks = knuth_plass(items, fixed(measure), options);
    auto ratios = adjustment_ratios(items, breaks, fixed(measure), options);
    REQUIRE(ratios.size() == breaks.size());
    bool column = std::find(std::begin(kColumns), std::end(kColumns), measure) != std::end(kColumns);
    for (size_t i = 0; i + 1 < breaks.size(); ++i) {
      CAPTURE(i);
      double r = ratios[i];
      // At the usual column widths the first pass succeeds, so every line is within tolerance.
      if (column) CHECK((r >= -1 && r <= options.tolerance));
      if (r < -1 || r > options.tolerance) continue;
      Measured m = measure_line(items, breaks, i);
      double adjusted = m.natural + (r > 0 ? r * m.stretch : r * m.shrink);
      CHECK(std::abs(adjusted - measure) <= 0.01);
    }
    // The last line is ragged: set at its natural width, never stretched; shrunk when too long.
    KpLine last = measure_lines(items, breaks, fixed(measure), options).back();
    CHECK(last.ragged);
    if (last.natural <= measure) {
      CHECK(last.ratio == 0);
    } else {
      CHECK((last.ratio < 0 && last.ratio >= -1));
    }
  }
}

TEST_CASE("the lines of measure_lines agree with the items") {
  auto items = items_of("one two three four five six seven eight nine ten");
  auto breaks = knuth_plass(items, fixed(80));
  auto lines = measure_lines(items, breaks, fixed(80));
  REQUIRE(lines.size() == breaks.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    Measured m = measure_line(items, breaks, i);
    CHECK(lines[i].natural == doctest::Approx(m.natural));
    CHECK(lines[i].stretch == doctest::Approx(m.stretch));
    CHECK(lines[i].shrink == doctest::Approx(m.shrink));
    CHECK(lines[i].end == breaks[i]);
    CHECK(items[lines[i].begin].type == KpItem::Box);
  }
}

TEST_CASE("forced breaks end lines where they stand, and each such line is ragged") {
  auto items = items_of(
      "a short first line\nthen a second one that is long enough to need more than one line\n\nafter a blank "
      "line");
  std::vector<size_t> forced;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].type == KpItem::Penalty && items[i].penalty <= -kInfinitePenalty) forced.push_back(i);
  }
  REQUIRE(forced.size() == 3);
  for (const auto& breaks : {knuth_plass(items, fixed(120)), first_fit(items, fixed(120))}) {
    for (size_t f : forced) CHECK(std::count(breaks.begin(), breaks.end(), f) == 1);
    // "a short first line" stands alone although the next words would fit after it.
    CHECK(breaks.front() == forced[0]);
    // The blank line is a line of its own: two forced breaks in a row.
    auto at = std::find(breaks.begin(), breaks.end(), forced[1]);
    REQUIRE(at + 1 != breaks.end());
    CHECK(*(at + 1) == forced[2]);
    auto lines = measure_lines(items, breaks, fixed(120));
    for (const KpLine& line : lines) {
      if (line.end < items.size() && items[line.end].type == KpItem::Penalty) {
        CHECK(line.ragged);
        CHECK(line.ratio == 0);
      }
    }
    CHECK(lines[std::distance(breaks.begin(), at) + 1].natural == 0);
  }
}

TEST_CASE("a forced break at the end is the last break, and trailing glue makes no line") {
  auto items = items_of("end of story\n");
  CHECK(knuth_plass(items, fixed(200)) == std::vector<size_t>{items.size() - 1});
  items = items_of("end of story ");
  CHECK(knuth_plass(items, fixed(200)) == std::vector<size_t>{items.size()});
  CHECK(first_fit(items, fixed(200)) == std::vector<size_t>{items.size()});
}

TEST_CASE("two hyphenated lines in a row cost flagged_demerits, which changes the choice") {
  // At 113 pt, without the extra cost the best breaking ends two lines in a row with hyphens:
  //   pa-per plates hold break-      (r = -0.33)
  //   fast if we do eat it la-       (r =  0.56)
  //   ter outside
  // With it, the second line is set tight (r = -0.83) to avoid the second hyphen:
  //   fast if we do eat it later
  //   outside
  auto items = items_of("pa|per plates hold break|fast if we do eat it la|ter outside");
  KpOptions free_hyphens;
  free_hyphens.flagged_demerits = 0;
  auto cheap = knuth_plass(items, fixed(113), free_hyphens);
  auto costly = knuth_plass(items, fixed(113));
  CHECK(cheap == std::vector<size_t>{9, 23, 27});
  CHECK(costly == std::vector<size_t>{9, 25, 27});
  CHECK(consecutive_flagged(items, cheap));
  CHECK_FALSE(consecutive_flagged(items, costly));
  auto r = adjustment_ratios(items, costly, fixed(113));
  CHECK(r[1] == doctest::Approx(-0.8333).epsilon(0.001));
  // Each is optimal under its own options.
  CHECK(total_demerits(items, costly, fixed(113)) < total_demerits(items, cheap, fixed(113)));
  CHECK(total_demerits(items, cheap, fixed(113), free_hyphens) <
        total_demerits(items, costly, fixed(113), free_hyphens));
}

TEST_CASE("a word wider than the line still gets a line of its own, overfull") {
  auto items = items_of("a few words then incomprehensibilities and a few more words after it");
  // "incomprehensibilities" is 21 characters: 105 pt on a 90 pt line.
  auto breaks = knuth_plass(items, fixed(90));
  REQUIRE(!breaks.empty());
  CHECK(breaks.back() == items.size());
  auto lines = measure_lines(items, breaks, fixed(90));
  int overfull = 0;
  for (const KpLine& line : lines) {
    if (line.ratio < -1) {
      ++overfull;
      // The overfull line holds the long word alone.
      CHECK(line.end == line.begin + 1);
      CHECK(line.natural == 105);
    }
  }
  CHECK(overfull == 1);
  auto ff = first_fit(items, fixed(90));
  CHECK(ff.back() == items.size());

  // Nothing but the long word, on a line narrower than any box.
  items = items_of("incomprehensibilities");
  CHECK(knuth_plass(items, fixed(50)) == std::vector<size_t>{1});
  CHECK(first_fit(items, fixed(50)) == std::vector<size_t>{1});
  items = items_of("every word is too wide");
  CHECK(knuth_plass(items, fixed(1)).size() == 5);
  CHECK(first_fit(items, fixed(1)).size() == 5);
}

TEST_CASE("empty input and input without boxes give no lines") {
  CHECK(knuth_plass({}, fixed(100)).empty());
  CHECK(first_fit({}, fixed(100)).empty());
  CHECK(knuth_plass({KpItem::glue(3, 1, 1)}, fixed(100)).empty());
  CHECK(adjustment_ratios({}, {}, fixed(100)).empty());
  CHECK(total_demerits({}, {}, fixed(100)) == 0);
  // A lone line feed is one empty line.
  CHECK(knuth_plass({KpItem::forced_break()}, fixed(100)) == std::vector<size_t>{0});
}

TEST_CASE("line widths may differ per line") {
  auto items = items_of(kProse.substr(0, 400));
  auto indent = [](size_t line) { return line == 0 ? 230.0 : 270.0; };
  auto breaks = knuth_plass(items, indent);
  KpOptions uniform;
  uniform.uniform_from = 1;
  CHECK(breaks == knuth_plass(items, indent, uniform));
  auto lines = measure_lines(items, breaks, indent);
  REQUIRE(lines.size() > 2);
  CHECK(lines[0].target == 230);
  CHECK(lines[1].target == 270);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    CHECK(lines[i].ratio >= -1);
    CHECK(lines[i].ratio <= 2);
  }
  // The same items on uniform 270 pt lines put more on the first line.
  CHECK(knuth_plass(items, fixed(270)).front() > breaks.front());
}

TEST_CASE("a looser pass is used when the first cannot keep every line within tolerance") {
  // 107.5 pt: two ten-letter words with their space need r = 3; one alone has no glue to stretch,
  // three do not fit.
  auto items = items_of("abcdefghij abcdefghij abcdefghij abcdefghij");
  auto breaks = knuth_plass(items, fixed(107.5));
  CHECK(breaks == std::vector<size_t>{3, 7});
  CHECK(adjustment_ratios(items, breaks, fixed(107.5)) == std::vector<double>{3, 0});
  // With a tighter retry, only the last pass, which accepts any stretch, finds lines.
  KpOptions strict;
  strict.retry_tolerance = 2;
  CHECK(knuth_plass(items, fixed(107.5), strict) == breaks);
}

TEST_CASE("a line with nothing to stretch has an infinite ratio, accepted only as a last resort") {
  auto items = items_of("abcdefghij abcdefghij abcdefghij");
  auto breaks = knuth_plass(items, fixed(80));
  REQUIRE(breaks == std::vector<size_t>{1, 3, 5});
  auto ratios = adjustment_ratios(items, breaks, fixed(80));
  CHECK(std::isinf(ratios[0]));
  CHECK(ratios[0] > 0);
  CHECK(ratios[2] == 0);
}

TEST_CASE("a penalty of 10000 forbids a break") {
  auto items = items_of("one two three four five six seven eight nine");
  auto tied = items_of("one two three four~five six seven eight nine");
  // Untied, the first line ends after "four" (the glue at 7); tied, that space (now at 8, after the
  // penalty at 7) cannot break.
  auto free = knuth_plass(items, fixed(100));
  CHECK(free.front() == 7);
  REQUIRE(tied[7].type == KpItem::Penalty);
  REQUIRE(tied[8].type == KpItem::Glue);
  for (const auto& breaks : {knuth_plass(tied, fixed(100)), first_fit(tied, fixed(100))}) {
    CHECK(std::find(breaks.begin(), breaks.end(), 7) == breaks.end());
    CHECK(std::find(breaks.begin(), breaks.end(), 8) == breaks.end());
  }
}

TEST_CASE("misuse is reported, not looped on") {
  auto items = items_of("some words to set");
  CHECK_THROWS_AS(knuth_plass(items, [](size_t) { return std::nan(""); }), tp::Error);
  CHECK_THROWS_AS(measure_lines(items, {5, 3}, fixed(100)), tp::Error);
  CHECK_THROWS_AS(measure_lines(items, {items.size() + 1}, fixed(100)), tp::Error);
}

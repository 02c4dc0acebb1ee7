#include "text/hyphenate.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace tp::text;
using Pieces = std::vector<std::string>;

namespace {

// The word cut at its points.
Pieces pieces(const Hyphenator& h, const std::string& word) {
  Pieces out;
  size_t previous = 0;
  for (size_t p : h.points(word)) {
    REQUIRE(p > previous);
    REQUIRE(p < word.size());
    REQUIRE((static_cast<unsigned char>(word[p]) & 0xC0) != 0x80);  // on a code point boundary
    out.push_back(word.substr(previous, p - previous));
    previous = p;
  }
  out.push_back(word.substr(previous));
  return out;
}

const Hyphenator& language(const std::string& lang) {
  static HyphenatorSet set;
  const Hyphenator* h = set.get(lang);
  REQUIRE_MESSAGE(
      h, "no hyphenation dictionary for " << lang << " in /usr/share/hyphen (Debian hyphen-* packages)");
  return *h;
}

struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "threadpdf-hyphen-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()));
    path = tmpl;
  }
  ~TempFolder() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
  }
};

}  // namespace

TEST_CASE("English words split where a dictionary would split them") {
  const Hyphenator& en = language("en");
  // The patterns find these points; "hy-phen-ation" is TeX's well-known answer, and every piece is
  // a whole syllable or syllables (hy-phen-a-tion, ex-am-ple, jus-ti-fi-ca-tion).
  CHECK(pieces(en, "hyphenation") == Pieces{"hy", "phen", "ation"});
  CHECK(pieces(en, "example") == Pieces{"ex", "am", "ple"});
  CHECK(pieces(en, "justification") == Pieces{"jus", "ti", "fi", "ca", "tion"});
  CHECK(pieces(en, "typography") == Pieces{"ty", "pog", "ra", "phy"});
  // Capitalised at the start of a sentence, and with punctuation the line breaker left on.
  CHECK(pieces(en, "Hyphenation") == Pieces{"Hy", "phen", "ation"});
  CHECK(pieces(en, "(hyphenation),") == Pieces{"(hy", "phen", "ation),"});
  CHECK(pieces(en, "computer's") == Pieces{"com", "puter's"});
  // Each part of a hyphenated compound on its own; the explicit hyphen is already a break.
  CHECK(pieces(en, "self-determination") == Pieces{"self-de", "ter", "mi", "na", "tion"});
}

TEST_CASE("at least two characters stay before a point and three after, more when asked") {
  const Hyphenator& en = language("en");
  CHECK(pieces(en, "paragraph") == Pieces{"para", "graph"});
  CHECK(en.points("idea").empty());
  auto strict = Hyphenator::for_language("en", {"/usr/share/hyphen"}, HyphenOptions{3, 4});
  REQUIRE(strict);
  CHECK(pieces(*strict, "hyphenation") == Pieces{"hyphen", "ation"});
  CHECK(pieces(*strict, "typography") == Pieces{"typog", "raphy"});
}

TEST_CASE("Ukrainian, Greek, German and Russian words get valid points") {
  // UTF-8 dictionaries.
  CHECK(pieces(language("uk"), "молоко") == Pieces{"мо", "локо"});
  CHECK(pieces(language("uk"), "сьогодні") == Pieces{"сьо", "годні"});
  CHECK(pieces(language("fr"), "développement") == Pieces{"dé", "ve", "lop", "pe", "ment"});
  // hyph_el is ISO 8859-7, hyph_de ISO 8859-1 and hyph_ru KOI8-R: the words are converted for the
  // lookup and the points come back as UTF-8 byte offsets.
  CHECK(pieces(language("el"), "καλημέρα") == Pieces{"κα", "λη", "μέρα"});
  CHECK(pieces(language("el"), "υπολογιστής") == Pieces{"υπο", "λο", "γι", "στής"});
  CHECK(pieces(language("de"), "Fußgängerübergang") == Pieces{"Fuß", "gän", "ger", "über", "gang"});
  CHECK(pieces(language("ru"), "перевод") == Pieces{"пе", "ре", "вод"});
}

TEST_CASE("URLs, handles, hashtags, acronyms and numbers are never hyphenated") {
  const Hyphenator& en = language("en");
  for (const char* word : {"https://example.org", "https://hyphenation.example/hyphenation", "example.org",
                           "www.hyphenation", "@someone", "@hyphenation", "#tag", "#hyphenation",
                           "someone@example.org", "NASA", "NASA's", "HYPHENATION", "GitHub", "JavaScript",
                           "2026", "hyphenation2026", "1st", "snake_case_hyphenation", "a=hyphenation"}) {
    CAPTURE(word);
    CHECK(en.points(word).empty());
  }
}

TEST_CASE("soft hyphens decide where a word breaks") {
  const Hyphenator& en = language("en");
  CHECK(pieces(en, "hyphen\u00ADation") == Pieces{"hyphen\u00AD", "ation"});
}

TEST_CASE("invalid UTF-8 gives no points") {
  std::string truncated = "hyphenation";
  truncated[6] = '\xC3';  // the lead byte of a two-byte sequence, then "a"
  CHECK(language("en").points(truncated).empty());
  CHECK(language("en").points("").empty());
}

TEST_CASE("language tags find the most specific dictionary there is") {
  CHECK(Hyphenator::for_language("xx") == nullptr);
  CHECK(Hyphenator::for_language("") == nullptr);
  CHECK(Hyphenator::for_language("e") == nullptr);
  CHECK(Hyphenator::for_language("../hyphen/hyph_en") == nullptr);
  CHECK(Hyphenator::for_language("en", {"/nonexistent"}) == nullptr);
  auto ru = Hyphenator::for_language("ru");  // only hyph_ru_RU.dic exists
  REQUIRE(ru);
  CHECK(std::filesystem::path(ru->path()).filename() == "hyph_ru_RU.dic");
  for (const char* tag : {"en-GB", "en_US", "EN", "en-Latn-US", "de-CH-1996", "el-GR"}) {
    CAPTURE(tag);
    CHECK(Hyphenator::for_language(tag) != nullptr);
  }
  CHECK(std::filesystem::path(Hyphenator::for_language("de-CH")->path()).filename() == "hyph_de_CH.dic");
}

TEST_CASE("dictionaries in other folders: folder order, regional fallback, 8-bit charsets") {
  TempFolder first, second;
  // One Latin-1 pattern: a break after every "ä" (0xE4).
  first.write("hyph_zz_QQ.dic",
              std::string("ISO8859-1\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n") + '\xE4' + "1\n");
  second.write("hyph_zz.dic", "UTF-8\nb1\n");
  auto h = Hyphenator::for_language("zz", {first.path.string(), second.path.string()});
  REQUIRE(h);
  // hyph_zz.dic names the language exactly, so it wins over the regional file of the first folder.
  CHECK(std::filesystem::path(h->path()).filename() == "hyph_zz.dic");
  h = Hyphenator::for_language("zz-QQ", {first.path.string(), second.path.string()});
  REQUIRE(h);
  CHECK(std::filesystem::path(h->path()).filename() == "hyph_zz_QQ.dic");
  h = Hyphenator::for_language("zz", {first.path.string()});
  REQUIRE(h);
  CHECK(std::filesystem::path(h->path()).filename() == "hyph_zz_QQ.dic");
  // Two characters before, three after: only the first "ä" qualifies. "bä" is three bytes.
  CHECK(h->points("bäbäbä") == std::vector<size_t>{3});
  CHECK(pieces(*h, "Bäbäbä") == Pieces{"Bä", "bäbä"});
  // A letter Latin-1 cannot spell leaves its run alone.
  CHECK(h->points("bäbäbäж").empty());
}

TEST_CASE("a set loads each language once and remembers a missing one") {
  HyphenatorSet set;
  const Hyphenator* en = set.get("en");
  REQUIRE(en);
  CHECK(set.get("en") == en);
  CHECK(set.get("xx") == nullptr);
  CHECK(set.get("xx") == nullptr);
  CHECK(set.get("uk") != en);
}

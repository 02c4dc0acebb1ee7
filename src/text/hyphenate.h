// Hyphenation points of words, from the TeX-style pattern dictionaries of libhyphen (the ones
// LibreOffice uses; Debian packages hyphen-en-us, hyphen-uk, hyphen-el, hyphen-de, ...). The
// dictionaries come in several 8-bit charsets as well as UTF-8; callers see UTF-8 only.
//
// The only file that includes hyphen.h.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tp::text {

struct HyphenOptions {
  // Fewest characters (code points) before the first and after the last point of a word. A
  // dictionary that asks for more (LEFTHYPHENMIN, RIGHTHYPHENMIN) gets more.
  size_t left_min = 2;
  size_t right_min = 3;
};

class Hyphenator {
 public:
  // The dictionary for a BCP 47 language tag ("en", "en-GB", "uk", "el", "de-CH", "sr-Latn-RS"), or
  // nullptr when no folder has one. Files are named hyph_<lang>[_<Script>][_<REGION>].dic; the most
  // specific match wins, then hyph_<lang>.dic, then hyph_<lang>_<LANG>.dic (ru -> hyph_ru_RU.dic),
  // then the first hyph_<lang>_*.dic by name. So "en-GB" without a British dictionary gets the
  // American one. Folders are searched in order for each name. A file that libhyphen cannot load,
  // or in a charset ICU does not know, is passed over.
  static std::unique_ptr<Hyphenator> for_language(
      const std::string& lang, const std::vector<std::string>& folders = {"/usr/share/hyphen"},
      const HyphenOptions& options = {});
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  // Byte offsets inside `word` (UTF-8) where a line may break with a hyphen added, ascending; each is
  // the start of the part after the break. `word` is one word as the line breaker found it:
  // surrounding punctuation is ignored and only runs of letters (with apostrophes between letters)
  // are hyphenated, each run on its own. Never hyphenated: words with a digit, URLs and domain names,
  // e-mail addresses and @mentions, #hashtags, anything with / \ _ = & ? ~ | < > in it; runs in all
  // capitals (acronyms: NASA) or with a capital after the first letter (GitHub, iPhone). A word with
  // soft hyphens (U+00AD) breaks only after them, as its author asked. Invalid UTF-8 gives no points.
  // Points that libhyphen would only allow with a spelling change (old German "Schiffahrt") are left out.
  std::vector<size_t> points(std::string_view word) const;

  // The dictionary file in use.
  const std::string& path() const { return path_; }

 private:
  struct Dictionary;
  Hyphenator(std::string path, std::unique_ptr<Dictionary> dict, const HyphenOptions& options);

  // Points of one run of letters, in code points after which to break, given lowercase.
  std::vector<size_t> run_points(const std::u32string& lower) const;

  std::string path_;
  std::unique_ptr<Dictionary> dict_;
  HyphenOptions options_;
};

// One Hyphenator per language tag, each loaded on first use (an unknown language is looked up once).
// Not thread-safe: make one per worker, like FontSet.
class HyphenatorSet {
 public:
  explicit HyphenatorSet(std::vector<std::string> folders = {"/usr/share/hyphen"},
                         HyphenOptions options = {});

  // nullptr when there is no dictionary for `lang`. The pointer lives as long as the set.
  const Hyphenator* get(const std::string& lang);

 private:
  std::vector<std::string> folders_;
  HyphenOptions options_;
  std::map<std::string, std::unique_ptr<Hyphenator>> loaded_;
};

}  // namespace tp::text

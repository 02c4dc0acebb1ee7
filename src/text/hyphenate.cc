#include "text/hyphenate.h"

#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include "core/utf8.h"

#if defined(__SANITIZE_ADDRESS__)
#define TP_LEAK_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TP_LEAK_SANITIZER 1
#endif
#endif
#ifdef TP_LEAK_SANITIZER
#include <sanitizer/lsan_interface.h>
#endif

namespace tp::text {

struct Hyphenator::Dictionary {
  HyphenDict* dict = nullptr;
  // For a dictionary in an 8-bit charset (hyph_de: ISO8859-1, hyph_el: ISO8859-7, hyph_ru: KOI8-R),
  // the byte of each code point it can spell.
  std::unordered_map<char32_t, char> bytes;

  ~Dictionary() {
    if (dict) hnj_hyphen_free(dict);
  }
};

namespace {

constexpr char32_t kSoftHyphen = 0x00AD;
// No word is this long; libhyphen's cost and buffers grow with the word, so longer runs are skipped.
constexpr size_t kLongestRun = 64;

bool is_mark(char32_t c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }
bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }
bool is_letter(char32_t c) { return u_isalpha(c) || is_mark(c); }

// libhyphen 2.8 loses the earlier match string when a dictionary lists a pattern twice
// (hnj_hyphen_load_line overwrites states[].match); hyph_de, hyph_fr and hyph_ru do. The few bytes
// are not ours to free, and LeakSanitizer would fail every sanitizer test that loads one.
HyphenDict* load(const std::string& path) {
#ifdef TP_LEAK_SANITIZER
  __lsan_disable();
#endif
  HyphenDict* dict = hnj_hyphen_load(path.c_str());
#ifdef TP_LEAK_SANITIZER
  __lsan_enable();
#endif
  return dict;
}

// Words the line breaker hands over that are not prose: URLs, addresses, handles, code, numbers.
bool never_hyphenated(const std::u32string& word) {
  for (size_t i = 0; i < word.size(); ++i) {
    char32_t c = word[i];
    if (u_isdigit(c)) return true;
    if (c < 0x80 && std::string_view("/\\@#_=&?~|<>").find(static_cast<char>(c)) != std::string_view::npos) {
      return true;
    }
    // example.org, www.example, e.g. (too short to matter): a dot inside a word is not prose.
    if (c == '.' && i + 1 < word.size() && u_isalpha(word[i + 1])) return true;
  }
  return false;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ascii_upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool all_of(const std::string& s, int (*pred)(int)) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

struct Tag {
  std::string language, script, region;  // "sr", "Latn", "RS"
};

// The subtags of a BCP 47 tag that name dictionaries; nothing for a tag without a usable language
// subtag (which also keeps anything but letters out of file names).
std::optional<Tag> parse_tag(const std::string& text) {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= text.size();) {
    size_t end = std::min(text.find_first_of("-_", start), text.size());
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  Tag tag;
  tag.language = ascii_lower(parts[0]);
  if (tag.language.size() < 2 || tag.language.size() > 3 || !all_of(tag.language, &isalpha))
    return std::nullopt;
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (i == 1 && p.size() == 4 && all_of(p, &isalpha)) {
      tag.script = ascii_lower(p);
      tag.script[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(tag.script[0])));
    } else if ((p.size() == 2 && all_of(p, &isalpha)) || (p.size() == 3 && all_of(p, &isdigit))) {
      tag.region = ascii_upper(p);
      break;
    } else {
      break;  // variants and extensions do not name dictionaries
    }
  }
  return tag;
}

// File names to try, most specific first.
std::vector<std::string> dictionary_names(const Tag& tag) {
  std::vector<std::string> names;
  std::string base = "hyph_" + tag.language;
  if (!tag.script.empty() && !tag.region.empty())
    names.push_back(base + "_" + tag.script + "_" + tag.region + ".dic");
  if (!tag.region.empty()) names.push_back(base + "_" + tag.region + ".dic");
  if (!tag.script.empty()) names.push_back(base + "_" + tag.script + ".dic");
  names.push_back(base + ".dic");
  names.push_back(base + "_" + ascii_upper(tag.language) + ".dic");
  return names;
}

// hyph_<lang>_*.dic in one folder, sorted by name so the choice does not depend on the file system.
std::vector<std::string> regional_dictionaries(const std::string& folder, const std::string& language) {
  std::vector<std::string> found;
  std::error_code ec;
  std::string prefix = "hyph_" + language + "_";
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > prefix.size() + 4 && name.compare(0, prefix.size(), prefix) == 0 &&
        name.compare(name.size() - 4, 4, ".dic") == 0) {
      found.push_back(entry.path().string());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

Hyphenator::Hyphenator(std::string path, std::unique_ptr<Dictionary> dict, const HyphenOptions& options)
    : path_(std::move(path)), dict_(std::move(dict)), options_(options) {}

Hyphenator::~Hyphenator() = default;

std::unique_ptr<Hyphenator> Hyphenator::for_language(const std::string& lang,
                                                     const std::vector<std::string>& folders,
                                                     const HyphenOptions& options) {
  std::optional<Tag> tag = parse_tag(lang);
  if (!tag) return nullptr;
  std::vector<std::string> paths;
  for (const std::string& name : dictionary_names(*tag)) {
    for (const std::string& folder : folders)
      paths.push_back((std::filesystem::path(folder) / name).string());
  }
  for (const std::string& folder : folders) {
    for (std::string& p : regional_dictionaries(folder, tag->language)) paths.push_back(std::move(p));
  }

  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    auto dict = std::make_unique<Dictionary>();
    dict->dict = load(path);
    if (!dict->dict) continue;
    if (!dict->dict->utf8) {
      // The first line of the file names its charset; ICU matches names loosely ("ISO8859-7").
      // An empty name would open ICU's default converter instead.
      if (dict->dict->cset[0] == '\0') continue;
      UErrorCode status = U_ZERO_ERROR;
      UConverter* conv = ucnv_open(dict->dict->cset, &status);
      if (U_FAILURE(status)) continue;
      for (int b = 1; b < 256; ++b) {
        char byte = static_cast<char>(b);
        UChar u[4];
        status = U_ZERO_ERROR;
        int32_t n = ucnv_toUChars(conv, u, 4, &byte, 1, &status);
        if (U_SUCCESS(status) && n == 1 && u[0] != 0xFFFD && u[0] != 0x1A) dict->bytes.emplace(u[0], byte);
      }
      ucnv_close(conv);
    }
    return std::unique_ptr<Hyphenator>(new Hyphenator(path, std::move(dict), options));
  }
  return nullptr;
}

std::vector<size_t> Hyphenator::run_points(const std::u32string& lower) const {
  std::string bytes;
  for (char32_t c : lower) {
    if (dict_->dict->utf8) {
      utf8::append(bytes, c);
    } else {
      auto it = dict_->bytes.find(c);
      if (it == dict_->bytes.end()) return {};  // a letter the dictionary's charset cannot spell
      bytes += it->second;
    }
  }
  const HyphenDict* d = dict_->dict;
  size_t left = std::max<size_t>({options_.left_min, static_cast<size_t>(std::max<int>(d->lhmin, 0)), 1});
  size_t right = std::max<size_t>({options_.right_min, static_cast<size_t>(std::max<int>(d->rhmin, 0)), 1});
  if (lower.size() < left + right) return {};

  // libhyphen reads hyphens[] up to word_size + 5 and the word as a C string (NOHYPHEN uses strstr).
  std::vector<char> hyphens(bytes.size() + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  int failed =
      hnj_hyphen_hyphenate3(dict_->dict, bytes.c_str(), static_cast<int>(bytes.size()), hyphens.data(),
                            nullptr, &rep, &pos, &cut, static_cast<int>(left), static_cast<int>(right), 0, 0);
  std::vector<size_t> points;
  // For UTF-8 dictionaries libhyphen has already turned byte positions into character positions.
  for (size_t k = left; !failed && k + right <= lower.size(); ++k) {
    // An odd value at character k - 1 allows a hyphen after it; a replacement (rep) would also
    // change the spelling around the break, which a plain hyphen cannot express.
    bool allowed = (hyphens[k - 1] & 1) != 0 && !(rep && rep[k - 1]);
    if (allowed) points.push_back(k);
  }
  if (rep) {
    for (size_t i = 0; i < bytes.size(); ++i) std::free(rep[i]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  return points;
}

std::vector<size_t> Hyphenator::points(std::string_view word) const {
  if (utf8::find_invalid(word)) return {};
  std::u32string cps;
  std::vector<size_t> offsets;  // byte offset of each code point, and the word's size last
  for (size_t at = 0; at < word.size();) {
    offsets.push_back(at);
    cps.push_back(utf8::next(word, at));
  }
  offsets.push_back(word.size());
  if (never_hyphenated(cps)) return {};

  std::vector<size_t> points;
  if (std::find(cps.begin(), cps.end(), kSoftHyphen) != cps.end()) {
    for (size_t i = 0; i + 1 < cps.size(); ++i) {
      if (cps[i] == kSoftHyphen) points.push_back(offsets[i + 1]);
    }
    return points;
  }

  for (size_t begin = 0; begin < cps.size();) {
    if (!u_isalpha(cps[begin])) {
      ++begin;
      continue;
    }
    size_t end = begin + 1;
    while (end < cps.size() && (is_letter(cps[end]) || (is_apostrophe(cps[end]) && end + 1 < cps.size() &&
                                                        u_isalpha(cps[end + 1])))) {
      ++end;
    }
    std::u32string lower;
    bool capital_inside = false;
    for (size_t i = begin; i < end; ++i) {
      char32_t c = cps[i];
      capital_inside = capital_inside || (i > begin && u_isupper(c));
      // Patterns spell the apostrophe as U+0027 (hyph_uk: п'ять).
      lower += is_apostrophe(c) ? U'\'' : static_cast<char32_t>(u_tolower(c));
    }
    if (!capital_inside && lower.size() <= kLongestRun) {
      for (size_t k : run_points(lower)) {
        size_t at = begin + k;
        // Keep a base letter with its combining marks, and an apostrophe with both neighbours.
        if (is_mark(cps[at]) || is_apostrophe(cps[at]) || is_apostrophe(cps[at - 1])) continue;
        points.push_back(offsets[at]);
      }
    }
    begin = end;
  }
  return points;
}

HyphenatorSet::HyphenatorSet(std::vector<std::string> folders, HyphenOptions options)
    : folders_(std::move(folders)), options_(options) {}

const Hyphenator* HyphenatorSet::get(const std::string& lang) {
  auto it = loaded_.find(lang);
  if (it == loaded_.end())
    it = loaded_.emplace(lang, Hyphenator::for_language(lang, folders_, options_)).first;
  return it->second.get();
}

}  // namespace tp::text

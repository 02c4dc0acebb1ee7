// What pdftotext gives back differs from the text threadpdf drew in ways that say nothing about
// the PDF: bidi control marks, marks drawn off the baseline set beside their word, line breaks
// inside words of scripts without spaces. These helpers take those differences out.
#pragma once

#include <cstddef>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace tp::test {

// pdftotext marks right-to-left runs with U+202A..U+202E; they are not part of the text.
inline std::string without_bidi_marks(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E"})
    for (size_t at; (at = s.find(mark)) != std::string::npos;) s.erase(at, 3);
  return s;
}

// Arabic harakat, Hebrew points and Thai vowel and tone marks: poppler starts a new word where a glyph's
// baseline moves by more than half a point, so a mark drawn raised or lowered is extracted beside its word.
inline bool is_point_mark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0591 && c <= 0x05C7) || c == 0x0E31 ||
         (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

inline std::string without_point_marks(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 2   ? ((b & 0x1F) << 6) | (s[i + 1] & 0x3F)
                 : n == 3 ? ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)
                          : 0;
    i += n;
    if (is_point_mark(c)) continue;
    out.append(s, start, n);
  }
  return out;
}

inline size_t count_point_marks(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  std::string rest = without_point_marks(s);
  for (size_t i = 0; i < rest.size(); ++i) n -= (static_cast<unsigned char>(rest[i]) & 0xC0) != 0x80;
  return n;
}

inline std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f') out += c;
  return out;
}

// The words of `text` as pdftotext must give each of them back: right-to-left words in logical
// order, conjuncts and ligatures whole, point marks left out. Punctuation at a word's edge is left
// out: beside a right-to-left word it is a neutral character that extractors place by the
// paragraph's direction, not the word's.
inline std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream words(text);
  for (std::string w; words >> w;) {
    while (!w.empty() && std::string(".,:;!?()").find(w.back()) != std::string::npos) w.pop_back();
    while (!w.empty() && std::string(".,:;!?()").find(w.front()) != std::string::npos) w.erase(0, 1);
    for (const char* mark : {"\u060C", "\u0589", "\u055D", "\u0964"})  // ، ։ ՝ ।
      if (w.size() >= 2 && w.size() >= std::strlen(mark) &&
          w.compare(w.size() - std::strlen(mark), std::string::npos, mark) == 0)
        w.erase(w.size() - std::strlen(mark));
    w = without_point_marks(w);
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

}  // namespace tp::test

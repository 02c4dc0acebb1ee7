// UTF-8 helpers. Text inside the program is UTF-8 std::string; span offsets in the model are code
// points, so conversions happen in exactly these functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tp::utf8 {

// Byte offset of the first invalid sequence, or nullopt when `s` is valid UTF-8 (overlongs,
// surrogates and values above U+10FFFF are invalid).
std::optional<size_t> find_invalid(std::string_view s);

// Number of code points in valid UTF-8.
size_t length(std::string_view s);

// Byte offset of code point index `cp` (== s.size() for cp == length(s)). Valid UTF-8 only.
size_t byte_offset(std::string_view s, size_t cp);

// byte_offset for positions asked in increasing order, as spans sorted by start are: each call
// walks on from the previous answer, so a whole list of spans costs one pass over the text (a
// smaller position than the last starts again from the beginning). `s` must outlive the cursor.
class CodePointCursor {
 public:
  explicit CodePointCursor(std::string_view s) : s_(s) {}
  size_t byte_offset(size_t cp);

 private:
  std::string_view s_;
  size_t cp_ = 0, byte_ = 0;
};

// Decodes the code point at byte `pos` and advances `pos`. Valid UTF-8 only.
char32_t next(std::string_view s, size_t& pos);

void append(std::string& out, char32_t c);

std::u16string to_utf16(std::string_view s);

}  // namespace tp::utf8

#include "core/utf8.h"

#include <doctest/doctest.h>

using namespace tp;

TEST_CASE("invalid UTF-8 is found at its first bad byte") {
  CHECK_FALSE(utf8::find_invalid("plain ascii, Ελληνικά, українська, 👨‍👩‍👧"));
  CHECK(utf8::find_invalid("ab\xff") == 2);
  CHECK(utf8::find_invalid("ab\xc3") == 2);            // truncated
  CHECK(utf8::find_invalid("\xc0\xaf") == 0);          // overlong
  CHECK(utf8::find_invalid("x\xed\xa0\x80") == 1);     // surrogate
  CHECK(utf8::find_invalid("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
}

TEST_CASE("code point offsets and UTF-16") {
  std::string s = "a√2🧵b";
  CHECK(utf8::length(s) == 5);
  CHECK(utf8::byte_offset(s, 2) == 4);
  CHECK(utf8::byte_offset(s, 4) == 9);
  CHECK(utf8::byte_offset(s, 5) == s.size());
  CHECK(utf8::to_utf16("🧵") == std::u16string{0xD83E, 0xDDF5});
  std::string out;
  utf8::append(out, U'🧵');
  CHECK(out == "🧵");
}

#include "parse/input.h"

#include "core/error.h"
#include "core/utf8.h"

namespace tp::parse {

void require_utf8(std::string_view bytes, const std::string& input) {
  if (auto bad = utf8::find_invalid(bytes))
    throw Error(ErrorCode::Input, input, "invalid UTF-8 at byte " + std::to_string(*bad));
}

std::string_view strip_bom(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes;
}

std::string encode_non_ascii(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : url) {
    if (c > 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

bool is_language_tag(std::string_view tag) {
  size_t len = 0, subtag = 0;
  for (char c : tag) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '-') {
      if (len == 0) return false;
      len = 0, ++subtag;
    } else if (((u | 0x20) >= 'a' && (u | 0x20) <= 'z') || (subtag > 0 && u >= '0' && u <= '9')) {
      if (++len > 8) return false;
    } else {
      return false;
    }
  }
  return len > 0;
}

}  // namespace tp::parse

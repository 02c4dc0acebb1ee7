// Helpers shared by the readers: the checks every input goes through before any format is looked at.
#pragma once

#include <string>
#include <string_view>

namespace tp::parse {

// Throws Error(Input, input, "invalid UTF-8 at byte N"), N counted from 0 in `bytes` as given
// (a byte order mark included), when `bytes` is not valid UTF-8.
void require_utf8(std::string_view bytes, const std::string& input);

// `bytes` without a leading UTF-8 byte order mark.
std::string_view strip_bom(std::string_view bytes);

// Percent-encodes every byte of `url` outside printable ASCII, so a href built from text that holds
// non-ASCII letters is a valid URI (PDF link actions take 7-bit URIs).
std::string encode_non_ascii(std::string_view url);

// BCP 47 in its general shape: subtags of 1 to 8 letters or digits joined by hyphens, the first one
// letters only ("uk", "zh-Hant", "es-419"). Registry membership is not checked: sources send tags
// newer than any table we could carry.
bool is_language_tag(std::string_view tag);

}  // namespace tp::parse

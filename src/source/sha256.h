// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto: cache keys, the archive's picture names, and
// the manifest of a capture (docs/manifest.md).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tp::source {

std::array<std::uint8_t, 32> sha256(std::string_view data);
// The digest as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace tp::source

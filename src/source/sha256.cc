#include "source/sha256.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but EVP's first fetch of
// an algorithm costs about 0.8 ms of CPU in every process (the configuration file read, the default
// provider's tables built: bench/README.md, "The text path"), for the same code in libcrypto (its
// SHA extensions included) and the same digests. Debian 12's OpenSSL 3.0 keeps them.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace tp::source {

std::array<std::uint8_t, 32> sha256(std::string_view data) {
  static_assert(SHA256_DIGEST_LENGTH == 32);
  std::array<std::uint8_t, 32> digest{};
  SHA256_CTX ctx;
  // These cannot fail: the context is on the stack and the algorithm compiled in.
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(digest.data(), &ctx);
  return digest;
}

std::string sha256_hex(std::string_view data) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (std::uint8_t b : sha256(data)) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace tp::source

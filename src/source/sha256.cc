#include "source/sha256.h"

#include <openssl/evp.h>

#include <memory>

#include "core/error.h"

namespace tp::source {

namespace {

// SHA256() looks the algorithm up in OpenSSL 3's provider tables and makes a context on every
// call; a thread JSON of a thousand posts hashes a thousand times. The algorithm is fetched once
// per process and each thread keeps one context.
const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (!md) throw Error(ErrorCode::Internal, "SHA-256", "OpenSSL has no SHA-256");
  return md;
}

struct ContextFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::array<std::uint8_t, 32> sha256(std::string_view data) {
  thread_local const std::unique_ptr<EVP_MD_CTX, ContextFree> ctx(EVP_MD_CTX_new());
  std::array<std::uint8_t, 32> digest{};
  unsigned int size = 0;
  // These fail only when memory runs out: the algorithm is built into libcrypto.
  if (!ctx || !EVP_DigestInit_ex2(ctx.get(), sha256_md(), nullptr) ||
      !EVP_DigestUpdate(ctx.get(), data.data(), data.size()) ||
      !EVP_DigestFinal_ex(ctx.get(), digest.data(), &size) || size != digest.size())
    throw Error(ErrorCode::Internal, "SHA-256", "OpenSSL could not hash");
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

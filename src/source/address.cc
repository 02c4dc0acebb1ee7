#include "source/address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>

namespace tp::source {

namespace {

bool ipv4_local(const std::array<std::uint8_t, 4>& a) {
  return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 169 && a[1] == 254) ||
         (a[0] == 172 && (a[1] & 0xF0) == 16) || (a[0] == 192 && a[1] == 168) ||
         (a[0] == 100 && (a[1] & 0xC0) == 64);
}

}  // namespace

AddressScope address_scope(const std::string& ip) {
  const std::string text = ip.substr(0, ip.find('%'));  // an IPv6 zone ("fe80::1%eth0")
  std::array<std::uint8_t, 4> v4{};
  if (inet_pton(AF_INET, text.c_str(), v4.data()) == 1)
    return ipv4_local(v4) ? AddressScope::Local : AddressScope::Public;
  std::array<std::uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return AddressScope::Local;
  bool zero_prefix = true;  // the first 80 bits
  for (int i = 0; i < 10; ++i) zero_prefix = zero_prefix && v6[i] == 0;
  if (zero_prefix && v6[10] == 0xFF && v6[11] == 0xFF)  // ::ffff:a.b.c.d
    return ipv4_local({v6[12], v6[13], v6[14], v6[15]}) ? AddressScope::Local : AddressScope::Public;
  const bool nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B;  // 64:ff9b::/96
  bool nat64_zero = nat64;
  for (int i = 4; i < 12; ++i) nat64_zero = nat64_zero && v6[i] == 0;
  if (nat64_zero)
    return ipv4_local({v6[12], v6[13], v6[14], v6[15]}) ? AddressScope::Local : AddressScope::Public;
  bool all_zero_but_last =
      zero_prefix && v6[10] == 0 && v6[11] == 0 && v6[12] == 0 && v6[13] == 0 && v6[14] == 0;
  if (all_zero_but_last && (v6[15] == 0 || v6[15] == 1)) return AddressScope::Local;  // :: and ::1
  if (v6[0] == 0xFE && (v6[1] & 0xC0) == 0x80) return AddressScope::Local;            // fe80::/10
  if ((v6[0] & 0xFE) == 0xFC) return AddressScope::Local;                             // fc00::/7
  return AddressScope::Public;
}

bool redirect_allowed(AddressScope original, AddressScope target) {
  return !(original == AddressScope::Public && target == AddressScope::Local);
}

}  // namespace tp::source

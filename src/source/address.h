// Where an IP address leads, for the redirect rule: a server on the internet may not send threadpdf
// to an address inside the user's machine or network (a router's admin page, a cloud metadata
// service, a local daemon). Plain values, no sockets, so the rule is tested with addresses.
#pragma once

#include <string>

namespace tp::source {

enum class AddressScope {
  Public,
  // Loopback (127/8, ::1), link-local (169.254/16, fe80::/10), private (10/8, 172.16/12,
  // 192.168/16, fc00::/7), shared (100.64/10), "this network" (0/8, ::), and IPv4-mapped or
  // NAT64 IPv6 (::ffff:a.b.c.d, 64:ff9b::a.b.c.d) of any of these.
  Local,
};

// `ip` as curl reports it ("93.184.216.34", "::1", "fe80::1%eth0"). Text that is no address counts
// as Local: the rule then refuses rather than trusts.
AddressScope address_scope(const std::string& ip);

// Whether a redirect may lead to an address of scope `target` when the request was first sent to
// one of scope `original`: always, except from Public to Local.
bool redirect_allowed(AddressScope original, AddressScope target);

}  // namespace tp::source

#include "source/url.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "source/url_parts.h"

namespace tp::source {

namespace {

using model::Platform;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

template <class Pred>
bool all_of(std::string_view s, Pred pred, size_t max_len) {
  return !s.empty() && s.size() <= max_len && std::all_of(s.begin(), s.end(), pred);
}
bool digits(std::string_view s, size_t max_len = 20) { return all_of(s, is_digit, max_len); }

// The pieces of a URL this module looks at. Query and fragment are dropped; empty path segments
// (a trailing slash, "//") are skipped.
struct Parts {
  std::string scheme;     // lower case
  std::string authority;  // as written for at://, "host[:port]" lower-cased for http(s)
  std::string host;
  std::string port;  // empty when absent or the scheme's default
  std::vector<std::string> segments;
};

std::optional<Parts> split(std::string_view url) {
  while (!url.empty() && std::string_view(" \t\r\n").find(url.front()) != std::string_view::npos)
    url.remove_prefix(1);
  while (!url.empty() && std::string_view(" \t\r\n").find(url.back()) != std::string_view::npos)
    url.remove_suffix(1);
  Parts p;
  const std::string whole(url);
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  p.scheme = lowered(url.substr(0, sep));
  if (p.scheme != "http" && p.scheme != "https" && p.scheme != "at") return std::nullopt;
  url.remove_prefix(sep + 3);
  url = url.substr(0, url.find_first_of("?#"));
  size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  if (authority.empty()) return std::nullopt;
  for (char c : authority)
    if (static_cast<unsigned char>(c) <= ' ' || c == '\\' || c == '@') return std::nullopt;

  if (p.scheme == "at") {
    p.authority = std::string(authority);
  } else {
    // libcurl's parser, the one the request will go through: IPv6 literals, IDN hosts, ports and the default
    // port all as curl will see them.
    auto parts = url_parts(whole);
    if (!parts) return std::nullopt;
    p.host = parts->host;
    p.port = parts->port;
    p.authority = p.port.empty() ? p.host : p.host + ":" + p.port;
  }
  while (!path.empty()) {
    path.remove_prefix(1);
    std::string_view seg = path.substr(0, path.find('/'));
    if (!seg.empty()) p.segments.emplace_back(seg);
    path.remove_prefix(seg.size());
  }
  return p;
}

// A DID: "did:<method>:<id>" (atproto DID syntax).
bool is_did(std::string_view s) {
  if (s.size() > 2048 || s.substr(0, 4) != "did:") return false;
  std::string_view rest = s.substr(4);
  size_t colon = rest.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  auto method_char = [](char c) { return c >= 'a' && c <= 'z'; };
  auto id_char = [](char c) {
    return is_alnum(c) || std::string_view("._:%-").find(c) != std::string_view::npos;
  };
  return all_of(rest.substr(0, colon), method_char, 64) && all_of(rest.substr(colon + 1), id_char, 2048) &&
         rest.back() != ':';
}

// A handle is a DNS name with at least two labels.
bool is_handle(std::string_view s) {
  if (s.size() > 253 || s.find('.') == std::string_view::npos) return false;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = std::min(s.find('.', start), s.size());
    std::string_view label = s.substr(start, end - start);
    auto label_char = [](char c) { return is_alnum(c) || c == '-'; };
    if (!all_of(label, label_char, 63) || label.front() == '-' || label.back() == '-') return false;
    start = end + 1;
  }
  return true;
}

// Record keys: 1-512 characters of [A-Za-z0-9._:~-], not "." or "..".
bool is_rkey(std::string_view s) {
  auto rkey_char = [](char c) {
    return is_alnum(c) || std::string_view("._:~-").find(c) != std::string_view::npos;
  };
  return all_of(s, rkey_char, 512) && s != "." && s != "..";
}

std::optional<SourceRef> bluesky(const std::string& actor_in, const std::string& rkey) {
  std::string actor = is_did(actor_in) ? actor_in : lowered(actor_in);
  if ((!is_did(actor) && !is_handle(actor)) || !is_rkey(rkey)) return std::nullopt;
  SourceRef ref;
  ref.platform = Platform::Bluesky;
  ref.user = actor;
  ref.post_id = rkey;
  ref.at_uri = "at://" + actor + "/app.bsky.feed.post/" + rkey;
  return ref;
}

bool is_x_host(const std::string& host) {
  static const std::array<std::string_view, 2> domains = {"x.com", "twitter.com"};
  static const std::array<std::string_view, 4> prefixes = {"", "www.", "m.", "mobile."};
  for (auto d : domains)
    for (auto p : prefixes)
      if (host.size() == p.size() + d.size() && host.starts_with(p) && host.ends_with(d)) return true;
  return false;
}

std::optional<SourceRef> x_post(const std::vector<std::string>& s) {
  SourceRef ref;
  ref.platform = Platform::X;
  size_t id_at;
  if (s.size() >= 3 && s[0] == "i" && s[1] == "status") {
    id_at = 2;
  } else if (s.size() >= 4 && s[0] == "i" && s[1] == "web" && s[2] == "status") {
    id_at = 3;
  } else if (s.size() >= 3 && (s[1] == "status" || s[1] == "statuses")) {
    auto name_char = [](char c) { return is_alnum(c) || c == '_'; };
    if (!all_of(s[0], name_char, 50)) return std::nullopt;
    ref.user = s[0];
    id_at = 2;
  } else {
    return std::nullopt;
  }
  if (!digits(s[id_at])) return std::nullopt;
  ref.post_id = s[id_at];
  return ref;
}

std::optional<SourceRef> thread_reader(const std::vector<std::string>& s) {
  if (s.size() != 2 || (s[0] != "thread" && s[0] != "scrolly")) return std::nullopt;
  std::string id = s[1];
  if (id.ends_with(".html")) id.resize(id.size() - 5);
  if (!digits(id)) return std::nullopt;
  SourceRef ref;
  ref.platform = Platform::ThreadReader;
  ref.post_id = id;
  return ref;
}

std::optional<SourceRef> mastodon(const Parts& p) {
  const auto& s = p.segments;
  auto user_char = [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; };
  SourceRef ref;
  ref.platform = Platform::Mastodon;
  ref.base = p.scheme + "://" + p.authority;
  if (s.size() == 2 && s[0].size() > 1 && s[0][0] == '@') {
    // "@user" or "@user@domain"; the id is always this instance's local id (mastodon.md section 1).
    std::string_view acct = std::string_view(s[0]).substr(1);
    size_t at = acct.find('@');
    std::string_view user = acct.substr(0, at);
    if (!all_of(user, user_char, 64)) return std::nullopt;
    if (at != std::string_view::npos) {
      std::string_view domain = acct.substr(at + 1);
      auto domain_char = [](char c) { return is_alnum(c) || c == '.' || c == '-' || c == ':'; };
      if (!all_of(domain, domain_char, 253)) return std::nullopt;
    }
    if (!digits(s[1], 40)) return std::nullopt;
    ref.user = std::string(acct);
    ref.post_id = s[1];
    return ref;
  }
  if (s.size() == 4 && s[0] == "users" && s[2] == "statuses") {
    // Other servers offering this API may use non-numeric ids (mastodon.md section 1).
    auto id_char = [](char c) { return is_alnum(c) || c == '_' || c == '-'; };
    if (!all_of(s[1], user_char, 64) || !all_of(s[3], id_char, 64)) return std::nullopt;
    ref.user = s[1];
    ref.post_id = s[3];
    return ref;
  }
  return std::nullopt;
}

}  // namespace

std::optional<SourceRef> parse_source_url(const std::string& url) {
  auto parts = split(url);
  if (!parts) return std::nullopt;
  const auto& s = parts->segments;
  if (parts->scheme == "at") {
    if (s.size() != 2 || s[0] != "app.bsky.feed.post") return std::nullopt;
    return bluesky(parts->authority, s[1]);
  }
  const std::string& host = parts->host;
  if (host == "bsky.app") {
    // The web app's sub-pages of a post name the same post.
    bool sub_page = s.size() == 5 && (s[4] == "quotes" || s[4] == "liked-by" || s[4] == "reposted-by");
    if ((s.size() != 4 && !sub_page) || s[0] != "profile" || s[2] != "post") return std::nullopt;
    return bluesky(s[1], s[3]);
  }
  if (is_x_host(host)) return x_post(s);
  if (host == "threadreaderapp.com" || host == "www.threadreaderapp.com") return thread_reader(s);
  return mastodon(*parts);
}

std::string with_default_scheme(const std::string& typed) {
  if (typed.find("://") != std::string::npos) return typed;
  const size_t slash = typed.find('/');
  if (slash == std::string::npos || slash == 0) return typed;
  const std::string_view host = std::string_view(typed).substr(0, slash);
  const size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || !is_handle(lowered(host))) return typed;
  const std::string_view tld = host.substr(dot + 1);
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!all_of(tld, letter, 63) || tld.size() < 2) return typed;
  return "https://" + typed;
}

std::string unsupported_message(const std::string& url) {
  std::string shown = url.size() > 200 ? url.substr(0, 200) + "..." : url;
  for (char& c : shown)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  // A profile is the commonest wrong paste: say what to paste instead of listing every form.
  if (auto parts = split(with_default_scheme(url)); parts && parts->scheme != "at") {
    const auto& s = parts->segments;
    const bool profile = parts->host == "bsky.app"
                             ? s.size() >= 2 && s[0] == "profile" && (s.size() == 2 || s[2] != "post")
                         : is_x_host(parts->host)
                             ? s.size() == 1 || (s.size() == 2 && (s[1] == "with_replies" || s[1] == "media"))
                             : s.size() == 1 && s[0].size() > 1 && s[0][0] == '@';
    if (profile) return shown + ": this is a profile, not a post: paste the URL of a post of the thread";
  }
  return shown +
         ": not a thread URL threadpdf can fetch; use https://bsky.app/profile/<handle>/post/<id>, "
         "at://<did>/app.bsky.feed.post/<id>, https://<instance>/@<user>/<id>, "
         "https://<instance>/users/<user>/statuses/<id>, https://x.com/<user>/status/<id> or "
         "https://threadreaderapp.com/thread/<id>.html";
}

}  // namespace tp::source

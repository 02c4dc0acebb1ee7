#include "source/url_parts.h"

#include <algorithm>
#include <memory>

#include "source/curl_library.h"

namespace tp::source {

namespace {

std::string lowered(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct UrlDeleter {
  void operator()(CURLU* u) const { curl().url_cleanup(u); }
};

// One part, or "" when the URL has none (CURLUE_NO_PORT, CURLUE_NO_QUERY, …).
std::string part(const CurlLibrary& lib, CURLU* u, CURLUPart which, unsigned flags) {
  char* s = nullptr;
  if (lib.url_get(u, which, &s, flags) != CURLUE_OK || !s) return {};
  std::string out(s);
  lib.free(s);
  return out;
}

}  // namespace

std::optional<UrlParts> url_parts(const std::string& url) {
  const CurlLibrary& lib = curl();
  std::unique_ptr<CURLU, UrlDeleter> u(lib.url());
  if (!u) return std::nullopt;
  if (lib.url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  UrlParts p;
  p.scheme = lowered(part(lib, u.get(), CURLUPART_SCHEME, 0));
  if (p.scheme != "http" && p.scheme != "https") return std::nullopt;
  // An internationalised name is kept as typed (ASCII letters lower-cased), so its two spellings
  // share one key; libcurl converts it for DNS when it connects. Not asked for as punycode here:
  // Debian 12's libcurl (7.88) leaks when that conversion fails, as it does in the C locale
  // (LeakSanitizer in the asan suite).
  p.host = lowered(part(lib, u.get(), CURLUPART_HOST, 0));
  if (p.host.empty()) return std::nullopt;
  p.port = part(lib, u.get(), CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
  p.path = part(lib, u.get(), CURLUPART_PATH, 0);
  if (p.path.empty()) p.path = "/";
  return p;
}

std::string host_key(const std::string& url) {
  if (auto p = url_parts(url)) return p->scheme + "://" + p->host + (p->port.empty() ? "" : ":" + p->port);
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  return lowered(url.substr(0, url.find_first_of("/?#", start)));
}

}  // namespace tp::source

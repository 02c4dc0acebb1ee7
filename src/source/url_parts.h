// A URL taken apart by libcurl's URL API (curl_url), the parser the requests themselves go through,
// so that what threadpdf recognises and what curl fetches never disagree: IPv6 literals
// ("http://[::1]:8080/…") and internationalised host names work, and there is one notion of "the
// same site". With curl_fetcher.cc, the only file that calls curl (through curl_library.h, which
// loads it on the first call).
#pragma once

#include <optional>
#include <string>

namespace tp::source {

struct UrlParts {
  std::string scheme;  // lower case: "http", "https"
  // ASCII letters lower-cased; an IPv6 literal in brackets ("[::1]"); an internationalised name as
  // typed (UTF-8), which libcurl converts for DNS when it connects.
  std::string host;
  std::string port;  // as digits, empty when absent or the scheme's default
  std::string path;  // "/…", percent-encoding kept; "/" when the URL has none
};

// http(s) URLs only; nullopt for anything curl rejects or another scheme. Both functions load libcurl
// on their first call and throw Error when it cannot be loaded (curl_library.h).
std::optional<UrlParts> url_parts(const std::string& url);

// The key by which requests to one site are counted and limited: "scheme://host[:port]" as in
// UrlParts (lower case, default port left out). For text that is no http(s) URL, the text
// up to its first '/', '?' or '#' after any "scheme://", in lower case, so that every request still
// has a key.
std::string host_key(const std::string& url);

}  // namespace tp::source

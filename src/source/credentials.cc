#include "source/credentials.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "core/suggest.h"
#include "source/url_parts.h"

namespace tp::source {

namespace {

constexpr const char* kEnvPrefix = "THREADPDF_TOKEN_";

bool loopback(const std::string& host) {
  return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

}  // namespace

std::string Credentials::env_name(const std::string& site) {
  std::string name = kEnvPrefix;
  for (unsigned char c : site) name += std::isalnum(c) && c < 0x80 ? static_cast<char>(std::toupper(c)) : '_';
  return name;
}

void Credentials::add(const std::string& site, const std::string& token) {
  if (site.empty()) throw Error(ErrorCode::Usage, "--token", "expected HOST=TOKEN, got no HOST");
  if (token.empty()) throw Error(ErrorCode::Usage, "--token", "no token after \"" + site + "=\"");
  // Said without the token: an error message must never show it.
  if (std::any_of(token.begin(), token.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; }))
    throw Error(ErrorCode::Usage, "--token",
                "the token for " + site + " holds a space or a control character");
  by_site_[ascii_lower(site)] = token;
}

void Credentials::add_from_environment(const std::vector<std::string>& environment) {
  for (const std::string& entry : environment) {
    if (entry.rfind(kEnvPrefix, 0) != 0) continue;
    size_t eq = entry.find('=');
    if (eq == std::string::npos || eq + 1 == entry.size()) continue;
    by_env_name_[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
}

std::optional<std::string> Credentials::token_for(const std::string& url) const {
  auto parts = url_parts(url);
  if (!parts) return std::nullopt;
  if (parts->scheme != "https" && !loopback(parts->host)) return std::nullopt;
  const std::string site = parts->port.empty() ? parts->host : parts->host + ":" + parts->port;
  if (auto it = by_site_.find(site); it != by_site_.end()) return it->second;
  if (auto it = by_env_name_.find(env_name(site)); it != by_env_name_.end()) return it->second;
  return std::nullopt;
}

bool has_authorization(const Request& request) {
  return std::any_of(request.headers.begin(), request.headers.end(),
                     [](const auto& h) { return ascii_lower(h.first) == "authorization"; });
}

Request AuthFetcher::with_token(const Request& request) const {
  Request r = request;
  if (has_authorization(r)) return r;
  if (auto token = credentials_.token_for(r.url)) r.headers.emplace_back("Authorization", "Bearer " + *token);
  return r;
}

Response AuthFetcher::get(const Request& request) { return inner_.get(with_token(request)); }

std::vector<Result> AuthFetcher::get_all(const std::vector<Request>& requests) {
  std::vector<Request> sent;
  sent.reserve(requests.size());
  for (const Request& r : requests) sent.push_back(with_token(r));
  return inner_.get_all(sent);
}

}  // namespace tp::source

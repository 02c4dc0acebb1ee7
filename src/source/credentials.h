// Bearer tokens for the sites that need one (a Mastodon instance's access token, a Bluesky session),
// each sent to exactly the site it was given for. Tokens are secrets: nothing here prints them, and
// the requests that carry one are kept out of the disk cache (cache.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "source/fetcher.h"

namespace tp::source {

class Credentials {
 public:
  // `site` is a host as in a URL, with its port when the URL names one ("mastodon.example",
  // "127.0.0.1:8080", "[::1]:8080"); any case. Throws Error(Usage, "--token", …) for an empty
  // site or token, or a token with a control character or space (it goes into a header).
  void add(const std::string& site, const std::string& token);
  // Tokens from the environment: every THREADPDF_TOKEN_<NAME>=TOKEN of `environment` ("NAME=VALUE"
  // strings, as environ holds them), where NAME is env_name(site). A --token for the same site wins.
  void add_from_environment(const std::vector<std::string>& environment);

  // The token for the site `url` names, or nullopt. A site given without a port matches only URLs
  // without one (the scheme's default port). Over plain http a token is sent only to a loopback
  // host (a test server, an SSH tunnel): anywhere else it would cross the network readable.
  std::optional<std::string> token_for(const std::string& url) const;

  bool empty() const { return by_site_.empty() && by_env_name_.empty(); }

  // THREADPDF_TOKEN_ and the site upper-cased, every character but a letter or digit made '_':
  // "mastodon.example" -> THREADPDF_TOKEN_MASTODON_EXAMPLE, "127.0.0.1:8080" ->
  // THREADPDF_TOKEN_127_0_0_1_8080.
  static std::string env_name(const std::string& site);

 private:
  std::map<std::string, std::string> by_site_;      // lower-case site -> token
  std::map<std::string, std::string> by_env_name_;  // THREADPDF_TOKEN_… -> token
};

// A Fetcher that adds "Authorization: Bearer TOKEN" to each request for a site with a token and
// passes everything to `inner`. libcurl drops that header when a redirect leads to another host,
// port or scheme, so a token never follows a redirect away from its site. `inner` and
// `credentials` must outlive this object.
class AuthFetcher : public Fetcher {
 public:
  AuthFetcher(Fetcher& inner, const Credentials& credentials) : inner_(inner), credentials_(credentials) {}
  Response get(const Request& request) override;
  std::vector<Result> get_all(const std::vector<Request>& requests) override;

 private:
  Request with_token(const Request& request) const;
  Fetcher& inner_;
  const Credentials& credentials_;
};

// Whether `request` carries an Authorization header (the cache keeps such answers out).
bool has_authorization(const Request& request);

}  // namespace tp::source

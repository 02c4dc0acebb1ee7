#include "app/network_setup.h"

#include "app/bluesky_login.h"
#include "source/cache.h"
#include "source/cache_files.h"
#include "source/url_parts.h"

namespace tp::app {

JobOptions prepare_network(const JobOptions& given, const JobEnvironment& env) {
  JobOptions options = given;
  const std::filesystem::path cache_dir =
      options.cache_dir.value_or(default_cache_dir(env.variables).string());
  if (options.clear_cache) source::clear_cache(cache_dir);
  if (!options.login) return options;

  std::string service = kBlueskyLoginService;
  bool given_base = false;
  for (const auto& [api, url] : options.api_bases)
    if (api == model::Platform::Bluesky) service = url, given_base = true;
  if (!given_base) options.api_bases.emplace_back(model::Platform::Bluesky, service);

  BlueskyLogin login;
  login.handle = *options.login;
  login.service = service;
  login.cache_dir = cache_dir;
  login.password = [handle = login.handle,
                    given = env.variables.get("THREADPDF_APP_PASSWORD")]() -> std::optional<std::string> {
    if (!given.empty()) return given;
    return ask_secret("Bluesky app password for " + handle + ": ");
  };
  Session session(options, env);
  const std::string token = bluesky_access_token(login, session.network());
  auto parts = source::url_parts(service);
  const std::string site = parts ? (parts->port.empty() ? parts->host : parts->host + ":" + parts->port) : "";
  options.tokens.emplace_back(site, token);
  return options;
}

}  // namespace tp::app

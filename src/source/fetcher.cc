#include "source/fetcher.h"

namespace tp::source {

std::string Response::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

namespace cause {

std::string rate_limited(long wait_seconds) {
  return "rate limited, retry after " + std::to_string(wait_seconds) + " s";
}

std::string server_error(long status) { return "server error " + std::to_string(status); }

std::string connection_failed(const std::string& reason) {
  std::string one_line = reason;
  while (!one_line.empty() && (one_line.back() == '\n' || one_line.back() == '\r' || one_line.back() == ' '))
    one_line.pop_back();
  for (char& c : one_line)
    if (c == '\n' || c == '\r') c = ' ';
  return "connection failed: " + one_line;
}

std::string redirect_refused(const std::string& address) {
  return "redirect to a local address refused (" + address + ")";
}

std::optional<std::string> for_status(long status) {
  if (status == 404 || status == 410) return kNotFound;
  if (status == 401 || status == 403) return kNotPublic;
  if (status == 429) return rate_limited(0);
  if (status >= 500 && status <= 599) return server_error(status);
  return std::nullopt;
}

}  // namespace cause

}  // namespace tp::source

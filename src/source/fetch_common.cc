#include "source/fetch_common.h"

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace tp::source::detail {

namespace {

using json = nlohmann::json;

// The words of an API error object: Bluesky {"error","message"}, Mastodon {"error"}, X {"error"}.
std::string api_error(const std::string& body) {
  json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  std::string out;
  for (const char* key : {"error", "message"}) {
    auto it = doc.find(key);
    if (it != doc.end() && it->is_string() && !it->get<std::string>().empty())
      out += (out.empty() ? "" : ": ") + it->get<std::string>();
  }
  return out;
}

// A body that must be JSON: HTML from a proxy or bot wall, or broken JSON, is named as such rather
// than handed to a reader that would report it in terms of the platform's schema.
void require_json(const std::string& body, const std::string& url) {
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) fail(url, "empty response, expected JSON");
  if (body[first] == '<') fail(url, "expected JSON, got HTML");
  // accept() checks the syntax without building the document.
  if (!json::accept(body)) {
    try {
      json::parse(body, nullptr, true).is_null();  // throws, to learn where the syntax breaks
    } catch (const json::parse_error& e) {
      fail(url, "invalid JSON at byte " + std::to_string(e.byte));
    }
  }
}

}  // namespace

void fail(const std::string& url, const std::string& cause) { throw Error(ErrorCode::Input, url, cause); }

Response get_ok(Fetcher& fetcher, const std::string& url, const char* accept) {
  Response r = fetcher.get({url, {{"Accept", accept}}});
  if (r.status >= 200 && r.status < 300) return r;
  std::string words = api_error(r.body);
  if (words.rfind("NotFound", 0) == 0) fail(url, cause::kNotFound);
  fail(url, "HTTP " + std::to_string(r.status) + (words.empty() ? "" : " (" + words + ")"));
}

std::string get_json(Fetcher& fetcher, const std::string& url) {
  Response r = get_ok(fetcher, url, "application/json");
  require_json(r.body, url);
  return std::move(r.body);
}

bool is_not_found(const Error& e) { return e.message() == cause::kNotFound; }

}  // namespace tp::source::detail

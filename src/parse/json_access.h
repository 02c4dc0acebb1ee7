// Small, forgiving accessors over platform JSON (nlohmann::json), shared by the platform readers:
// a missing key, a null and a value of another type all read as "absent".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.h"
#include "parse/input.h"

namespace tp::parse::json_access {

using json = nlohmann::json;

// A platform answer that cannot be read: Error(Input) naming `where` (the URL or file).
[[noreturn]] inline void fail(const std::string& where, const std::string& message) {
  throw Error(ErrorCode::Input, where, message);
}

// The value of `key` in `v`, or nullptr when `v` is no object or the key is absent or null.
inline const json* member(const json& v, const char* key) {
  if (!v.is_object()) return nullptr;
  auto it = v.find(key);
  return it == v.end() || it->is_null() ? nullptr : &*it;
}

// The string at `key`, or "" when it is absent or not a string.
inline std::string str(const json& v, const char* key) {
  const json* m = member(v, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

// The string at `key` when it is a non-empty string.
inline std::optional<std::string> nonempty(const json& v, const char* key) {
  std::string s = str(v, key);
  if (s.empty()) return std::nullopt;
  return s;
}

// A platform API's answer, which must be JSON: a body that is HTML (a proxy, a bot wall) or broken
// JSON is named as such, in `platform`'s name, with `what` was asked for when given:
// "expected JSON from Mastodon (status), got HTML", "X answered with invalid JSON at byte 12".
// Returns nullopt for an empty body (each platform words that case itself). Throws Error(Input).
inline std::optional<json> parse_api_body(const std::string& bytes, const std::string& where,
                                          const std::string& platform, const std::string& what = "") {
  std::string_view body = strip_bom(bytes);
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  const std::string asked = what.empty() ? "" : " (" + what + ")";
  if (body[first] == '<')
    throw Error(ErrorCode::Input, where, "expected JSON from " + platform + asked + ", got HTML");
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::Input, where,
                platform + " answered with invalid JSON" + asked + " at byte " + std::to_string(e.byte));
  }
}

}  // namespace tp::parse::json_access

// Small, forgiving accessors over platform JSON (nlohmann::json), shared by the platform readers:
// a missing key, a null and a value of another type all read as "absent".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace tp::parse::json_access {

using json = nlohmann::json;

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

}  // namespace tp::parse::json_access

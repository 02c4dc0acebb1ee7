// The process's environment variables as one value, read once from `environ` by
// process_environment (run.h) and passed down to everything that honours a variable, so that no
// other code reads the environment and tests give variables without touching the process's.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>

namespace tp::app {

class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string> variables) : variables_(std::move(variables)) {}

  void set(const std::string& name, const std::string& value) { variables_[name] = value; }

  // The value of `name`; "" when it is unset or set to "" (both mean "not given" to threadpdf).
  std::string get(const std::string& name) const {
    auto it = variables_.find(name);
    return it == variables_.end() ? std::string() : it->second;
  }

  // The value exactly as set, "" included; null when unset. For a variable where "" is a value
  // (an empty key password). Valid while this Environment lives and is not changed.
  const std::string* find(const std::string& name) const {
    auto it = variables_.find(name);
    return it == variables_.end() ? nullptr : &it->second;
  }

  // Every variable, by name.
  const std::map<std::string, std::string>& all() const { return variables_; }

 private:
  std::map<std::string, std::string> variables_;
};

// Where the disk cache lives without --cache-dir: $XDG_CACHE_HOME/threadpdf when XDG_CACHE_HOME is
// an absolute path, else $HOME/.cache/threadpdf, else <temp dir>/threadpdf-cache.
inline std::filesystem::path default_cache_dir(const Environment& env) {
  if (const std::string xdg = env.get("XDG_CACHE_HOME"); !xdg.empty() && xdg[0] == '/')
    return std::filesystem::path(xdg) / "threadpdf";
  if (const std::string home = env.get("HOME"); !home.empty())
    return std::filesystem::path(home) / ".cache" / "threadpdf";
  return std::filesystem::temp_directory_path() / "threadpdf-cache";
}

// Where scratch files go (layout::PageSpool): $TMPDIR when set, else /tmp, as POSIX says.
inline std::string temp_dir(const Environment& env) {
  const std::string dir = env.get("TMPDIR");
  return dir.empty() ? "/tmp" : dir;
}

}  // namespace tp::app

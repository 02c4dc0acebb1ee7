#include "app/config_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/option_table.h"
#include "core/error.h"
#include "core/suggest.h"

namespace tp::app {

std::optional<std::string> config_path(const std::optional<std::string>& explicit_path, bool no_config,
                                       const Environment& env) {
  if (no_config) return std::nullopt;
  if (explicit_path) return explicit_path;
  std::string dir;
  if (const std::string xdg = env.get("XDG_CONFIG_HOME"); !xdg.empty())
    dir = xdg;
  else if (const std::string home = env.get("HOME"); !home.empty())
    dir = home + "/.config";
  else
    return std::nullopt;
  const std::string path = dir + "/threadpdf/config";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

std::vector<std::string> read_config(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw Error(ErrorCode::Usage, path, std::string("cannot read the config file: ") + std::strerror(errno));
  std::vector<std::string> names;
  for (const OptionSpec& o : option_table()) names.emplace_back(o.name);
  std::vector<std::string> args;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::string where = path + ":" + std::to_string(n);
    const size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos || line[a] == '#') continue;
    line = line.substr(a, line.find_last_not_of(" \t\r") - a + 1);
    if (line.rfind("--", 0) != 0)
      throw Error(ErrorCode::Usage, where,
                  "expected a long option such as --layout book, got \"" + line + "\"");
    const size_t cut = line.find_first_of(" \t=");
    const std::string name = line.substr(2, cut == std::string::npos ? std::string::npos : cut - 2);
    const OptionSpec* o = find_option(name);
    if (!o)
      throw Error(ErrorCode::Usage, where, "unknown option --" + name + did_you_mean(name, names, "--"));
    if (name == "config" || name == "no-config" || name == "help" || name == "version")
      throw Error(ErrorCode::Usage, where, "--" + name + " belongs on the command line");
    std::string value = cut == std::string::npos ? "" : line.substr(cut + 1);
    value.erase(0, std::min(value.find_first_not_of(" \t="), value.size()));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (o->value.empty()) {
      if (!value.empty()) throw Error(ErrorCode::Usage, where, "--" + name + " takes no value");
      args.push_back("--" + name);
    } else {
      if (value.empty())
        throw Error(ErrorCode::Usage, where, "--" + name + ": expected " + std::string(o->value));
      args.push_back("--" + name + "=" + value);
    }
  }
  return args;
}

}  // namespace tp::app

// The config file, as yt-dlp's and gallery-dl's: the same long options as the command line, one a
// line ("--layout book", "--per-host=1", "# a comment"), read before the command line so that the
// command line wins.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/environment.h"

namespace tp::app {

// The file to read: --config FILE when given (`explicit_path`), none with --no-config, else
// $XDG_CONFIG_HOME/threadpdf/config ($HOME/.config/threadpdf/config without XDG_CONFIG_HOME), both
// from `env`, if it exists.
std::optional<std::string> config_path(const std::optional<std::string>& explicit_path, bool no_config,
                                       const Environment& env);

// The arguments the file holds, in order ("--layout", "book", …). Throws Error(Usage) naming
// "FILE:LINE" for a line that is not an option of the table, an option the file may not hold
// (--config, --no-config, --help, --version) or a missing value; Error(Usage) when the file cannot
// be read. A value is the rest of the line, without surrounding quotes.
std::vector<std::string> read_config(const std::string& path);

}  // namespace tp::app

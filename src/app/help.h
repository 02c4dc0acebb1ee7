// Texts made from the option table (option_table.h): --help, the man page threadpdf.1 and the shell
// completions. Pure functions of the table and the arguments: the build writes the man page and the
// completions with threadpdf-docgen, and tests compare --help with README's usage block.
#pragma once

#include <string>
#include <vector>

namespace tp::app {

// --help: synopsis, INPUT, the options by group, the layouts that exist (`layouts`, names without
// .json, sorted), examples, environment variables, exit status. Lines at most 100 columns.
std::string help_text(const std::vector<std::string>& layouts);

// The man page (roff, man(7) macros). `version` goes into the title line.
std::string man_page(const std::vector<std::string>& layouts, const std::string& version);

// A completion script for `shell`: "bash", "zsh" or "fish". Throws std::invalid_argument otherwise.
std::string completion_script(const std::string& shell);

// The layout names in `layouts_dir` (files NAME.json), sorted; empty when the folder is missing.
std::vector<std::string> layout_names(const std::string& layouts_dir);

}  // namespace tp::app

// The command line, parsed with cxxopts into JobOptions. Parsing never exits the process: --help and
// --version come back as flags, and usage errors throw Error(Usage).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tp::app {

struct JobOptions {
  std::string input;                 // a file path, or "-" for standard input
  std::optional<std::string> output; // a file path, or "-" for standard output
  std::string layout = "a4";         // a name in layouts/ or a JSON file
  std::optional<std::string> page_size;  // a4, letter or a5: overrides the layout's page size
  std::optional<std::string> json_output;  // also write the thread as thread JSON here
  std::optional<std::string> dump;   // model, shaped or layout: print that stage instead of a PDF
  std::string data_dir;              // the folder holding fonts/ and layouts/
  bool quiet = false;                // no warnings on stderr
};

struct CommandLine {
  JobOptions job;
  bool help = false;
  bool version = false;
  std::string help_text;
};

// argv as main received it. `default_data_dir` is used unless THREADPDF_DATA_DIR is set.
CommandLine parse_command_line(int argc, const char* const* argv, const std::string& default_data_dir);

}  // namespace tp::app

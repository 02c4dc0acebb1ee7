// Every command-line option, once: the parser (options.cc), --help, the man page and the shell
// completions (help.cc) are all made from this table, so none of them can list an option the others
// do not know.
#pragma once

#include <string_view>
#include <vector>

namespace tp::app {

// Where an option means something. The parser rejects an option given outside its mode, so that
// nothing a user types is silently ignored.
enum class OptionMode {
  Any,     // every run
  Single,  // one INPUT converted (not with --batch or --packet)
  Many,    // --batch or --packet
  Batch,   // --batch (one PDF per input)
  Packet,  // --packet
};

// What the value of an option is, for the completions.
enum class ValueKind { None, File, Dir, Word, Choice };

struct OptionSpec {
  std::string_view name;   // the long name, without "--"
  char letter = 0;         // the short name, 0 for none
  std::string_view value;  // what the value is called in the help ("FILE", "N"); "" for a flag
  std::string_view help;   // one sentence, lower case, no full stop; wrapped by the help
  std::string_view group;  // the heading it is listed under ("" for the first group)
  OptionMode mode = OptionMode::Any;
  ValueKind kind = ValueKind::None;
  std::string_view choices;  // ValueKind::Choice: the values, space-separated (lower case)
  bool repeatable = false;   // may be given more than once (values collected in order)
};

// The options, in the order --help lists them.
const std::vector<OptionSpec>& option_table();

// The option named `name` (long, without "--"), or null.
const OptionSpec* find_option(std::string_view name);

// What --help and the man page say besides the options.
struct HelpExtra {
  std::string_view synopsis;                                               // the usage lines
  std::string_view input;                                                  // what INPUT may be
  std::vector<std::pair<std::string_view, std::string_view>> examples;     // command, what it does
  std::vector<std::pair<std::string_view, std::string_view>> environment;  // variable, meaning
  std::string_view exit_status;
};
const HelpExtra& help_extra();

}  // namespace tp::app

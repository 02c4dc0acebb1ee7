#include "app/help.h"

#include <filesystem>
#include <set>
#include <sstream>
#include <stdexcept>

#include "app/option_table.h"

namespace tp::app {

namespace {

constexpr size_t kWidth = 100;  // help lines at most this wide
constexpr size_t kColumn = 22;  // where option descriptions start

// `text` wrapped to kWidth, every line indented by `indent` (the first line's indent is `first`
// characters already written).
std::string wrap(std::string_view text, size_t indent, size_t first) {
  std::string out;
  size_t col = first;
  if (col < indent) out.append(indent - col, ' '), col = indent;
  bool line_start = true;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    if (!line_start && col + 1 + word.size() > kWidth) {
      out += "\n" + std::string(indent, ' ');
      col = indent;
      line_start = true;
    }
    if (!line_start) out += ' ', ++col;
    out += word;
    col += word.size();
    line_start = false;
    i = end + 1;
  }
  return out + "\n";
}

std::string left_column(const OptionSpec& o) {
  std::string s = o.letter ? std::string("-") + o.letter + ", " : "";
  s += "--" + std::string(o.name);
  if (!o.value.empty()) s += " " + std::string(o.value);
  return s;
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "(none found)" : s;
}

std::vector<std::string_view> groups() {
  std::vector<std::string_view> g;
  for (const OptionSpec& o : option_table()) {
    bool seen = false;
    for (auto x : g) seen |= x == o.group;
    if (!seen) g.push_back(o.group);
  }
  return g;
}

// roff: a backslash and a leading dot or quote would be taken as markup.
std::string roff(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

}  // namespace

std::vector<std::string> layout_names(const std::string& layouts_dir) {
  std::set<std::string> names;
  std::error_code ec;
  if (std::filesystem::is_directory(layouts_dir, ec))
    for (const auto& e : std::filesystem::directory_iterator(layouts_dir, ec))
      if (e.path().extension() == ".json") names.insert(e.path().stem().string());
  return {names.begin(), names.end()};
}

std::string help_text(const std::vector<std::string>& layouts) {
  const HelpExtra& x = help_extra();
  std::string out = "Usage:\n";
  std::istringstream syn{std::string(x.synopsis)};
  for (std::string line; std::getline(syn, line);) out += "  " + line + "\n";
  out += "\n  INPUT";
  out += wrap(x.input, kColumn, 2 + 5);
  for (std::string_view g : groups()) {
    out += "\n" + (g.empty() ? std::string("Options") : std::string(g)) + ":\n";
    for (const OptionSpec& o : option_table()) {
      if (o.group != g) continue;
      std::string left = "  " + left_column(o);
      if (left.size() + 2 > kColumn)
        out += left + "\n" + wrap(o.help, kColumn, 0);
      else
        out += left + wrap(o.help, kColumn, left.size());
    }
  }
  out += "\nLayouts: " + joined(layouts) + "\n";
  out += "\nExamples:\n";
  for (const auto& [cmd, what] : x.examples) out += "  " + std::string(cmd) + "\n" + wrap(what, 6, 0);
  out += "\nEnvironment:\n";
  for (const auto& [var, what] : x.environment) out += wrap(var, 2, 0) + wrap(what, 6, 0);
  out += "\nExit status:\n" + wrap(x.exit_status, 2, 0);
  return out;
}

std::string man_page(const std::vector<std::string>& layouts, const std::string& version) {
  const HelpExtra& x = help_extra();
  std::string out =
      ".\\\" Generated from src/app/option_table.cc by threadpdf-docgen; edit the table, not this file.\n";
  out += ".TH THREADPDF 1 \"\" \"threadpdf " + version + "\" \"User Commands\"\n";
  out += ".SH NAME\nthreadpdf \\- turn a social\\-media thread into a PDF that keeps every word\n";
  out += ".SH SYNOPSIS\n";
  std::istringstream syn{std::string(x.synopsis)};
  for (std::string line; std::getline(syn, line);) out += ".B " + roff(line) + "\n.br\n";
  out += ".SH DESCRIPTION\n.I INPUT\nis " + roff(x.input) + ".\n";
  for (std::string_view g : groups()) {
    out += ".SH " + (g.empty() ? std::string("OPTIONS") : roff(g)) + "\n";
    for (const OptionSpec& o : option_table()) {
      if (o.group != g) continue;
      out += ".TP\n.B " + roff(left_column(o)) + "\n" + roff(o.help) + ".\n";
    }
  }
  out += ".SH LAYOUTS\n" + roff(joined(layouts)) + ".\n";
  out += ".SH EXAMPLES\n";
  for (const auto& [cmd, what] : x.examples) out += ".TP\n.B " + roff(cmd) + "\n" + roff(what) + ".\n";
  out += ".SH ENVIRONMENT\n";
  for (const auto& [var, what] : x.environment) out += ".TP\n.B " + roff(var) + "\n" + roff(what) + ".\n";
  out += ".SH EXIT STATUS\n" + roff(x.exit_status) + ".\n";
  return out;
}

std::string completion_script(const std::string& shell) {
  const auto& table = option_table();
  std::string out;
  if (shell == "bash") {
    std::string all, with_value;
    for (const OptionSpec& o : table) {
      all += " --" + std::string(o.name);
      if (o.letter) all += std::string(" -") + o.letter;
      if (!o.value.empty()) {
        with_value += "|--" + std::string(o.name);
        if (o.letter) with_value += std::string("|-") + o.letter;
      }
    }
    out += "# bash completion for threadpdf, generated from its option table.\n";
    out += "_threadpdf() {\n  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n";
    out += "  case $prev in\n";
    for (const OptionSpec& o : table) {
      if (o.value.empty()) continue;
      std::string names = "--" + std::string(o.name) + (o.letter ? std::string("|-") + o.letter : "");
      if (o.kind == ValueKind::Choice)
        out += "    " + names + ") COMPREPLY=($(compgen -W '" + std::string(o.choices) +
               "' -- \"$cur\")); return;;\n";
      else if (o.kind == ValueKind::Dir)
        out += "    " + names + ") COMPREPLY=($(compgen -d -- \"$cur\")); return;;\n";
      else if (o.kind == ValueKind::File)
        out += "    " + names + ") COMPREPLY=($(compgen -f -- \"$cur\")); return;;\n";
      else
        out += "    " + names + ") COMPREPLY=(); return;;\n";
    }
    out += "  esac\n";
    out += "  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '" + all.substr(1) +
           "' -- \"$cur\")); return; fi\n";
    out += "  COMPREPLY=($(compgen -f -- \"$cur\"))\n}\ncomplete -o filenames -F _threadpdf threadpdf\n";
  } else if (shell == "zsh") {
    out +=
        "#compdef threadpdf\n# zsh completion for threadpdf, generated from its option table.\n_arguments -s "
        "\\\n";
    for (const OptionSpec& o : table) {
      std::string help(o.help.substr(0, o.help.find_first_of(":(;")));
      for (char& c : help)
        if (c == '\'' || c == '[' || c == ']') c = ' ';
      std::string action;
      if (!o.value.empty()) {
        if (o.kind == ValueKind::Choice)
          action = ":" + std::string(o.value) + ":(" + std::string(o.choices) + ")";
        else if (o.kind == ValueKind::Dir)
          action = ":" + std::string(o.value) + ":_files -/";
        else if (o.kind == ValueKind::File)
          action = ":" + std::string(o.value) + ":_files";
        else
          action = ":" + std::string(o.value) + ": ";
      }
      const std::string rep = o.repeatable ? "*" : "";
      std::string eq = o.value.empty() ? "" : "=";
      if (o.letter)
        out += "  '" + rep + "(-" + o.letter + " --" + std::string(o.name) + ")'{-" + o.letter + ",--" +
               std::string(o.name) + eq + "}'[" + help + "]" + action + "' \\\n";
      else
        out += "  '" + rep + "--" + std::string(o.name) + eq + "[" + help + "]" + action + "' \\\n";
    }
    out += "  '*:INPUT:_files'\n";
  } else if (shell == "fish") {
    out += "# fish completion for threadpdf, generated from its option table.\n";
    for (const OptionSpec& o : table) {
      std::string help(o.help.substr(0, o.help.find_first_of(":(;")));
      for (char& c : help)
        if (c == '\'') c = ' ';
      out += "complete -c threadpdf -l " + std::string(o.name);
      if (o.letter) out += std::string(" -s ") + o.letter;
      if (!o.value.empty())
        out += o.kind == ValueKind::File || o.kind == ValueKind::Dir ? " -r -F" : " -r -f";
      if (o.kind == ValueKind::Choice) out += " -a '" + std::string(o.choices) + "'";
      out += " -d '" + help + "'\n";
    }
  } else {
    throw std::invalid_argument("no completion for shell \"" + shell + "\" (bash, zsh, fish)");
  }
  return out;
}

}  // namespace tp::app

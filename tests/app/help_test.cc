// --help, the man page and the completions come from one table; README's usage block is --help.
#include <doctest/doctest.h>

#include <sstream>
#include <vector>

#include "process.h"

using namespace tp::test;

namespace {

// The long options --help lists ("--output", ...), in order.
std::vector<std::string> help_options() {
  Ran help = run(threadpdf() + " --help");
  REQUIRE(help.status == 0);
  std::vector<std::string> names;
  std::istringstream in(help.out);
  for (std::string line; std::getline(in, line);) {
    size_t at = line.find("--");
    if (line.rfind("  -", 0) != 0 || at == std::string::npos) continue;
    size_t end = line.find_first_of(" =", at);
    names.push_back(line.substr(at, end == std::string::npos ? std::string::npos : end - at));
  }
  return names;
}

std::string generated(const std::string& relative) {
  return read_file(std::string(TP_BUILD_DIR) + "/share/" + relative);
}

}  // namespace

TEST_CASE("README's usage block is exactly what --help prints") {
  const std::string readme = read_file(std::string(TP_SOURCE_DIR) + "/README.md");
  const std::string start = "## Usage\n\n```\n";
  size_t a = readme.find(start);
  REQUIRE(a != std::string::npos);
  a += start.size();
  size_t b = readme.find("```", a);
  REQUIRE(b != std::string::npos);
  Ran help = run(threadpdf() + " --help");
  CHECK(help.status == 0);
  // On a mismatch, paste the output of `threadpdf --help` into README's usage block.
  CHECK(readme.substr(a, b - a) == help.out);
}

TEST_CASE("--help lists the layouts that exist, examples and the environment") {
  Ran help = run(threadpdf() + " --help");
  CHECK(help.out.find("\nLayouts: a4, book, briefing, letter\n") != std::string::npos);
  CHECK(help.out.find("\nExamples:\n  threadpdf ") != std::string::npos);
  CHECK(help.out.find("THREADPDF_DATA_DIR") != std::string::npos);
  CHECK(help.out.find("SOURCE_DATE_EPOCH") != std::string::npos);
  std::istringstream in(help.out);
  for (std::string line; std::getline(in, line);) CHECK_MESSAGE(line.size() <= 100, line);
  // Every example that reads a file from the repository works as printed.
  TempDir dir;
  Ran ex = run("cd " + std::string(TP_SOURCE_DIR) + " && " + threadpdf() +
               " examples/world-scripts.json --layout book --page-size A5 -o " + (dir / "ex.pdf"));
  CHECK_MESSAGE(ex.status == 0, ex.err);
}

TEST_CASE("the man page renders cleanly and lists every option") {
  const std::string man = generated("man/man1/threadpdf.1");
  TempDir dir;
  write_file(dir / "threadpdf.1", man);
  Ran r = run("groff -man -Tutf8 -ww -z " + (dir / "threadpdf.1"));
  CHECK_MESSAGE(r.err.empty(), r.err);
  Ran text = run("MANWIDTH=120 man -l " + (dir / "threadpdf.1") + " | col -b");
  CHECK(text.status == 0);
  for (const std::string& name : help_options())
    CHECK_MESSAGE(text.out.find(name) != std::string::npos, name);
  CHECK(text.out.find("a4, book, briefing, letter") != std::string::npos);
}

TEST_CASE("bash completion completes option names and their fixed values") {
  const std::string script = std::string(TP_BUILD_DIR) + "/share/bash-completion/completions/threadpdf";
  auto complete = [&](const std::string& words) {
    Ran r = run("bash -c 'source " + script + "; COMP_WORDS=(" + words +
                "); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); "
                "_threadpdf; echo \"${COMPREPLY[*]}\"'");
    CHECK(r.status == 0);
    return r.out;
  };
  CHECK(complete("threadpdf --pag") == "--page-size\n");
  CHECK(complete("threadpdf --page-size \"\"") == "a4 letter a5\n");
  CHECK(complete("threadpdf --dump s") == "shaped\n");
  CHECK(complete("threadpdf --ver") == "--verbose --version\n");
  const std::string bash = generated("bash-completion/completions/threadpdf");
  for (const std::string& name : help_options())
    CHECK_MESSAGE(bash.find(" " + name) != std::string::npos, name);
}

TEST_CASE("zsh and fish completions know every option") {
  const std::string zsh = generated("zsh/vendor-completions/_threadpdf");
  const std::string fish = generated("fish/vendor_completions.d/threadpdf.fish");
  CHECK(zsh.rfind("#compdef threadpdf\n", 0) == 0);
  for (const std::string& name : help_options()) {
    CHECK_MESSAGE(zsh.find(name) != std::string::npos, name);
    CHECK_MESSAGE(fish.find("-l " + name.substr(2) + " ") != std::string::npos, name);
  }
  CHECK(fish.find("-l page-size -r -f -a 'a4 letter a5'") != std::string::npos);
}

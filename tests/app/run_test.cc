// app::run, the whole command line, called in-process with in-memory streams: what a user of the
// CLI sees (exit status, standard output, the lines on standard error) without starting a process.
#include "app/run.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "process.h"

using tp::app::Environment;
using tp::app::ProcessEnvironment;
using tp::test::TempDir;

namespace {

const char* kThread = R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
  "author": {"name": "Ada", "handle": "@ada"}, "posts": [{"id": "1", "text": "hello from standard input"}]})";

struct Ran {
  int status = -1;
  std::string out, err;
};

Ran run(std::vector<std::string> args, const ProcessEnvironment& env = {}, const std::string& in = "") {
  args.insert(args.begin(), "threadpdf");
  std::istringstream input(in);
  std::ostringstream out, err;
  Ran r;
  r.status = tp::app::run(args, env, input, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

ProcessEnvironment with_epoch(const std::string& seconds) {
  ProcessEnvironment env;
  env.variables.set("SOURCE_DATE_EPOCH", seconds);
  return env;
}

// Sets a variable of this process for one scope and restores it after: what run must not read.
class ProcessVariable {
 public:
  ProcessVariable(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ProcessVariable() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ProcessVariable(const ProcessVariable&) = delete;
  ProcessVariable& operator=(const ProcessVariable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// The first page's size line of a --dump layout.
std::string page_line(const std::string& dump) {
  const size_t at = dump.find("page 1 ");
  return at == std::string::npos ? "" : dump.substr(at, dump.find('\n', at) - at);
}

}  // namespace

TEST_CASE("run: a usage error is exit 2 and one line on standard error, nothing on standard output") {
  Ran r = run({"--no-such-option", "t.json"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("no-such-option") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);

  r = run({"verify"});
  CHECK(r.status == 2);
  CHECK(r.err == "verify: usage: threadpdf verify FILE.pdf [--json]\n");

  r = run({"-", "-o", "-"}, with_epoch("yesterday"), kThread);
  CHECK(r.status == 2);
  CHECK(r.err == "SOURCE_DATE_EPOCH: expected a whole number of seconds\n");
  CHECK(r.out.empty());
}

TEST_CASE("run: --version prints the project's version") {
  Ran r = run({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out == "threadpdf " TP_VERSION "\n");
  CHECK(r.err.empty());
}

TEST_CASE("run: standard input to standard output, dated by SOURCE_DATE_EPOCH") {
  Ran r = run({"-", "-o", "-"}, with_epoch("86400"), kThread);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  REQUIRE(r.out.rfind("%PDF-1.5\n", 0) == 0);
  CHECK(r.out.find("/CreationDate (D:19700102000000Z)") != std::string::npos);
  // Nothing but the PDF: the name "-" is not printed after it.
  CHECK(r.out.substr(r.out.size() - 6) == "%%EOF\n");
  // The same input and date, the same bytes.
  CHECK(run({"-", "-o", "-"}, with_epoch("86400"), kThread).out == r.out);

  // Standard input with no -o into a terminal would print a PDF onto the screen.
  ProcessEnvironment terminal = with_epoch("0");
  terminal.stdout_is_terminal = true;
  r = run({"-"}, terminal, kThread);
  CHECK(r.status == 2);
  CHECK(r.err == "threadpdf: reading standard input: give -o FILE (or redirect standard output)\n");
  CHECK(r.out.empty());
}

TEST_CASE("run: a conversion to a file prints the file's name; --dump prints the stage") {
  TempDir dir;
  tp::test::write_file(dir / "t.json", kThread);
  Ran r = run({dir / "t.json"}, with_epoch("0"));
  CHECK(r.status == 0);
  CHECK(r.out == dir / "t.pdf\n");
  CHECK(r.err.empty());
  CHECK(tp::test::read_file(dir / "t.pdf").rfind("%PDF-", 0) == 0);

  r = run({"-", "--dump", "model"}, with_epoch("0"), kThread);
  CHECK(r.status == 0);
  CHECK(r.out.find("hello from standard input") != std::string::npos);

  r = run({dir / "missing.json"}, with_epoch("0"));
  CHECK(r.status == 1);
  CHECK(r.err == dir / "missing.json: cannot read: No such file or directory\n");
  CHECK(r.out.empty());
}

TEST_CASE("run: the config file is found through the given XDG_CONFIG_HOME, not the process's") {
  TempDir dir;
  tp::test::write_file(dir / "t.json", kThread);
  for (const char* d : {"given/threadpdf", "process/threadpdf", "home/.config/threadpdf"})
    std::filesystem::create_directories(dir / d);
  tp::test::write_file(dir / "given/threadpdf/config", "--page-size a5\n");
  tp::test::write_file(dir / "home/.config/threadpdf/config", "--page-size letter\n");
  // Read, this one would make every run a usage error.
  tp::test::write_file(dir / "process/threadpdf/config", "--no-such-option\n");
  ProcessVariable xdg("XDG_CONFIG_HOME", dir / "process");
  ProcessVariable home("HOME", dir / "process");
  const std::string a5 = "page 1 419.53x595.28", a4 = "page 1 595.28x841.89", letter = "page 1 612x792";

  ProcessEnvironment env = with_epoch("0");
  env.variables.set("XDG_CONFIG_HOME", dir / "given");
  Ran r = run({dir / "t.json", "--dump", "layout"}, env);
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(page_line(r.out) == a5);
  // Without XDG_CONFIG_HOME (or with it empty) the given HOME's ~/.config is read.
  env.variables.set("XDG_CONFIG_HOME", "");
  env.variables.set("HOME", dir / "home");
  CHECK(page_line(run({dir / "t.json", "--dump", "layout"}, env).out) == letter);
  // Neither given: no config file at all, whatever the process has.
  CHECK(page_line(run({dir / "t.json", "--dump", "layout"}, with_epoch("0")).out) == a4);
}

TEST_CASE("run: THREADPDF_HTTP_* and THREADPDF_DATA_DIR come from the given variables") {
  TempDir dir;
  tp::test::write_file(dir / "t.json", kThread);
  ProcessVariable timeout("THREADPDF_HTTP_TIMEOUT", "not a number");
  ProcessVariable data("THREADPDF_DATA_DIR", dir / "nowhere");
  // The process's bad values are not seen.
  Ran r = run({dir / "t.json", "--dump", "model"}, with_epoch("0"));
  CHECK_MESSAGE(r.status == 0, r.err);

  ProcessEnvironment env = with_epoch("0");
  env.variables.set("THREADPDF_HTTP_TIMEOUT", "0");
  r = run({dir / "t.json", "--dump", "model"}, env);
  CHECK(r.status == 2);
  CHECK(r.err.rfind("THREADPDF_HTTP_TIMEOUT: expected a number from 0.1", 0) == 0);
  CHECK(r.out.empty());

  env = with_epoch("0");
  env.variables.set("THREADPDF_DATA_DIR", dir.path());  // holds no layouts/ or fonts/
  r = run({dir / "t.json"}, env);
  CHECK(r.status == 1);
  CHECK(r.err.find("(THREADPDF_DATA_DIR is \"" + dir.path() + "\")") != std::string::npos);
}

TEST_CASE("run: --shard auto takes its index from the given JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID") {
  TempDir dir;
  tp::test::write_file(dir / "list", "a.json\n");
  ProcessVariable job("JOB_COMPLETION_INDEX", "1");
  const std::vector<std::string> args = {"--batch", dir / "list", "-o", dir.path(), "--shard", "auto/2"};
  Ran r = run(args, with_epoch("0"));
  CHECK(r.status == 2);
  CHECK(r.err == "--shard: auto needs JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID in the environment\n");
  ProcessEnvironment env = with_epoch("0");
  env.variables.set("SLURM_ARRAY_TASK_ID", "5");
  r = run(args, env);
  CHECK(r.status == 2);
  CHECK(r.err == "--shard: expected a number from 0 to 1, got 5\n");  // the given index was read
}

TEST_CASE("default_cache_dir follows the given XDG_CACHE_HOME, then HOME") {
  Environment env;
  env.set("XDG_CACHE_HOME", "/tmp/xdg");
  CHECK(tp::app::default_cache_dir(env) == std::filesystem::path("/tmp/xdg/threadpdf"));
  env.set("XDG_CACHE_HOME", "relative/ignored");
  env.set("HOME", "/home/someone");
  CHECK(tp::app::default_cache_dir(env) == std::filesystem::path("/home/someone/.cache/threadpdf"));
  env.set("XDG_CACHE_HOME", "");
  CHECK(tp::app::default_cache_dir(env) == std::filesystem::path("/home/someone/.cache/threadpdf"));
  CHECK(tp::app::default_cache_dir(Environment{}) ==
        std::filesystem::temp_directory_path() / "threadpdf-cache");
}

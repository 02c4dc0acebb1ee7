// app::run, the whole command line, called in-process with in-memory streams: what a user of the
// CLI sees (exit status, standard output, the lines on standard error) without starting a process.
#include "app/run.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "process.h"

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
  env.variables["SOURCE_DATE_EPOCH"] = seconds;
  return env;
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

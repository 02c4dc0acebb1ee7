// The command line's manners, through the real binary: "did you mean", values named by their
// option, any case where it means the same, nothing silently ignored, layout files checked by key,
// and a missing data folder called what it is.
#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

#include "process.h"

using namespace tp::test;
namespace fs = std::filesystem;

namespace {

const char* kThread = R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
  "author": {"name": "Ada", "handle": "@ada"}, "posts": [{"id": "1", "text": "hello"}]})";

// Runs threadpdf with `args`; expects a usage error (exit 2) whose one line is exactly `line`.
void check_usage(const std::string& args, const std::string& line) {
  Ran r = run(threadpdf() + " " + args);
  CHECK_MESSAGE(r.status == 2, args, " -> ", r.err);
  CHECK_MESSAGE(r.err == line + "\n", args);
}

}  // namespace

TEST_CASE("a mistyped option gets the nearest real one") {
  check_usage("--ouptut x.pdf t.json", "threadpdf: unknown option --ouptut, did you mean --output?");
  check_usage("--page a5 t.json", "threadpdf: unknown option --page, did you mean --page-size?");
  check_usage("--layuot=book t.json", "threadpdf: unknown option --layuot, did you mean --layout?");
  check_usage("--colour red t.json", "threadpdf: unknown option --colour");
  check_usage("-x t.json", "threadpdf: unknown option -x");
  check_usage("t.json --output", "--output: expected FILE|DIR after it");
  check_usage("t.json -o", "-o: expected FILE|DIR after it");
}

TEST_CASE("a bad value is reported with its option and what was typed") {
  check_usage("--image-dpi abc t.json", "--image-dpi: expected a whole number, got \"abc\"");
  check_usage("--image-dpi 12 t.json", "--image-dpi: expected a number from 36 to 2400, got 12");
  check_usage("--batch l.txt -o d -j 2x", "--jobs: expected a whole number, got \"2x\"");
  check_usage("--batch l.txt -o d --per-host 0", "--per-host: expected a number from 1 to 64, got 0");
  check_usage("--page-size b5 t.json",
              "--page-size: expected a4, letter or a5, got \"b5\", did you mean a5?");
  check_usage("--dump pixels t.json", "--dump: expected model, shaped or layout, got \"pixels\"");
}

TEST_CASE("values are any case where the case means nothing") {
  TempDir dir;
  write_file(dir / "t.json", kThread);
  const std::string env = "SOURCE_DATE_EPOCH=1700000000 ";
  Ran lower = run(env + threadpdf() + " " + (dir / "t.json") + " --layout book --page-size a5 -o " +
                  (dir / "lower.pdf"));
  Ran upper = run(env + threadpdf() + " " + (dir / "t.json") + " --layout BOOK --page-size A5 -o " +
                  (dir / "upper.pdf"));
  REQUIRE(lower.status == 0);
  REQUIRE_MESSAGE(upper.status == 0, upper.err);
  CHECK(read_file(dir / "lower.pdf") == read_file(dir / "upper.pdf"));
  Ran dump = run(threadpdf() + " " + (dir / "t.json") + " --dump MODEL");
  CHECK(dump.status == 0);
  CHECK(dump.out.find("hello") != std::string::npos);
  Ran api =
      run(threadpdf() + " " + (dir / "t.json") + " --api-base BlueSky=HTTPS://example.test --dump model");
  CHECK_MESSAGE(api.status == 0, api.err);
}

TEST_CASE("an option that would do nothing in this run is a usage error") {
  check_usage("--report r.jsonl t.json", "--report: only with --batch or --packet");
  check_usage("-j 4 t.json", "--jobs: only with --batch or --packet");
  check_usage("--per-host 4 t.json", "--per-host: only with --batch or --packet");
  check_usage("--title T t.json", "--title: only with --packet");
  check_usage("--duplex --batch l.txt -o d", "--duplex: only with --packet");
  check_usage("--force --packet p.pdf a.json b.json",
              "--force: only with --batch and -o DIR (a packet always converts every thread)");
  check_usage("--json j.json --batch l.txt -o d", "--json: converts one INPUT; not with --batch or --packet");
  check_usage("--dump model --packet p.pdf a.json",
              "--dump: converts one INPUT; not with --batch or --packet");
  check_usage("-v -q t.json", "threadpdf: --verbose and --quiet exclude each other");
}

TEST_CASE("-v in a single run says what was written") {
  TempDir dir;
  write_file(dir / "t.json", kThread);
  Ran r = run(threadpdf() + " -v " + (dir / "t.json"));
  CHECK(r.status == 0);
  CHECK(r.out == dir / "t.pdf\n");
  CHECK_MESSAGE(r.err.rfind(dir / "t.pdf: 1 posts, 1 pages, ", 0) == 0, r.err);
  Ran quiet = run(threadpdf() + " " + (dir / "t.json"));
  CHECK(quiet.err.empty());
}

TEST_CASE("a layout file is checked key by key, like the thread JSON") {
  TempDir dir;
  write_file(dir / "t.json", kThread);
  auto check_layout = [&](const std::string& json, const std::string& expected) {
    write_file(dir / "mine.json", json);
    Ran r = run(threadpdf() + " " + (dir / "t.json") + " --layout " + (dir / "mine.json"));
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err == dir / "mine.json: " + expected + "\n", r.err);
    CHECK_FALSE(fs::exists(dir / "t.pdf"));
  };
  check_layout(R"({"extends": "a4", "marigns": {"top": 40}})", "marigns: unknown key, did you mean margins?");
  check_layout(R"({"margins": {"topp": 40}})", "margins.topp: unknown key, did you mean margins.top?");
  check_layout(R"({"quote": {"size": 9, "colour": "#000000"}})",
               "quote.colour: unknown key, did you mean quote.color?");
  check_layout(R"({"page": "a5"})", "page: expected an object, got \"a5\"");
  check_layout(R"({"margins": {"top": "wide"}})", "margins.top: expected a number, got \"wide\"");
  check_layout(R"({"justify": "yes"})", "justify: expected true or false, got \"yes\"");
  check_layout(R"({"fonts": []})", "fonts: unknown key");
}

TEST_CASE("--layout with a page size's name points at --page-size") {
  check_usage(
      "--layout a5 t.json",
      "--layout: no layout named \"a5\" (known: a4, book, briefing, letter); for the page size alone, use "
      "--page-size a5");
  check_usage("--layout bok t.json",
              "--layout: no layout named \"bok\" (known: a4, book, briefing, letter), did you mean book?");
}

TEST_CASE("a data folder that is not there is named as such") {
  TempDir dir;
  write_file(dir / "t.json", kThread);
  Ran r = run("THREADPDF_DATA_DIR=" + (dir / "nothing") + " " + threadpdf() + " " + (dir / "t.json"));
  CHECK(r.status == 1);
  CHECK(r.err ==
        "threadpdf: cannot find threadpdf's data (layouts/, fonts/) next to the program or in "
        "THREADPDF_DATA_DIR (THREADPDF_DATA_DIR is \"" +
            (dir / "nothing") + "\")\n");
  CHECK_FALSE(fs::exists(dir / "t.pdf"));
  // --help still answers: it is how a user finds out what THREADPDF_DATA_DIR is.
  Ran help = run("THREADPDF_DATA_DIR=" + (dir / "nothing") + " " + threadpdf() + " --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("Layouts: (none found)") != std::string::npos);
}

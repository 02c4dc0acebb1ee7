// The command line as a user meets it: exit codes, one-line errors, no half-written files.
#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

#include "process.h"

using namespace tp::test;
namespace fs = std::filesystem;

namespace {

const char* kGood = R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
  "author": {"name": "Ada", "handle": "@ada"}, "posts": [{"id": "1", "text": "hello"}]})";

size_t count_lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// Converting `bytes` must fail with exit 1, exactly one stderr line starting with the input's
// name and containing `expected`, and leave nothing in the folder but the input.
void check_rejected(const std::string& bytes, const std::string& expected) {
  TempDir dir;
  write_file(dir / "thread.json", bytes);
  Ran r = run(threadpdf() + " " + (dir / "thread.json") + " -o " + (dir / "thread.pdf"));
  CHECK(r.status == 1);
  CHECK(count_lines(r.err) == 1);
  CHECK_MESSAGE(r.err.rfind(dir / "thread.json: ", 0) == 0, r.err);
  CHECK_MESSAGE(r.err.find(expected) != std::string::npos, r.err);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) files += e.path().filename() != "thread.json";
  CHECK_MESSAGE(files == 0, "left behind after: ", r.err);
}

}  // namespace

TEST_CASE("bad input: one line naming the input and the cause, exit 1, no file") {
  check_rejected("{\"format\": ", "invalid JSON at line 1");
  check_rejected(
      R"({"format": "threadpdf-thread/1", "source": {"platform": "json"}, "author": {"name": "A", "handle": "@a"},
    "posts": [{"id": "1", "text": "a"}, {"id": "2", "text": "b"}, {"id": "3", "text": "c"},
              {"id": "4", "text": "d", "media": [{"kind": "image", "src": "x.png", "width": "wide"}]}]})",
      "posts[3].media[0].width: expected a whole number >= 1, got \"wide\"");
  check_rejected(
      R"({"format": "threadpdf-thread/1", "source": {"platform": "json"}, "author": {"name": "A", "handle": "@a"},
    "posts": [{"id": "1"}]})",
      "posts[0]");
  check_rejected(
      R"({"format": "threadpdf-thread/1", "source": {"platform": "json"}, "author": {"name": "A", "handle": "@a"},
    "posts": [{"id": "1", "text": "short", "spans": [{"start": 2, "end": 40, "kind": "link"}]}]})",
      "posts[0].spans[0]");
  check_rejected(
      R"({"format": "threadpdf-thread/1", "source": {"platform": "json"}, "author": {"name": "A", "handle": "@a"},
    "posts": []})",
      "posts");
  check_rejected(
      std::string(
          R"({"format": "threadpdf-thread/1", "source": {"platform": "json"}, "author": {"name": "A", "handle": "@a"},
    "posts": [{"id": "1", "text": "bad )") +
          "\xff\xfe" + R"("}]})",
      "invalid UTF-8");
  check_rejected(R"({"format": "threadpdf-thread/2"})", "format");
  check_rejected("", "");
  check_rejected("   \n\n", "");
}

TEST_CASE("a file that does not exist is an input error") {
  TempDir dir;
  Ran r = run(threadpdf() + " " + (dir / "nope.json"));
  CHECK(r.status == 1);
  CHECK(r.err == dir / "nope.json: cannot read: No such file or directory\n");
}

TEST_CASE("usage errors exit 2 with one line") {
  TempDir dir;
  write_file(dir / "t.json", kGood);
  for (const std::string& args :
       std::vector<std::string>{"", " --bogus " + (dir / "t.json"), " --page-size b5 " + (dir / "t.json"),
                                " --layout nope " + (dir / "t.json"), " --dump pixels " + (dir / "t.json")}) {
    Ran r = run(threadpdf() + args);
    CHECK_MESSAGE(r.status == 2, args, " -> ", r.err);
    CHECK(count_lines(r.err) == 1);
  }
  CHECK_FALSE(fs::exists(dir / "t.pdf"));
}

TEST_CASE("--help and --version answer on stdout and exit 0") {
  Ran help = run(threadpdf() + " --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("--page-size") != std::string::npos);
  CHECK(help.out.find("Exit status") != std::string::npos);
  Ran version = run(threadpdf() + " --version");
  CHECK(version.status == 0);
  CHECK(version.out.rfind("threadpdf ", 0) == 0);
}

TEST_CASE("the default output is the input's name with .pdf, and its path is printed") {
  TempDir dir;
  write_file(dir / "t.json", kGood);
  Ran r = run(threadpdf() + " " + (dir / "t.json"));
  CHECK(r.status == 0);
  CHECK(r.out == dir / "t.pdf\n");
  CHECK(read_file(dir / "t.pdf").rfind("%PDF-", 0) == 0);
}

TEST_CASE("standard input in, standard output out") {
  TempDir dir;
  write_file(dir / "t.json", kGood);
  Ran r = run("cat " + (dir / "t.json") + " | " + threadpdf() + " - -o - > " + (dir / "out.pdf"));
  CHECK(r.status == 0);
  CHECK(read_file(dir / "out.pdf").rfind("%PDF-", 0) == 0);
}

TEST_CASE("an unwritable output is an error and leaves nothing") {
  TempDir dir;
  write_file(dir / "t.json", kGood);
  Ran r = run(threadpdf() + " " + (dir / "t.json") + " -o " + (dir / "no/such/folder/t.pdf"));
  CHECK(r.status == 1);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find("cannot write") != std::string::npos);
}

TEST_CASE("--dump shaped shapes each post in its declared language, as the PDF draws it") {
  // 次 (U+6B21) has different glyphs in Japanese and Simplified Chinese fonts' forms.
  TempDir dir;
  write_file(dir / "t.json", R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
    "author": {"name": "Ada", "handle": "@ada"}, "posts": [
      {"id": "1", "text": "次", "lang": "ja"}, {"id": "2", "text": "次", "lang": "zh-Hans"}]})");
  Ran r = run(threadpdf() + " --dump shaped " + (dir / "t.json"));
  REQUIRE(r.status == 0);
  const size_t second = r.out.find("post 2\n");
  REQUIRE(second != std::string::npos);
  const std::string ja = r.out.substr(r.out.find("post 1\n") + 7, second - 7);
  const std::string zh = r.out.substr(second + 7);
  CAPTURE(r.out);
  CHECK(ja.substr(0, ja.find('=')) != zh.substr(0, zh.find('=')));  // "[gid=": the glyph ids differ
}

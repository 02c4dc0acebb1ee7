// The config file: the same long options, one a line; the command line wins; errors name FILE:LINE.
#include <doctest/doctest.h>

#include <filesystem>

#include "process.h"

using namespace tp::test;
namespace fs = std::filesystem;

namespace {

const char* kThread = R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
  "author": {"name": "Ada", "handle": "@ada"}, "posts": [{"id": "1", "text": "hello"}]})";

// The first page's size line of --dump layout ("page 1 419.53x595.28").
std::string page_line(const std::string& out) {
  size_t at = out.find("\npage 1 ");
  return at == std::string::npos ? "" : out.substr(at + 1, out.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("config file: read from XDG_CONFIG_HOME, the command line wins, --no-config and --config FILE") {
  TempDir dir;
  write_file(dir / "t.json", kThread);
  fs::create_directories(dir / "xdg/threadpdf");
  // Options that do nothing in a single run (--per-host) are no error when they come from the file.
  write_file(dir / "xdg/threadpdf/config",
             "# my defaults\n\n--layout book\n  --page-size=A5\n--per-host 3\n");
  const std::string env = "XDG_CONFIG_HOME=" + (dir / "xdg") + " ";
  const std::string cmd = threadpdf() + " " + (dir / "t.json") + " --dump layout";
  const std::string a5 = "page 1 419.53x595.28", a4 = "page 1 595.28x841.89", letter = "page 1 612x792";
  Ran from_file = run(env + cmd);
  CHECK_MESSAGE(from_file.status == 0, from_file.err);
  CHECK(page_line(from_file.out) == a5);
  CHECK(page_line(run(env + cmd + " --page-size letter").out) == letter);
  CHECK(page_line(run(env + cmd + " --no-config").out) == a4);
  write_file(dir / "other", "--page-size letter\n");
  CHECK(page_line(run(env + cmd + " --config " + (dir / "other")).out) == letter);
  // The same option on the command line still is a usage error there.
  Ran typed = run(env + cmd + " --per-host 3");
  CHECK(typed.status == 2);
  CHECK(typed.err == "--per-host: only with --batch or --packet\n");
}

TEST_CASE("config file errors name the file and line") {
  TempDir dir;
  write_file(dir / "t.json", kThread);
  auto check = [&](const std::string& text, const std::string& expected) {
    write_file(dir / "cfg", text);
    Ran r = run(threadpdf() + " --config " + (dir / "cfg") + " " + (dir / "t.json"));
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err == dir / "cfg" + expected + "\n", r.err);
    CHECK_FALSE(fs::exists(dir / "t.pdf"));
  };
  check("--layout book\n--layuot a4\n", ":2: unknown option --layuot, did you mean --layout?");
  check("layout book\n", ":1: expected a long option such as --layout book, got \"layout book\"");
  check("--quiet yes\n", ":1: --quiet takes no value");
  check("--image-dpi\n", ":1: --image-dpi: expected N");
  check("--config other\n", ":1: --config belongs on the command line");
  Ran missing = run(threadpdf() + " --config " + (dir / "nope") + " " + (dir / "t.json"));
  CHECK(missing.status == 2);
  CHECK(missing.err == dir / "nope: cannot read the config file: No such file or directory\n");
  Ran both = run(threadpdf() + " --config " + (dir / "cfg") + " --no-config " + (dir / "t.json"));
  CHECK(both.err == "--config: not with --no-config\n");
}

TEST_CASE("the network's limits as options are checked by name") {
  TempDir dir;
  write_file(dir / "t.json", kThread);
  auto usage = [&](const std::string& args, const std::string& line) {
    Ran r = run(threadpdf() + " " + (dir / "t.json") + " " + args);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err == line + "\n", args);
  };
  usage("--retries many", "--retries: expected a whole number, got \"many\"");
  usage("--retries 50", "--retries: expected a number from 0 to 20, got 50");
  usage("--timeout 0", "--timeout: expected a number of seconds from 0.1 to 3600, got 0");
  usage("--max-wait soon", "--max-wait: expected a number of seconds, got \"soon\"");
}

// cmake --install gives a tree that can be moved: the program finds its data beside itself.
#include <doctest/doctest.h>

#include <filesystem>

#include "process.h"

using namespace tp::test;
namespace fs = std::filesystem;

TEST_CASE("install to a prefix, move it, convert from there; without its data it says so") {
  TempDir dir;
  Ran install = run(std::string(TP_CMAKE) + " --install " + TP_BUILD_DIR + " --prefix " + (dir / "first"));
  REQUIRE_MESSAGE(install.status == 0, install.err);
  fs::rename(dir / "first", dir / "moved");
  for (const char* f :
       {"bin/threadpdf", "share/threadpdf/layouts/a4.json", "share/threadpdf/layouts/book.json",
        "share/threadpdf/fonts/chain.json", "share/man/man1/threadpdf.1",
        "share/bash-completion/completions/threadpdf", "share/zsh/vendor-completions/_threadpdf",
        "share/fish/vendor_completions.d/threadpdf.fish"})
    CHECK_MESSAGE(fs::exists(dir / "moved/" + f), f);

  const std::string bin = "env -u THREADPDF_DATA_DIR " + (dir / "moved/bin/threadpdf");
  Ran r =
      run(bin + " " + TP_SOURCE_DIR + "/examples/world-scripts.json --layout book -o " + (dir / "out.pdf"));
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(read_file(dir / "out.pdf").rfind("%PDF-", 0) == 0);
  Ran help = run(bin + " --help");
  CHECK(help.out.find("Layouts: a4, book, briefing, letter") != std::string::npos);
  Ran man = run("MANWIDTH=100 man -l " + (dir / "moved/share/man/man1/threadpdf.1") + " | col -b");
  CHECK(man.out.find("--page-size") != std::string::npos);

  // Nothing of the build tree is used: with its own data gone, the moved program does not fall
  // back to the source folder.
  fs::remove_all(dir / "moved/share/threadpdf");
  Ran lost = run(bin + " " + TP_SOURCE_DIR + "/examples/world-scripts.json -o " + (dir / "lost.pdf"));
  CHECK(lost.status == 1);
  CHECK(lost.err ==
        "threadpdf: cannot find threadpdf's data (layouts/, fonts/) next to the program or in "
        "THREADPDF_DATA_DIR\n");
  CHECK_FALSE(fs::exists(dir / "lost.pdf"));
}

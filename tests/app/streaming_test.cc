// The PDF written to its file while it is made (docs/streaming.md), as a user meets it: a long
// thread, laid out a page at a time with its pages kept in a temporary file until they are
// written, is the same file as the one made in memory for standard output, a correct PDF with
// every page; a write that fails in the middle of the file, or a temporary file that cannot be
// written, leaves the previous file untouched and no temporary file behind. (That a PDF made a
// page at a time is the whole document's: spooled_pdf_test.cc.)
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "process.h"

using namespace tp::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kEpoch = "SOURCE_DATE_EPOCH=1795512600 ";

// A thread of `posts` posts of about 260 bytes of text each, with links (annotations), an emoji
// (a picture with its text under it) and Greek.
std::string long_thread(int posts) {
  json t = {{"format", "threadpdf-thread/1"},
            {"source", {{"platform", "json"}}},
            {"author", {{"name", "Ada"}, {"handle", "@ada"}}},
            {"posts", json::array()}};
  for (int i = 1; i <= posts; ++i)
    t["posts"].push_back({{"id", std::to_string(i)},
                          {"text", "Post " + std::to_string(i) +
                                       ": night trains across the continent, timetables and sleeper cars, "
                                       "a sentence long enough to wrap twice on an A4 page, with an emoji 📄, "
                                       "a word in Greek, χαρτί, and a link https://example.org/trains/" +
                                       std::to_string(i) + " to follow."}});
  return t.dump();
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a long thread written to its file is the same PDF as made in memory, and a correct one") {
  TempDir dir;
  // Past the spool's 8 MiB in memory (PageSpool::kInMemory): the pages wait in TMPDIR.
  write_file(dir / "long.json", long_thread(2400));
  fs::create_directory(dir / "tmp");
  Ran streamed = run("TMPDIR=" + dir / "tmp " + kEpoch + threadpdf() + " " + dir / "long.json -o " +
                     dir / "streamed.pdf");
  REQUIRE_MESSAGE(streamed.status == 0, streamed.err);
  CHECK(names_in(dir / "tmp").empty());
  // Standard output gets the file made in memory first.
  Ran whole = run(kEpoch + threadpdf() + " " + dir / "long.json -o - > " + dir / "whole.pdf");
  REQUIRE_MESSAGE(whole.status == 0, whole.err);
  CHECK(streamed.err == whole.err);  // the warnings are said once, the same
  CHECK(read_file(dir / "streamed.pdf") == read_file(dir / "whole.pdf"));

  Ran check = run("qpdf --check " + dir / "streamed.pdf");
  CHECK_MESSAGE(check.status == 0, check.err);
  CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
  Ran info = run("pdfinfo " + dir / "streamed.pdf" + " | sed -n 's/^Pages: *//p'");
  const int pages = std::atoi(info.out.c_str());
  CHECK(pages > 200);
  Ran text = run("pdftotext -enc UTF-8 " + dir / "streamed.pdf -");
  REQUIRE(text.status == 0);
  const std::string last = "page " + std::to_string(pages) + " / " + std::to_string(pages);
  CHECK(text.out.find(last) != std::string::npos);
  CHECK(text.out.find("Post 2400: night trains") != std::string::npos);
  CHECK(text.out.find("2400/2400") != std::string::npos);
  CHECK(text.out.find("χαρτί") != std::string::npos);
}

TEST_CASE("a write that fails in the middle of the file leaves the previous file and no temporary file") {
  TempDir dir;
  write_file(dir / "thread.json", long_thread(300));
  write_file(dir / "out.pdf", "the previous file");
  // A file size limit of 64 KiB (ulimit -f counts 512-byte blocks), with SIGXFSZ ignored so that
  // the write past it fails with EFBIG: the PDF is well past it by then.
  Ran r = run("trap '' XFSZ; ulimit -f 128; " + kEpoch + threadpdf() + " " + dir / "thread.json -o " +
              dir / "out.pdf");
  CHECK(r.status == 1);
  CHECK(r.err == dir / "out.pdf" + ": cannot write: File too large\n");
  CHECK(read_file(dir / "out.pdf") == "the previous file");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.pdf", "thread.json"});

  // The same without the limit, for contrast: the file is replaced by a whole PDF.
  Ran ok = run(kEpoch + threadpdf() + " " + dir / "thread.json -o " + dir / "out.pdf");
  REQUIRE_MESSAGE(ok.status == 0, ok.err);
  CHECK(read_file(dir / "out.pdf").size() > 64 * 1024);
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.pdf", "thread.json"});
}

TEST_CASE("a long packet written to its file is the same PDF as made in memory, contents first") {
  TempDir dir;
  // 12 threads of 200 posts: past the spool's memory, so the pages wait in a file.
  std::string list;
  for (int t = 1; t <= 12; ++t) {
    const std::string file = dir / ("t" + std::to_string(t) + ".json");
    write_file(file, long_thread(200));
    list += file + "\n";
  }
  write_file(dir / "list.txt", list);
  Ran streamed =
      run(kEpoch + threadpdf() + " --batch " + dir / "list.txt --packet " + dir / "streamed.pdf -q");
  REQUIRE_MESSAGE(streamed.status == 0, streamed.err);
  Ran whole = run(kEpoch + threadpdf() + " --batch " + dir / "list.txt --packet - -q > " + dir / "whole.pdf");
  REQUIRE_MESSAGE(whole.status == 0, whole.err);
  CHECK(read_file(dir / "streamed.pdf") == read_file(dir / "whole.pdf"));

  Ran check = run("qpdf --check " + dir / "streamed.pdf");
  CHECK_MESSAGE(check.status == 0, check.err);
  Ran text = run("pdftotext -enc UTF-8 " + dir / "streamed.pdf -");
  REQUIRE(text.status == 0);
  // The contents page (drawn once every thread is laid out) names the threads' first pages.
  CHECK(text.out.find("Contents") != std::string::npos);
  CHECK(text.out.find("page 1 / ") != std::string::npos);
  CHECK(text.out.find("Post 200: night trains") != std::string::npos);
}

TEST_CASE("laid-out pages that cannot be kept in a temporary file fail the conversion, naming the input") {
  TempDir dir;
  write_file(dir / "long.json", long_thread(2400));
  write_file(dir / "out.pdf", "the previous file");
  // TMPDIR missing: said, with the folder, before anything is written.
  Ran missing =
      run("TMPDIR=" + dir / "none " + kEpoch + threadpdf() + " " + dir / "long.json -o " + dir / "out.pdf");
  CHECK(missing.status == 1);
  CHECK(missing.err == dir / "long.json" + ": cannot make a temporary file for the laid-out pages in " +
                           dir / "none" + ": No such file or directory\n");
  CHECK(read_file(dir / "out.pdf") == "the previous file");

  // A file size limit of 64 KiB: the temporary file reaches it while the pages are laid out (the
  // PDF is not begun yet), as a full disk would.
  fs::create_directory(dir / "tmp");
  Ran full = run("trap '' XFSZ; ulimit -f 128; TMPDIR=" + dir / "tmp " + kEpoch + threadpdf() + " " +
                 dir / "long.json -o " + dir / "out.pdf");
  CHECK(full.status == 1);
  CHECK(full.err == dir / "long.json" + ": cannot keep the laid-out pages in a temporary file in " +
                        dir / "tmp" + ": File too large\n");
  CHECK(read_file(dir / "out.pdf") == "the previous file");
  CHECK(names_in(dir / "tmp").empty());
  CHECK(names_in(dir.path()) == std::vector<std::string>{"long.json", "out.pdf", "tmp"});
}

// Inputs and outputs as people type them: -o as a folder, several INPUTs, folder/file mix-ups
// explained, and PDFs created under the user's umask.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "process.h"

using namespace tp::test;
namespace fs = std::filesystem;

namespace {

std::string thread(const std::string& text) {
  return R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
  "author": {"name": "Ada", "handle": "@ada"}, "posts": [{"id": "1", "text": ")" +
         text + R"("}]})";
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("-o naming a folder puts the default name inside it") {
  TempDir dir;
  write_file(dir / "t.json", thread("one"));
  fs::create_directory(dir / "out");
  Ran r = run(threadpdf() + " " + (dir / "t.json") + " -o " + (dir / "out"));
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == dir / "out/t.pdf\n");
  CHECK(read_file(dir / "out/t.pdf").rfind("%PDF-", 0) == 0);
  // A path ending in / is a folder even before it exists.
  Ran fresh = run(threadpdf() + " " + (dir / "t.json") + " -o " + (dir / "new/sub/"));
  CHECK_MESSAGE(fresh.status == 0, fresh.err);
  CHECK(fs::exists(dir / "new/sub/t.pdf"));
}

TEST_CASE("several INPUTs with -o DIR give one PDF each") {
  TempDir dir;
  write_file(dir / "a.json", thread("alpha"));
  write_file(dir / "b.json", thread("beta"));
  Ran r = run(threadpdf() + " " + (dir / "a.json") + " " + (dir / "b.json") + " -o " + (dir / "pdfs/"));
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(read_file(dir / "pdfs/a.pdf").rfind("%PDF-", 0) == 0);
  CHECK(read_file(dir / "pdfs/b.pdf").rfind("%PDF-", 0) == 0);
  Ran text = run("pdftotext " + (dir / "pdfs/b.pdf") + " -");
  CHECK(text.out.find("beta") != std::string::npos);
  // A second run skips both: their PDFs exist (--force converts them again).
  Ran again = run(threadpdf() + " " + (dir / "a.json") + " " + (dir / "b.json") + " -o " + (dir / "pdfs") +
                  " --force");
  CHECK_MESSAGE(again.status == 0, again.err);
}

TEST_CASE("folder/file mix-ups say what was meant") {
  TempDir dir;
  write_file(dir / "a.json", thread("alpha"));
  write_file(dir / "b.json", thread("beta"));
  write_file(dir / "list.txt", dir / "a.json\n");
  write_file(dir / "file.txt", "x");
  fs::create_directory(dir / "folder");
  auto usage = [&](const std::string& args, const std::string& line) {
    Ran r = run(threadpdf() + " " + args);
    CHECK_MESSAGE(r.status == 2, args, " -> ", r.err);
    CHECK_MESSAGE(r.err == line + "\n", args);
  };
  usage(dir / "a.json " + dir / "b.json",
        "threadpdf: several INPUTs need -o DIR (one PDF each) or --packet FILE (one PDF)");
  usage(dir / "a.json " + dir / "b.json -o " + dir / "out.pdf",
        "-o: \"" + dir / "out.pdf" +
            "\" is not a folder: several INPUTs are converted one PDF each into a folder "
            "(an existing one, or a path ending in /); for one PDF of them all, use --packet FILE");
  usage("--batch " + dir / "list.txt -o " + dir / "out.pdf",
        "-o: \"" + dir / "out.pdf" +
            "\" is not a folder: with --batch, -o names the folder for one PDF per input");
  usage("--batch " + dir / "list.txt -o " + dir / "file.txt",
        "-o: \"" + dir / "file.txt" +
            "\" is a file, not a folder: with --batch, -o names the folder for one PDF per input");
  usage("--packet " + dir / "folder " + dir / "a.json",
        "--packet: \"" + dir / "folder" + "\" is a folder: --packet names the PDF file to write");
  usage("- -o " + dir / "folder",
        "-o: standard input has no name to give its PDF in \"" + dir / "folder" + "\": give -o FILE");
  usage(dir / "a.json --dump model -o " + dir / "x.txt",
        "-o: --dump prints to standard output; redirect it instead");
  CHECK_FALSE(fs::exists(dir / "out.pdf"));
}

TEST_CASE("PDFs are created with the user's umask") {
  TempDir dir;
  write_file(dir / "a.json", thread("alpha"));
  write_file(dir / "b.json", thread("beta"));
  Ran priv = run("umask 077 && " + threadpdf() + " " + (dir / "a.json"));
  CHECK(priv.status == 0);
  CHECK(mode_of(dir / "a.pdf") == 0600);
  Ran open = run("umask 022 && " + threadpdf() + " " + (dir / "b.json"));
  CHECK(open.status == 0);
  CHECK(mode_of(dir / "b.pdf") == 0644);
  Ran batch = run("umask 027 && " + threadpdf() + " " + (dir / "a.json") + " " + (dir / "b.json") + " -o " +
                  (dir / "p/"));
  CHECK(batch.status == 0);
  CHECK(mode_of(dir / "p/a.pdf") == 0640);
  CHECK(mode_of(dir / "p/b.pdf") == 0640);
}

TEST_CASE("a thread URL typed without https:// is fetched as one; a profile URL is explained") {
  TempDir dir;
  // --offline with an empty cache: the URL is recognised (the error is the cache's), not read as a file.
  const std::string env = "cd " + dir.path() + " && XDG_CACHE_HOME=" + (dir / "cache") + " ";
  Ran r = run(env + threadpdf() + " bsky.app/profile/alice.example/post/3kabc --offline");
  CHECK(r.status == 1);
  CHECK_MESSAGE(r.err.find("cannot read") == std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("not a thread URL") == std::string::npos, r.err);
  Ran profile = run(env + threadpdf() + " bsky.app/profile/alice.example");
  CHECK(profile.status == 2);
  CHECK(profile.err ==
        "bsky.app/profile/alice.example: this is a profile, not a post: paste the URL of a post of the "
        "thread\n");
}

namespace {

const char* kNamed =
    R"({"format": "threadpdf-thread/1", "source": {"platform": "json"}, "title": "Night trains: a Field Guide!",
  "author": {"name": "Ada L/ovelace", "handle": "@ada"},
  "posts": [{"id": "p1", "text": "first", "created_at": "2024-03-05T10:00:00Z"}]})";

size_t files_in(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

}  // namespace

TEST_CASE("--name builds the file name from the thread's fields") {
  TempDir dir;
  write_file(dir / "t.json", kNamed);
  Ran r = run(threadpdf() + " " + (dir / "t.json") + " -o " + (dir / "out/") +
              " --name '{platform}-{handle}-{id}-{date}-{title}-{author}'");
  CHECK_MESSAGE(r.status == 0, r.err);
  const std::string expected =
      dir / "out/json-ada-p1-2024-03-05-night-trains-a-field-guide-Ada L_ovelace.pdf";
  CHECK(r.out == expected + "\n");
  CHECK(fs::exists(expected));
  // Without -o the name goes where the default would: beside a file input.
  Ran beside = run(threadpdf() + " " + (dir / "t.json") + " --name '{date}_{handle}'");
  CHECK(beside.out == dir / "2024-03-05_ada.pdf\n");
  auto usage = [&](const std::string& args, const std::string& line) {
    Ran u = run(threadpdf() + " " + (dir / "t.json") + " " + args);
    CHECK_MESSAGE(u.status == 2, args);
    CHECK_MESSAGE(u.err == line + "\n", args);
  };
  usage("--name '{titel}'",
        "--name: unknown field {titel} (known: platform, handle, id, date, title, author), did you mean "
        "title?");
  usage("--name 'a/{id}'", "--name: a name, not a path, got \"a/{id}\" (the folder is -o DIR)");
  usage("--name '{id' -o " + dir / "out", "--name: a '{' without its '}' in \"{id\"");
  usage("--name '{id}' -o " + dir / "x.pdf",
        "--name: names the PDF that -o FILE already names; give -o DIR (a folder) with it");
  usage("--if-exists keep", "--if-exists: expected skip, overwrite or rename, got \"keep\"");
}

TEST_CASE("--if-exists in a single run: overwrite by default, skip or rename on request") {
  TempDir dir;
  write_file(dir / "t.json", kNamed);
  write_file(dir / "t.pdf", "mine");
  Ran skip = run(threadpdf() + " " + (dir / "t.json") + " --if-exists skip");
  CHECK(skip.status == 0);
  CHECK(skip.out.empty());
  CHECK(skip.err == dir / "t.pdf: exists; left as it is (--if-exists skip)\n");
  CHECK(read_file(dir / "t.pdf") == "mine");
  Ran rename = run(threadpdf() + " " + (dir / "t.json") + " --if-exists RENAME");
  CHECK(rename.status == 0);
  CHECK(rename.out == dir / "t-2.pdf\n");
  CHECK(read_file(dir / "t.pdf") == "mine");
  CHECK(read_file(dir / "t-2.pdf").rfind("%PDF-", 0) == 0);
  Ran overwrite = run(threadpdf() + " " + (dir / "t.json"));
  CHECK(overwrite.status == 0);
  CHECK(read_file(dir / "t.pdf").rfind("%PDF-", 0) == 0);
}

TEST_CASE(
    "--name and --if-exists in a batch: skip by default, rename keeps both, the report names the file") {
  TempDir dir;
  write_file(dir / "a.json", kNamed);
  write_file(dir / "b.json", std::string(kNamed).replace(std::string(kNamed).find("\"p1\""), 4, "\"p2\""));
  const std::string cmd = threadpdf() + " " + (dir / "a.json") + " " + (dir / "b.json") + " -o " +
                          (dir / "pdfs/") + " --name '{handle}-{id}' --report " + (dir / "r.jsonl");
  Ran first = run(cmd);
  CHECK_MESSAGE(first.status == 0, first.err);
  CHECK(fs::exists(dir / "pdfs/ada-p1.pdf"));
  CHECK(fs::exists(dir / "pdfs/ada-p2.pdf"));
  CHECK(read_file(dir / "r.jsonl").find("\"output\":\"" + dir / "pdfs/ada-p1.pdf\"") != std::string::npos);
  write_file(dir / "pdfs/ada-p1.pdf", "mine");
  Ran again = run(cmd);
  CHECK(again.status == 0);
  CHECK(read_file(dir / "pdfs/ada-p1.pdf") == "mine");
  CHECK(read_file(dir / "r.jsonl").find("\"skipped\":2") != std::string::npos);
  Ran renamed = run(cmd + " --if-exists rename");
  CHECK(renamed.status == 0);
  CHECK(files_in(dir / "pdfs") == 4);
  CHECK(read_file(dir / "pdfs/ada-p1-2.pdf").rfind("%PDF-", 0) == 0);
  CHECK(read_file(dir / "r.jsonl").find("\"output\":\"" + dir / "pdfs/ada-p2-2.pdf\"") != std::string::npos);
}

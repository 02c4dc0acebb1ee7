// --archive DIR is written whole or not at all: app::ArchiveWriter stages beside DIR and renames
// into place; a failure leaves no DIR, or the previous archive as it was. Pictures come from an
// in-memory Fetcher.
#include "app/archive.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/error.h"

using namespace tp;
namespace fs = std::filesystem;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "threadpdf-archive-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : throw std::runtime_error("mkdtemp failed");
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class MapFetcher : public source::Fetcher {
 public:
  std::map<std::string, std::string> bodies;
  std::function<void()> before_get_all;  // may throw, to fail in the middle of save()

  source::Response get(const source::Request& r) override {
    auto it = bodies.find(r.url);
    if (it == bodies.end()) throw Error(ErrorCode::Input, r.url, source::cause::kNotFound);
    source::Response out;
    out.status = 200;
    out.body = it->second;
    return out;
  }
  std::vector<source::Result> get_all(const std::vector<source::Request>& requests) override {
    if (before_get_all) before_get_all();
    std::vector<source::Result> out;
    for (const auto& r : requests) {
      try {
        out.push_back({get(r), ""});
      } catch (const Error& e) {
        out.push_back({std::nullopt, e.what()});
      }
    }
    return out;
  }
};

model::Thread thread_with_picture(const std::string& text, const std::string& src) {
  model::Thread t;
  t.source.platform = model::Platform::Mastodon;
  t.source.url = "https://social.example/@ana/1";
  t.author.name = "Ana";
  t.author.handle = "@ana@social.example";
  model::Post p;
  p.id = "1";
  p.text = text;
  model::Media m;
  m.src = src;
  p.media.push_back(m);
  t.posts.push_back(p);
  return t;
}

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "not really a picture";

// Everything in `dir`'s parent but `dir` itself: staging or set-aside folders left behind.
std::vector<std::string> leftovers(const std::string& parent, const std::string& keep) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(parent))
    if (e.path().filename() != keep) out.push_back(e.path().filename().string());
  return out;
}

}  // namespace

TEST_CASE("archive: written into place whole, nothing left beside it") {
  TempDir tmp;
  MapFetcher f;
  f.bodies["https://cdn.example/a.png"] = kPng;
  model::Thread t = thread_with_picture("eins", "https://cdn.example/a.png");
  Diagnostics diag;
  {
    app::ArchiveWriter w(tmp / "saved");
    w.save(t, f, diag);
    CHECK_FALSE(fs::exists(tmp / "saved"));  // nothing in place before commit
    CHECK(fs::exists(w.staging_path("thread.json")));
    CHECK(t.media_root == fs::path(w.staging_path("")).parent_path().string());
    write_file(w.staging_path("thread.pdf"), "%PDF-1.7 stand-in");
    w.commit();
  }
  CHECK(read_file(tmp / "saved/thread.pdf") == "%PDF-1.7 stand-in");
  CHECK(read_file(tmp / "saved/thread.json").find("\"media/") != std::string::npos);
  CHECK(std::distance(fs::directory_iterator(tmp / "saved/media"), fs::directory_iterator()) == 1);
  CHECK(leftovers(tmp.path(), "saved").empty());
  CHECK(diag.warnings().empty());
}

TEST_CASE("archive: a failure before commit leaves no folder, or the previous archive unchanged") {
  TempDir tmp;
  MapFetcher f;
  f.bodies["https://cdn.example/a.png"] = kPng;
  Diagnostics diag;
  // Nothing there before: nothing there after.
  {
    model::Thread t = thread_with_picture("eins", "https://cdn.example/a.png");
    f.before_get_all = [] { throw std::runtime_error("the network fell over"); };
    CHECK_THROWS_AS(app::save_archive(t, f, tmp / "saved", diag), std::runtime_error);
    CHECK_FALSE(fs::exists(tmp / "saved"));
    CHECK(leftovers(tmp.path(), "saved").empty());
  }
  // A previous archive survives a failed run byte for byte...
  f.before_get_all = nullptr;
  model::Thread first = thread_with_picture("eins", "https://cdn.example/a.png");
  app::save_archive(first, f, tmp / "saved", diag);
  write_file(tmp / "saved/thread.pdf", "old pdf");
  const std::string old_json = read_file(tmp / "saved/thread.json");
  CHECK(first.media_root == fs::absolute(tmp / "saved").string());
  {
    model::Thread t = thread_with_picture("zwei", "https://cdn.example/a.png");
    app::ArchiveWriter w(tmp / "saved/");
    w.save(t, f, diag);
    // ...the PDF step fails here (the writer is dropped without commit).
  }
  CHECK(read_file(tmp / "saved/thread.json") == old_json);
  CHECK(read_file(tmp / "saved/thread.pdf") == "old pdf");
  CHECK(leftovers(tmp.path(), "saved").empty());
  // ...and is replaced whole by a run that succeeds: the old PDF does not linger.
  model::Thread second = thread_with_picture("zwei", "https://cdn.example/a.png");
  app::save_archive(second, f, tmp / "saved", diag);
  CHECK(read_file(tmp / "saved/thread.json").find("zwei") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "saved/thread.pdf"));
  CHECK(leftovers(tmp.path(), "saved").empty());
}

TEST_CASE("archive: a folder holding anything else is never replaced") {
  TempDir tmp;
  MapFetcher f;
  Diagnostics diag;
  fs::create_directories(tmp / "docs");
  write_file(tmp / "docs/letter.txt", "mine");
  model::Thread t = thread_with_picture("eins", "https://cdn.example/missing.png");
  std::string error;
  try {
    app::save_archive(t, f, tmp / "docs", diag);
  } catch (const Error& e) {
    error = e.what();
  }
  CHECK(error == tmp / "docs" + ": exists and holds files that are not a threadpdf archive; not replaced");
  CHECK(read_file(tmp / "docs/letter.txt") == "mine");
  CHECK(leftovers(tmp.path(), "docs").empty());
  // An empty folder is fine; a picture that cannot be had stays a URL, with a warning.
  fs::create_directories(tmp / "empty");
  app::save_archive(t, f, tmp / "empty", diag);
  CHECK(fs::exists(tmp / "empty/thread.json"));
  CHECK(t.posts[0].media[0].src == "https://cdn.example/missing.png");
  REQUIRE(diag.warnings().size() == 1);
  CHECK(diag.warnings()[0].line().find(
            "not archived: https://cdn.example/missing.png: not found or deleted") != std::string::npos);
}

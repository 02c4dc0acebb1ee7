#include "app/archive.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <vector>

#include "app/output_file.h"
#include "core/error.h"
#include "media/media.h"
#include "parse/parse.h"
#include "source/sha256.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

bool is_remote(const std::string& src) {
  return src.rfind("http://", 0) == 0 || src.rfind("https://", 0) == 0;
}

// Every picture source of the thread, so one pass can both list and rewrite them.
void each_src(model::Post& post, const std::function<void(std::string&)>& f) {
  if (post.author && post.author->avatar) f(*post.author->avatar);
  for (auto& m : post.media) f(m.src);
  if (post.card && post.card->image) f(*post.card->image);
  for (auto& q : post.quote) each_src(q, f);
}

void each_src(model::Thread& thread, const std::function<void(std::string&)>& f) {
  if (thread.author.avatar) f(*thread.author.avatar);
  for (auto& p : thread.posts) each_src(p, f);
}

}  // namespace

namespace {

fs::path normalised(const std::string& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  return p.has_filename() ? p : p.parent_path();
}

// A fresh folder beside `target`: "<parent>/.<name>.<what>-XXXXXX".
std::string sibling_folder(const fs::path& target, const char* what) {
  std::string tmpl =
      (target.parent_path() / ("." + target.filename().string() + "." + what + "-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data()))
    throw Error(ErrorCode::Output, target.string(),
                std::string("cannot create a folder beside the archive: ") + std::strerror(errno));
  return tmpl;
}

// What a previous archive holds; anything else in DIR is the user's, and DIR is left alone.
bool replaceable(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name != "thread.json" && name != "thread.pdf" && name != "media") return false;
  }
  return !ec;
}

}  // namespace

ArchiveWriter::ArchiveWriter(const std::string& dir) : dir_(normalised(dir).string()) {
  if (!replaceable(dir_))
    throw Error(ErrorCode::Output, dir,
                "exists and holds files that are not a threadpdf archive; not replaced");
  std::error_code ec;
  fs::create_directories(fs::path(dir_).parent_path(), ec);
  if (ec) throw Error(ErrorCode::Output, dir, "cannot create the archive folder: " + ec.message());
  staging_ = sibling_folder(dir_, "partial");
  // mkdtemp makes the folder private; an archive is an ordinary folder.
  fs::permissions(staging_,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
}

ArchiveWriter::~ArchiveWriter() {
  if (staging_.empty()) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

std::string ArchiveWriter::staging_path(const std::string& name) const {
  return (fs::path(staging_) / name).string();
}

void ArchiveWriter::save(model::Thread& thread, source::Fetcher& fetcher, Diagnostics& diag) {
  std::vector<std::string> urls;
  std::map<std::string, std::string> saved;  // URL -> path relative to the archive
  // A thread from the network (no media root) may name only web addresses; anything else is kept
  // as the server wrote it, but the archive's folder holds nothing it could name (media::load_all
  // reads only inside it), so say here that it was not kept.
  const bool from_network = thread.media_root.empty();
  each_src(thread, [&](std::string& src) {
    if (is_remote(src)) {
      if (saved.emplace(src, "").second) urls.push_back(src);
    } else if (from_network && saved.emplace(src, "").second) {
      diag.warn(dir_, "not archived: " + src + ": not an http or https URL");
    }
  });

  std::error_code ec;
  fs::create_directories(fs::path(staging_) / "media", ec);
  if (ec) throw Error(ErrorCode::Output, dir_, "cannot create the archive folder: " + ec.message());
  std::vector<source::Request> requests;
  for (const auto& u : urls) requests.push_back({u, {}});
  std::vector<source::Result> results = fetcher.get_all(requests);
  for (size_t i = 0; i < urls.size() && i < results.size(); ++i) {
    const source::Result& r = results[i];
    if (!r.ok() || r.response->status != 200) {
      diag.warn(dir_, "not archived: " +
                          (r.ok() ? urls[i] + ": HTTP " + std::to_string(r.response->status) : r.error));
      continue;
    }
    std::string rel = "media/" + source::sha256_hex(urls[i]).substr(0, 16) +
                      media::picture_type(r.response->body).extension;
    write_atomically(staging_path(rel), r.response->body);
    saved[urls[i]] = rel;
  }
  each_src(thread, [&](std::string& src) {
    auto it = saved.find(src);
    if (it != saved.end() && !it->second.empty()) src = it->second;
  });
  thread.media_root = staging_;
  write_atomically(staging_path("thread.json"), parse::write_thread_json(thread));
}

void ArchiveWriter::commit() {
  if (staging_.empty()) throw Error(ErrorCode::Output, dir_, "the archive was already committed");
  std::error_code ec;
  std::string old;
  if (fs::exists(dir_, ec)) {
    // Checked again: DIR may have appeared or filled up while the thread was being fetched.
    if (!replaceable(dir_))
      throw Error(ErrorCode::Output, dir_,
                  "exists and holds files that are not a threadpdf archive; not replaced");
    old = sibling_folder(dir_, "old");
    // rename(2) replaces an empty folder: the one mkdtemp just reserved.
    if (std::rename(dir_.c_str(), old.c_str()) != 0) {
      int saved = errno;
      fs::remove(old, ec);
      throw Error(ErrorCode::Output, dir_,
                  std::string("cannot move the previous archive aside: ") + std::strerror(saved));
    }
  }
  if (std::rename(staging_.c_str(), dir_.c_str()) != 0) {
    int saved = errno;
    if (!old.empty()) std::rename(old.c_str(), dir_.c_str());
    throw Error(ErrorCode::Output, dir_,
                std::string("cannot move the archive into place: ") + std::strerror(saved));
  }
  staging_.clear();
  if (!old.empty()) fs::remove_all(old, ec);
}

void save_archive(model::Thread& thread, source::Fetcher& fetcher, const std::string& dir,
                  Diagnostics& diag) {
  ArchiveWriter writer(dir);
  writer.save(thread, fetcher, diag);
  writer.commit();
  thread.media_root = writer.dir();
}

}  // namespace tp::app

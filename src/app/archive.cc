#include "app/archive.h"

#include <filesystem>
#include <functional>
#include <map>
#include <vector>

#include "app/output_file.h"
#include "core/error.h"
#include "parse/parse.h"
#include "source/sha256.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

bool is_remote(const std::string& src) { return src.rfind("http://", 0) == 0 || src.rfind("https://", 0) == 0; }

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

// The extension of a picture's format, told by its first bytes like media::decode does.
const char* extension(const std::string& b) {
  if (b.rfind("\x89PNG", 0) == 0) return ".png";
  if (b.rfind("\xff\xd8\xff", 0) == 0) return ".jpg";
  if (b.rfind("GIF8", 0) == 0) return ".gif";
  if (b.size() >= 12 && b.compare(0, 4, "RIFF") == 0 && b.compare(8, 4, "WEBP") == 0) return ".webp";
  return ".bin";
}

std::string sanitised(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-';
    out += ok ? c : '_';
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());  // no hidden files
  return out.empty() ? "unknown" : out;
}

}  // namespace

std::string url_output_name(const model::Thread& thread, const std::string& post_id) {
  std::string handle = thread.author.handle;
  if (!handle.empty() && handle.front() == '@') handle.erase(handle.begin());
  return std::string(model::platform_name(thread.source.platform)) + "-" + sanitised(handle) + "-" +
         sanitised(post_id) + ".pdf";
}

void save_archive(model::Thread& thread, source::Fetcher& fetcher, const std::string& dir, Diagnostics& diag) {
  std::vector<std::string> urls;
  std::map<std::string, std::string> saved;  // URL -> path relative to dir
  each_src(thread, [&](std::string& src) {
    if (is_remote(src) && saved.emplace(src, "").second) urls.push_back(src);
  });

  std::error_code ec;
  fs::create_directories(fs::path(dir) / "media", ec);
  if (ec) throw Error(ErrorCode::Output, dir, "cannot create the archive folder: " + ec.message());
  std::vector<source::Request> requests;
  for (const auto& u : urls) requests.push_back({u, {}});
  std::vector<source::Result> results = fetcher.get_all(requests);
  for (size_t i = 0; i < urls.size(); ++i) {
    const source::Result& r = results[i];
    if (!r.ok() || r.response->status != 200) {
      diag.warn(dir, "not archived: " + (r.ok() ? urls[i] + ": HTTP " + std::to_string(r.response->status) : r.error));
      continue;
    }
    std::string rel = "media/" + source::sha256_hex(urls[i]).substr(0, 16) + extension(r.response->body);
    write_atomically((fs::path(dir) / rel).string(), r.response->body);
    saved[urls[i]] = rel;
  }
  each_src(thread, [&](std::string& src) {
    auto it = saved.find(src);
    if (it != saved.end() && !it->second.empty()) src = it->second;
  });
  thread.base_dir = fs::absolute(dir).lexically_normal().string();
  write_atomically((fs::path(dir) / "thread.json").string(), parse::write_thread_json(thread));
}

}  // namespace tp::app

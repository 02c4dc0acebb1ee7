// media::load_all: reads each picture a thread names once, in the order a reader meets them, and
// turns every failure into one warning that says where in the thread the picture was wanted.
#include "media/media.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

namespace tp::media {

namespace {

// A file larger than this is not a picture anyone posted (and "/dev/zero" would never end).
constexpr size_t kMaxFileBytes = 256u << 20;

struct Use {
  std::string src;
  std::string where;  // "post 3 image 1", without the input name
};

void collect(const model::Post& post, const std::string& label, std::vector<Use>& uses) {
  if (post.author && post.author->avatar) uses.push_back({*post.author->avatar, label + " avatar"});
  for (size_t k = 0; k < post.media.size(); ++k)
    uses.push_back({post.media[k].src, label + " image " + std::to_string(k + 1)});
  if (post.card && post.card->image) uses.push_back({*post.card->image, label + " card image"});
  if (const model::Post* quoted = post.quoted()) collect(*quoted, label + " quote", uses);
}

bool is_remote(const std::string& src) {
  auto has_scheme = [&](std::string_view scheme) {
    if (src.size() < scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(src[i])) != scheme[i]) return false;
    return true;
  };
  return has_scheme("http://") || has_scheme("https://");
}

// Reads a whole file; on failure returns false with the strerror text in `error`.
bool read_file(const std::filesystem::path& path, std::string& bytes, std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = std::strerror(errno);
    return false;
  }
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    if (bytes.size() + n > kMaxFileBytes) {
      std::fclose(f);
      error = "file is larger than 256 MB";
      return false;
    }
    bytes.append(buffer, n);
  }
  // A directory opens fine on Linux; reading it fails with EISDIR.
  bool failed = std::ferror(f);
  int saved = errno;
  std::fclose(f);
  if (failed) error = std::strerror(saved);
  return !failed;
}

Loaded load_local(const std::filesystem::path& path, const std::string& src) {
  Loaded loaded;
  std::string bytes, error;
  if (!read_file(path, bytes, error)) {
    loaded.error = "cannot read " + src + ": " + error;
    return loaded;
  }
  loaded.raster = decode(bytes, error);
  if (!loaded.raster) loaded.error = src + ": " + error;
  return loaded;
}

}  // namespace

const Loaded* MediaSet::find(const std::string& src) const {
  auto it = items_.find(src);
  return it == items_.end() ? nullptr : &it->second;
}

MediaSet load_all(const model::Thread& thread, const std::string& input, Diagnostics& diag) {
  std::vector<Use> uses;
  if (thread.author.avatar) uses.push_back({*thread.author.avatar, "avatar"});
  for (size_t i = 0; i < thread.posts.size(); ++i)
    collect(thread.posts[i], "post " + std::to_string(i + 1), uses);

  MediaSet set;
  // Two spellings of one file ("img/a.png", "./img/a.png") share the decoded picture.
  std::map<std::filesystem::path, Loaded> by_path;  // successes only
  for (const Use& use : uses) {
    if (set.find(use.src)) continue;
    Loaded loaded;
    if (use.src.empty()) {
      loaded.error = "empty image source";
    } else if (is_remote(use.src)) {
      loaded.error = "remote images are not fetched yet";
    } else {
      std::filesystem::path path(use.src);
      if (path.is_relative() && !thread.base_dir.empty()) path = thread.base_dir / path;
      path = path.lexically_normal();
      auto cached = by_path.find(path);
      if (cached != by_path.end()) {
        loaded = cached->second;
      } else {
        loaded = load_local(path, use.src);
        // Failures are not shared: their message names the file as each src spells it.
        if (loaded.raster) by_path.emplace(path, loaded);
      }
    }
    if (!loaded.raster) diag.warn(input.empty() ? use.where : input + ": " + use.where, loaded.error);
    set.put(use.src, std::move(loaded));
  }
  return set;
}

}  // namespace tp::media

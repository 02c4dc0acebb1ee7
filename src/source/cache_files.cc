#include "source/cache_files.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/error.h"

namespace tp::source {

namespace fs = std::filesystem;

namespace {

bool hex64(const std::string& s, size_t n) {
  return s.size() >= n && std::all_of(s.begin(), s.begin() + static_cast<long>(n), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// An interrupted store leaves "<entry>.tmp-<pid>-<n>" (cache.cc).
bool is_temp_name(const std::string& name) { return hex64(name, 64) && name.compare(64, 5, ".tmp-") == 0; }

struct File {
  fs::path path;
  std::uintmax_t size = 0;
  fs::file_time_type used;
};

std::vector<File> entries(const fs::path& dir) {
  std::vector<File> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_entry_name(it->path().filename().string())) continue;
    std::error_code e1, e2;
    File f{it->path(), it->file_size(e1), it->last_write_time(e2)};
    if (!e1 && !e2) out.push_back(std::move(f));  // gone meanwhile: another process evicted it
  }
  return out;
}

}  // namespace

bool is_entry_name(const std::string& name) { return name.size() == 64 && hex64(name, 64); }

std::uintmax_t entries_size(const fs::path& dir) {
  std::uintmax_t total = 0;
  for (const File& f : entries(dir)) total += f.size;
  return total;
}

std::uintmax_t evict_lru(const fs::path& dir, std::uintmax_t target) {
  std::vector<File> files = entries(dir);
  std::uintmax_t total = 0;
  for (const File& f : files) total += f.size;
  std::sort(files.begin(), files.end(), [](const File& a, const File& b) {
    return a.used != b.used ? a.used < b.used : a.path < b.path;
  });
  for (const File& f : files) {
    if (total <= target) break;
    std::error_code ec;
    fs::remove(f.path, ec);
    total -= f.size;  // removed now, or by the process that got there first
  }
  return total;
}

std::size_t clear_cache(const fs::path& dir) {
  std::size_t removed = 0;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return 0;
  auto remove = [&](const fs::path& p) {
    std::error_code e;
    if (fs::remove(p, e)) ++removed;
    if (e) throw Error(ErrorCode::Input, p.string(), "cannot remove it: " + e.message());
  };
  std::vector<fs::path> doomed;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_entry_name(name) || is_temp_name(name)) doomed.push_back(it->path());
  }
  if (ec) throw Error(ErrorCode::Input, dir.string(), "cannot read the cache folder: " + ec.message());
  const fs::path sessions = dir / "sessions";
  for (fs::directory_iterator it(sessions, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") doomed.push_back(it->path());
  for (const fs::path& p : doomed) remove(p);
  return removed;
}

}  // namespace tp::source

// media::load_all: reads each picture a thread names once, in the order a reader meets them, and
// turns every failure into one warning that says where in the thread the picture was wanted.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "media/codecs.h"
#include "media/media.h"
#include "media/write.h"

namespace tp::media {

namespace {

// A file larger than this is not a picture anyone posted (and "/dev/zero" would never end).
constexpr size_t kMaxFileBytes = 256u << 20;

struct Use {
  std::string src;
  std::string where;  // "post 3 image 1", without the input name
};

void collect_emoji(const std::vector<model::Emoji>& emoji, const std::string& label, std::vector<Use>& uses) {
  for (const auto& e : emoji) uses.push_back({e.src, label + " emoji " + e.shortcode});
}

void collect(const model::Post& post, const std::string& label, std::vector<Use>& uses) {
  if (post.author && post.author->avatar) uses.push_back({*post.author->avatar, label + " avatar"});
  if (post.author) collect_emoji(post.author->emoji, label + " author", uses);
  for (size_t k = 0; k < post.media.size(); ++k)
    // An audio or other attachment without a picture is printed as words: nothing to load.
    if (!post.media[k].src.empty())
      uses.push_back({post.media[k].src, label + " image " + std::to_string(k + 1)});
  collect_emoji(post.emoji, label, uses);
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

// "scheme:" at the start of a source that is not http(s): data:, file:, ftp: and the like are
// neither web addresses we fetch nor file names.
bool has_other_scheme(const std::string& src) {
  size_t colon = src.find(':');
  if (colon == std::string::npos || colon < 2) return false;  // "C:" is no scheme here either way
  for (size_t i = 0; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(src[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return std::isalpha(static_cast<unsigned char>(src[0]));
}

// The file a local source names, when the thread may read it: inside `root` once ".." and every
// symbolic link are resolved, and a regular file (a FIFO would block, /dev/zero never end).
// Otherwise nullopt with the reason in `error`.
std::optional<std::filesystem::path> allowed_local(const std::string& root, const std::string& src,
                                                   std::string& error) {
  namespace fs = std::filesystem;
  if (root.empty()) {
    error = src + ": not an http or https URL (a thread from the network may not name local files)";
    return std::nullopt;
  }
  if (has_other_scheme(src)) {
    error = src + ": not an http or https URL or a file name";
    return std::nullopt;
  }
  std::error_code ec;
  fs::path path = src;
  if (path.is_relative()) path = fs::path(root) / path;
  const fs::path real = fs::weakly_canonical(path, ec);
  const fs::path real_root = fs::weakly_canonical(root, ec);
  auto [r, p] = std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
  if (ec || r != real_root.end()) {
    error = "cannot read " + src + ": outside the thread's folder " + root +
            " (a thread file may name only pictures inside its own folder)";
    return std::nullopt;
  }
  fs::file_status st = fs::status(real, ec);
  if (!ec && fs::exists(st) && !fs::is_regular_file(st)) {
    error =
        "cannot read " + src + ": " + (fs::is_directory(st) ? std::strerror(EISDIR) : "not a regular file");
    return std::nullopt;
  }
  return path.lexically_normal();
}

// Reads a whole file; on failure returns false with the strerror text in `error`. Read straight
// into a string of the file's size (one allocation; a picture file is read once, so mapping it
// would only add page faults), then on to its real end should it have grown meanwhile.
bool read_file(const std::filesystem::path& path, std::string& bytes, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  size_t expected = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  bytes.resize(std::min(expected, kMaxFileBytes) + 1);  // one more, to see the end without a second read
  size_t have = 0;
  for (;;) {
    if (have == bytes.size()) {
      if (bytes.size() > kMaxFileBytes) {
        ::close(fd);
        error = "file is larger than 256 MB";
        return false;
      }
      bytes.resize(std::min(bytes.size() * 2, kMaxFileBytes + 1));
    }
    const ssize_t n = ::read(fd, bytes.data() + have, bytes.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      // A directory opens fine on Linux; reading it fails with EISDIR.
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  ::close(fd);
  bytes.resize(have);
  return true;
}

// Decoded, scaled to the print width, deflated: the form layout and the PDF take. `take`, when
// given, is `bytes` itself, no longer needed by the caller: a JPEG kept as it is then keeps
// those bytes instead of a copy.
Loaded finish(const std::string& bytes, const std::string& src, int max_width, std::string* take) {
  Loaded loaded;
  std::shared_ptr<const Raster> raster = detail::png_fast(bytes, max_width);
  if (raster && raster->encoding == Raster::Encoding::PngData) {
    loaded.raster = std::move(raster);
    return loaded;
  }
  std::string error;
  if (!raster) raster = decode(bytes, error, take);
  const bool jpeg = raster && raster->encoding == Raster::Encoding::Jpeg;
  if (raster && detail::needs_scaling(*raster, max_width))
    raster = fit_width(std::move(raster), detail::stored_width_limit(*raster, max_width), error);
  if (jpeg && raster && raster->encoding != Raster::Encoding::Jpeg &&
      (raster->encoding == Raster::Encoding::Rgb8 || raster->encoding == Raster::Encoding::Gray8)) {
    // A scaled photo stays a photo: JPEG again, not pixels that Flate compresses badly.
    auto reencoded = std::make_shared<Raster>();
    reencoded->encoding = Raster::Encoding::Jpeg;
    reencoded->width = raster->width;
    reencoded->height = raster->height;
    reencoded->jpeg_components = raster->channels();
    reencoded->data = write_jpeg(*raster, 90, false);
    // Turned by the drawing matrix like the original, so pictures scaled or not are drawn alike.
    reencoded->orientation = raster->orientation;
    reencoded->icc = raster->icc;
    raster = std::move(reencoded);
  }
  loaded.raster = deflate_pixels(std::move(raster));
  if (!loaded.raster) loaded.error = src + ": " + error;
  return loaded;
}

// A picture's bytes as read or fetched, finished, with what load_all keeps of them besides the
// raster: their digest, and the bytes themselves only when asked to (else a JPEG kept as it is
// takes them over).
Loaded finish_and_keep(std::string&& bytes, const std::string& src, const LoadOptions& options) {
  std::string digest = options.digest ? options.digest(bytes) : std::string();
  Loaded loaded;
  if (options.keep_bytes) {
    auto kept = std::make_shared<const std::string>(std::move(bytes));
    loaded = finish(*kept, src, options.max_width_px, nullptr);
    loaded.bytes = std::move(kept);
  } else {
    loaded = finish(bytes, src, options.max_width_px, &bytes);
  }
  loaded.digest = std::move(digest);
  return loaded;
}

Loaded load_local(const std::filesystem::path& path, const std::string& src, const LoadOptions& options) {
  std::string bytes, error;
  if (!read_file(path, bytes, error))
    return Loaded{nullptr, "cannot read " + src + ": " + error, nullptr, ""};
  return finish_and_keep(std::move(bytes), src, options);
}

}  // namespace

const Loaded* MediaSet::find(const std::string& src) const {
  auto it = items_.find(src);
  return it == items_.end() ? nullptr : &it->second;
}

MediaSet load_all(const model::Thread& thread, const std::string& input, Diagnostics& diag,
                  const LoadOptions& options) {
  std::vector<Use> uses;
  if (thread.author.avatar) uses.push_back({*thread.author.avatar, "avatar"});
  collect_emoji(thread.author.emoji, "author", uses);
  for (size_t i = 0; i < thread.posts.size(); ++i)
    collect(thread.posts[i], "post " + std::to_string(i + 1), uses);

  // Where each use's picture comes from: an error at once, a URL, or a local file (two spellings
  // of one file, "img/a.png" and "./img/a.png", share one path and so one decoded picture). Each
  // distinct origin is one job; URLs are keyed by themselves.
  std::vector<std::filesystem::path> paths;  // distinct, in first-use order
  std::vector<bool> remote;                  // per job: paths[i] is a URL
  std::map<std::pair<bool, std::filesystem::path>, size_t> path_index;
  std::vector<std::optional<size_t>> use_path(uses.size());
  std::vector<std::string> use_error(uses.size());
  // A local src resolved (every symbolic link on its way looked up), or why it may not be read:
  // once per src, as an author's avatar is named again on each of their posts.
  std::map<std::string, std::pair<std::optional<std::filesystem::path>, std::string>> local_of;
  for (size_t u = 0; u < uses.size(); ++u) {
    const Use& use = uses[u];
    std::filesystem::path path;
    bool is_url = false;
    if (use.src.empty()) {
      use_error[u] = "empty image source";
      continue;
    } else if (options.given && options.given->count(use.src)) {
      // Keyed as a URL is: by the src itself, never opened as a path.
      path = use.src;
      is_url = true;
    } else if (is_remote(use.src)) {
      if (!options.remote) {
        use_error[u] = "remote images are not fetched yet";
        continue;
      }
      path = use.src;
      is_url = true;
    } else {
      auto [local, fresh] = local_of.try_emplace(use.src);
      auto& [allowed, error] = local->second;
      if (fresh) allowed = allowed_local(thread.media_root, use.src, error);
      if (!allowed) {
        use_error[u] = error;
        continue;
      }
      path = *allowed;
    }
    auto [it, added] = path_index.emplace(std::make_pair(is_url, path), paths.size());
    if (added) {
      paths.push_back(path);
      remote.push_back(is_url);
    }
    use_path[u] = it->second;
  }

  // Every URL in one call, so the loader can fetch them side by side.
  std::vector<std::string> urls;
  std::vector<size_t> url_job;
  std::vector<RemoteBytes> fetched(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!remote[i]) continue;
    if (options.given && options.given->count(paths[i].string()))
      fetched[i].bytes = options.given->at(paths[i].string());
    else
      urls.push_back(paths[i].string()), url_job.push_back(i);
  }
  if (!urls.empty()) {
    std::vector<RemoteBytes> answers = options.remote(urls);
    for (size_t k = 0; k < url_job.size(); ++k)
      fetched[url_job[k]] =
          k < answers.size() ? std::move(answers[k]) : RemoteBytes{std::nullopt, "not fetched"};
  }

  // Decoding and deflating dominate a thread's conversion time and each picture is independent:
  // spread them over the cores. Results land by index, so the outcome does not depend on timing.
  std::vector<Loaded> loaded(paths.size());
  std::vector<std::string> first_src(paths.size());
  for (size_t u = 0; u < uses.size(); ++u)
    if (use_path[u] && first_src[*use_path[u]].empty()) first_src[*use_path[u]] = uses[u].src;
  auto load_one = [&](size_t i, const std::string& src) {
    if (!remote[i]) return load_local(paths[i], src, options);
    if (!fetched[i].bytes) return Loaded{nullptr, fetched[i].error, nullptr, ""};
    return finish_and_keep(std::move(*fetched[i].bytes), src, options);
  };
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < paths.size();) {
      loaded[i] = load_one(i, first_src[i]);
      if (remote[i]) fetched[i].bytes.reset();  // the decoded picture is all that is needed now
    }
  };
  const size_t workers = std::min<size_t>(paths.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  // The decoding buffers are free now; what stays is the pictures as the PDF takes them. The
  // heap's freed pages are not handed back (malloc_trim): the peak came while decoding, and the
  // rest of the conversion, or the next one of a batch, reuses them. (malloc_trim also crashed
  // under AddressSanitizer when two batch workers made the first calls at once: glibc sets its
  // unused heaps up on that first call.)
  detail::release_png_scratch();

  MediaSet set;
  for (size_t u = 0; u < uses.size(); ++u) {
    const Use& use = uses[u];
    if (set.find(use.src)) continue;
    Loaded result;
    if (!use_path[u]) {
      result.error = use_error[u];
    } else if (loaded[*use_path[u]].raster || remote[*use_path[u]]) {
      result = loaded[*use_path[u]];
    } else {
      // Failures are not shared: their message names the file as each src spells it.
      result = first_src[*use_path[u]] == use.src ? loaded[*use_path[u]]
                                                  : load_local(paths[*use_path[u]], use.src, options);
    }
    if (!result.raster) diag.warn_loss(input.empty() ? use.where : input + ": " + use.where, result.error);
    set.put(use.src, std::move(result));
  }
  return set;
}

}  // namespace tp::media

// The benchmark thread as thread JSON (docs/thread-json.md): invented posts in English,
// Ukrainian and Greek with emoji, spans, quotes, cards and deleted posts, referring to pictures the
// caller has already drawn. Pure: the same options and images give the same document.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tp::bench {

struct ImageRef {
  std::string src;  // relative to the thread file, "img/0001.jpg"
  std::string alt;
  int width = 0, height = 0;
};

struct ThreadOptions {
  int posts = 1000;
  std::uint64_t seed = 1;
  std::vector<ImageRef> images;      // each used once as post media, some again in cards and quotes
  std::vector<std::string> avatars;  // at least 3: thread author, then two quoted authors
};

nlohmann::ordered_json make_thread_json(const ThreadOptions& options);

}  // namespace tp::bench

// Bluesky getPostThread responses: the input is one response, or several cut at NUL bytes (the
// merge of a thread fetched in pieces).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "parse/bluesky.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string url = "https://bsky.app/profile/fuzz.example.com/post/3kfuzz2222222";
  std::vector<std::string> parts = tp::fuzz::split_parts(bytes, 3);
  while (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = parts.size() == 1 ? tp::parse::bluesky_thread(parts[0], url, diag)
                               : tp::parse::bluesky_merge(parts, url, diag);
  } catch (const tp::Error&) {
    return 0;
  }
  tp::fuzz::check_round_trip(thread);
  return 0;
}

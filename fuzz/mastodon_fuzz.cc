// Mastodon REST responses: the input is the status, a NUL byte, then its context.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "parse/mastodon.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string url = "https://social.example/@fuzz/112000000000000020";
  std::vector<std::string> parts = tp::fuzz::split_parts(bytes, 2);
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = tp::parse::mastodon_thread(parts[0], parts[1], url, diag);
  } catch (const tp::Error&) {
    return 0;
  }
  tp::fuzz::check_round_trip(thread);
  try {
    // What the fetching layer asks of the same bodies before deciding to fetch more.
    tp::parse::mastodon_chain_info(parts[0], {parts[1]}, url);
  } catch (const tp::Error&) {
  }
  return 0;
}

// X account archive: tweets.js, account.js, profile.js and the post id, cut at NUL bytes.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "parse/x_archive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts = tp::fuzz::split_parts(bytes, 4);
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = tp::parse::x_archive_thread(parts[0], parts[1], parts[2], parts[3], "data/tweets_media", diag);
  } catch (const tp::Error&) {
    return 0;
  }
  tp::fuzz::check_round_trip(thread);
  return 0;
}

// X syndication tweet-result documents, newest first, cut at NUL bytes; plus the walk helpers.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "parse/x_syndication.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts = tp::fuzz::split_parts(bytes, 4);
  while (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  for (const std::string& p : parts) {
    try {
      tp::parse::x_author_id(p);
      tp::parse::x_parent_id(p);
    } catch (const tp::Error&) {
    }
  }
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = tp::parse::x_thread(parts, "https://x.com/fuzz_example/status/1874097816571961839", diag);
  } catch (const tp::Error&) {
    return 0;
  }
  tp::fuzz::check_round_trip(thread);
  return 0;
}

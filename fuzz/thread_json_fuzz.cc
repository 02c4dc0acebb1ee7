// Thread JSON and unroll text through parse::read_any (sniffed by content), then the round trip.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = tp::parse::read_any(bytes, "fuzz.json", &diag);
  } catch (const tp::Error&) {
    return 0;
  }
  tp::fuzz::check_round_trip(thread);
  return 0;
}

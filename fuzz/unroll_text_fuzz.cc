// The unroll-text reader on any bytes (read_any would send text starting with '{' to the JSON
// reader), then the round trip.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = tp::parse::read_unroll_text(bytes, "fuzz.txt", &diag);
  } catch (const tp::Error&) {
    return 0;
  }
  tp::fuzz::check_round_trip(thread);
  return 0;
}

// A Thread Reader App page, through gumbo, then the round trip.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "parse/threadreader_html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string html(reinterpret_cast<const char*>(data), size);
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = tp::parse::threadreader_html(html, "https://threadreaderapp.com/thread/1874097816571961839.html",
                                          diag);
  } catch (const tp::Error&) {
    return 0;
  }
  tp::fuzz::check_round_trip(thread);
  return 0;
}

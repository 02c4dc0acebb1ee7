// What every harness asserts, shared so that a finding reads the same in each: a violated property
// prints one line naming it and aborts, which libFuzzer reports as a crash and saves the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/thread.h"
#include "parse/parse.h"

namespace tp::fuzz {

[[noreturn]] inline void violated(const std::string& what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what.c_str());
  std::abort();
}

// Defect 7 of issue 8: every thread a reader produces is valid thread JSON. Written, read back by
// the strict reader, and written again, it gives the same bytes.
inline void check_round_trip(const model::Thread& thread) {
  const std::string json = parse::write_thread_json(thread);
  std::string again;
  try {
    again = parse::write_thread_json(parse::read_thread_json(json, "written.json"));
  } catch (const Error& e) {
    violated(std::string("a reader's thread does not read back: ") + e.what() + "\n" + json);
  }
  if (again != json) violated("a reader's thread reads back different:\n" + json + "\n---\n" + again);
}

// The input cut at NUL bytes, for readers that take several documents (a status and its context).
// Always `count` parts; missing ones are empty.
inline std::vector<std::string> split_parts(std::string_view data, size_t count) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < count) {
    size_t nul = data.find('\0');
    if (nul == std::string_view::npos) break;
    parts.emplace_back(data.substr(0, nul));
    data.remove_prefix(nul + 1);
  }
  parts.emplace_back(data);
  parts.resize(count);
  return parts;
}

}  // namespace tp::fuzz

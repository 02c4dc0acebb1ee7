// Helpers for the parse tests: reading test data and asserting an error's one-line message.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "core/error.h"

namespace tp::test {

inline std::string data_path(const std::string& name) { return std::string(TP_TEST_DATA) + "/parse/" + name; }

inline std::string read_data(const std::string& name) {
  std::ifstream in(data_path(name), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The what() of the tp::Error `f` throws, or "no error" / "other exception: …".
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const tp::Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("other exception: ") + e.what();
  }
  return "no error";
}

}  // namespace tp::test

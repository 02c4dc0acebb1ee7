// Helpers for the parse tests: reading test data and asserting an error's one-line message.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "../support/checks.h"
#include "core/error.h"

namespace tp::test {

inline std::string data_path(const std::string& name) { return std::string(TP_TEST_DATA) + "/parse/" + name; }

inline std::string read_data(const std::string& name) {
  std::ifstream in(data_path(name), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace tp::test

// Small helpers shared by test files: the message of the error a call throws, and lists of lines
// that print one per line when a check fails.
#pragma once

#include <doctest/doctest.h>

#include <exception>
#include <string>
#include <vector>

#include "core/error.h"

namespace tp::test {

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

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string s = "{";
    for (const auto& line : lines) s += "\n  \"" + line + "\"";
    return (s + "}").c_str();
  }
};
}  // namespace doctest

// Helpers for the platform reader tests: recorded responses and readable views of spans.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../support/checks.h"
#include "core/diagnostics.h"
#include "core/error.h"
#include "core/utf8.h"
#include "model/thread.h"
#include "parse/parse.h"

namespace tp::test {

inline std::string read_data(const std::string& name) {
  std::ifstream in(std::string(TP_TEST_DATA) + "/platforms/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The code points [start, end) of `text`, as UTF-8.
inline std::string covered(const std::string& text, size_t start, size_t end) {
  size_t b = utf8::byte_offset(text, start), e = utf8::byte_offset(text, end);
  return text.substr(b, e - b);
}

// "kind 'covered text' -> href" for each span of `p`, in order.
inline std::vector<std::string> spans(const model::Post& p) {
  std::vector<std::string> out;
  for (const auto& s : p.spans) {
    bool fits = s.start < s.end && s.end <= utf8::length(p.text);
    out.push_back(std::string(model::span_kind_name(s.kind)) + " '" +
                  (fits ? covered(p.text, s.start, s.end) : std::string("<out of range>")) + "' -> " +
                  s.href.value_or("(none)"));
  }
  return out;
}

inline std::vector<std::string> texts(const model::Thread& t) {
  std::vector<std::string> out;
  for (const auto& p : t.posts) out.push_back(p.gone() ? "<deleted " + p.id + ">" : p.text);
  return out;
}

inline std::vector<std::string> warnings(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& w : d.warnings()) out.push_back(w.line());
  return out;
}

using Lines = std::vector<std::string>;

// What the strict thread JSON reader says of `t` once written: "no error" when it reads back (every
// reader's thread must, issue 8 defect 7), else its message.
inline std::string read_back_error(const model::Thread& t) {
  return error_of([&] { parse::read_thread_json(parse::write_thread_json(t), "thread.json"); });
}

}  // namespace tp::test

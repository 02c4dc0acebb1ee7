// One comparison for every golden test: `actual` against the file at `path`. On a mismatch it
// prints a line diff (each differing line with its number, a few of them, then a count) and the
// command that rewrites the expectation; with THREADPDF_UPDATE_GOLDEN=1 it rewrites the file
// instead, and the diff is then read by a reviewer before it is committed.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tp::test {

inline bool updating_goldens() {
  const char* v = std::getenv("THREADPDF_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

inline std::vector<std::string> golden_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A line diff of `expected` and `actual` (longest common subsequence for files up to a few
// thousand lines; beyond that, line by line), in hunks of changed lines: "-" expected and "+"
// actual, each with its line number in its own file; at most `max_hunks` hunks and a few lines
// of each sign per hunk, then counts.
inline std::string golden_diff(const std::string& expected, const std::string& actual, size_t max_hunks = 8) {
  const std::vector<std::string> e = golden_lines(expected), a = golden_lines(actual);
  struct Op {
    char sign;  // '=', '-', '+'
    size_t line;
    const std::string* text;
  };
  std::vector<Op> ops;
  if (e.size() * a.size() <= 25'000'000) {
    // lcs[i][j]: the longest common subsequence of e[i..] and a[j..].
    std::vector<std::vector<unsigned>> lcs(e.size() + 1, std::vector<unsigned>(a.size() + 1, 0));
    for (size_t i = e.size(); i-- > 0;)
      for (size_t j = a.size(); j-- > 0;)
        lcs[i][j] = e[i] == a[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < e.size() || j < a.size()) {
      if (i < e.size() && j < a.size() && e[i] == a[j]) {
        ops.push_back({'=', i + 1, &e[i]});
        ++i, ++j;
      } else if (i < e.size() && (j == a.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.push_back({'-', i + 1, &e[i]});
        ++i;
      } else {
        ops.push_back({'+', j + 1, &a[j]});
        ++j;
      }
    }
  } else {
    for (size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
      if (i < e.size() && i < a.size() && e[i] == a[i]) continue;
      if (i < e.size()) ops.push_back({'-', i + 1, &e[i]});
      if (i < a.size()) ops.push_back({'+', i + 1, &a[i]});
    }
  }
  std::string out;
  size_t hunks = 0, more = 0;
  for (size_t k = 0; k < ops.size();) {
    if (ops[k].sign == '=') {
      ++k;
      continue;
    }
    size_t end = k;
    while (end < ops.size() && ops[end].sign != '=') ++end;
    if (hunks++ < max_hunks) {
      for (char sign : {'-', '+'}) {
        size_t shown = 0, total = 0;
        for (size_t m = k; m < end; ++m) {
          if (ops[m].sign != sign) continue;
          if (shown++ < 6)
            out += std::string(1, sign) + std::to_string(ops[m].line) + ": " + *ops[m].text + "\n";
          ++total;
        }
        if (total > 6) out += std::string(1, sign) + " ... " + std::to_string(total - 6) + " more\n";
      }
    } else {
      more += end - k;
    }
    k = end;
  }
  if (more)
    out +=
        "... and " + std::to_string(hunks - max_hunks) + " more hunks (" + std::to_string(more) + " lines)\n";
  return out;
}

inline void check_golden(const std::string& path, const std::string& actual) {
  if (updating_goldens()) {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream expected;
  expected << in.rdbuf();
  if (!in) {
    FAIL_CHECK(path << ": no such golden file (THREADPDF_UPDATE_GOLDEN=1 ctest -R <this test> writes it)");
    return;
  }
  if (expected.str() == actual) return;
  FAIL_CHECK(
      path << " differs:\n"
           << golden_diff(expected.str(), actual)
           << "If the change is intended: THREADPDF_UPDATE_GOLDEN=1 ctest --preset release -R <this test>,"
              " then read `git diff` before committing.");
}

}  // namespace tp::test

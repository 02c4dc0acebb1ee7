// Golden model dumps: each input under tests/data/parse/ has a NAME.dump that was read and checked
// by eye. TP_UPDATE_GOLDEN=1 rewrites them (then read the diff before committing).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "model/dump.h"
#include "parse/parse.h"
#include "parse_test_util.h"

using namespace tp;

namespace {

bool update_golden() {
  const char* v = std::getenv("TP_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

// Compares `actual` with the golden file `name`; on a mismatch prints the first differing line.
void check_golden(const std::string& name, const std::string& actual) {
  CAPTURE(name);
  if (update_golden()) {
    std::ofstream(test::data_path(name), std::ios::binary) << actual;
    MESSAGE("rewrote " << test::data_path(name));
    return;
  }
  const std::string expected = test::read_data(name);
  if (expected == actual) return;
  std::istringstream e(expected), a(actual);
  std::string el, al;
  for (int line = 1;; ++line) {
    bool he = static_cast<bool>(std::getline(e, el)), ha = static_cast<bool>(std::getline(a, al));
    if (!he && !ha) break;
    if (!he || !ha || el != al) {
      FAIL_CHECK(name << ":" << line << ": differs (TP_UPDATE_GOLDEN=1 rewrites)\n-" << (he ? el : "<end>")
                      << "\n+" << (ha ? al : "<end>"));
      return;
    }
  }
  FAIL_CHECK(name << ": differs (TP_UPDATE_GOLDEN=1 rewrites)");
}

}  // namespace

TEST_CASE("golden model dumps") {
  for (const char* input : {"example.json", "full.json", "revision.json", "unroll_full.txt", "unroll_plain.txt"}) {
    std::string stem = input;
    stem = stem.substr(0, stem.rfind('.'));
    model::Thread t = parse::read_any(test::read_data(input), input);
    check_golden(stem + ".dump", model::dump(t));
  }
}

TEST_CASE("golden thread JSON written from unroll text") {
  model::Thread t = parse::read_any(test::read_data("unroll_full.txt"), "unroll_full.txt");
  std::string written = parse::write_thread_json(t);
  check_golden("unroll_full.out.json", written);
  CHECK(model::dump(parse::read_thread_json(written, "unroll_full.out.json")) == model::dump(t));
}

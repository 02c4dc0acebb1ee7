// Golden model dumps: each input under tests/data/parse/ has a NAME.dump that was read and checked
// by eye. THREADPDF_UPDATE_GOLDEN=1 rewrites them (then read the diff before committing).
#include "../support/golden.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "model/dump.h"
#include "parse/parse.h"
#include "parse_test_util.h"

using namespace tp;

namespace {

// Compares `actual` with the golden file `name`; on a mismatch prints the first differing line.
void parse_golden(const std::string& name, const std::string& actual) {
  test::check_golden(test::data_path(name), actual);
}

}  // namespace

TEST_CASE("golden model dumps") {
  for (const char* input :
       {"example.json", "full.json", "revision.json", "unroll_full.txt", "unroll_plain.txt"}) {
    std::string stem = input;
    stem = stem.substr(0, stem.rfind('.'));
    // unroll_plain.txt is a copy without any of the page's marks: only --from unroll reads it.
    model::Thread t = stem == "unroll_plain"
                          ? parse::read_as(parse::Format::UnrollText, test::read_data(input), input)
                          : parse::read_any(test::read_data(input), input);
    parse_golden(stem + ".dump", model::dump(t));
  }
}

TEST_CASE("golden thread JSON written from unroll text") {
  model::Thread t = parse::read_any(test::read_data("unroll_full.txt"), "unroll_full.txt");
  std::string written = parse::write_thread_json(t);
  parse_golden("unroll_full.out.json", written);
  CHECK(model::dump(parse::read_thread_json(written, "unroll_full.out.json")) == model::dump(t));
}

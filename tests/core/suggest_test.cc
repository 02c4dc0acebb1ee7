#include "core/suggest.h"

#include <doctest/doctest.h>

using tp::closest_name;

TEST_CASE("closest_name finds typos, swaps and unfinished prefixes, not other words") {
  const std::vector<std::string> known{"output", "layout", "page-size", "packet", "per-host", "quiet"};
  CHECK(closest_name("ouptut", known) == "output");
  CHECK(closest_name("outptu", known) == "output");
  CHECK(closest_name("Layuot", known) == "layout");
  CHECK(closest_name("page", known) == "page-size");
  CHECK(closest_name("pagesize", known) == "page-size");
  CHECK(closest_name("zebra", known).empty());
  CHECK(closest_name("x", known).empty());
  CHECK(tp::did_you_mean("outpt", known, "--") == ", did you mean --output?");
  CHECK(tp::did_you_mean("colour", known).empty());
}

#include "core/format.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

using namespace tp;

TEST_CASE("fmt_num trims zeros and never prints -0") {
  CHECK(fmt_num(12.5) == "12.5");
  CHECK(fmt_num(3.0) == "3");
  CHECK(fmt_num(-0.001) == "0");
  CHECK(fmt_num(1.23456, 2) == "1.23");
  CHECK(fmt_num(595.275590551, 4) == "595.2756");
  CHECK(fmt_num(-0.05, 2) == "-0.05");
  CHECK(fmt_num(-1234.5, 0) == "-1235");
  CHECK(fmt_num(100, 3) == "100");
  CHECK(fmt_num(1e300, 2).size() > 60);  // beyond what an integer holds: printf's digits
  std::string out = "x ";
  append_num(out, 2.5, 4);
  CHECK(out == "x 2.5");
}

TEST_CASE("fmt_num writes what printf writes for the rounded value, trimmed") {
  // The reference: the value rounded to `decimals` places, printed by printf in the C locale
  // (the numbers of every content stream), zeros and dot trimmed.
  auto printf_text = [](double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(v * scale) / scale;
    if (rounded == 0) rounded = 0;
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, rounded);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s;
  };
  std::mt19937_64 random(12);
  std::uniform_real_distribution<double> magnitude(-12, 16);
  for (int i = 0; i < 200000; ++i) {
    const double v = std::pow(10.0, magnitude(random)) * (random() % 2 ? -1 : 1);
    const int decimals = static_cast<int>(random() % 7);
    REQUIRE_MESSAGE(fmt_num(v, decimals) == printf_text(v, decimals), v, " with ", decimals);
  }
}

TEST_CASE("RFC 3339 dates parse with offsets and fractions") {
  CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_rfc3339("2026-11-24T09:30:00Z") == 1795512600);
  CHECK(parse_rfc3339("2026-11-24T10:30:00.123+01:00") == 1795512600);
  CHECK(parse_rfc3339("2026-11-24T04:30:00-05:00") == 1795512600);
  double fraction = -1;
  CHECK(parse_rfc3339("2026-11-24T10:30:00.125+01:00", fraction) == 1795512600);
  CHECK(fraction == 0.125);
  CHECK(parse_rfc3339("2026-11-24T09:30:00Z", fraction) == 1795512600);
  CHECK(fraction == 0);
  CHECK_FALSE(parse_rfc3339("2026-11-24"));
  CHECK_FALSE(parse_rfc3339("2026-13-24T09:30:00Z"));
  // Days that do not exist in their month; the leap days that do.
  CHECK_FALSE(parse_rfc3339("2025-02-31T10:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2025-02-29T10:00:00Z"));
  CHECK_FALSE(parse_rfc3339("1900-02-29T10:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2026-04-31T10:00:00Z"));
  CHECK(parse_rfc3339("2024-02-29T00:00:00Z") == 1709164800);
  CHECK(parse_rfc3339("2000-02-29T00:00:00Z") == 951782400);
  CHECK(parse_rfc3339("2026-12-31T00:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2026-11-24T09:30:00"));
  CHECK_FALSE(parse_rfc3339("yesterday"));
}

TEST_CASE("dates format for people and for PDF") {
  CHECK(format_rfc3339(1795512600) == "2026-11-24T09:30:00Z");
  CHECK(format_human(1795512600) == "24 Nov 2026, 09:30 UTC");
  CHECK(format_day(1795512600) == "24 Nov 2026");
  CHECK(format_pdf_date(1795512600) == "D:20261124093000Z");
  CHECK(format_rfc3339(951782400) == "2000-02-29T00:00:00Z");
}

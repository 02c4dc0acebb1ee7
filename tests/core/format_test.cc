#include "core/format.h"

#include <doctest/doctest.h>

using namespace tp;

TEST_CASE("fmt_num trims zeros and never prints -0") {
  CHECK(fmt_num(12.5) == "12.5");
  CHECK(fmt_num(3.0) == "3");
  CHECK(fmt_num(-0.001) == "0");
  CHECK(fmt_num(1.23456, 2) == "1.23");
  CHECK(fmt_num(595.275590551, 4) == "595.2756");
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

// Number and date formatting that never depends on the process locale or clock, so output is the
// same on every machine (the PDF bytes, the text dumps).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tp {

// Fixed-point with at most `decimals` digits, trailing zeros and a trailing dot removed,
// "-0" written as "0". fmt_num(12.5, 2) == "12.5", fmt_num(3.0, 2) == "3".
std::string fmt_num(double value, int decimals = 2);
// The same text appended to `out`, without a string of its own: content streams are mostly these
// numbers. `decimals` is 0 to 9.
void append_num(std::string& out, double value, int decimals = 2);

// The low 4 * `digits` bits of `value` as exactly `digits` uppercase hex digits ("%04X" of a value
// below 0x10000 for 4), appended to `out`: glyph codes, ToUnicode entries, PDF hex strings. Inline:
// it runs once per glyph of a document.
inline void append_hex(std::string& out, unsigned value, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int d = digits - 1; d >= 0; --d) out += kHex[(value >> (4 * d)) & 0xF];
}

// Seconds since the Unix epoch, UTC.
using UnixTime = std::int64_t;

// Parses an RFC 3339 date-time ("2026-11-24T09:30:00Z", "2026-11-24T10:30:00.123+01:00").
// Returns nullopt when the text is not one.
std::optional<UnixTime> parse_rfc3339(const std::string& text);
// The same time with its fraction of a second kept in `fraction` (0 <= fraction < 1), for waits
// computed from a server's clock.
std::optional<UnixTime> parse_rfc3339(const std::string& text, double& fraction);

// "2026-11-24T09:30:00Z"
std::string format_rfc3339(UnixTime t);

// "24 Nov 2026, 09:30 UTC" — what the PDF shows a reader.
std::string format_human(UnixTime t);

// "24 Nov 2026"
std::string format_day(UnixTime t);

// PDF date string "D:20261124093000Z".
std::string format_pdf_date(UnixTime t);

}  // namespace tp

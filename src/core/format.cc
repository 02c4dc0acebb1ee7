#include "core/format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tp {

void append_num(std::string& out, double value, int decimals) {
  // Powers of ten are exact in a double up to 10^22, so the table gives what std::pow gave.
  static constexpr double kScale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  const double scale = decimals >= 0 && decimals <= 9 ? kScale[decimals] : std::pow(10.0, decimals);
  const double units = std::round(value * scale);
  if (decimals >= 0 && decimals <= 9 && std::abs(units) < 1e15) {
    // The common case, written from the integer count of units: the double nearest to
    // units / scale prints with `decimals` digits as exactly that count, so this is the text the
    // general path below gives, without its floating-point formatting.
    auto n = static_cast<std::int64_t>(units);
    if (n < 0) {
      out += '-';
      n = -n;
    }
    char digits[32];
    char* p = digits + sizeof digits;
    int frac = decimals;
    // Fraction digits from the right, trailing zeros dropped.
    while (frac > 0 && n % 10 == 0) {
      n /= 10;
      --frac;
    }
    for (int i = 0; i < frac; ++i) {
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
    }
    if (frac > 0) *--p = '.';
    do {
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n > 0);
    out.append(p, digits + sizeof digits);
    return;
  }
  double rounded = units / scale;
  if (rounded == 0) rounded = 0;  // no "-0"
  // to_chars with a precision writes what printf's %.*f writes in the "C" locale, whatever the
  // locale, and without printf's parsing.
  char buf[64];
  auto [last, ec] = std::to_chars(buf, buf + sizeof buf - 1, rounded, std::chars_format::fixed, decimals);
  if (ec != std::errc()) {  // more digits than fit (beyond 10^60): printf's truncated text, as ever
    std::snprintf(buf, sizeof buf, "%.*f", decimals, rounded);
    last = buf + std::strlen(buf);
  }
  if (std::find(buf, last, '.') != last) {
    while (last > buf && last[-1] == '0') --last;
    if (last > buf && last[-1] == '.') --last;
  }
  out.append(buf, last);
}

std::string fmt_num(double value, int decimals) {
  std::string out;
  append_num(out, value, decimals);
  return out;
}

namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day, hour, minute, second;
};

Civil civil_from_time(UnixTime t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  Civil c;
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2);
  c.hour = static_cast<unsigned>(secs / 3600);
  c.minute = static_cast<unsigned>(secs / 60 % 60);
  c.second = static_cast<unsigned>(secs % 60);
  return c;
}

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool digits(const std::string& s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<UnixTime> parse_rfc3339(const std::string& s) {
  double fraction;
  return parse_rfc3339(s, fraction);
}

std::optional<UnixTime> parse_rfc3339(const std::string& s, double& fraction) {
  fraction = 0;
  int y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  // A day past its month's end (2025-02-31) names no instant; rolling it into March would print a
  // date nobody wrote.
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] + (mo == 2 && leap ? 1 : 0)) return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    fraction = std::strtod(s.substr(start - 1, pos - start + 1).c_str(), nullptr);
  }
  if (pos >= s.size()) return std::nullopt;
  int offset = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om))
      return std::nullopt;
    offset = (oh * 60 + om) * 60 * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
         mi * 60 + std::min(se, 59) - offset;
}

std::string format_rfc3339(UnixTime t) {
  Civil c = civil_from_time(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(c.year), c.month,
                c.day, c.hour, c.minute, c.second);
  return buf;
}

std::string format_human(UnixTime t) {
  Civil c = civil_from_time(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%u %s %lld, %02u:%02u UTC", c.day, kMonths[c.month - 1],
                static_cast<long long>(c.year), c.hour, c.minute);
  return buf;
}

std::string format_day(UnixTime t) {
  Civil c = civil_from_time(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u %s %lld", c.day, kMonths[c.month - 1], static_cast<long long>(c.year));
  return buf;
}

std::string format_pdf_date(UnixTime t) {
  Civil c = civil_from_time(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "D:%04lld%02u%02u%02u%02u%02uZ", static_cast<long long>(c.year), c.month,
                c.day, c.hour, c.minute, c.second);
  return buf;
}

}  // namespace tp

// x_syndication_token (declared in url.h). The digits must match JavaScript's Number#toString(36)
// exactly, so this follows V8's DoubleToRadixCString step for step (x-syndication.md section 2).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numbers>

#include "core/error.h"
#include "source/url.h"

namespace tp::source {

namespace {

constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

int digit_value(char c) { return c > '9' ? c - 'a' + 10 : c - '0'; }

// V8's Double::Exponent(): the binary exponent of the value's 53-bit integer significand.
int significand_exponent(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  int biased = static_cast<int>((bits >> 52) & 0x7ff);
  return biased == 0 ? -1074 : biased - 1075;
}

// Number.prototype.toString(radix) for a finite double.
std::string js_to_radix(double value, int radix) {
  bool negative = value < 0;
  if (negative) value = -value;
  double integer = std::floor(value);
  double fraction = value - integer;
  // Only as many fraction digits as the double's precision supports: half the gap to the next double.
  double delta = 0.5 * (std::nextafter(value, std::numeric_limits<double>::infinity()) - value);
  delta = std::max(std::nextafter(0.0, 1.0), delta);
  std::string frac;
  if (fraction >= delta) {
    do {
      fraction *= radix;
      delta *= radix;
      int digit = static_cast<int>(fraction);
      frac += kDigits[digit];
      fraction -= digit;
      // Round half to even, carrying into earlier digits (and possibly the integer part).
      if (fraction > 0.5 || (fraction == 0.5 && (digit & 1))) {
        if (fraction + delta > 1) {
          while (true) {
            if (frac.empty()) {
              integer += 1;
              break;
            }
            int last = digit_value(frac.back());
            frac.pop_back();
            if (last + 1 < radix) {
              frac += kDigits[last + 1];
              break;
            }
          }
          break;
        }
      }
    } while (fraction >= delta);
  }
  // Integer digits; positions below the double's precision are written as zeros.
  std::string int_rev;
  while (significand_exponent(integer / radix) > 0) {
    integer /= radix;
    int_rev += '0';
  }
  do {
    double remainder = std::fmod(integer, radix);
    int_rev += kDigits[static_cast<int>(remainder)];
    integer = (integer - remainder) / radix;
  } while (integer > 0);
  std::string out = negative ? "-" : "";
  out.append(int_rev.rbegin(), int_rev.rend());
  if (!frac.empty()) out += "." + frac;
  return out;
}

}  // namespace

std::string x_syndication_token(const std::string& id) {
  if (id.empty() || id.size() > 40 || id.find_first_not_of("0123456789") != std::string::npos)
    throw Error(ErrorCode::Input, id, "not an X post id");
  // strtod rounds correctly, as JavaScript's Number(string) does.
  double value = std::strtod(id.c_str(), nullptr) / 1e15 * std::numbers::pi;
  std::string token;
  for (char c : js_to_radix(value, 36))
    if (c != '0' && c != '.') token += c;
  return token;
}

}  // namespace tp::source

// read_cff on CFF tables built here byte by byte (Adobe TN 5176), so each charset format and
// each refusal is tested without depending on what some installed font happens to contain.
#include "render/pdf/cff.h"

#include <doctest/doctest.h>

#include "core/error.h"

using tp::render::pdf::CffFont;
using tp::render::pdf::read_cff;

using namespace std::string_literals;

namespace {

// An INDEX with one-byte offsets (enough for these small tables).
std::string index(const std::vector<std::string>& items) {
  if (items.empty()) return std::string(2, '\0');
  std::string out = {0, static_cast<char>(items.size()), 1, 1};
  std::string data;
  for (const std::string& item : items) {
    data += item;
    out += static_cast<char>(data.size() + 1);
  }
  return out + data;
}

// A DICT integer in the five-byte form, so a DICT's size does not depend on the offsets in it.
std::string int5(std::uint32_t v) {
  return {29, static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

struct Spec {
  bool cid_keyed = true;
  std::string charset;  // the bytes at the charset offset; empty: no charset operator
  int glyphs = 4;
  int major = 1;
};

// Header, Name INDEX, Top DICT INDEX, String INDEX ("Adobe", "Japan1"), an empty Global Subr
// INDEX, the charset, then a CharStrings INDEX of `glyphs` bare endchar operators.
std::string make_cff(const Spec& spec) {
  auto top = [&](std::uint32_t charset_at, std::uint32_t char_strings_at) {
    std::string dict;
    if (spec.cid_keyed) dict += int5(391) + int5(392) + int5(4) + "\x0c\x1e";  // ROS Adobe Japan1 4
    dict += "\x1e\xe2\xa2\x5c\x3f\x0c\x08"s;  // StrokeWidth -2.25E-3: a real is read past
    if (!spec.charset.empty()) dict += int5(charset_at) + "\x0f";
    dict += int5(char_strings_at) + "\x11";
    return dict;
  };
  const std::string head = std::string{static_cast<char>(spec.major), 0, 4, 1} + index({"Test"});
  const std::string strings = index({"Adobe", "Japan1"}) + index({});
  const std::size_t charset_at = head.size() + index({top(0, 0)}).size() + strings.size();
  const std::size_t char_strings_at = charset_at + spec.charset.size();
  std::string out = head + index({top(charset_at, char_strings_at)}) + strings + spec.charset;
  return out + index(std::vector<std::string>(spec.glyphs, "\x0e"));
}

// The message of the tp::Error read_cff throws, "" when it throws none.
std::string error_of(const std::string& table) {
  try {
    read_cff(table);
  } catch (const tp::Error& e) {
    CHECK(e.code() == tp::ErrorCode::Internal);
    CHECK(e.where() == "pdf");
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("read_cff: a CID-keyed font's ROS and charset, in each format") {
  Spec spec;
  spec.charset = "\x00\x00\x05\x03\xe8\x00\x07"s;  // format 0: CIDs 5, 1000, 7
  CffFont font = read_cff(make_cff(spec));
  CHECK(font.name == "Test");
  CHECK(font.cid_keyed);
  CHECK(font.registry == "Adobe");
  CHECK(font.ordering == "Japan1");
  CHECK(font.supplement == 4);
  CHECK(font.cids == std::vector<std::uint16_t>{0, 5, 1000, 7});

  spec.glyphs = 6;
  spec.charset = "\x01\x00\x0a\x01\x01\x00\x02"s;  // format 1: 10-11, then 256-258 of which 256-258 fit
  CHECK(read_cff(make_cff(spec)).cids == std::vector<std::uint16_t>{0, 10, 11, 256, 257, 258});

  spec.charset = "\x02\x00\x01\x00\x04"s;  // format 2: 1-5, CID = glyph id
  CHECK(read_cff(make_cff(spec)).cids == std::vector<std::uint16_t>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("read_cff: a name-keyed font is drawn by glyph id") {
  Spec spec;
  spec.cid_keyed = false;
  spec.glyphs = 3;
  spec.charset = "\x00\x00\x22\x00\x23"s;  // SIDs (glyph names), not codes
  const CffFont font = read_cff(make_cff(spec));
  CHECK_FALSE(font.cid_keyed);
  CHECK(font.registry.empty());
  CHECK(font.cids == std::vector<std::uint16_t>{0, 1, 2});
}

TEST_CASE("read_cff: malformed tables are a tp::Error") {
  Spec good;
  good.charset = "\x02\x00\x01\x00\x04"s;
  const std::string cff = make_cff(good);
  REQUIRE_NOTHROW(read_cff(cff));
  // Cut anywhere, the table is refused rather than read past its end.
  for (std::size_t size = 0; size < cff.size(); ++size) {
    CAPTURE(size);
    CHECK_THROWS_AS(read_cff(cff.substr(0, size)), tp::Error);
  }
  Spec cff2 = good;
  cff2.major = 2;
  CHECK(error_of(make_cff(cff2)) == "CFF: major version 2 is not 1");
  Spec no_charset = good;
  no_charset.charset.clear();
  CHECK(error_of(make_cff(no_charset)) == "CFF: CID-keyed font without a charset");
  Spec bad_format = good;
  bad_format.charset = "\x03\x00"s;
  CHECK(error_of(make_cff(bad_format)) == "CFF: charset has format 3");
}

#include "render/pdf/cff.h"

#include <charconv>
#include <cmath>
#include <map>

#include "core/error.h"

namespace tp::render::pdf {

namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw Error(ErrorCode::Internal, "pdf", "CFF: " + what);
}

// Big-endian fields; every read is bounds-checked, since the table comes from a font file.
class Bytes {
 public:
  explicit Bytes(std::string_view data) : data_(data) {}
  std::uint32_t card(std::size_t at, unsigned size, const char* what) const {
    if (at > data_.size() || size > data_.size() - at) malformed(std::string(what) + " is truncated");
    std::uint32_t v = 0;
    for (unsigned i = 0; i < size; ++i) v = (v << 8) | static_cast<unsigned char>(data_[at + i]);
    return v;
  }
  std::string_view slice(std::size_t at, std::size_t size, const char* what) const {
    if (at > data_.size() || size > data_.size() - at) malformed(std::string(what) + " is truncated");
    return data_.substr(at, size);
  }

 private:
  std::string_view data_;
};

// An INDEX (TN 5176, 5 "INDEX Data"): count, offSize, count + 1 offsets counted from the byte
// before the data, then the data.
class Index {
 public:
  Index(const Bytes& bytes, std::size_t at, const char* what) : bytes_(bytes), what_(what) {
    count_ = bytes.card(at, 2, what);
    if (count_ == 0) {
      end_ = at + 2;
      return;
    }
    off_size_ = bytes.card(at + 2, 1, what);
    if (off_size_ < 1 || off_size_ > 4)
      malformed(std::string(what) + " has offset size " + std::to_string(off_size_));
    offsets_ = at + 3;
    base_ = offsets_ + (count_ + 1) * off_size_ - 1;
    end_ = base_ + offset(count_);
    bytes.slice(offsets_, end_ - offsets_, what);  // the whole INDEX lies inside the table
  }
  std::size_t count() const { return count_; }
  std::size_t end() const { return end_; }
  std::string_view item(std::size_t i) const {
    const std::size_t from = offset(i), to = offset(i + 1);
    if (from < 1 || to < from) malformed(std::string(what_) + " has offsets out of order");
    return bytes_.slice(base_ + from, to - from, what_);
  }

 private:
  std::size_t offset(std::size_t i) const { return bytes_.card(offsets_ + i * off_size_, off_size_, what_); }

  const Bytes& bytes_;
  const char* what_;
  std::size_t count_ = 0, off_size_ = 0, offsets_ = 0, base_ = 0, end_ = 0;
};

// Two-byte operators (escape 12, then b1) are kept as 0x0C00 | b1.
constexpr int kCharset = 15;
constexpr int kCharStrings = 17;
constexpr int kRos = 0x0C1E;

// A DICT (TN 5176, 4 "DICT Data"): operands precede their operator. Only the Top DICT is read.
std::map<int, std::vector<double>> read_dict(std::string_view dict) {
  const Bytes bytes(dict);
  std::map<int, std::vector<double>> ops;
  std::vector<double> operands;
  std::size_t at = 0;
  while (at < dict.size()) {
    const unsigned b0 = bytes.card(at, 1, "Top DICT");
    if (b0 <= 21) {
      int op = static_cast<int>(b0);
      if (b0 == 12) op = 0x0C00 | static_cast<int>(bytes.card(at + 1, 1, "Top DICT"));
      at += b0 == 12 ? 2 : 1;
      ops[op] = std::move(operands);
      operands.clear();
    } else if (b0 == 28) {
      operands.push_back(static_cast<std::int16_t>(bytes.card(at + 1, 2, "Top DICT")));
      at += 3;
    } else if (b0 == 29) {
      operands.push_back(static_cast<std::int32_t>(bytes.card(at + 1, 4, "Top DICT")));
      at += 5;
    } else if (b0 == 30) {
      // A real, one nibble a character (Table 5); d is reserved, f ends the number.
      static constexpr std::string_view kNibble[] = {"0", "1", "2", "3", "4",  "5", "6", "7",
                                                     "8", "9", ".", "E", "E-", "",  "-", ""};
      std::string text;
      bool done = false;
      for (++at; !done; ++at) {
        const unsigned byte = bytes.card(at, 1, "Top DICT real");
        for (unsigned nibble : {byte >> 4, byte & 15}) {
          if (done) break;
          if (nibble == 0xD) malformed("Top DICT real has a reserved nibble");
          done = nibble == 0xF;
          text += kNibble[nibble];
        }
      }
      double value = NAN;
      std::from_chars(text.data(), text.data() + text.size(), value);
      operands.push_back(value);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push_back(static_cast<int>(b0) - 139);
      at += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push_back((static_cast<int>(b0) - 247) * 256 +
                         static_cast<int>(bytes.card(at + 1, 1, "Top DICT")) + 108);
      at += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push_back(-(static_cast<int>(b0) - 251) * 256 -
                         static_cast<int>(bytes.card(at + 1, 1, "Top DICT")) - 108);
      at += 2;
    } else {
      malformed("Top DICT has reserved byte " + std::to_string(b0));
    }
  }
  return ops;
}

// SIDs from 391 on name the String INDEX's items; the ones below are the standard strings
// (Appendix A), none of which is a registry or an ordering, so they read as "".
std::string custom_string(const Index& strings, double sid) {
  if (!(sid >= 391) || sid - 391 >= static_cast<double>(strings.count())) return "";
  std::string s(strings.item(static_cast<std::size_t>(sid) - 391));
  for (char c : s) {
    if (c < 32 || c > 126) return "";
  }
  return s;
}

// The charset (13 "Charsets"): one code per glyph from glyph 1 on; .notdef is always 0. In a
// CID-keyed font the codes are CIDs.
std::vector<std::uint16_t> read_charset(const Bytes& bytes, std::size_t at, std::size_t glyphs) {
  std::vector<std::uint16_t> codes = {0};
  const unsigned format = bytes.card(at++, 1, "charset");
  if (format > 2) malformed("charset has format " + std::to_string(format));
  while (codes.size() < glyphs) {
    if (format == 0) {
      codes.push_back(static_cast<std::uint16_t>(bytes.card(at, 2, "charset")));
      at += 2;
      continue;
    }
    const std::uint32_t first = bytes.card(at, 2, "charset");
    const std::uint32_t left = bytes.card(at + 2, format, "charset");  // Card8 in format 1, Card16 in 2
    at += 2 + format;
    if (first + left > 0xFFFF) malformed("charset range passes 65535");
    for (std::uint32_t c = first; c <= first + left && codes.size() < glyphs; ++c) {
      codes.push_back(static_cast<std::uint16_t>(c));
    }
  }
  return codes;
}

}  // namespace

CffFont read_cff(std::string_view table) {
  const Bytes bytes(table);
  const unsigned major = bytes.card(0, 1, "header");
  if (major != 1) malformed("major version " + std::to_string(major) + " is not 1");
  const Index names(bytes, bytes.card(2, 1, "header"), "Name INDEX");
  const Index top_dicts(bytes, names.end(), "Top DICT INDEX");
  const Index strings(bytes, top_dicts.end(), "String INDEX");
  if (top_dicts.count() == 0) malformed("no Top DICT");
  const auto top = read_dict(top_dicts.item(0));

  auto offset_of = [&](int op, const char* what) -> std::size_t {
    auto it = top.find(op);
    if (it == top.end() || it->second.size() != 1) return 0;
    const double v = it->second[0];
    if (!(v > 0 && v < static_cast<double>(table.size())))
      malformed(std::string(what) + " offset is outside the table");
    return static_cast<std::size_t>(v);
  };
  const std::size_t char_strings_at = offset_of(kCharStrings, "CharStrings");
  if (char_strings_at == 0) malformed("no CharStrings");
  const std::size_t glyphs = Index(bytes, char_strings_at, "CharStrings INDEX").count();
  if (glyphs == 0) malformed("CharStrings INDEX is empty");

  CffFont font;
  if (names.count() > 0) font.name = names.item(0);
  auto ros = top.find(kRos);
  if (ros == top.end()) {
    for (std::size_t g = 0; g < glyphs; ++g) font.cids.push_back(static_cast<std::uint16_t>(g));
    return font;
  }
  if (ros->second.size() != 3) malformed("ROS does not have three operands");
  font.cid_keyed = true;
  font.registry = custom_string(strings, ros->second[0]);
  font.ordering = custom_string(strings, ros->second[1]);
  const double supplement = ros->second[2];
  font.supplement = supplement >= 0 && supplement <= 1000000 ? static_cast<int>(supplement) : 0;
  // Offsets 0, 1 and 2 name the predefined charsets of name-keyed fonts (Table 22); a CID-keyed
  // font has none of them.
  const std::size_t charset_at = offset_of(kCharset, "charset");
  if (charset_at <= 2) malformed("CID-keyed font without a charset");
  font.cids = read_charset(bytes, charset_at, glyphs);
  return font;
}

}  // namespace tp::render::pdf

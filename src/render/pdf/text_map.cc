#include "render/pdf/text_map.h"

#include <hb.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/format.h"
#include "core/utf8.h"

namespace tp::render::pdf {

const std::u16string& ToUnicode::at(std::uint32_t gid) const {
  const std::u16string* text = find(gid);
  if (!text) throw std::out_of_range("ToUnicode: glyph " + std::to_string(gid) + " has no text");
  return *text;
}

bool ToUnicode::try_emplace(std::uint32_t gid, std::u16string text) {
  if (contains(gid)) return false;
  if (gid >= slot_.size()) slot_.resize(static_cast<std::size_t>(gid) + 1, -1);
  slot_[gid] = static_cast<std::int32_t>(entries_.size());
  entries_.emplace_back(gid, std::move(text));
  return true;
}

std::u16string& ToUnicode::operator[](std::uint32_t gid) {
  try_emplace(gid, {});
  return entries_[static_cast<std::size_t>(slot_[gid])].second;
}

std::vector<Cluster> clusters_of(const layout::GlyphRun& run) {
  const std::size_t text_size = run.text.size();
  const auto& glyphs = run.glyphs;
  std::vector<Cluster> clusters;
  clusters.reserve(glyphs.size());
  // In a left-to-right run (nearly every run) the offsets increase along the glyphs, so the next
  // larger offset is the next cluster's: no sorted copy is needed.
  const bool increasing = std::is_sorted(glyphs.begin(), glyphs.end(),
                                         [](const auto& a, const auto& b) { return a.cluster < b.cluster; });
  std::vector<std::uint32_t> offsets;
  if (!increasing) {
    // Cluster offsets in increasing order: a cluster's text ends where the next larger one starts,
    // whatever the visual order of the run (right-to-left runs have decreasing clusters).
    offsets.reserve(glyphs.size());
    for (const auto& g : glyphs) offsets.push_back(g.cluster);
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  }
  for (std::size_t i = 0; i < glyphs.size();) {
    std::size_t j = i + 1;
    while (j < glyphs.size() && glyphs[j].cluster == glyphs[i].cluster) ++j;
    const std::uint32_t offset = glyphs[i].cluster;
    std::size_t end = text_size;
    if (increasing) {
      if (j < glyphs.size()) end = std::min<std::size_t>(glyphs[j].cluster, text_size);
    } else if (auto next = std::upper_bound(offsets.begin(), offsets.end(), offset); next != offsets.end()) {
      end = std::min<std::size_t>(*next, text_size);
    }
    Cluster c;
    c.first = i;
    c.count = j - i;
    c.text_begin = std::min<std::size_t>(offset, text_size);
    c.text_end = end;
    clusters.push_back(c);
    i = j;
  }
  return clusters;
}

std::u16string utf16_of(std::string_view utf8) {
  std::u16string out;
  while (!utf8.empty()) {
    auto bad = utf8::find_invalid(utf8);
    std::size_t good = bad ? *bad : utf8.size();
    out += utf8::to_utf16(utf8.substr(0, good));
    if (!bad) break;
    out += u'\uFFFD';
    utf8.remove_prefix(good + 1);
  }
  return out;
}

namespace {

std::u16string cluster_text(const layout::GlyphRun& run, const Cluster& c) {
  return utf16_of(std::string_view(run.text).substr(c.text_begin, c.text_end - c.text_begin));
}

std::vector<char32_t> code_points(const std::u16string& text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000)
      c = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
    out.push_back(c);
  }
  return out;
}

std::u16string utf16_of(const std::vector<char32_t>& cps) {
  std::u16string out;
  for (char32_t c : cps) {
    if (c >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(c);
    }
  }
  return out;
}

// Canonical ordering (Unicode 3.11): marks of different combining classes in any order are the
// same text, so "shin, qamats, shin dot" and "shin, shin dot, qamats" compare equal.
std::vector<char32_t> canonical(std::vector<char32_t> cps) {
  hb_unicode_funcs_t* ucd = hb_unicode_funcs_get_default();
  auto ccc = [ucd](char32_t c) { return hb_unicode_combining_class(ucd, c); };
  for (std::size_t i = 0; i < cps.size();) {
    std::size_t j = i;
    while (j < cps.size() && ccc(cps[j]) != 0) ++j;
    std::stable_sort(cps.begin() + static_cast<long>(i), cps.begin() + static_cast<long>(j),
                     [&](char32_t a, char32_t b) { return ccc(a) < ccc(b); });
    i = j == i ? i + 1 : j;
  }
  return cps;
}

// As "%02X" (one byte) or "%04X" (two) would print value & 0xFFFF, without snprintf: this runs
// for every unit of every ActualText and every entry of every ToUnicode map.
void append_hex16(std::string& out, unsigned value, int bytes = 2) {
  value &= 0xFFFFu;
  int digits = bytes * 2;
  while (digits < 4 && (value >> (4 * digits)) != 0) ++digits;
  append_hex(out, value, digits);
}

}  // namespace

namespace {

// Vowel signs drawn to the left of the consonant they follow in the text (Unicode's
// Indic_Positional_Category Left), in the scripts whose fonts draw them as a glyph of their own.
bool pre_base_vowel_sign(char32_t c) {
  switch (c) {
    case 0x093F:
    case 0x094E:  // Devanagari i, prishthamatra e
    case 0x09BF:
    case 0x09C7:
    case 0x09C8:  // Bengali i, e, ai
    case 0x0A3F:  // Gurmukhi i
    case 0x0ABF:  // Gujarati i
    case 0x0B47:  // Oriya e
    case 0x0BC6:
    case 0x0BC7:
    case 0x0BC8:  // Tamil e, ee, ai
    case 0x0D46:
    case 0x0D47:
    case 0x0D48:  // Malayalam e, ee, ai
    case 0x0DD9:
    case 0x0DDA:
    case 0x0DDB:  // Sinhala e, ee, ai
      return true;
    default:
      return false;
  }
}

}  // namespace

std::u16string visual(const std::u16string& text) {
  std::vector<char32_t> cps = code_points(text);
  std::reverse(cps.begin(), cps.end());
  return utf16_of(cps);
}

void assign_to_unicode(const layout::GlyphRun& run, ToUnicode& map, const NominalGlyph& nominal) {
  // Readers that put a right-to-left line back into logical order reverse the characters of each
  // glyph's ToUnicode text, not the glyphs: so a glyph standing for several characters of a
  // right-to-left run (lam-alef) has them in visual order.
  // Asked only once a glyph needs text: for a run of one cluster it converts the run's text.
  std::optional<bool> rtl_known;
  auto rtl = [&] {
    if (!rtl_known) rtl_known = right_to_left(run);
    return *rtl_known;
  };
  auto add = [&](std::uint32_t gid, const std::u16string& text) {
    map.try_emplace(gid, rtl() ? visual(text) : text);
  };
  for (const Cluster& c : clusters_of(run)) {
    if (c.text_begin == c.text_end) continue;
    // The first text given to a glyph stays, and a cluster gives text only to its own glyphs:
    // when all of them have some, nothing below would change the map. Nearly every cluster of
    // a document is a glyph seen before, and its text is then not even converted.
    bool all_known = true;
    for (std::size_t k = c.first; k < c.first + c.count && all_known; ++k)
      all_known = map.contains(run.glyphs[k].gid);
    if (all_known) continue;
    if (c.count == 1) {
      add(run.glyphs[c.first].gid, cluster_text(run, c));
      continue;
    }
    if (!nominal) continue;
    // Glyphs of a base-and-marks cluster that the cmap names for one of its code points; when all
    // but one are named, that one (a base in a contextual form, say) stands for what is left.
    const std::u16string text = cluster_text(run, c);
    std::vector<bool> named(c.count, false);
    std::u16string rest;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char32_t cp = text[i];
      std::size_t units = 1;
      if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < text.size()) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
        units = 2;
      }
      const std::uint32_t gid = nominal(cp);
      bool found = false;
      for (std::size_t k = 0; gid != 0 && k < c.count && !found; ++k)
        if (!named[k] && run.glyphs[c.first + k].gid == gid) {
          named[k] = found = true;
          map.try_emplace(gid, text.substr(i, units));
        }
      if (!found) rest += text.substr(i, units);
      i += units - 1;
    }
    if (rest.empty()) continue;
    std::vector<std::uint32_t> unnamed;
    for (std::size_t k = 0; k < c.count; ++k)
      if (!named[k]) unnamed.push_back(run.glyphs[c.first + k].gid);
    if (unnamed.empty()) continue;
    // A conjunct with a vowel sign drawn before it (Devanagari "त्रि": the sign, then the त्र
    // ligature) has the sign's glyph first and neither is the cmap's: the first stands for the sign.
    const std::vector<char32_t> cps = code_points(rest);
    if (!rtl() && unnamed.size() == 2 && cps.size() > 1 && pre_base_vowel_sign(cps.back())) {
      add(unnamed[0], rest.substr(rest.size() - (cps.back() >= 0x10000 ? 2 : 1)));
      add(unnamed[1], rest.substr(0, rest.size() - (cps.back() >= 0x10000 ? 2 : 1)));
      continue;
    }
    // Otherwise the first glyph left stands for the rest (Thai "ำ" drawn as nikhahit and sara aa);
    // any other keeps the text it stands for elsewhere, or none: what it adds is in the first.
    add(unnamed[0], rest);
  }
}

bool right_to_left(const layout::GlyphRun& run) {
  if (run.glyphs.size() > 1 && run.glyphs.front().cluster != run.glyphs.back().cluster)
    return run.glyphs.front().cluster > run.glyphs.back().cluster;
  // One cluster ("لا" alone is one glyph): the direction of the first letter's script. Most such
  // runs are a space or a hyphen, and ASCII has no right-to-left letter.
  if (std::all_of(run.text.begin(), run.text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return false;
  hb_unicode_funcs_t* ucd = hb_unicode_funcs_get_default();
  for (char32_t c : code_points(utf16_of(run.text))) {
    const hb_script_t script = hb_unicode_script(ucd, c);
    if (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN) continue;
    return hb_script_get_horizontal_direction(script) == HB_DIRECTION_RTL;
  }
  return false;
}

namespace {

// The one code point `utf8` spells, when it is exactly one valid UTF-8 sequence; otherwise -1.
long single_code_point(std::string_view utf8) {
  if (utf8.empty() || utf8.size() > 4) return -1;
  const auto lead = static_cast<unsigned char>(utf8[0]);
  const std::size_t size = lead < 0x80           ? 1
                           : (lead >> 5) == 0x6  ? 2
                           : (lead >> 4) == 0xE  ? 3
                           : (lead >> 3) == 0x1E ? 4
                                                 : 0;
  if (size != utf8.size()) return -1;
  if (size == 1) return lead;
  // Overlong forms, surrogates and values past U+10FFFF are left to the full comparison.
  if (utf8::find_invalid(utf8)) return -1;
  long cp = lead & (0x7F >> size);
  for (std::size_t i = 1; i < size; ++i) cp = cp << 6 | (static_cast<unsigned char>(utf8[i]) & 0x3F);
  return cp;
}

bool is_utf16_of(const std::u16string& text, long cp) {
  if (cp < 0x10000) return text.size() == 1 && text[0] == cp;
  return text.size() == 2 && text[0] == 0xD800 + ((cp - 0x10000) >> 10) &&
         text[1] == 0xDC00 + ((cp - 0x10000) & 0x3FF);
}

}  // namespace

bool spells_cluster(const layout::GlyphRun& run, const Cluster& c, const ToUnicode& map) {
  // Most clusters are one glyph for one character whose ToUnicode is that character: equal in
  // either direction and in canonical order, so the general comparison below (which allocates
  // several times) is not needed.
  if (c.count == 1) {
    const long cp =
        single_code_point(std::string_view(run.text).substr(c.text_begin, c.text_end - c.text_begin));
    const std::u16string* text = cp >= 0 ? map.find(run.glyphs[c.first].gid) : nullptr;
    if (text && is_utf16_of(*text, cp)) return true;
  }
  // What a reader gets: the glyphs' texts in visual order, reversed as characters when the run is
  // right-to-left.
  std::u16string spelled;
  for (std::size_t i = c.first; i < c.first + c.count; ++i) {
    if (const std::u16string* text = map.find(run.glyphs[i].gid)) spelled += *text;
  }
  std::vector<char32_t> got = code_points(spelled);
  if (right_to_left(run)) std::reverse(got.begin(), got.end());
  return canonical(got) == canonical(code_points(cluster_text(run, c)));
}

std::string hex_utf16be_with_bom(const std::u16string& text) {
  std::string out;
  out.reserve(4 + 4 * text.size());
  out += "FEFF";
  for (char16_t u : text) append_hex16(out, u);
  return out;
}

std::string to_unicode_cmap(const std::map<std::uint16_t, std::u16string>& codes, int code_bytes) {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n";
  out += code_bytes == 1 ? "<00> <FF>\n" : "<0000> <FFFF>\n";
  out += "endcodespacerange\n";
  std::vector<std::pair<std::uint16_t, const std::u16string*>> entries;
  for (const auto& [code, text] : codes) {
    if (!text.empty()) entries.emplace_back(code, &text);
  }
  for (std::size_t start = 0; start < entries.size(); start += 100) {
    const std::size_t end = std::min(entries.size(), start + 100);
    out += std::to_string(end - start) + " beginbfchar\n";
    for (std::size_t i = start; i < end; ++i) {
      out += '<';
      append_hex16(out, entries[i].first, code_bytes);
      out += "> <";
      for (char16_t u : *entries[i].second) append_hex16(out, u);
      out += ">\n";
    }
    out += "endbfchar\n";
  }
  out +=
      "endcmap\n"
      "CMapName currentdict /CMapResource defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

}  // namespace tp::render::pdf

#include "render/pdf/font_embed.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/error.h"
#include "render/pdf/cff.h"

namespace tp::render::pdf {

namespace {

template <auto destroy>
struct HbDeleter {
  template <class T>
  void operator()(T* p) const {
    destroy(p);
  }
};
using Blob = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, HbDeleter<hb_face_destroy>>;
using Font = std::unique_ptr<hb_font_t, HbDeleter<hb_font_destroy>>;
using SubsetInput = std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_destroy>>;
using SubsetPlan = std::unique_ptr<hb_subset_plan_t, HbDeleter<hb_subset_plan_destroy>>;

[[noreturn]] void font_error(const layout::FontFace& face, const std::string& message) {
  throw Error(ErrorCode::Internal, "pdf",
              "font " + face.path + " (face " + std::to_string(face.face_index) + "): " + message);
}

// Big-endian fields of one sfnt table; reads past the end give 0 (a missing table is all zeros).
class Table {
 public:
  Table(hb_face_t* face, hb_tag_t tag) : blob_(hb_face_reference_table(face, tag)) {
    data_ = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob_.get(), &size_));
  }
  bool present() const { return size_ > 0; }
  std::string_view bytes() const { return {reinterpret_cast<const char*>(data_), size_}; }
  std::uint32_t u16(unsigned at) const { return at + 2 <= size_ ? (data_[at] << 8) | data_[at + 1] : 0; }
  int i16(unsigned at) const { return static_cast<std::int16_t>(u16(at)); }
  std::int32_t i32(unsigned at) const { return static_cast<std::int32_t>((u16(at) << 16) | u16(at + 2)); }

 private:
  Blob blob_;
  const unsigned char* data_ = nullptr;
  unsigned size_ = 0;
};

// A PDF name made of a PostScript name's printable ASCII (7.3.5 allows more with #xx escapes,
// but a BaseFont should stay readable and match the font program's own name).
std::string pdf_name(std::string_view ps_name) {
  std::string name;
  for (const char c : ps_name) {
    if (c > 32 && c < 127 && std::string_view("()<>[]{}/%#").find(c) == std::string_view::npos) name += c;
  }
  return name.empty() ? "Font" : name.substr(0, 63);
}

std::string postscript_name(hb_face_t* face) {
  char buf[128];
  unsigned len = sizeof buf;
  hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf);
  return pdf_name(std::string_view(buf, std::min<std::size_t>(len, sizeof buf)));
}

// The subset tag (9.6.4): six uppercase letters that must differ between different subsets of one
// font. Derived from the font name and the glyph set, never from a random source, so the same
// document gives the same bytes.
std::string subset_tag(const std::string& ps_name, const std::set<std::uint32_t>& gids) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  auto mix = [&h](unsigned char byte) { h = (h ^ byte) * 1099511628211ull; };
  for (char c : ps_name) mix(static_cast<unsigned char>(c));
  for (std::uint32_t g : gids) {
    for (int shift = 0; shift < 32; shift += 8) mix(static_cast<unsigned char>(g >> shift));
  }
  std::string tag;
  for (int i = 0; i < 6; ++i, h /= 26) tag += static_cast<char>('A' + h % 26);
  return tag;
}

struct Subset {
  Blob file;
  std::vector<std::int32_t> new_gid;  // by original glyph id
  Face face;
};

Subset make_subset(const layout::FontFace& where, hb_face_t* face, const std::set<std::uint32_t>& gids,
                   bool cff) {
  const unsigned glyph_count = hb_face_get_glyph_count(face);
  SubsetInput input(hb_subset_input_create_or_fail());
  if (!input) font_error(where, "hb-subset cannot allocate its input");
  hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
  hb_set_add(glyphs, 0);  // .notdef is glyph 0 in every TrueType font and PDF viewers expect it
  for (std::uint32_t g : gids) {
    if (g >= glyph_count) font_error(where, "glyph id " + std::to_string(g) + " is not in the font");
    hb_set_add(glyphs, g);
  }
  // A PDF font is only drawn by glyph id: shaping tables are dead weight, and dropping GSUB also
  // stops hb-subset from pulling in every glyph a substitution could reach. Hinting goes too:
  // PDF viewers scale glyphs freely and most ignore TrueType instructions.
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                       HB_TAG('k', 'e', 'r', 'n'), HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F')}) {
    hb_set_add(drop, tag);
  }
  // Glyph ids are renumbered (no HB_SUBSET_FLAGS_RETAIN_GIDS): with retained ids, loca and hmtx
  // (for CFF, CharStrings) keep one entry per original glyph up to the largest used id, tens of
  // kilobytes per font for a few dozen glyphs, hundreds for CJK. The content stream writes the
  // new ids instead, or for CFF the CIDs, which the subset's charset keeps.
  // CFF hints are kept: they are stem declarations, not programs, and Adobe's and FreeType's
  // hinting rasterisers use them to keep the many strokes of CJK glyphs crisp at screen sizes;
  // they cost about a fifth of the subset. Subroutines are kept too (hb-subset drops unused ones):
  // flattening them saves about 5% on Noto Sans CJK but multiplies the size of fonts whose glyphs
  // share much.
  hb_subset_input_set_flags(input.get(), cff ? HB_SUBSET_FLAGS_DEFAULT : HB_SUBSET_FLAGS_NO_HINTING);

  SubsetPlan plan(hb_subset_plan_create_or_fail(face, input.get()));
  if (!plan) font_error(where, "hb-subset cannot plan the subset");
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  Subset subset;
  subset.new_gid.assign(glyph_count, -1);
  for (unsigned g = 0; g < glyph_count; ++g) {
    hb_codepoint_t n = hb_map_get(old_to_new, g);
    if (n != HB_MAP_VALUE_INVALID) subset.new_gid[g] = static_cast<std::int32_t>(n);
  }
  for (std::uint32_t g : gids) {
    if (subset.new_gid[g] < 0) font_error(where, "hb-subset dropped glyph " + std::to_string(g));
  }
  subset.face.reset(hb_subset_plan_execute_or_fail(plan.get()));
  if (!subset.face) font_error(where, "hb-subset failed");
  subset.file.reset(hb_face_reference_blob(subset.face.get()));
  if (hb_blob_get_length(subset.file.get()) == 0) font_error(where, "hb-subset produced an empty font");
  return subset;
}

// /W (9.7.4.3) as "first [w w w ...]" groups of consecutive codes, at most 1000 widths each, well
// under libharu's array limit. The codes of a CID-keyed CFF subset have gaps.
void add_widths(Haru& haru, HPDF_Dict cid_font, const std::map<std::uint16_t, double>& widths) {
  HPDF_Array w = haru.add_array(cid_font, "W");
  HPDF_Array group = nullptr;
  int next = -1, in_group = 0;
  for (const auto& [code, width] : widths) {
    if (code != next || in_group == 1000) {
      haru.check(HPDF_Array_AddNumber(w, code), "add /W start");
      group = haru.need(HPDF_Array_New(haru.mmgr()), "new /W group");
      haru.check(HPDF_Array_Add(w, group), "add /W group");
      in_group = 0;
    }
    haru.check(HPDF_Array_AddNumber(group, static_cast<HPDF_INT32>(width)), "add width");
    next = code + 1;
    ++in_group;
  }
}

HPDF_Dict font_descriptor(Haru& haru, const layout::FontFace& where, hb_face_t* face,
                          const std::string& name) {
  Font font(hb_font_create(face));
  const double upem = hb_face_get_upem(face);
  auto scaled = [upem](double v) { return std::round(v * 1000 / upem); };
  auto metric = [&](hb_ot_metrics_tag_t tag, double fallback) {
    hb_position_t v = 0;
    return hb_ot_metrics_get_position(font.get(), tag, &v) ? scaled(v) : fallback;
  };
  Table head(face, HB_TAG('h', 'e', 'a', 'd')), post(face, HB_TAG('p', 'o', 's', 't')),
      os2(face, HB_TAG('O', 'S', '/', '2'));
  if (!head.present()) font_error(where, "has no head table");

  const double ascent = metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, 800);
  const double descent = metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, -200);
  const double cap_height = metric(HB_OT_METRICS_TAG_CAP_HEIGHT, ascent);
  const double italic_angle = post.i32(4) / 65536.0;
  const bool fixed_pitch = post.present() && post.i32(12) != 0;
  const bool italic = italic_angle != 0 || (head.u16(44) & 2);
  // TrueType has no stem width; viewers use StemV only to choose the weight of a substitute font,
  // so it is estimated from the OS/2 weight class (400 -> 88, 700 -> 166).
  const double weight = os2.present() ? os2.u16(4) : 400;
  const double stem_v = std::round(50 + (weight / 65) * (weight / 65));
  // Flags (9.8.2): Symbolic, because glyphs are selected by id and not by a standard encoding.
  int flags = 4;
  if (fixed_pitch) flags |= 1;
  if (italic) flags |= 64;

  HPDF_Dict fd = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(fd, "Type", "FontDescriptor"), "FontDescriptor");
  haru.check(HPDF_Dict_AddName(fd, "FontName", name.c_str()), "FontName");
  haru.check(HPDF_Dict_AddNumber(fd, "Flags", flags), "Flags");
  HPDF_Array bbox = haru.add_array(fd, "FontBBox");
  for (unsigned at : {36u, 38u, 40u, 42u}) {
    haru.check(HPDF_Array_AddNumber(bbox, static_cast<HPDF_INT32>(scaled(head.i16(at)))), "FontBBox");
  }
  haru.add_real(fd, "ItalicAngle", italic_angle);
  haru.check(HPDF_Dict_AddNumber(fd, "Ascent", static_cast<HPDF_INT32>(ascent)), "Ascent");
  haru.check(HPDF_Dict_AddNumber(fd, "Descent", static_cast<HPDF_INT32>(descent)), "Descent");
  haru.check(HPDF_Dict_AddNumber(fd, "CapHeight", static_cast<HPDF_INT32>(cap_height)), "CapHeight");
  haru.check(HPDF_Dict_AddNumber(fd, "StemV", static_cast<HPDF_INT32>(stem_v)), "StemV");
  return fd;
}

// The code that selects each glyph of the subset (by new glyph id), and the character collection
// those codes belong to. TrueType: the glyph id itself, as CIDToGIDMap /Identity says. CFF: the
// CID the subset's charset gives the glyph, because readers select the glyphs of a CIDFontType0C
// through its charset (9.7.4.2). hb-subset renumbers glyphs but keeps each glyph's original CID,
// so a CID-keyed subset's codes are sparse; rewriting its charset to CID = glyph id would change
// the font program for no gain.
struct Codes {
  std::vector<std::uint16_t> of_glyph;
  std::string font_name;  // the CFF's own, "" for TrueType
  std::string registry = "Adobe", ordering = "Identity";
  int supplement = 0;
};

Codes codes_of(const layout::FontFace& where, const Subset& subset, bool cff) {
  Codes codes;
  const unsigned count = hb_face_get_glyph_count(subset.face.get());
  if (!cff) {
    for (unsigned g = 0; g < count; ++g) codes.of_glyph.push_back(static_cast<std::uint16_t>(g));
    return codes;
  }
  const Table table(subset.face.get(), HB_TAG('C', 'F', 'F', ' '));
  CffFont font;
  try {
    font = read_cff(table.bytes());
  } catch (const Error& e) {
    font_error(where, "subset: " + e.message());
  }
  if (font.cids.size() != count) font_error(where, "subset: CFF and maxp disagree on the glyph count");
  codes.of_glyph = std::move(font.cids);
  codes.font_name = std::move(font.name);
  // The content stream writes the font's own CIDs, so the font's character collection says what
  // they mean. Identity-H goes with any collection (PDF/A, ISO 19005, exempts Identity-H and -V
  // from the rule that CMap and CIDFont name the same one).
  if (font.cid_keyed && !font.registry.empty() && !font.ordering.empty()) {
    codes.registry = font.registry;
    codes.ordering = font.ordering;
    codes.supplement = font.supplement;
  }
  return codes;
}

}  // namespace

EmbeddedFont embed_font(Haru& haru, const layout::FontFace& where, const FontUse& use) {
  Blob blob(hb_blob_create_from_file_or_fail(where.path.c_str()));
  if (!blob) font_error(where, "cannot be read");
  if (where.face_index < 0 || static_cast<unsigned>(where.face_index) >= hb_face_count(blob.get())) {
    font_error(where, "is not a font file or has no such face");
  }
  Face face(hb_face_create(blob.get(), static_cast<unsigned>(where.face_index)));
  if (hb_face_get_glyph_count(face.get()) == 0) font_error(where, "has no glyphs");
  const bool cff = Table(face.get(), HB_TAG('C', 'F', 'F', ' ')).present();
  if (!cff && !Table(face.get(), HB_TAG('g', 'l', 'y', 'f')).present()) {
    font_error(where, Table(face.get(), HB_TAG('C', 'F', 'F', '2')).present()
                          ? "has CFF2 outlines (variable OpenType), which are not supported"
                          : "has neither TrueType (glyf) nor CFF outlines");
  }

  Subset subset = make_subset(where, face.get(), use.gids, cff);
  const Codes codes = codes_of(where, subset, cff);
  // A CIDFontType0's BaseFont is the CIDFontName in its font program (9.7.4.1, Table 117). In a
  // collection like Noto Sans CJK's, all faces share one CFF named for the first face, so the
  // Korean face is embedded as NotoSansCJKjp-Regular: that is the program it carries.
  const std::string ps_name = postscript_name(face.get());
  const std::string name =
      subset_tag(ps_name, use.gids) + '+' + (codes.font_name.empty() ? ps_name : pdf_name(codes.font_name));

  EmbeddedFont out;
  out.glyphs.to_unicode = &use.to_unicode;
  // Widths are read back from the subset itself, so /W agrees with the embedded program
  // (9.7.4.3: a mismatch makes viewers stretch or overlap glyphs).
  std::map<std::uint16_t, double> widths;  // by code
  {
    Font sub_font(hb_font_create(subset.face.get()));
    const double upem = hb_face_get_upem(subset.face.get());
    for (std::size_t g = 0; g < codes.of_glyph.size(); ++g) {
      const double width = std::round(hb_font_get_glyph_h_advance(sub_font.get(), g) * 1000 / upem);
      if (!widths.emplace(codes.of_glyph[g], width).second) {
        font_error(where, "subset: two glyphs have code " + std::to_string(codes.of_glyph[g]));
      }
    }
  }
  out.glyphs.widths.assign(widths.rbegin()->first + 1, 0);
  for (const auto& [code, width] : widths) out.glyphs.widths[code] = width;
  out.glyphs.code.assign(subset.new_gid.size(), -1);
  for (std::size_t g = 0; g < subset.new_gid.size(); ++g) {
    if (subset.new_gid[g] >= 0) out.glyphs.code[g] = codes.of_glyph[subset.new_gid[g]];
  }

  HPDF_Dict descriptor = font_descriptor(haru, where, face.get(), name);
  if (cff) {
    // The bare CFF table rather than /Subtype /OpenType: FontFile3 /OpenType needs PDF 1.6, and
    // FreeType (so MuPDF, pdfium) maps CIDs through the charset only for a bare CFF font; in an
    // OpenType wrapper it takes the code for a glyph id.
    const Table table(subset.face.get(), HB_TAG('C', 'F', 'F', ' '));
    HPDF_Dict file = haru.new_stream(table.bytes(), true);
    haru.check(HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C"), "FontFile3 Subtype");
    haru.check(HPDF_Dict_Add(descriptor, "FontFile3", file), "FontFile3");
  } else {
    unsigned file_size = 0;
    const char* file_data = hb_blob_get_data(subset.file.get(), &file_size);
    HPDF_Dict file = haru.new_stream(std::string_view(file_data, file_size), true);
    haru.check(HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(file_size)), "Length1");
    haru.check(HPDF_Dict_Add(descriptor, "FontFile2", file), "FontFile2");
  }

  HPDF_Dict cid = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(cid, "Type", "Font"), "CIDFont");
  haru.check(HPDF_Dict_AddName(cid, "Subtype", cff ? "CIDFontType0" : "CIDFontType2"), "CIDFont");
  haru.check(HPDF_Dict_AddName(cid, "BaseFont", name.c_str()), "CIDFont BaseFont");
  HPDF_Dict info = haru.need(HPDF_Dict_New(haru.mmgr()), "CIDSystemInfo");
  haru.check(HPDF_Dict_Add(cid, "CIDSystemInfo", info), "CIDSystemInfo");
  haru.add_ascii(info, "Registry", codes.registry);
  haru.add_ascii(info, "Ordering", codes.ordering);
  haru.check(HPDF_Dict_AddNumber(info, "Supplement", codes.supplement), "Supplement");
  haru.check(HPDF_Dict_Add(cid, "FontDescriptor", descriptor), "FontDescriptor");
  add_widths(haru, cid, widths);
  // With Identity-H the code is the CID; with /Identity the CID is the glyph index (9.7.4.2).
  // A CIDFontType0 has no CIDToGIDMap: its CIDs go through the CFF charset.
  if (!cff) haru.check(HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity"), "CIDToGIDMap");

  std::map<std::uint16_t, std::u16string> unicode_of_code;
  for (const auto& [gid, text] : use.to_unicode) {
    if (gid < out.glyphs.code.size() && out.glyphs.code[gid] >= 0) {
      unicode_of_code[static_cast<std::uint16_t>(out.glyphs.code[gid])] = text;
    }
  }
  HPDF_Dict to_unicode = haru.new_stream(to_unicode_cmap(unicode_of_code), true);

  out.type0 = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(out.type0, "Type", "Font"), "Type0");
  haru.check(HPDF_Dict_AddName(out.type0, "Subtype", "Type0"), "Type0");
  haru.check(HPDF_Dict_AddName(out.type0, "BaseFont", name.c_str()), "Type0 BaseFont");
  haru.check(HPDF_Dict_AddName(out.type0, "Encoding", "Identity-H"), "Encoding");
  HPDF_Array descendants = haru.add_array(out.type0, "DescendantFonts");
  haru.check(HPDF_Array_Add(descendants, cid), "DescendantFonts");
  haru.check(HPDF_Dict_Add(out.type0, "ToUnicode", to_unicode), "ToUnicode");
  return out;
}

}  // namespace tp::render::pdf

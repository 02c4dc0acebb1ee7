#include "render/pdf/font_embed.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <cmath>
#include <memory>
#include <string>

#include "core/error.h"

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
  std::uint32_t u16(unsigned at) const { return at + 2 <= size_ ? (data_[at] << 8) | data_[at + 1] : 0; }
  int i16(unsigned at) const { return static_cast<std::int16_t>(u16(at)); }
  std::int32_t i32(unsigned at) const { return static_cast<std::int32_t>((u16(at) << 16) | u16(at + 2)); }

 private:
  Blob blob_;
  const unsigned char* data_ = nullptr;
  unsigned size_ = 0;
};

// A PDF name made of the PostScript name's printable ASCII (7.3.5 allows more with #xx escapes,
// but a BaseFont should stay readable and match the font program's own name).
std::string postscript_name(hb_face_t* face) {
  char buf[128];
  unsigned len = sizeof buf;
  hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf);
  std::string name;
  for (unsigned i = 0; i < len && buf[i]; ++i) {
    const char c = buf[i];
    if (c > 32 && c < 127 && std::string_view("()<>[]{}/%#").find(c) == std::string_view::npos) name += c;
  }
  return name.empty() ? "Font" : name.substr(0, 63);
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

Subset make_subset(const layout::FontFace& where, hb_face_t* face, const std::set<std::uint32_t>& gids) {
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
  // keep one entry per original glyph up to the largest used id, tens of kilobytes per font for a
  // few dozen glyphs. The content stream writes the new ids instead, so CIDToGIDMap stays /Identity.
  hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);

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

HPDF_Array add_array(Haru& haru, HPDF_Dict dict, const char* key) {
  HPDF_Array array = haru.need(HPDF_Array_New(haru.mmgr()), "new array");
  haru.check(HPDF_Dict_Add(dict, key, array), std::string("add ") + key);
  return array;
}

// /W (9.7.4.3) as "first [w w w ...]" groups of at most 1000 widths, well under libharu's array limit.
void add_widths(Haru& haru, HPDF_Dict cid_font, const std::vector<double>& widths) {
  HPDF_Array w = add_array(haru, cid_font, "W");
  for (std::size_t start = 0; start < widths.size(); start += 1000) {
    haru.check(HPDF_Array_AddNumber(w, static_cast<HPDF_INT32>(start)), "add /W start");
    HPDF_Array group = haru.need(HPDF_Array_New(haru.mmgr()), "new /W group");
    haru.check(HPDF_Array_Add(w, group), "add /W group");
    for (std::size_t g = start; g < widths.size() && g < start + 1000; ++g) {
      haru.check(HPDF_Array_AddNumber(group, static_cast<HPDF_INT32>(widths[g])), "add width");
    }
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
  HPDF_Array bbox = add_array(haru, fd, "FontBBox");
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

}  // namespace

EmbeddedFont embed_font(Haru& haru, const layout::FontFace& where, const FontUse& use) {
  Blob blob(hb_blob_create_from_file_or_fail(where.path.c_str()));
  if (!blob) font_error(where, "cannot be read");
  if (where.face_index < 0 || static_cast<unsigned>(where.face_index) >= hb_face_count(blob.get())) {
    font_error(where, "is not a font file or has no such face");
  }
  Face face(hb_face_create(blob.get(), static_cast<unsigned>(where.face_index)));
  if (hb_face_get_glyph_count(face.get()) == 0) font_error(where, "has no glyphs");
  if (!Table(face.get(), HB_TAG('g', 'l', 'y', 'f')).present()) {
    font_error(where, "has no TrueType outlines (glyf); CFF-based fonts are not supported");
  }

  Subset subset = make_subset(where, face.get(), use.gids);
  const std::string name =
      subset_tag(postscript_name(face.get()), use.gids) + '+' + postscript_name(face.get());

  EmbeddedFont out;
  out.glyphs.new_gid = std::move(subset.new_gid);
  out.glyphs.to_unicode = &use.to_unicode;
  {
    // Widths are read back from the subset itself, so /W agrees with the embedded program
    // (9.7.4.3: a mismatch makes viewers stretch or overlap glyphs).
    Font sub_font(hb_font_create(subset.face.get()));
    const double upem = hb_face_get_upem(subset.face.get());
    const unsigned count = hb_face_get_glyph_count(subset.face.get());
    for (unsigned g = 0; g < count; ++g) {
      out.glyphs.widths.push_back(std::round(hb_font_get_glyph_h_advance(sub_font.get(), g) * 1000 / upem));
    }
  }

  unsigned file_size = 0;
  const char* file_data = hb_blob_get_data(subset.file.get(), &file_size);
  HPDF_Dict file = haru.new_stream(std::string_view(file_data, file_size), true);
  haru.check(HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(file_size)), "Length1");

  HPDF_Dict descriptor = font_descriptor(haru, where, face.get(), name);
  haru.check(HPDF_Dict_Add(descriptor, "FontFile2", file), "FontFile2");

  HPDF_Dict cid = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(cid, "Type", "Font"), "CIDFont");
  haru.check(HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2"), "CIDFont");
  haru.check(HPDF_Dict_AddName(cid, "BaseFont", name.c_str()), "CIDFont BaseFont");
  HPDF_Dict info = haru.need(HPDF_Dict_New(haru.mmgr()), "CIDSystemInfo");
  haru.check(HPDF_Dict_Add(cid, "CIDSystemInfo", info), "CIDSystemInfo");
  haru.add_ascii(info, "Registry", "Adobe");
  haru.add_ascii(info, "Ordering", "Identity");
  haru.check(HPDF_Dict_AddNumber(info, "Supplement", 0), "Supplement");
  haru.check(HPDF_Dict_Add(cid, "FontDescriptor", descriptor), "FontDescriptor");
  add_widths(haru, cid, out.glyphs.widths);
  // With Identity-H the code is the CID; with /Identity the CID is the glyph index (9.7.4.2).
  haru.check(HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity"), "CIDToGIDMap");

  std::map<std::uint16_t, std::u16string> codes;
  for (const auto& [gid, text] : use.to_unicode) {
    if (gid < out.glyphs.new_gid.size() && out.glyphs.new_gid[gid] >= 0) {
      codes[static_cast<std::uint16_t>(out.glyphs.new_gid[gid])] = text;
    }
  }
  HPDF_Dict to_unicode = haru.new_stream(to_unicode_cmap(codes), true);

  out.type0 = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(out.type0, "Type", "Font"), "Type0");
  haru.check(HPDF_Dict_AddName(out.type0, "Subtype", "Type0"), "Type0");
  haru.check(HPDF_Dict_AddName(out.type0, "BaseFont", name.c_str()), "Type0 BaseFont");
  haru.check(HPDF_Dict_AddName(out.type0, "Encoding", "Identity-H"), "Encoding");
  HPDF_Array descendants = add_array(haru, out.type0, "DescendantFonts");
  haru.check(HPDF_Array_Add(descendants, cid), "DescendantFonts");
  haru.check(HPDF_Dict_Add(out.type0, "ToUnicode", to_unicode), "ToUnicode");
  return out;
}

}  // namespace tp::render::pdf

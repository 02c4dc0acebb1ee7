// CFF-based OpenType fonts become Type0 fonts over CIDFontType0 descendants whose /FontFile3 is
// the subset's bare CFF table, drawn by CID. Checked with the real readers: poppler's pdftotext,
// pdffonts and pdftoppm, qpdf --check, and FreeType drawing the same glyph ids straight from the
// original font file, which shows that the viewer draws the intended glyphs, not merely some.
#include <doctest/doctest.h>
#include <hb.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.h"
#include "pdf_tools.h"
#include "raster.h"
#include "render/pdf/cff.h"
#include "render/pdf/pdf.h"

using namespace tp;
using test::kRegular;
using test::shape;

namespace {

// fonts-noto-cjk: OpenType collections whose faces share one CID-keyed CFF table and differ in
// cmap and GSUB (each region's glyph forms).
const std::string kCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const std::string kCjkBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
// fonts-urw-base35: a name-keyed CFF font (no ROS; its charset holds glyph names).
const std::string kNameKeyed = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf";

struct Sample {
  const char* language;
  std::string font;
  int face;  // in the collection, as fc-query lists them
  std::string text;
};
const Sample kSamples[] = {
    {"ja", kCjk, 0, "日本語のテキストを表示します。"}, {"zh-Hans", kCjk, 2, "简体中文的文本。"},
    {"zh-Hant", kCjk, 3, "繁體中文的文字。"},          {"ko", kCjk, 1, "한국어 텍스트입니다."},
    {"ja-bold", kCjkBold, 0, "太字の日本語。"},
};

bool have_fonts() {
  for (const std::string& f : {kCjk, kCjkBold, kNameKeyed}) {
    if (!std::filesystem::exists(f)) {
      MESSAGE("missing " << f << ": the tests need fonts-noto-cjk and fonts-urw-base35");
      return false;
    }
  }
  return true;
}

layout::GlyphRun shape_sample(const Sample& s, int font, double size, Point origin) {
  return shape(s.font, font, s.text, size, origin, static_cast<unsigned>(s.face));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line != "\f") lines.push_back(line);
  }
  return lines;
}

// The uncompressed sizes of the /FontFile3 streams in qdf text, where a stream's /Length is an
// indirect object of its own.
std::vector<std::size_t> font_file3_sizes(const std::string& qdf) {
  std::vector<std::size_t> sizes;
  const std::regex stream_dict(
      "/Length (\\d+) 0 R\\s*/Subtype /CIDFontType0C|/Subtype /CIDFontType0C\\s*/Length (\\d+) 0 R");
  for (auto it = std::sregex_iterator(qdf.begin(), qdf.end(), stream_dict); it != std::sregex_iterator();
       ++it) {
    const std::string object = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    std::smatch m;
    const std::regex length_object("\n" + object + " 0 obj\n(\\d+)\n");
    if (std::regex_search(qdf, m, length_object)) sizes.push_back(std::stoul(m[1]));
  }
  return sizes;
}

// The /W array of qdf text as code -> width, from its "first [w w ...]" groups.
std::map<std::uint32_t, double> widths_of(const std::string& qdf) {
  std::map<std::uint32_t, double> widths;
  const std::size_t at = qdf.find("/W [");
  if (at == std::string::npos) return widths;
  const std::string rest = qdf.substr(at + 4);
  const std::regex group("^\\s*(\\d+)\\s*\\[([^\\]]*)\\]");
  std::smatch m;
  std::string::const_iterator from = rest.begin();
  while (std::regex_search(from, rest.end(), m, group)) {
    std::uint32_t code = std::stoul(m[1]);
    std::istringstream numbers(m[2].str());
    for (double w; numbers >> w;) widths[code++] = w;
    from = m[0].second;
  }
  return widths;
}

// The hex strings of every TJ array in qdf text, joined: the codes shown, in order.
std::string shown_codes(const std::string& qdf) {
  std::string codes;
  const std::regex tj("\\[([^\\]]*)\\] TJ");
  for (auto it = std::sregex_iterator(qdf.begin(), qdf.end(), tj); it != std::sregex_iterator(); ++it) {
    const std::string body = (*it)[1];
    const std::regex hex("<([0-9a-fA-F]*)>");
    for (auto h = std::sregex_iterator(body.begin(), body.end(), hex); h != std::sregex_iterator(); ++h) {
      codes += (*h)[1];
    }
  }
  return codes;
}

std::string hex4(unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04x", code);  // qpdf writes lowercase hex
  return buf;
}

// The original font's CFF table: its size and, read with the parser under test, the CID of each
// glyph.
struct OriginalCff {
  std::size_t size = 0;
  std::vector<std::uint16_t> cids;
};
OriginalCff original_cff(const std::string& path, int face_index) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(face_index));
  hb_blob_t* table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
  unsigned size = 0;
  const char* data = hb_blob_get_data(table, &size);
  OriginalCff cff{size, render::pdf::read_cff(std::string_view(data, size)).cids};
  hb_blob_destroy(table);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return cff;
}

// `count` ideographs from U+4E00 on, `step` code points apart, as UTF-8.
std::string ideographs(int count, int step) {
  std::string text;
  for (char32_t c = 0x4E00; count-- > 0; c += step) {
    text += static_cast<char>(0xE0 | (c >> 12));
    text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    text += static_cast<char>(0x80 | (c & 0x3F));
  }
  return text;
}

// `text` in lines of 20 characters (each three UTF-8 bytes) of the Japanese face, 16 pt.
layout::Document ideograph_page(const std::string& text) {
  std::vector<layout::Item> runs;
  for (std::size_t at = 0, line = 0; at < text.size(); at += 3 * 20, ++line) {
    runs.push_back(shape(kCjk, 0, text.substr(at, 3 * 20), 16, {20, 40.0 + 20 * line}));
  }
  return test::one_page({{kCjk, 0}}, runs);
}

}  // namespace

TEST_CASE("CJK text in CFF collections extracts exactly from CID Type 0C subsets") {
  REQUIRE(have_fonts());
  std::vector<layout::FontFace> fonts;
  std::vector<layout::Item> runs;
  std::vector<std::string> want;
  for (const Sample& s : kSamples) {
    const int font = static_cast<int>(fonts.size());
    fonts.push_back({s.font, s.face});
    runs.push_back(shape_sample(s, font, 20, {30, 60.0 + 40 * font}));
    want.push_back(s.text);
  }
  const std::string path = test::write_file("cjk.pdf", render::write_pdf(test::one_page(fonts, runs)));

  CHECK(lines_of(test::run("pdftotext '" + path + "' -").out) == want);

  // Every face of a collection shares one CFF, named for the first (Japanese) face; BaseFont is
  // that name, as the font program carries it. Five subsets, five tags.
  const std::vector<std::string> listed = lines_of(test::run("pdffonts '" + path + "'").out);
  REQUIRE(listed.size() == 2 + fonts.size());
  std::set<std::string> tags;
  for (std::size_t i = 2; i < listed.size(); ++i) {
    CAPTURE(listed[i]);
    CHECK(std::regex_search(listed[i], std::regex("^[A-Z]{6}\\+NotoSansCJKjp-(Regular|Bold) +"
                                                  "CID Type 0C +Identity-H +yes yes yes")));
    tags.insert(listed[i].substr(0, 6));
  }
  CHECK(tags.size() == fonts.size());

  const test::CommandResult check = test::run("qpdf --check '" + path + "'", true);
  CAPTURE(check.out);
  CHECK(check.status == 0);
  CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);

  // A few dozen glyphs of a 65535-glyph, 15 MB CFF: a few kilobytes each.
  const std::vector<std::size_t> sizes = font_file3_sizes(test::qdf(path));
  CHECK(sizes.size() == fonts.size());
  for (std::size_t size : sizes) {
    CAPTURE(size);
    CHECK(size > 0);
    CHECK(size < 100 * 1024);
  }
}

TEST_CASE("a CID-keyed CFF subset is drawn by the font's own CIDs, with /W and ROS from the font") {
  REQUIRE(have_fonts());
  const Sample& s = kSamples[0];
  const layout::GlyphRun run = shape_sample(s, 0, 12, {30, 60});
  const std::string path =
      test::write_file("cids.pdf", render::write_pdf(test::one_page({{s.font, s.face}}, {run})));
  const std::string qdf = test::qdf(path);

  // hb-subset renumbers the glyphs but its charset keeps every glyph's CID, and readers select
  // glyphs through the charset: the content stream must show the original CIDs, not new ids.
  const std::vector<std::uint16_t> cids = original_cff(s.font, s.face).cids;
  std::string want;
  for (const layout::Glyph& g : run.glyphs) want += hex4(cids.at(g.gid));
  CHECK(shown_codes(qdf) == want);

  const std::map<std::uint32_t, double> widths = widths_of(qdf);
  CHECK(widths.count(0) == 1);  // .notdef
  for (const layout::Glyph& g : run.glyphs) {
    CAPTURE(g.gid);
    REQUIRE(widths.count(cids.at(g.gid)) == 1);
    CHECK(widths.at(cids.at(g.gid)) == std::round(test::advance_1000(s.font, g.gid, s.face)));
  }

  // Noto Sans CJK's ROS is Adobe-Identity-0; the CIDFont says what the font says.
  CHECK(std::regex_search(qdf,
                          std::regex("/CIDSystemInfo <<\\s*/Ordering \\(Identity\\)\\s*/Registry \\(Adobe\\)"
                                     "\\s*/Supplement 0")));
  CHECK(qdf.find("/Subtype /CIDFontType0\n") != std::string::npos);
  CHECK(qdf.find("/CIDToGIDMap") == std::string::npos);  // only a CIDFontType2 has one
  CHECK(qdf.find("/FontFile3") != std::string::npos);
  CHECK(qdf.find("/FontFile2") == std::string::npos);
  CHECK(qdf.find("/Encoding /Identity-H") != std::string::npos);
  CHECK(test::array_after(qdf, "/FontBBox").size() == 4);
  CHECK(std::regex_search(qdf, std::regex("/Ascent [1-9]")));
  CHECK(std::regex_search(qdf, std::regex("/Descent -[1-9]")));
  CHECK(std::regex_search(qdf, std::regex("/CapHeight [1-9]")));
}

TEST_CASE("poppler draws the glyphs FreeType draws from the original font") {
  REQUIRE(have_fonts());
  for (const Sample& s : kSamples) {
    CAPTURE(s.language);
    const layout::GlyphRun run = shape_sample(s, 0, 24, {20, 100});
    const std::string path = test::write_file(std::string("draw-") + s.language + ".pdf",
                                              render::write_pdf(test::one_page({{s.font, s.face}}, {run})));
    const test::InkMap page = test::render_page(path);
    REQUIRE(page.width == 420);
    REQUIRE(page.height == 595);

    // The ink lies along the run, about as wide as HarfBuzz's advances.
    const test::InkBox box = test::ink_box(page);
    REQUIRE_FALSE(box.empty());
    const double width = test::run_width(run);
    CAPTURE(width);
    CAPTURE(box.left);
    CAPTURE(box.right);
    CHECK(box.left >= 20);
    CHECK(box.right <= 20 + width + 1);
    CHECK(box.width() > 0.75 * width);
    CHECK(box.top > 100 - 24);
    CHECK(box.bottom < 100 + 24 * 0.3);

    // Same glyphs as FreeType draws from the font file for the original glyph ids; poppler also
    // draws with FreeType, so only anti-aliasing at sub-pixel positions differs. Had the codes
    // selected each glyph's neighbour among the used ones (a charset read one off), the page would
    // show other characters of the same text, and differ by far.
    const test::InkMap want =
        test::render_run(s.font, static_cast<unsigned>(s.face), run, page.width, page.height);
    std::set<std::uint32_t> used;
    for (const layout::Glyph& g : run.glyphs) used.insert(g.gid);
    layout::GlyphRun neighbours = run;
    for (layout::Glyph& g : neighbours.glyphs) {
      auto next = std::next(used.find(g.gid));
      g.gid = next == used.end() ? *used.begin() : *next;
    }
    const test::InkMap wrong =
        test::render_run(s.font, static_cast<unsigned>(s.face), neighbours, page.width, page.height);
    test::write_pgm(std::string("draw-") + s.language + ".want.pgm", want);
    CHECK(test::difference(page, want) < 0.15);
    CHECK(test::difference(page, wrong) > 0.35);
  }
}

TEST_CASE("a name-keyed CFF font is drawn by glyph id") {
  REQUIRE(have_fonts());
  const std::string text = "Hello, CFF world!";
  const layout::GlyphRun run = shape(kNameKeyed, 0, text, 30, {20, 100});
  const std::string path =
      test::write_file("name-keyed.pdf", render::write_pdf(test::one_page({{kNameKeyed, 0}}, {run})));
  CHECK(lines_of(test::run("pdftotext '" + path + "' -").out) == std::vector<std::string>{text});
  CHECK(std::regex_search(test::run("pdffonts '" + path + "'").out,
                          std::regex("[A-Z]{6}\\+NimbusSans-Regular +CID Type 0C +Identity-H +yes yes yes")));
  CHECK(test::run("qpdf --check '" + path + "'").status == 0);

  // Without ROS there are no CIDs: the codes are the subset's glyph ids, dense from .notdef on.
  const std::string qdf = test::qdf(path);
  const std::map<std::uint32_t, double> widths = widths_of(qdf);
  REQUIRE_FALSE(widths.empty());
  CHECK(widths.begin()->first == 0);
  CHECK(widths.rbegin()->first == widths.size() - 1);
  CHECK(std::regex_search(qdf, std::regex("/Ordering \\(Identity\\)\\s*/Registry \\(Adobe\\)")));

  const test::InkMap page = test::render_page(path);
  CHECK(test::difference(page, test::render_run(kNameKeyed, 0, run, page.width, page.height)) < 0.15);
}

TEST_CASE("CFF subsets: same document, same bytes; size in proportion to the glyphs used") {
  REQUIRE(have_fonts());
  // Noto Sans CJK: 65535 glyphs in a CFF table of about 15 MB, 236 bytes a glyph on average.
  const OriginalCff original = original_cff(kCjk, 0);
  const double per_glyph = static_cast<double>(original.size) / original.cids.size();
  for (int count : {50, 500}) {
    CAPTURE(count);
    const layout::Document doc = ideograph_page(ideographs(count, 40));
    const std::string bytes = render::write_pdf(doc);
    CHECK(render::write_pdf(doc) == bytes);
    const std::vector<std::size_t> sizes = font_file3_sizes(test::qdf(test::write_file("many.pdf", bytes)));
    REQUIRE(sizes.size() == 1);
    CAPTURE(sizes[0]);
    // Ideographs are more complex than the average glyph, but not twice as complex; flattened
    // subroutines or retained glyph ids would pass this bound many times over.
    CHECK(sizes[0] < 2 * per_glyph * (count + 1));
    if (count <= 50) CHECK(sizes[0] < 100 * 1024);
  }
}

namespace {

// An OpenType file of the given tables (tag -> bytes, in tag order) and nothing else.
std::string make_sfnt(const std::map<std::string, std::string>& tables) {
  auto be = [](std::uint32_t v, int bytes) {
    std::string out;
    for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>(v >> (8 * i));
    return out;
  };
  std::string out = "OTTO" + be(static_cast<std::uint32_t>(tables.size()), 2) + std::string(6, '\0');
  std::size_t offset = 12 + 16 * tables.size();
  std::string data;
  for (const auto& [tag, bytes] : tables) {
    out += tag + be(0, 4) + be(static_cast<std::uint32_t>(offset + data.size()), 4) +
           be(static_cast<std::uint32_t>(bytes.size()), 4);
    data += bytes;
    while (data.size() % 4) data += '\0';
  }
  return out + data;
}

std::string embed_error(const std::string& font_path) {
  layout::GlyphRun run = shape(kRegular, 0, "ab", 12, {30, 60});
  try {
    render::write_pdf(test::one_page({{font_path, 0}}, {run}));
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("fonts the backend cannot embed are a tp::Error naming the file") {
  REQUIRE(have_fonts());
  const layout::GlyphRun run = shape_sample(kSamples[0], 0, 12, {30, 60});
  CHECK_THROWS_AS(render::write_pdf(test::one_page({{kCjk, 10}}, {run})), Error);  // faces 0-9
  layout::GlyphRun bad = run;
  bad.glyphs[0].gid = 65535;  // one past the last glyph
  CHECK_THROWS_AS(render::write_pdf(test::one_page({{kCjk, 0}}, {bad})), Error);

  // maxp 0.5 (a CFF font's) with 300 glyphs, then CFF2 outlines or none at all.
  const std::string maxp = std::string("\x00\x00\x50\x00\x01\x2c", 6);
  const std::string cff2 = test::write_file(
      "cff2.otf", make_sfnt({{"CFF2", std::string("\x02\x00\x05\x00\x00", 5)}, {"maxp", maxp}}));
  CHECK(embed_error(cff2) ==
        "font " + cff2 + " (face 0): has CFF2 outlines (variable OpenType), which are not supported");
  const std::string bare = test::write_file("bare.otf", make_sfnt({{"maxp", maxp}}));
  CHECK(embed_error(bare) == "font " + bare + " (face 0): has neither TrueType (glyf) nor CFF outlines");
}

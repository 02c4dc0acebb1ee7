#include <cstdio>
#include <variant>

#include "core/format.h"
#include "layout/layout.h"

namespace tp::layout {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out + '"';
}

std::string pt(double x, double y) { return fmt_num(x) + "," + fmt_num(y); }
std::string wh(double w, double h) { return fmt_num(w) + "x" + fmt_num(h); }
// Where an item belongs in the structure tree: " in=N" (an element) or " artifact" (of a kind).
std::string in(int elem) {
  switch (elem) {
    case kArtifact:
      return " artifact";
    case kRunningHead:
      return " artifact=head";
    case kPageFooter:
      return " artifact=footer";
    default:
      return " in=" + std::to_string(elem);
  }
}

std::string rgb(const Color& c) { return fmt_num(c.r, 3) + "," + fmt_num(c.g, 3) + "," + fmt_num(c.b, 3); }

struct Printer {
  std::string& out;
  void operator()(const GlyphRun& r) const {
    double w = 0;
    for (const auto& g : r.glyphs) w += g.advance;
    out += "  run font=" + std::to_string(r.font) + " size=" + fmt_num(r.size) + " at " +
           pt(r.origin.x, r.origin.y) + " width=" + fmt_num(w) + " rgb=" + rgb(r.color) +
           " glyphs=" + std::to_string(r.glyphs.size()) + (r.invisible ? " invisible" : "") +
           (r.stand_in ? " stand-in" : "") + " text=" + quoted(r.text) + in(r.elem) + "\n";
  }
  void operator()(const ImageItem& i) const {
    out += "  image " + std::to_string(i.image) + " at " + pt(i.box.x, i.box.y) + " " +
           wh(i.box.width, i.box.height) + in(i.elem) + "\n";
  }
  void operator()(const RectItem& r) const {
    out += "  rect at " + pt(r.box.x, r.box.y) + " " + wh(r.box.width, r.box.height);
    if (r.fill) out += " fill=" + rgb(*r.fill);
    if (r.stroke) out += " stroke=" + rgb(*r.stroke) + " width=" + fmt_num(r.line_width);
    if (r.dashed) out += " dashed";
    out += "\n";
  }
  void operator()(const LineItem& l) const {
    out += "  line " + pt(l.from.x, l.from.y) + " to " + pt(l.to.x, l.to.y) + " rgb=" + rgb(l.color) + "\n";
  }
  void operator()(const LinkItem& l) const {
    out += "  link at " + pt(l.box.x, l.box.y) + " " + wh(l.box.width, l.box.height);
    if (!l.uri.empty())
      out += " uri=" + quoted(l.uri);
    else
      out += " dest=" + std::to_string(l.dest_page + 1) + "," + fmt_num(l.dest_y);
    out += in(l.elem) + "\n";
  }
};

}  // namespace

std::string dump(const Document& doc) {
  std::string out;
  const Metadata& m = doc.metadata;
  out += "metadata title=" + quoted(m.title) + " author=" + quoted(m.author) +
         " subject=" + quoted(m.subject) + " keywords=" + quoted(m.keywords) +
         " creator=" + quoted(m.creator) + " language=" + quoted(m.language) +
         " created=" + (m.creation_date ? format_rfc3339(*m.creation_date) : std::string("none")) + "\n";
  for (const PageLabel& l : doc.page_labels)
    out += "page-label from=" + std::to_string(l.first_page + 1) +
           (l.style == PageLabel::Style::LowerRoman ? " roman" : " decimal") +
           " start=" + std::to_string(l.start) + "\n";
  for (size_t i = 0; i < doc.fonts.size(); ++i)
    out += "font " + std::to_string(i) + " " + doc.fonts[i].path + "#" +
           std::to_string(doc.fonts[i].face_index) + "\n";
  for (size_t i = 0; i < doc.images.size(); ++i) {
    const Raster& r = *doc.images[i];
    out += "image " + std::to_string(i) + " " + wh(r.width, r.height);
    if (r.orientation != 1) out += " orientation=" + std::to_string(r.orientation);
    if (!r.icc.empty()) out += " icc=" + std::to_string(icc_components(r.icc));
    out += "\n";
  }
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    out +=
        "page " + std::to_string(p + 1) + " " + wh(doc.pages[p].size.width, doc.pages[p].size.height) + "\n";
    for (const auto& item : doc.pages[p].items) std::visit(Printer{out}, item);
  }
  for (const auto& o : doc.outline)
    out += "outline level=" + std::to_string(o.level) + " page=" + std::to_string(o.page + 1) +
           " y=" + fmt_num(o.y) + " " + quoted(o.title) + "\n";
  for (size_t i = 0; i < doc.structure.size(); ++i) {
    const StructElem& e = doc.structure[i];
    out += "struct " + std::to_string(i) + " " + role_name(e.role);
    if (e.parent >= 0) out += " parent=" + std::to_string(e.parent);
    if (!e.title.empty()) out += " title=" + quoted(e.title);
    if (!e.lang.empty()) out += " lang=" + quoted(e.lang);
    if (!e.alt.empty()) out += " alt=" + quoted(e.alt);
    out += "\n";
  }
  return out;
}

}  // namespace tp::layout

#include "render/pdf/links.h"

#include <cstdio>
#include <string>

#include "core/error.h"

namespace tp::render::pdf {

namespace {

std::string ascii_uri(const std::string& uri) {
  std::string out;
  for (unsigned char c : uri) {
    if (c <= 0x20 || c >= 0x7F) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

HPDF_Array page_annots(Haru& haru, HPDF_Page page) {
  auto* annots = static_cast<HPDF_Array>(HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY));
  if (annots) return annots;
  annots = haru.need(HPDF_Array_New(haru.mmgr()), "new /Annots");
  haru.check(HPDF_Dict_Add(page, "Annots", annots), "add /Annots");
  return annots;
}

}  // namespace

void PageTargets::add_destination(Haru& haru, HPDF_Dict dict, const char* key, int page, double y) const {
  if (page < 0 || static_cast<std::size_t>(page) >= pages.size()) {
    throw Error(ErrorCode::Internal, "pdf", "destination on missing page " + std::to_string(page));
  }
  HPDF_Array dest = haru.need(HPDF_Array_New(haru.mmgr()), "new destination");
  haru.check(HPDF_Dict_Add(dict, key, dest), std::string("add ") + key);
  haru.check(HPDF_Array_Add(dest, pages[page]), "destination page");
  haru.check(HPDF_Array_AddName(dest, "XYZ"), "destination");
  haru.add_real(dest, 0);
  haru.add_real(dest, heights[page] - y);
  haru.check(HPDF_Array_Add(dest, haru.need(HPDF_Null_New(haru.mmgr()), "null")), "destination zoom");
}

HPDF_Dict add_link(Haru& haru, const PageTargets& targets, int page_index, const layout::LinkItem& link) {
  if (link.uri.empty() && link.dest_page < 0) return nullptr;
  const HPDF_Page page = targets.pages.at(page_index);
  const double h = targets.heights.at(page_index);

  HPDF_Dict annot = haru.new_indirect_dict();
  haru.check(HPDF_Array_Add(page_annots(haru, page), annot), "add link");
  haru.check(HPDF_Dict_AddName(annot, "Type", "Annot"), "link");
  haru.check(HPDF_Dict_AddName(annot, "Subtype", "Link"), "link");
  // Printed like the page it is on, as PDF/A requires of every annotation (ISO 19005-3 6.3.2).
  haru.check(HPDF_Dict_AddNumber(annot, "F", 4), "link /F");
  HPDF_Array rect = haru.need(HPDF_Array_New(haru.mmgr()), "link /Rect");
  haru.check(HPDF_Dict_Add(annot, "Rect", rect), "link /Rect");
  for (double v : {link.box.x, h - link.box.bottom(), link.box.right(), h - link.box.y})
    haru.add_real(rect, v);
  // Without /Border viewers draw a 1 pt black frame (12.5.2, default [0 0 1]).
  HPDF_Array border = haru.need(HPDF_Array_New(haru.mmgr()), "link /Border");
  haru.check(HPDF_Dict_Add(annot, "Border", border), "link /Border");
  for (int i = 0; i < 3; ++i) haru.check(HPDF_Array_AddNumber(border, 0), "link /Border");

  // What the link does, in words, for screen readers and hover text (12.5.2 /Contents; PDF/UA-1
  // 7.18.5 asks it of every annotation).
  haru.add_text(annot, "Contents",
                link.uri.empty() ? "Go to page " + std::to_string(link.dest_page + 1) : link.uri);
  if (!link.uri.empty()) {
    HPDF_Dict action = haru.need(HPDF_Dict_New(haru.mmgr()), "URI action");
    haru.check(HPDF_Dict_Add(annot, "A", action), "link action");
    haru.check(HPDF_Dict_AddName(action, "S", "URI"), "URI action");
    haru.add_ascii(action, "URI", ascii_uri(link.uri));
  } else {
    targets.add_destination(haru, annot, "Dest", link.dest_page, link.dest_y);
  }
  return annot;
}

}  // namespace tp::render::pdf

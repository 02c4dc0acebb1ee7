#include "render/pdf/links.h"

#include <cstdio>
#include <string>

#include "core/error.h"
#include "core/format.h"

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

LinkAnnotation add_link(Haru& haru, const PageTargets& targets, int page_index,
                        const layout::LinkItem& link) {
  if (link.uri.empty() && link.dest_page < 0) return {};
  const HPDF_Page page = targets.pages.at(page_index);
  const double h = targets.heights.at(page_index);

  LinkAnnotation out;
  out.object = haru.new_raw_object();
  haru.check(HPDF_Array_Add(page_annots(haru, page), out.object), "add link");
  std::string& b = out.entries;
  // Printed like the page it is on, as PDF/A requires of every annotation (ISO 19005-3 6.3.2).
  b += "/Type /Annot\n/Subtype /Link\n/F 4\n/Rect [";
  b += fmt_num(link.box.x, 4) + ' ' + fmt_num(h - link.box.bottom(), 4) + ' ' + fmt_num(link.box.right(), 4) +
       ' ' + fmt_num(h - link.box.y, 4) + "]\n";
  // Without /Border viewers draw a 1 pt black frame (12.5.2, default [0 0 1]).
  b += "/Border [0 0 0]\n";
  // What the link does, in words, for screen readers and hover text (12.5.2 /Contents; PDF/UA-1
  // 7.18.5 asks it of every annotation).
  b += "/Contents " +
       Haru::text_string(link.uri.empty() ? "Go to page " + std::to_string(link.dest_page + 1) : link.uri) +
       "\n";
  if (!link.uri.empty()) {
    b += "/A <</S /URI /URI " + Haru::literal_string(ascii_uri(link.uri)) + ">>\n";
  } else {
    if (link.dest_page < 0 || static_cast<std::size_t>(link.dest_page) >= targets.pages.size())
      throw Error(ErrorCode::Internal, "pdf",
                  "destination on missing page " + std::to_string(link.dest_page));
    b += "/Dest [" + Haru::ref(targets.pages[static_cast<std::size_t>(link.dest_page)]) + " /XYZ 0 " +
         fmt_num(targets.heights[static_cast<std::size_t>(link.dest_page)] - link.dest_y, 4) + " null]\n";
  }
  return out;
}

}  // namespace tp::render::pdf

// Places in the document and the annotations that go to them: /XYZ destinations (shared with the
// outline) and /Link annotations for external URIs and internal targets. Internal to
// src/render/pdf.
#pragma once

#include <vector>

#include "layout/display_list.h"
#include "render/pdf/haru.h"

namespace tp::render::pdf {

// The document's pages, for destinations; index i is layout page i.
struct PageTargets {
  std::vector<HPDF_Page> pages;
  std::vector<double> heights;  // points

  // Adds `key` = [page /XYZ 0 top null] (12.3.2.2): the page with layout y `y` (from the top) at the
  // top of the window, zoom unchanged. Throws tp::Error(Internal) for a page index out of range.
  void add_destination(Haru& haru, HPDF_Dict dict, const char* key, int page, double y) const;
};

// Adds a borderless /Link annotation for `link` to page `page_index`: a URI action when link.uri is
// set, else a destination when link.dest_page >= 0; a link with neither is skipped. Non-ASCII
// bytes in the URI are percent-encoded (a URI action's URI is 7-bit ASCII, 12.6.4.7). Returns the
// annotation, or null when skipped.
HPDF_Dict add_link(Haru& haru, const PageTargets& targets, int page_index, const layout::LinkItem& link);

}  // namespace tp::render::pdf

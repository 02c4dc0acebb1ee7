// Places in the document and the annotations that go to them: /XYZ destinations (shared with the
// outline) and /Link annotations for external URIs and internal targets. Internal to
// src/render/pdf.
#pragma once

#include <string>
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

// A link annotation registered in its page's /Annots but not yet written (Haru::new_raw_object):
// `entries` are its dictionary's entries as text, for the caller to complete (/StructParent) and
// write with Haru::write_raw as "<<\n" + entries + ">>". A link has thousands of annotations in a
// long thread; as text, each costs a thirty-byte placeholder until the end instead of a dictionary.
struct LinkAnnotation {
  void* object = nullptr;  // null: no annotation
  std::string entries;
};

// A borderless /Link annotation for `link` on page `page_index`: a URI action when link.uri is
// set, else a destination when link.dest_page >= 0; a link with neither is skipped (object null).
// Non-ASCII bytes in the URI are percent-encoded (a URI action's URI is 7-bit ASCII, 12.6.4.7).
// Throws tp::Error(Internal) for a destination page out of range.
LinkAnnotation add_link(Haru& haru, const PageTargets& targets, int page_index, const layout::LinkItem& link);

}  // namespace tp::render::pdf

// The document outline (bookmarks, PDF 32000-1 12.3.3) from layout's flat, level-tagged entries,
// with UTF-16 titles. Internal to src/render/pdf.
#pragma once

#include <vector>

#include "layout/display_list.h"
#include "render/pdf/haru.h"
#include "render/pdf/links.h"

namespace tp::render::pdf {

// Writes the outline and sets /PageMode /UseOutlines; does nothing for no entries. An entry's
// parent is the nearest earlier entry of a smaller level; a level deeper than one below its
// predecessor is treated as one below. Every item is open. Throws tp::Error(Internal) for an entry
// on a missing page.
void write_outline(Haru& haru, const std::vector<layout::OutlineEntry>& entries, const PageTargets& targets);

}  // namespace tp::render::pdf

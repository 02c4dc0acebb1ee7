// The document information dictionary (PDF 32000-1 14.3.3). Internal to src/render/pdf.
#pragma once

#include "layout/display_list.h"
#include "render/pdf/haru.h"

namespace tp::render::pdf {

// Sets Title, Author, Subject, Keywords and Creator (UTF-16BE text strings; empty ones are left
// out) and CreationDate / ModDate from metadata.creation_date, never from the clock. libharu's
// Producer stays. In the catalog: /Lang from metadata.language (14.9.2, what a screen reader
// speaks the text as), and /ViewerPreferences /DisplayDocTitle true when there is a title, so a
// viewer's window shows the title rather than the file name (PDF/UA-1 7.1).
void write_metadata(Haru& haru, const layout::Metadata& metadata);

}  // namespace tp::render::pdf

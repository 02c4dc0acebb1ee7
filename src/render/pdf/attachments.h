// Associated files (PDF/A-3 6.8, PDF 2.0 14.13): each layout::Attachment becomes an embedded file
// stream, a file specification with /AFRelationship, an entry of the catalog's /AF array, and an
// entry of the /EmbeddedFiles name tree, so viewers and `pdfdetach -list` show it. Internal to
// src/render/pdf.
#pragma once

#include <optional>
#include <vector>

#include "core/format.h"
#include "layout/display_list.h"
#include "render/pdf/haru.h"

namespace tp::render::pdf {

// Writes every attachment (flate-compressed), dated `date` (never the clock). Throws
// tp::Error(Internal, "pdf", ...) for two attachments with the same name, an empty name or MIME
// type, and for libharu failures.
void write_attachments(Haru& haru, const std::vector<layout::Attachment>& attachments,
                       std::optional<UnixTime> date);

}  // namespace tp::render::pdf

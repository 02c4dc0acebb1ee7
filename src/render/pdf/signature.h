// The signature slot (layout::SignatureSlot): an invisible signature field and its /Sig
// dictionary with placeholders, filled in after saving by src/evidence/sign.h. Internal to
// src/render/pdf.
#pragma once

#include "layout/display_list.h"
#include "render/pdf/haru.h"

namespace tp::render::pdf {

// Adds /AcroForm (SigFlags 3: signatures exist, append only) with one signature field, a widget of
// zero area on `first_page` (printable and locked, so PDF/A needs no appearance for it), whose /V
// is a /Sig dictionary: /Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, the /ByteRange
// placeholder (SignatureSlot::kByteRangePlaceholder), /Contents as slot.contents_bytes zero bytes, /M from
// slot.date.
void add_signature_field(Haru& haru, HPDF_Page first_page, const layout::SignatureSlot& slot);

}  // namespace tp::render::pdf

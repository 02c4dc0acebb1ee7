#include "render/pdf/signature.h"

#include <string>

#include "core/format.h"

namespace tp::render::pdf {

void add_signature_field(Haru& haru, HPDF_Page first_page, const layout::SignatureSlot& slot) {
  const char* what = "signature field";
  HPDF_Dict sig = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(sig, "Type", "Sig"), what);
  haru.check(HPDF_Dict_AddName(sig, "Filter", "Adobe.PPKLite"), what);
  haru.check(HPDF_Dict_AddName(sig, "SubFilter", "ETSI.CAdES.detached"), what);
  // The largest numbers libharu writes: wide enough for any offset the signer puts in their place
  // (padded with spaces, so no byte of the file moves).
  HPDF_Array range = haru.need(HPDF_Array_New(haru.mmgr()), what);
  haru.check(HPDF_Array_AddNumber(range, 0), what);
  for (int i = 0; i < 3; ++i) haru.check(HPDF_Array_AddNumber(range, 2147483647), what);
  haru.check(HPDF_Dict_Add(sig, "ByteRange", range), what);
  std::string zeros(slot.contents_bytes, '\0');
  HPDF_Binary contents = haru.need(HPDF_Binary_New(haru.mmgr(), reinterpret_cast<HPDF_BYTE*>(zeros.data()),
                                                   static_cast<HPDF_UINT>(zeros.size())),
                                   what);
  haru.check(HPDF_Dict_Add(sig, "Contents", contents), what);
  if (slot.date) haru.add_ascii(sig, "M", format_pdf_date(*slot.date));

  HPDF_Dict field = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(field, "Type", "Annot"), what);
  haru.check(HPDF_Dict_AddName(field, "Subtype", "Widget"), what);
  haru.check(HPDF_Dict_AddName(field, "FT", "Sig"), what);
  haru.add_text(field, "T", "Signature1");
  // Print (4) + Locked (128): PDF/A wants annotations printable; zero area needs no appearance.
  haru.check(HPDF_Dict_AddNumber(field, "F", 132), what);
  HPDF_Array rect = haru.need(HPDF_Array_New(haru.mmgr()), what);
  for (int i = 0; i < 4; ++i) haru.check(HPDF_Array_AddNumber(rect, 0), what);
  haru.check(HPDF_Dict_Add(field, "Rect", rect), what);
  haru.check(HPDF_Dict_Add(field, "P", first_page), what);
  haru.check(HPDF_Dict_Add(field, "V", sig), what);

  auto* annots = static_cast<HPDF_Array>(Haru::find(first_page, "Annots"));
  if (!annots) {
    annots = haru.need(HPDF_Array_New(haru.mmgr()), what);
    haru.check(HPDF_Dict_Add(first_page, "Annots", annots), what);
  }
  haru.check(HPDF_Array_Add(annots, field), what);

  HPDF_Dict form = haru.need(HPDF_Dict_New(haru.mmgr()), what);
  HPDF_Array fields = haru.need(HPDF_Array_New(haru.mmgr()), what);
  haru.check(HPDF_Array_Add(fields, field), what);
  haru.check(HPDF_Dict_Add(form, "Fields", fields), what);
  haru.check(HPDF_Dict_AddNumber(form, "SigFlags", 3), what);
  haru.check(HPDF_Dict_Add(haru.catalog(), "AcroForm", form), what);
}

}  // namespace tp::render::pdf

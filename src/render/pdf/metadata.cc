#include "render/pdf/metadata.h"

#include "core/format.h"
#include "render/pdf/structure.h"

namespace tp::render::pdf {

void write_metadata(Haru& haru, const layout::Metadata& metadata) {
  // HPDF_NewDoc creates the info dictionary to hold /Producer.
  HPDF_Dict info = haru.need(haru.info(), "info dictionary");
  const std::pair<const char*, const std::string*> texts[] = {
      {"Title", &metadata.title},       {"Author", &metadata.author},   {"Subject", &metadata.subject},
      {"Keywords", &metadata.keywords}, {"Creator", &metadata.creator},
  };
  for (const auto& [key, value] : texts) {
    if (!value->empty()) haru.add_text(info, key, *value);
  }
  HPDF_Dict catalog = haru.need(haru.catalog(), "catalog");
  if (is_language_tag(metadata.language)) haru.add_ascii(catalog, "Lang", metadata.language);
  if (!metadata.title.empty()) {
    HPDF_Dict prefs = haru.need(HPDF_Dict_New(haru.mmgr()), "ViewerPreferences");
    haru.check(HPDF_Dict_Add(catalog, "ViewerPreferences", prefs), "ViewerPreferences");
    haru.check(
        HPDF_Dict_Add(prefs, "DisplayDocTitle", haru.need(HPDF_Boolean_New(haru.mmgr(), HPDF_TRUE), "true")),
        "DisplayDocTitle");
  }
  if (metadata.creation_date) {
    // The document is written once, so it was last modified when it was created.
    const std::string date = format_pdf_date(*metadata.creation_date);
    haru.add_ascii(info, "CreationDate", date);
    haru.add_ascii(info, "ModDate", date);
  }
}

}  // namespace tp::render::pdf

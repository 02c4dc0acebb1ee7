#include "render/pdf/attachments.h"

#include <algorithm>
#include <set>

#include "core/error.h"

namespace tp::render::pdf {

void write_attachments(Haru& haru, const std::vector<layout::Attachment>& attachments,
                       std::optional<UnixTime> date) {
  if (attachments.empty()) return;
  std::set<std::string> seen;
  for (const layout::Attachment& a : attachments) {
    if (a.name.empty() || a.mime.empty())
      throw Error(ErrorCode::Internal, "pdf", "attachment without a name or type");
    if (!seen.insert(a.name).second)
      throw Error(ErrorCode::Internal, "pdf", "two attachments named " + a.name);
  }

  HPDF_Array af = haru.need(HPDF_Array_New(haru.mmgr()), "/AF");
  std::vector<std::pair<std::string, HPDF_Dict>> tree;
  for (const layout::Attachment& a : attachments) {
    const std::string what = "attachment " + a.name;
    HPDF_Dict file = haru.new_stream(a.bytes, true);
    haru.check(HPDF_Dict_AddName(file, "Type", "EmbeddedFile"), what);
    // libharu writes the name escaped, "/application#2Fjson" (7.3.5).
    haru.check(HPDF_Dict_AddName(file, "Subtype", a.mime.c_str()), what);
    HPDF_Dict params = haru.need(HPDF_Dict_New(haru.mmgr()), what);
    haru.check(HPDF_Dict_Add(file, "Params", params), what);
    haru.check(HPDF_Dict_AddNumber(params, "Size", static_cast<HPDF_INT32>(a.bytes.size())), what);
    if (date) haru.add_ascii(params, "ModDate", format_pdf_date(*date));

    HPDF_Dict spec = haru.new_indirect_dict();
    haru.check(HPDF_Dict_AddName(spec, "Type", "Filespec"), what);
    // /F is a file specification string (7.11.2), bytes; /UF the same name as text.
    haru.add_ascii(spec, "F", a.name);
    haru.add_text(spec, "UF", a.name);
    if (!a.description.empty()) haru.add_text(spec, "Desc", a.description);
    haru.check(HPDF_Dict_AddName(spec, "AFRelationship", a.relationship.c_str()), what);
    HPDF_Dict ef = haru.need(HPDF_Dict_New(haru.mmgr()), what);
    haru.check(HPDF_Dict_Add(spec, "EF", ef), what);
    haru.check(HPDF_Dict_Add(ef, "F", file), what);
    haru.check(HPDF_Dict_Add(ef, "UF", file), what);

    haru.check(HPDF_Array_Add(af, spec), what);
    tree.emplace_back(a.name, spec);
  }
  haru.check(HPDF_Dict_Add(haru.catalog(), "AF", af), "/AF");

  // A name tree's keys are sorted (7.9.6); one leaf holds them all.
  std::sort(tree.begin(), tree.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  HPDF_Array leaf = haru.need(HPDF_Array_New(haru.mmgr()), "/EmbeddedFiles");
  for (const auto& [name, spec] : tree) {
    HPDF_String key = haru.need(HPDF_String_New(haru.mmgr(), name.c_str(), nullptr), "/EmbeddedFiles key");
    haru.check(HPDF_Array_Add(leaf, key), "/EmbeddedFiles");
    haru.check(HPDF_Array_Add(leaf, spec), "/EmbeddedFiles");
  }
  HPDF_Dict embedded = haru.need(HPDF_Dict_New(haru.mmgr()), "/EmbeddedFiles");
  haru.check(HPDF_Dict_Add(embedded, "Names", leaf), "/EmbeddedFiles");
  HPDF_Dict names = haru.need(HPDF_Dict_New(haru.mmgr()), "/Names");
  haru.check(HPDF_Dict_Add(names, "EmbeddedFiles", embedded), "/Names");
  haru.check(HPDF_Dict_Add(haru.catalog(), "Names", names), "/Names");
}

}  // namespace tp::render::pdf

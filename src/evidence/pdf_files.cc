#include "evidence/pdf_files.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>

#include "core/error.h"

namespace tp::evidence {

std::vector<EmbeddedFile> read_embedded_files(const std::string& pdf, const std::string& input) {
  std::vector<EmbeddedFile> out;
  try {
    QPDF q;
    // A damaged file's warnings would go to stderr; what matters is reported as our one line.
    q.setSuppressWarnings(true);
    q.processMemoryFile(input.c_str(), pdf.data(), pdf.size());
    QPDFEmbeddedFileDocumentHelper files(q);
    for (const auto& [name, spec] : files.getEmbeddedFiles()) {
      EmbeddedFile f;
      f.name = name;
      QPDFEFStreamObjectHelper stream = spec->getEmbeddedFileStream();
      f.mime = stream.getSubtype();
      QPDFObjectHandle rel = spec->getObjectHandle().getKey("/AFRelationship");
      if (rel.isName()) f.relationship = rel.getName().substr(1);
      auto data = stream.getObjectHandle().getStreamData(qpdf_dl_all);
      f.bytes.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
      out.push_back(std::move(f));
    }
  } catch (const QPDFExc& e) {
    throw Error(ErrorCode::Input, input, "not a PDF that can be read: " + e.getMessageDetail());
  } catch (const std::exception& e) {
    throw Error(ErrorCode::Input, input, std::string("not a PDF that can be read: ") + e.what());
  }
  return out;
}

}  // namespace tp::evidence

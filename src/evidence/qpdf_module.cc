// threadpdf-qpdf.so (qpdf_reader.h): every call of libqpdf. Exceptions stop here and leave as
// the table's error strings, so that the program never catches a type this module defined.
#include <qpdf/Pl_Discard.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "evidence/qpdf_reader.h"

namespace tp::evidence {

namespace {

QpdfFiles embedded_files(const std::string& pdf, const std::string& input) {
  QpdfFiles out;
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
      out.files.push_back(std::move(f));
    }
    out.read = true;
  } catch (const QPDFExc& e) {
    out = {{}, false, e.getMessageDetail()};
  } catch (const std::exception& e) {
    out = {{}, false, e.what()};
  }
  return out;
}

void read_signature(QPDF& q, QpdfStructure& s) {
  QPDFObjectHandle form = q.getRoot().getKey("/AcroForm");
  if (!form.isDictionary() || !form.getKey("/Fields").isArray()) return;
  for (auto& field : form.getKey("/Fields").aitems()) {
    if (field.getKey("/FT").isName() && field.getKey("/FT").getName() == "/Sig" &&
        field.getKey("/V").isDictionary()) {
      QPDFObjectHandle sig = field.getKey("/V");
      s.signed_ = true;
      if (sig.getKey("/M").isString()) s.signing_time = sig.getKey("/M").getUTF8Value();
      QPDFObjectHandle range = sig.getKey("/ByteRange");
      if (range.isArray())
        for (auto& n : range.aitems()) s.byte_range.push_back(n.isInteger() ? n.getIntValue() : -1);
      if (sig.getKey("/Contents").isString()) s.contents = sig.getKey("/Contents").getStringValue();
      return;
    }
  }
}

QpdfStructure structure(const std::string& pdf, const std::string& input) {
  QpdfStructure s;
  QPDF q;
  try {
    q.setSuppressWarnings(true);
    q.processMemoryFile(input.c_str(), pdf.data(), pdf.size());
    s.parsed = true;
    // getWarnings hands the warnings over and forgets them: each check sees only its own.
    s.sound = q.getWarnings().empty();
    // A content stream that no longer decodes names its page.
    int n = 0;
    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
      ++n;
      Pl_Discard discard;
      bool decoded = true;
      try {
        for (QPDFObjectHandle c : page.getPageContents())
          decoded = c.pipeStreamData(&discard, 0, qpdf_dl_all) && decoded;
      } catch (const std::exception&) {
        decoded = false;
      }
      decoded = decoded && q.getWarnings().empty();
      if (!decoded) s.damaged.push_back(n);
    }
    s.complete = true;
  } catch (const std::exception& e) {
    s.error = e.what();
    return s;
  }
  try {
    read_signature(q, s);
  } catch (const std::exception& e) {
    s.signature_error = e.what();
  }
  return s;
}

}  // namespace

}  // namespace tp::evidence

extern "C" __attribute__((visibility("default"))) const tp::evidence::QpdfReader* threadpdf_qpdf_reader() {
  static const tp::evidence::QpdfReader reader{tp::evidence::embedded_files, tp::evidence::structure};
  return &reader;
}

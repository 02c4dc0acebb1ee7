#include "evidence/pdf_files.h"

#include "core/error.h"
#include "evidence/qpdf_reader.h"

namespace tp::evidence {

std::vector<EmbeddedFile> read_embedded_files(const std::string& pdf, const std::string& input) {
  QpdfFiles read = qpdf_reader().embedded_files(pdf, input);
  if (!read.read) throw Error(ErrorCode::Input, input, "not a PDF that can be read: " + read.error);
  return std::move(read.files);
}

}  // namespace tp::evidence

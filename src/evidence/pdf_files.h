// The files embedded in a PDF, read with libqpdf (never with a parser of our own), through
// threadpdf-qpdf.so (qpdf_reader.h).
#pragma once

#include <string>
#include <vector>

namespace tp::evidence {

struct EmbeddedFile {
  std::string name;          // its key in the /EmbeddedFiles name tree
  std::string mime;          // the embedded file stream's /Subtype ("" when absent)
  std::string relationship;  // the file specification's /AFRelationship ("" when absent)
  std::string bytes;         // decoded
};

// Every file of the /EmbeddedFiles name tree, in name order. Throws Error(Input, input, "not a PDF
// that can be read: <qpdf's reason>") for a damaged file or one encrypted with a password, and
// qpdf_reader()'s Error when the module cannot be loaded.
std::vector<EmbeddedFile> read_embedded_files(const std::string& pdf, const std::string& input);

}  // namespace tp::evidence

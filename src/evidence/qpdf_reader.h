// What threadpdf reads from a PDF with libqpdf, behind one table of functions. libqpdf, and the
// GnuTLS stack it links (about ten libraries), costs about 2.3 ms of CPU at every start when linked
// (bench/README.md, "The text path"), and only reading a PDF back needs it: a PDF given as input,
// `threadpdf verify`. So the code that calls it lives in a module of its own, threadpdf-qpdf.so,
// opened with dlopen on first use. The table holds plain values only: no exception and no type of
// ours crosses the module's edge (it links nothing of threadpdf's).
#pragma once

#include <string>
#include <vector>

#include "evidence/pdf_files.h"

namespace tp::evidence {

// The module's file name; installed in PREFIX/lib/threadpdf/ (beside PREFIX/bin/threadpdf's ../lib).
inline constexpr const char* kQpdfModule = "threadpdf-qpdf.so";
// The module's entry, found with dlsym: `const QpdfReader* threadpdf_qpdf_reader()`.
inline constexpr const char* kQpdfEntry = "threadpdf_qpdf_reader";

struct QpdfFiles {
  std::vector<EmbeddedFile> files;  // as read_embedded_files returns them
  bool read = false;                // the PDF could be read
  std::string error;                // qpdf's reason when not
};

// What verify() needs of the file's structure, read in one parse.
struct QpdfStructure {
  bool parsed = false;       // the file parsed; then:
  bool sound = false;        // ... without a warning
  std::vector<int> damaged;  // 1-based numbers of the pages whose content no longer decodes
  bool complete = false;     // every page was read
  std::string error;         // what stopped the reading when not complete (the "PDF" check's detail)
  // The first signature field's value (/AcroForm /Fields, /FT /Sig, /V a dictionary), when any.
  bool signed_ = false;
  std::string signing_time;           // /M as UTF-8, "" when absent
  std::vector<long long> byte_range;  // /ByteRange, -1 for an entry that is no integer; empty when no array
  std::string contents;               // /Contents' bytes, "" when absent
  std::string signature_error;        // what reading the form threw ("" when nothing): rethrown
};

struct QpdfReader {
  // Every file of the /EmbeddedFiles name tree, in name order. `input` names the PDF in qpdf's messages.
  QpdfFiles (*embedded_files)(const std::string& pdf, const std::string& input);
  QpdfStructure (*structure)(const std::string& pdf, const std::string& input);
};

// The module's table, the module opened on the first call (from any thread) and kept until exit.
// Looked for in PROGRAM_DIR/../lib/threadpdf/, then, for a program inside its build tree, where
// the build put it. Throws Error(Internal, kQpdfModule, "cannot be loaded (...)") when it is in
// neither place or lacks its entry, every call again.
const QpdfReader& qpdf_reader();

}  // namespace tp::evidence

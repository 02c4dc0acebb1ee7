// A threadpdf capture read back from its PDF: the embedded thread JSON, the manifest, and the
// pictures embedded with --embed-media, so the PDF alone can be re-rendered and re-verified.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "evidence/manifest.h"
#include "evidence/pdf_files.h"

namespace tp::evidence {

struct Capture {
  std::string thread_json;                          // thread.json, byte for byte
  std::optional<std::string> manifest_json;         // manifest.json when present
  std::optional<Manifest> manifest;                 // ... and parsed
  std::map<std::string, std::string> media_by_src;  // embedded pictures by their src in the thread
  std::vector<EmbeddedFile> files;                  // every embedded file
};

// Throws Error(Input, input, "is a PDF without an embedded thread (thread.json); only PDFs made
// by threadpdf 0.1 or later carry one") when thread.json is missing, and read_embedded_files's
// and read_manifest's errors. A picture the manifest names but the PDF lacks is simply absent
// from media_by_src (verify reports it).
Capture read_capture(const std::string& pdf, const std::string& input);

}  // namespace tp::evidence

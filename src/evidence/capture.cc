#include "evidence/capture.h"

#include "core/error.h"

namespace tp::evidence {

Capture read_capture(const std::string& pdf, const std::string& input) {
  Capture c;
  c.files = read_embedded_files(pdf, input);
  const EmbeddedFile* thread = nullptr;
  std::map<std::string, const EmbeddedFile*> by_name;
  for (const EmbeddedFile& f : c.files) {
    by_name[f.name] = &f;
    if (f.name == kThreadFile) thread = &f;
    if (f.name == kManifestFile) c.manifest_json = f.bytes;
  }
  if (!thread)
    throw Error(ErrorCode::Input, input,
                "is a PDF without an embedded thread (thread.json); only PDFs made by threadpdf carry one");
  c.thread_json = thread->bytes;
  if (c.manifest_json) {
    c.manifest = read_manifest(*c.manifest_json, input);
    for (const Manifest::Media& m : c.manifest->media) {
      auto it = m.file.empty() ? by_name.end() : by_name.find(m.file);
      if (it != by_name.end()) c.media_by_src[m.src] = it->second->bytes;
    }
  }
  return c;
}

}  // namespace tp::evidence

// --archive DIR: what it takes to render a fetched thread again with no network, ever.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "model/thread.h"
#include "source/fetcher.h"

namespace tp::app {

// --archive DIR, written whole or not at all. Everything goes into a staging folder beside DIR
// (".<name>.partial-XXXXXX" in DIR's parent, so the final rename stays on one file system);
// commit() moves it into place; an ArchiveWriter destroyed without commit() removes the staging
// folder, leaving DIR as it was. A DIR that already exists is replaced only when it is empty or
// holds nothing but a previous archive (thread.json, thread.pdf, media/): it is renamed aside, the
// new folder renamed in, then the old one removed, so at every moment DIR is the old archive, the
// new one, or (for the instant between two renames) absent.
class ArchiveWriter {
 public:
  // Creates the staging folder. Throws Error(Output, dir, ...) when DIR exists and is not a
  // previous archive ("exists and holds files that are not a threadpdf archive; not replaced"), or
  // when the staging folder cannot be created.
  explicit ArchiveWriter(const std::string& dir);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  // Fetches every remote picture `thread` names (avatars, post and quote media, card images) in one
  // Fetcher::get_all, writes each to media/<first 16 hex digits of the URL's SHA-256>.<jpg|png|
  // webp|gif|bin> and points its src there (relative to the archive); then writes thread.json and
  // sets thread.media_root to the staging folder (where the pictures are until commit()). A picture
  // that cannot be fetched keeps its URL, with a warning. A thread from the network (empty
  // media_root) that names something other than an http(s) URL keeps it as written, with a warning
  // "not archived": rendered from the archive, it can name only files inside the archive's folder.
  // Video links (Media::url) stay URLs: the archive keeps what the PDF shows. Throws Error(Output)
  // when a file cannot be written.
  void save(model::Thread& thread, source::Fetcher& fetcher, Diagnostics& diag);

  // Where a file of the archive (e.g. "thread.pdf") is written before commit().
  std::string staging_path(const std::string& name) const;

  // Moves the staging folder to DIR, replacing a previous archive as described above. Throws
  // Error(Output, dir, ...) when a rename fails; DIR is then as it was before.
  void commit();

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;      // DIR, absolute and normalised
  std::string staging_;  // "" once committed or removed
};

// The whole of an ArchiveWriter at once: save() then commit(), and thread.media_root set to DIR. The
// thread.json and pictures arrive together or not at all; a PDF written into DIR afterwards is
// not part of that (use ArchiveWriter to include it). Throws Error(Output).
void save_archive(model::Thread& thread, source::Fetcher& fetcher, const std::string& dir, Diagnostics& diag);

}  // namespace tp::app

// How threadpdf makes a PDF (docs/streaming.md): the document is laid out once, a page at a time;
// as the flow leaves a page, its glyphs are read and its items kept in a layout::PageSpool and
// freed. Once the whole document is laid out (its fonts, page count and what is drawn last are
// known), the pages come back one at a time and are written. Every PDF is made this way, whatever
// its length: holding the items compactly costs less than holding them as a display list.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "layout/display_list.h"
#include "layout/page_spool.h"
#include "render/pdf/pdf.h"

namespace tp::app {

// What a layout is given for each page the flow leaves (layout::Options::page_done,
// layout::PacketOptions::page_done).
using PageDone = std::function<void(layout::Document&, std::size_t)>;

class SpooledPdf {
 public:
  // Lays the document out: `lay_out(page_done)` runs layout_thread or layout_packet with
  // `page_done`. Its errors pass unchanged; the spool's (a temporary file in `temp_dir` that
  // cannot be made or written) name `input`, what is being converted.
  SpooledPdf(const std::string& input, const std::string& temp_dir,
             const std::function<layout::Document(const PageDone&)>& lay_out);
  SpooledPdf(const SpooledPdf&) = delete;
  SpooledPdf& operator=(const SpooledPdf&) = delete;

  std::size_t pages() const { return doc_.pages.size(); }

  // Writes the file into `sink` and returns its size; one of the three may be called, once. An
  // error of the writer names the input ("thread.json: cannot write the PDF: ..."); one of the
  // sink or the spool (ErrorCode::Output) passes unchanged.
  std::size_t write(render::PdfSink& sink);
  // The file as a string.
  std::string write();
  // The file written into `path`, a regular file's path (not "-", not written_in_place:
  // output_file.h), through a temporary file beside it renamed over `path` once complete; on
  // failure `path` is left as it was. Returns the file's size.
  std::size_t write_to(const std::string& path);

 private:
  std::string input_;
  render::DocumentGlyphs glyphs_;
  layout::PageSpool spool_;
  layout::Document doc_;  // every page's items gone to spool_ but what was drawn last
};

}  // namespace tp::app

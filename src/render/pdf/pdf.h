// The PDF backend: draws a layout::Document with libharu and nothing else. Text is written by glyph
// (Type0 fonts, Identity-H; CIDFontType2 descendants drawn by glyph id for TrueType outlines,
// CIDFontType0 drawn by CID for CFF outlines), fonts embedded as subsets made by hb-subset, each
// with a ToUnicode CMap; clusters whose glyphs do not spell their text through ToUnicode are
// wrapped in ActualText. Same Document, same bytes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "layout/display_list.h"

namespace tp::render {

// Where write_pdf puts the file while it makes it (docs/streaming.md): write() is given the bytes
// in file order, each call continuing the last, in pieces of at most some tens of kilobytes.
// write() may throw; write_pdf then stops and lets the exception through unchanged, and what was
// written so far is not a PDF (an atomic file discards it, app/output_file.h).
class PdfSink {
 public:
  virtual ~PdfSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

// The file in memory, for callers that want it whole (standard output, signing, tests).
class StringSink : public PdfSink {
 public:
  void write(std::string_view bytes) override { bytes_.append(bytes); }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

// The whole PDF file (PDF 1.5, streams flate-compressed) of a document held whole, as a string
// (threadpdf itself makes its PDFs a page at a time, PageStreamWriter below; this is the same
// file, for tests and the fuzzer). Page i is doc.pages[i]; layout's top-left, y-down points are
// flipped here and nowhere else. Only fonts some glyph run uses are embedded, only images some
// item draws are stored.
// Nothing comes from the clock or a random source: the same Document gives the same bytes. A
// Document with a structure tree is written as a tagged PDF (structure.h): each item inside a
// marked-content sequence of its element or an /Artifact sequence; without one, no marked content
// is written. No shared state: several documents (or the same one) may be written from several
// threads at once.
//
// `doc` is consumed on the way: each page's display items are freed as soon as the page is
// written; afterwards `doc` holds no page items.
//
// Throws tp::Error(ErrorCode::Internal, "pdf", ...) if libharu or hb-subset fails, and for display
// lists layout must never produce: a font file that cannot be read or subset (the message names the
// file), a glyph id the font lacks, a CFF2 (variable OpenType) font, an index to a missing font,
// image or page, pixel data of the wrong size, a JPEG libharu cannot parse, a page size outside
// 3..14400 pt.
std::string write_pdf(layout::Document&& doc);
// The same file as a string; `doc` is left as it was.
std::string write_pdf(const layout::Document& doc);

// Writing a document whose pages are made one at a time (layout::Options::page_done), for a
// thread too long to hold all its pages laid out (docs/streaming.md). The writer must know before the
// first page what every page draws with (fonts are subset to the glyphs the whole document uses
// and the content streams use the subsets' glyph numbers) and how many pages there are (links
// and the outline point forwards), so the pages are laid out first, read here and kept aside
// (layout::PageSpool), then written.
//
// What the pages draw with: each font's glyphs and the text they stand for, the stand-in glyphs.
// add() every page in page order (only its glyph runs are read; the page may be freed
// afterwards), then finish() once with the document's complete font list.
class DocumentGlyphs {
 public:
  DocumentGlyphs();
  ~DocumentGlyphs();
  DocumentGlyphs(const DocumentGlyphs&) = delete;
  DocumentGlyphs& operator=(const DocumentGlyphs&) = delete;

  // Throws tp::Error(Internal) for a run whose font is not in `fonts`.
  void add(const layout::Page& page, const std::vector<layout::FontFace>& fonts);
  void finish(const std::vector<layout::FontFace>& fonts);

 private:
  friend class PageStreamWriter;
  struct State;
  std::unique_ptr<State> state_;
};

// Writes the file to `sink` page by page, as write_pdf does. `doc` is the laid-out document whose
// glyphs `glyphs` holds: its fonts, images, structure tree, outline, page labels, metadata,
// attachments and signature slot are read, its pages for their count and sizes only (their items
// may be gone); `doc` and `glyphs` must outlive the writer and stay unchanged. The constructor
// writes the file's start and the fonts. page() writes the next page, `doc`'s next page with its
// items (which may be freed afterwards); finish() writes the structure tree, outline, page labels,
// metadata, attachments and signature field and the end of the file, and returns the file's size.
// Throws as write_pdf does, and tp::Error(Internal) for more or fewer pages than `doc` has.
class PageStreamWriter {
 public:
  PageStreamWriter(const layout::Document& doc, const DocumentGlyphs& glyphs, PdfSink& sink);
  ~PageStreamWriter();
  PageStreamWriter(const PageStreamWriter&) = delete;
  PageStreamWriter& operator=(const PageStreamWriter&) = delete;

  void page(const layout::Page& page);
  std::size_t finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tp::render

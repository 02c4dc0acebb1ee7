// The PDF backend: draws a layout::Document with libharu and nothing else. Text is written by glyph
// (Type0 fonts, Identity-H; CIDFontType2 descendants drawn by glyph id for TrueType outlines,
// CIDFontType0 drawn by CID for CFF outlines), fonts embedded as subsets made by hb-subset, each
// with a ToUnicode CMap; clusters whose glyphs do not spell their text through ToUnicode are
// wrapped in ActualText. Same Document, same bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

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

// Writes the whole PDF file (PDF 1.5, streams flate-compressed) to `sink` and returns its size in
// bytes. Page i is doc.pages[i]; layout's top-left, y-down points are flipped here and nowhere
// else. Only fonts some glyph run uses are embedded, only images some item draws are stored.
// Nothing comes from the clock or a random source: the same Document gives the same bytes. A
// Document with a structure tree is written as a tagged PDF (structure.h): each item inside a
// marked-content sequence of its element or an /Artifact sequence; without one, no marked content
// is written. No shared state: several documents (or the same one) may be written from several
// threads at once.
//
// The file is written as it is made: each page's content stream, annotations and page object go
// to `sink` once the page is drawn, and `doc` is consumed on the way (each page's display items
// are freed as soon as the page is written; afterwards `doc` holds no page items), so that a long
// document is held neither as items nor as libharu's objects nor as a file in memory.
//
// Throws tp::Error(ErrorCode::Internal, "pdf", ...) if libharu or hb-subset fails, and for display
// lists layout must never produce: a font file that cannot be read or subset (the message names the
// file), a glyph id the font lacks, a CFF2 (variable OpenType) font, an index to a missing font,
// image or page, pixel data of the wrong size, a JPEG libharu cannot parse, a page size outside
// 3..14400 pt. Whatever sink.write() throws passes through.
std::size_t write_pdf(layout::Document&& doc, PdfSink& sink);
// The same file as a string, from a document that is consumed the same way.
std::string write_pdf(layout::Document&& doc);
// The same file as a string; `doc` is left as it was (its pages are copied one at a time).
std::string write_pdf(const layout::Document& doc);

}  // namespace tp::render

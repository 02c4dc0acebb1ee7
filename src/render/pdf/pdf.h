// The PDF backend: draws a layout::Document with libharu and nothing else. Text is written by glyph
// (Type0 fonts, Identity-H; CIDFontType2 descendants drawn by glyph id for TrueType outlines,
// CIDFontType0 drawn by CID for CFF outlines), fonts embedded as subsets made by hb-subset, each
// with a ToUnicode CMap; clusters whose glyphs do not spell their text through ToUnicode are
// wrapped in ActualText. Same Document, same bytes.
#pragma once

#include <string>

#include "layout/display_list.h"

namespace tp::render {

// Returns the whole PDF file (PDF 1.5, streams flate-compressed). Page i is doc.pages[i]; layout's
// top-left, y-down points are flipped here and nowhere else. Only fonts some glyph run uses are
// embedded, only images some item draws are stored. Nothing comes from the clock or a random
// source: the same Document gives the same bytes. A Document with a structure tree is written as a
// tagged PDF (structure.h): each item inside a marked-content sequence of its element or an
// /Artifact sequence; without one, no marked content is written. No shared state: several
// documents (or the same one) may be written from several threads at once.
//
// Throws tp::Error(ErrorCode::Internal, "pdf", ...) if libharu or hb-subset fails, and for display
// lists layout must never produce: a font file that cannot be read or subset (the message names the
// file), a glyph id the font lacks, a CFF2 (variable OpenType) font, an index to a missing font,
// image or page, pixel data of the wrong size, a JPEG libharu cannot parse, a page size outside
// 3..14400 pt.
std::string write_pdf(const layout::Document& doc);
// The same file from a document that is consumed on the way: each page's display items are freed
// as soon as the page is written, so that a long document is not held twice (as items and as
// libharu's objects) until it is saved. Afterwards `doc` holds no page items.
std::string write_pdf(layout::Document&& doc);

}  // namespace tp::render

// The layout engine: a function from a thread (plus its loaded pictures), a style and a font set to
// a display list of pages; the same inputs give the same Document. No PDF calls and no network (the
// pictures come loaded), but not free of file reads: data that only some threads need is loaded on
// first use during layout — hyphenation dictionaries (justified styles, text::HyphenatorSet) and the
// FreeType face of a colour emoji font (FontSet::color_glyph) — so a missing dictionary or an
// unreadable emoji font shows up there (as no hyphenation, or an emoji without its colour picture).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "layout/display_list.h"
#include "layout/style.h"
#include "media/media.h"
#include "model/thread.h"
#include "text/font_set.h"

namespace tp::layout {

struct Options {
  std::string input;                      // names the thread in warnings
  std::optional<UnixTime> creation_date;  // the PDF's CreationDate (from SOURCE_DATE_EPOCH)
  std::string creator = "threadpdf";      // the PDF's Creator
  // Lines of a provenance appendix after the thread ("Label: value"); empty: no appendix.
  std::vector<std::string> provenance = {};
  // Laying out a long thread without holding all of its pages (docs/streaming.md). When set,
  // called with each page's index as soon as the flow has filled it, in page order, for the
  // caller to take (and free) its items; the Document's other parts (fonts, images, structure,
  // outline) grow as usual. The running heads and footers are drawn at the end, once the page
  // count is known, onto the pages as the caller left them: a page's items are what was handed
  // over followed by what is on it at the end.
  std::function<void(Document&, size_t)> page_done = {};
};

// Flows the thread into pages:
// - page 1 opens with the thread header (title, avatar, name, handle, source URL, platform, number
//   of posts, dates, capture time);
// - every post is numbered n/N with its date; text with links, mentions and hashtags coloured and
//   linked; images scaled to the column (keeping their aspect, never split, at most
//   Style::image_max_height of the page) with the alt text as caption; video and GIF posters with a
//   play mark and their link; quoted posts and link cards framed; unavailable posts marked with
//   the reason;
// - a post breaks across pages only between lines, with at least two lines on each side; its number
//   line never ends a page;
// - every page has a footer "page x / y"; every post an outline entry "n/N · first words".
// Missing pictures become framed placeholders (the loader already warned); characters no font has
// are drawn as boxes and reported to `diag`.
Document layout_thread(const model::Thread& thread, const media::MediaSet& media, const text::FontSet& fonts,
                       const Style& style, Diagnostics& diag, const Options& options);

// Keeps a finished document within what a PDF string may hold (done by layout_thread and
// layout_packet): a link whose target is longer than 32,767 bytes loses its link area (its text
// stays), and metadata and bookmark titles, alt texts and structure titles longer than 16,000 bytes
// are cut with "…"; each kind of change is one warning to `diag` under `input`.
// `dropped_links`: link areas already taken off pages that were handed over (Options::page_done),
// counted into the same warning.
void fit_pdf_limits(Document& doc, Diagnostics& diag, const std::string& input, size_t dropped_links = 0);
// The link areas of `page` whose target is longer than a PDF string may hold (fit_pdf_limits),
// taken off; returns how many.
size_t drop_overlong_links(Page& page);

// One line per item, coordinates to 0.01 pt: for golden tests and `--dump layout`.
std::string dump(const Document& doc);

}  // namespace tp::layout

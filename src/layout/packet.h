// A briefing packet: many threads in one document for print. No PDF calls and no network, like
// layout_thread (which also says which files it loads on first use).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "layout/display_list.h"
#include "layout/style.h"
#include "media/media.h"
#include "model/thread.h"
#include "text/font_set.h"

namespace tp::layout {

struct PacketThread {
  const model::Thread* thread = nullptr;
  const media::MediaSet* media = nullptr;
  std::string input;   // what the user listed (URL or file)
  std::string sha256;  // hex SHA-256 of the thread's thread JSON, for the provenance appendix
};

struct PacketFailure {
  std::string input, reason;
};

struct PacketOptions {
  std::string title = "Briefing packet";
  std::optional<UnixTime> date;  // printed on the cover; also the PDF's creation date
  bool duplex = false;           // every thread starts on a right-hand (odd-numbered) page
  std::string creator = "threadpdf";
  // A packet laid out a page at a time (docs/streaming.md), as Options::page_done does for a
  // thread (layout.h): `page_done` is called once for each page, in page order, when the flow
  // leaves it. The contents, running heads and footers are drawn at the end, once every page is
  // known, onto the pages as the caller left them.
  std::function<void(Document&, size_t)> page_done = {};
};

// The packet, in this order:
// - a cover (title, date, number of threads and posts, the authors), labelled "i";
// - the contents, labelled "ii", ...: one entry per thread (title or first words, author, platform,
//   date, page number), each entry a link to the thread's first page;
// - every thread from a new page (a right-hand one with duplex), with a running head naming its
//   author and title and a footer "page x / y" counting the packet's numbered pages from 1;
// - a provenance appendix: each thread's source URL, capture time and SHA-256, and every input
//   that failed with its reason.
// The outline has an entry per thread with one per post under it.
Document layout_packet(const std::vector<PacketThread>& threads, const std::vector<PacketFailure>& failures,
                       const text::FontSet& fonts, const Style& style, Diagnostics& diag,
                       const PacketOptions& options);

}  // namespace tp::layout

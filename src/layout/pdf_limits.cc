// fit_pdf_limits: what a PDF string may hold, applied once to a finished document, so that text
// from a stranger (a 70,000-character link target, a title pasted from a book) cannot make the
// writer fail and lose the whole thread.
#include <string>

#include "layout/layout.h"

namespace tp::layout {

namespace {

// PDF 1.7 Annex C gives 32,767 bytes as the string length readers must support, and libharu
// refuses longer ones. Text strings are written as UTF-16 (two bytes per UTF-8 byte at most, plus a
// byte-order mark), so UTF-8 text is held to half of it; URIs are ASCII.
constexpr size_t kMaxUriBytes = 32767;
constexpr size_t kMaxTextBytes = 16000;

// `s` cut to at most kMaxTextBytes on a code point boundary, with "…" when cut.
bool shorten(std::string& s) {
  if (s.size() <= kMaxTextBytes) return false;
  size_t cut = kMaxTextBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  s += "…";
  return true;
}

}  // namespace

size_t drop_overlong_links(Page& page) {
  return std::erase_if(page.items, [&](const Item& item) {
    const auto* link = std::get_if<LinkItem>(&item);
    return link && link->uri.size() > kMaxUriBytes;
  });
}

void fit_pdf_limits(Document& doc, Diagnostics& diag, const std::string& input, size_t dropped_links) {
  size_t dropped = dropped_links;
  for (Page& page : doc.pages) dropped += drop_overlong_links(page);
  if (dropped)
    diag.warn(input, std::to_string(dropped) + (dropped == 1 ? " link area was" : " link areas were") +
                         " left unlinked: the target is longer than a PDF string may be (" +
                         std::to_string(kMaxUriBytes) + " bytes); the text is printed");
  bool cut = false;
  Metadata& m = doc.metadata;
  for (std::string* s : {&m.title, &m.author, &m.subject, &m.creator, &m.keywords}) cut |= shorten(*s);
  for (OutlineEntry& o : doc.outline) cut |= shorten(o.title);
  if (cut)
    diag.warn(input, "a title, author name or bookmark was cut to " + std::to_string(kMaxTextBytes) +
                         " bytes in the PDF's metadata and bookmarks; the pages print it in full");
  bool described = false;
  for (StructElem& e : doc.structure) {
    described |= shorten(e.alt);
    described |= shorten(e.title);
  }
  if (described)
    diag.warn(
        input,
        "an alt text was cut to " + std::to_string(kMaxTextBytes) +
            " bytes in the PDF's structure tree (what screen readers read); the pages print it in full");
}

}  // namespace tp::layout

// The benchmark thread as one HTML page, for the comparison with Chromium's print-to-PDF that issue 12
// asks for (bench/run.sh): the same content as the thread JSON, laid out as threadpdf's a4 layout lays
// it out, so that both programs print the same thing.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace tp::bench {

struct PixelSize {
  int width = 0, height = 0;
};
// Pixel sizes of every picture the document refers to (avatars and card images too, which the
// format gives no size), by their `src`.
using PixelSizes = std::map<std::string, PixelSize>;

// An HTML page of `thread`, a document as make_thread_json writes it (thread JSON, docs/thread-json.md):
// the header (title, author and avatar, source, dates), then every post numbered n/N with its date,
// its text with links, mentions and hashtags as links, its pictures with their alt texts as captions
// (the video and GIF posters marked, with their links), its quoted post, its link card, and the
// unavailable mark of a deleted post. Pictures are referred to by the documents' own `src`, relative
// to the page, so the HTML must sit beside the thread JSON.
//
// A print stylesheet reproduces layouts/a4.json: A4 pages with its margins, Noto Sans at its sizes and
// colours, a running head and "page x / y" footer, pictures at the size threadpdf gives them (one
// pixel a point up to the column's width, at most half the page's height), no post number left at
// the foot of a page. Fields the generator does not write (polls, content warnings, custom emoji,
// link notes of shortened links) are not rendered. Pure: the same document gives the same bytes.
// Throws Error(Internal) for a picture missing from `sizes`.
std::string thread_html(const nlohmann::ordered_json& thread, const PixelSizes& sizes);

}  // namespace tp::bench

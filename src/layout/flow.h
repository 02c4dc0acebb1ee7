// Internal to layout/: the vertical flow. Blocks of a thread become Boxes (a line of text, an
// image, a framed piece) that the paginator places on pages; a Box never splits.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "layout/display_list.h"
#include "layout/style.h"
#include "media/media.h"
#include "model/thread.h"
#include "text/font_set.h"
#include "text/hyphenate.h"
#include "text/paragraph.h"

namespace tp::layout {

struct Box {
  double height = 0;
  double space_before = 0;            // dropped at the top of a page
  bool keep_with_next = false;        // no page break between this box and the next
  bool separator = false;             // a rule in the middle of space_before, unless at the top of a page
  std::vector<Item> items;            // x absolute, y relative to the top of the box
  std::vector<OutlineEntry> outline;  // y relative; page filled in by the paginator
};

// What every block builder needs; owns the maps that keep each font and image once per document.
struct Context {
  Context(const Style& s, const text::FontSet& f, const media::MediaSet& m, Diagnostics& d, std::string in,
          Document& out)
      : style(s), fonts(f), media(&m), diag(d), input(std::move(in)), doc(out) {}

  // The hyphenation dictionary for a post's text under this style, or null (no hyphenation: the
  // style does not hyphenate, or the text's language has no dictionary). `lang`, the language the
  // source declares (BCP 47), decides when given; else the script of the text is a guess.
  const text::Hyphenator* hyphenator_for(const std::string& text,
                                         const std::optional<std::string>& lang = {});

  const Style& style;
  const text::FontSet& fonts;
  const media::MediaSet* media;  // the pictures of the thread being laid out (packets switch it)
  Diagnostics& diag;
  std::string input;
  Document& doc;

  int doc_font(int face);
  int doc_image(const std::shared_ptr<const Raster>& raster);
  std::optional<int> emoji_image(int face, std::uint32_t gid);

  // When set, called with a page's index once the flow has moved on from it (a later page was
  // started) and, by layout_thread, for the last page: layout adds nothing more to the page's
  // flow, so the caller may take its items (Options::page_done).
  std::function<void(size_t)> page_done;

  // The structure element the items made now belong to (or an artifact kind). Builders set
  // it through InElement; draw_lines stamps every glyph run and link with it.
  int elem = kArtifact;
  // Adds an element under `elem` (under the root when `elem` is an artifact) and returns its index.
  int element(Role role, std::string title = {}, std::string lang = {}, std::string alt = {});
  // The Link element of the link with RichText tag `tag` in the text drawn under `elem`: one per
  // link, however many lines it spans. Inside a Link element, that element.
  int link_element(int tag);

 private:
  std::map<std::pair<int, int>, int> links_;  // (element, tag) -> its Link element
  std::map<int, int> fonts_;
  std::map<const Raster*, int> images_;
  std::map<std::pair<int, std::uint32_t>, int> emoji_;  // (face, glyph) -> image, -1 for none
  std::unique_ptr<text::HyphenatorSet> hyphenators_;
};

// While it lives, the items made belong to `elem` (an index from Context::element, or an artifact
// kind);
// then the element before it is current again.
class InElement {
 public:
  InElement(Context& ctx, int elem) : ctx_(ctx), saved_(ctx.elem) { ctx.elem = elem; }
  ~InElement() { ctx_.elem = saved_; }
  InElement(const InElement&) = delete;
  InElement& operator=(const InElement&) = delete;

 private:
  Context& ctx_;
  int saved_;
};

// Text with styles: `styles` index `tags` by StyleRange::tag - 1 (tag 0 is the base colour).
struct TagStyle {
  Color color;
  std::string href;  // empty: not a link
};

struct RichText {
  std::string text;
  std::vector<text::StyleRange> styles;
  std::vector<TagStyle> tags;

  // Appends `s` with a style; returns nothing. tag_style null: base colour, no link.
  // `url`: the text is a URL, to be broken only at its separators (text::StyleRange::url).
  void add(const std::string& s, bool bold = false, const TagStyle* tag_style = nullptr, bool url = false);
};

struct TextSpec {
  double x = 0, width = 0;
  double size = 10;
  double leading = 1.4;
  Color color;
  text::Direction direction = text::Direction::Auto;
  std::string where;                             // for warnings about missing glyphs
  bool justify = false;                          // total-fit, both edges flush
  const text::Hyphenator* hyphenator = nullptr;  // with justify: where words may be hyphenated
  std::string language;  // BCP 47, as the source declares the text's (glyph forms); "" unknown
};

// Moves one item right by dx and down by dy.
void translate(Item& item, double dx, double dy);
// Moves items down by dy.
void shift(std::vector<Item>& items, double dy);

// One box per line; keep_with_next set so that a break leaves at least two lines on each side.
std::vector<Box> text_boxes(Context& ctx, const RichText& rich, const TextSpec& spec);

// Draws the lines of a paragraph into `out` with the first line's top at `top`; returns the height.
double draw_lines(Context& ctx, const text::Paragraph& para, const std::vector<text::Line>& lines,
                  const RichText& rich, const TextSpec& spec, double top, std::vector<Item>& out);

// Frames consecutive boxes (a quoted post, a card, a deleted post): side rules on every box, top and
// bottom rules on the first and last, `pad` inside. Boxes that fit in `max_height` are kept together.
void frame(std::vector<Box>& boxes, double x, double width, double pad, const Color& color,
           std::optional<Color> fill, bool dashed, double max_height);

// Places boxes on pages, honouring keep_with_next; a group of kept boxes taller than a page is
// broken where it must be. Appends pages to ctx.doc and the boxes' outline entries to its outline
// (their levels raised by `outline_level`).
void paginate(Context& ctx, std::vector<Box>& boxes, int outline_level = 0);

// paginate() for boxes given a few at a time (a post's boxes as they are made), so that only the
// boxes not yet placed are held: the same pages as paginate() of all of them at once. add() places
// every group of kept boxes that is complete (ends in a box not kept with the next); finish()
// places the rest. The first page is started by the constructor.
class Paginator {
 public:
  Paginator(Context& ctx, int outline_level = 0);
  ~Paginator();
  void add(std::vector<Box>&& boxes);
  void finish();

 private:
  void place_groups(bool all);

  Context& ctx_;
  struct Placer;
  std::unique_ptr<Placer> placer_;
  std::vector<Box> pending_;
};

// A single line of text, the top of its line at `top`: its left edge, centre or right edge at x.
enum class Align { Left, Centre, Right };
void label(Context& ctx, Page& page, const std::string& text, const TextStyle& ts, double x, double top,
           Align align, bool bold = false);

// The provenance appendix (provenance.cc): a "Provenance" heading and one paragraph per line
// ("Label: value", the label bold), on new pages.
void provenance_appendix(Context& ctx, const std::vector<std::string>& lines);

// Lays a thread (its header, then every post) on new pages; returns the index of its first page.
// Its outline entries get levels raised by `outline_level`.
int flow_thread(Context& ctx, const model::Thread& thread, int outline_level);

// "Name (@handle) · Title": the running head of a thread's pages.
std::string running_head_text(const model::Thread& thread);
void running_head(Context& ctx, Page& page, const std::string& text);
void page_footer(Context& ctx, Page& page, const std::string& text);

// "Name (@handle)", or the handle alone.
std::string author_label(const model::Author& a);

}  // namespace tp::layout

#include "layout/layout.h"

#include "layout/flow.h"
#include "layout/post_blocks.h"

namespace tp::layout {

namespace {

// A single line of text placed with its left edge at x (or centred on x when `centre`).
void label(Context& ctx, Page& page, const std::string& s, const TextStyle& ts, double x, double top, bool centre) {
  RichText rich;
  rich.add(s);
  TextSpec spec;
  spec.size = ts.size;
  spec.color = ts.color;
  spec.leading = 1.2;
  spec.width = ctx.style.content_width();
  spec.where = ctx.input;
  text::Paragraph para(ctx.fonts, rich.text, rich.styles, spec.size, ctx.diag, spec.where, text::Direction::Ltr);
  auto lines = para.layout(1e9);
  spec.x = centre ? x - lines[0].width / 2 : x;
  draw_lines(ctx, para, {lines[0]}, rich, spec, top, page.items);
}

std::string author_label(const model::Author& a) {
  return a.name.empty() ? a.handle : a.name + " (" + a.handle + ")";
}

}  // namespace

Document layout_thread(const model::Thread& thread, const media::MediaSet& media, const text::FontSet& fonts,
                       const Style& style, Diagnostics& diag, const Options& options) {
  Document doc;
  Context ctx{style, fonts, media, diag, options.input, doc};
  // The primary face is font 0 of every document: emoji carry their text on it.
  ctx.doc_font(0);

  std::vector<Box> flow = header_boxes(ctx, thread);
  const size_t count = thread.posts.size();
  for (size_t n = 1; n <= count; ++n)
    for (auto& b : post_boxes(ctx, thread, thread.posts[n - 1], n, count)) flow.push_back(std::move(b));
  paginate(ctx, flow);

  // Running head on every page after the first, and the footer "page x / y" on all.
  const std::string who = author_label(thread.author);
  const std::string head = thread.title && !thread.title->empty() ? who + " \u00B7 " + *thread.title : who;
  const size_t total = doc.pages.size();
  for (size_t p = 0; p < total; ++p) {
    Page& page = doc.pages[p];
    if (p > 0) label(ctx, page, head, style.footer, style.margin_left, style.margin_top / 2 - style.footer.size, false);
    label(ctx, page, "page " + std::to_string(p + 1) + " / " + std::to_string(total), style.footer,
          style.page.width / 2, style.page.height - style.margin_bottom / 2 - style.footer.size / 2, true);
  }

  Metadata& m = doc.metadata;
  m.title = thread.title && !thread.title->empty() ? *thread.title : "Thread by " + who;
  m.author = who;
  m.subject = thread.source.url.value_or("");
  m.keywords = model::platform_label(thread.source.platform);
  m.creator = options.creator;
  m.creation_date = options.creation_date;
  return doc;
}

}  // namespace tp::layout

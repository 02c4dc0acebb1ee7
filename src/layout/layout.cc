#include "layout/layout.h"

#include "layout/flow.h"
#include "layout/post_blocks.h"

namespace tp::layout {

void label(Context& ctx, Page& page, const std::string& s, const TextStyle& ts, double x, double top,
           Align align, bool bold) {
  RichText rich;
  rich.add(s, bold);
  TextSpec spec;
  spec.size = ts.size;
  spec.color = ts.color;
  spec.leading = 1.2;
  spec.width = ctx.style.content_width();
  spec.where = ctx.input;
  text::Paragraph para(ctx.fonts, rich.text, rich.styles, spec.size, ctx.diag, spec.where,
                       text::Direction::Ltr);
  auto lines = para.layout(1e9);
  spec.x = align == Align::Centre ? x - lines[0].width / 2 : align == Align::Right ? x - lines[0].width : x;
  draw_lines(ctx, para, {lines[0]}, rich, spec, top, page.items);
}

std::string author_label(const model::Author& a) {
  return a.name.empty() ? a.handle : a.name + " (" + a.handle + ")";
}

int flow_thread(Context& ctx, const model::Thread& thread, int outline_level) {
  const int first = static_cast<int>(ctx.doc.pages.size());
  // Each post's boxes are placed as soon as they are made, so only the posts not yet on a page
  // are held as boxes.
  Paginator paginator(ctx, outline_level);
  paginator.add(header_boxes(ctx, thread));
  const size_t count = thread.posts.size();
  for (size_t n = 1; n <= count; ++n) paginator.add(post_boxes(ctx, thread, thread.posts[n - 1], n, count));
  paginator.finish();
  return first;
}

std::string running_head_text(const model::Thread& thread) {
  const std::string who = author_label(thread.author);
  return thread.title && !thread.title->empty() ? who + " \u00B7 " + *thread.title : who;
}

void running_head(Context& ctx, Page& page, const std::string& text) {
  InElement pagination(ctx, kRunningHead);
  label(ctx, page, text, ctx.style.footer, ctx.style.margin_left,
        ctx.style.margin_top / 2 - ctx.style.footer.size, Align::Left);
}

void page_footer(Context& ctx, Page& page, const std::string& text) {
  InElement pagination(ctx, kPageFooter);
  const Style& st = ctx.style;
  label(ctx, page, text, st.footer, st.page.width / 2,
        st.page.height - st.margin_bottom / 2 - st.footer.size / 2, Align::Centre);
}

Document layout_thread(const model::Thread& thread, const media::MediaSet& media, const text::FontSet& fonts,
                       const Style& style, Diagnostics& diag, const Options& options) {
  Document doc;
  Context ctx{style, fonts, media, diag, options.input, doc};
  // The primary face is font 0 of every document: emoji carry their text on it.
  ctx.doc_font(0);
  // Running head on every page after the first, and the footer "page x / y" on all.
  const std::string head = running_head_text(thread);
  auto head_and_footer = [&](size_t p, size_t total) {
    if (p > 0) running_head(ctx, doc.pages[p], head);
    page_footer(ctx, doc.pages[p], "page " + std::to_string(p + 1) + " / " + std::to_string(total));
  };
  size_t dropped_links = 0;
  if (options.page_done) {
    ctx.page_done = [&](size_t p) {
      dropped_links += drop_overlong_links(doc.pages[p]);
      options.page_done(doc, p);
    };
  }
  {
    InElement root(ctx, ctx.element(Role::Document));
    flow_thread(ctx, thread, 0);
    if (!options.provenance.empty()) provenance_appendix(ctx, options.provenance);
  }
  if (ctx.page_done && !doc.pages.empty()) ctx.page_done(doc.pages.size() - 1);
  ctx.page_done = nullptr;
  for (size_t p = 0; p < doc.pages.size(); ++p) head_and_footer(p, doc.pages.size());

  Metadata& m = doc.metadata;
  const std::string who = author_label(thread.author);
  m.title = thread.title && !thread.title->empty() ? *thread.title : "Thread by " + who;
  m.author = who;
  m.subject = thread.source.url.value_or("");
  m.keywords = model::platform_label(thread.source.platform);
  m.creator = options.creator;
  m.language = ctx.style.language;
  m.creation_date = options.creation_date;
  fit_pdf_limits(doc, diag, options.input, dropped_links);
  return doc;
}

}  // namespace tp::layout

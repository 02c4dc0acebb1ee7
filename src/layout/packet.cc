#include "layout/packet.h"

#include <set>

#include "layout/flow.h"
#include "layout/layout.h"
#include "layout/post_blocks.h"

namespace tp::layout {

namespace {

std::string thread_title(const model::Thread& t) {
  if (t.title && !t.title->empty()) return *t.title;
  for (const auto& p : t.posts)
    if (!p.gone() && !p.text.empty()) return first_words(p, 10);
  return "Thread by " + author_label(t.author);
}

std::optional<UnixTime> first_date(const model::Thread& t) {
  for (const auto& p : t.posts)
    if (p.created_at)
      if (auto d = parse_rfc3339(*p.created_at)) return d;
  return std::nullopt;
}

std::string roman(int n) {
  static const std::pair<int, const char*> table[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [value, numeral] : table)
    while (n >= value) out += numeral, n -= value;
  return out;
}

TextSpec spec(const Context& ctx, const TextStyle& ts, double x, double width, double leading = 1.3) {
  TextSpec s = spec_for(ctx, ts, x, width, ctx.input);
  s.leading = leading;
  return s;
}

// Draws boxes on the page from `top` down; returns the y below them.
double place(Page& page, std::vector<Box>& boxes, double top) {
  double y = top;
  for (auto& b : boxes) {
    y += b.space_before;
    shift(b.items, y);
    for (auto& item : b.items) page.items.push_back(std::move(item));
    y += b.height;
  }
  return y;
}

void cover(Context& ctx, const std::vector<PacketThread>& threads, const PacketOptions& options) {
  const Style& st = ctx.style;
  ctx.doc.pages.push_back(Page{st.page, {}});
  Page& page = ctx.doc.pages.back();
  const double x = st.margin_left, w = st.content_width();
  double y = st.margin_top + st.content_height() * 0.22;
  InElement section(ctx, ctx.element(Role::Sect, "Cover"));
  RichText title;
  title.add(options.title, true);
  TextStyle big = st.title;
  big.size = st.title.size * 1.5;
  {
    InElement heading(ctx, ctx.element(Role::H));
    auto boxes = text_boxes(ctx, title, spec(ctx, big, x, w, 1.2));
    y = place(page, boxes, y) + 14;
  }
  page.items.push_back(LineItem{{x, y}, {x + w * 0.3, y}, st.number.color, 2});
  y += 16;
  size_t posts = 0;
  std::set<std::string> seen;
  std::string authors;
  for (const auto& t : threads) {
    posts += t.thread->posts.size();
    std::string a = author_label(t.thread->author);
    if (seen.insert(a).second) authors += (authors.empty() ? "" : ", ") + a;
  }
  std::vector<RichText> lines(3);
  if (options.date) lines[0].add(format_day(*options.date));
  lines[1].add(std::to_string(threads.size()) + (threads.size() == 1 ? " thread, " : " threads, ") +
               std::to_string(posts) + (posts == 1 ? " post" : " posts"));
  if (!authors.empty()) {
    lines[2].add("Authors: ", true);
    lines[2].add(authors);
  }
  for (auto& r : lines) {
    if (r.text.empty()) continue;
    InElement para(ctx, ctx.element(Role::P));
    auto b = text_boxes(ctx, r, spec(ctx, st.name, x, w, 1.4));
    y = place(page, b, y) + 4;
  }
}

// One contents entry per thread; `numbers` empty lays out placeholders (to count the pages).
// Returns the contents pages' count; draws onto pages [first, ...) when `draw`.
int contents(Context& ctx, const std::vector<PacketThread>& threads, const std::vector<int>& start_pages,
             const std::vector<int>& labels, int first, bool draw) {
  const Style& st = ctx.style;
  const double x = st.margin_left, w = st.content_width(), number_w = 40;
  int page = 0;
  double y = st.margin_top;
  auto page_at = [&](int p) -> Page* {
    return draw ? &ctx.doc.pages[static_cast<size_t>(first + p)] : nullptr;
  };
  // Counting pages makes no elements; drawing makes the contents a TOC with one TOCI per entry.
  InElement section(ctx, draw ? ctx.element(Role::Sect, "Contents") : kArtifact);
  {
    InElement heading(ctx, draw ? ctx.element(Role::H) : kArtifact);
    RichText h;
    h.add("Contents", true);
    auto b = text_boxes(ctx, h, spec(ctx, st.title, x, w, 1.2));
    if (draw)
      y = place(*page_at(0), b, y) + 10;
    else
      for (auto& bx : b) y += bx.height + 10;
  }
  InElement toc(ctx, draw ? ctx.element(Role::TOC) : kArtifact);
  for (size_t i = 0; i < threads.size(); ++i) {
    const model::Thread& t = *threads[i].thread;
    // An entry: the title is the link to the thread (the annotation covers the whole entry), then
    // the author line and the page number as paragraphs of their own, so they read apart.
    InElement entry(ctx, draw ? ctx.element(Role::TOCI) : kArtifact);
    const int link = draw ? ctx.element(Role::Link) : kArtifact;
    RichText title;
    title.add(thread_title(t), true);
    RichText meta;
    std::string m = author_label(t.author) + " \u00B7 " + model::platform_label(t.source.platform);
    if (auto d = first_date(t)) m += " \u00B7 " + format_day(*d);
    meta.add(m);
    std::vector<Box> boxes;
    {
      InElement in(ctx, link);
      boxes = text_boxes(ctx, title, spec(ctx, st.text, x, w - number_w - 10));
    }
    {
      InElement in(ctx, draw ? ctx.element(Role::P) : kArtifact);
      for (auto& b : text_boxes(ctx, meta, spec(ctx, st.meta, x, w - number_w - 10)))
        boxes.push_back(std::move(b));
    }
    double h = 0;
    for (const auto& b : boxes) h += b.height;
    if (y + h > st.page.height - st.margin_bottom) {
      ++page;
      y = st.margin_top;
    }
    if (draw) {
      Page& pg = *page_at(page);
      const double top = y;
      y = place(pg, boxes, y);
      const std::string number = std::to_string(labels[i]);
      {
        InElement in(ctx, ctx.element(Role::P));
        // On the title's baseline: the title's lines are 1.3 em, a label's 1.2 em.
        label(ctx, pg, number, st.text, x + w, top + (1.3 - 1.2) * st.text.size / 2, Align::Right, true);
      }
      // The whole entry leads to the thread's first page.
      pg.items.push_back(LinkItem{{x, top, w, y - top}, "", start_pages[i], st.margin_top, link});
    } else {
      y += h;
    }
    y += 8;
  }
  return page + 1;
}

void appendix(Context& ctx, const std::vector<PacketThread>& threads,
              const std::vector<PacketFailure>& failures) {
  const Style& st = ctx.style;
  const double x = st.margin_left, w = st.content_width();
  std::vector<Box> flow;
  InElement section(ctx, ctx.element(Role::Sect, "Provenance"));
  auto heading = [&](const std::string& s, double before) {
    InElement h_elem(ctx, ctx.element(Role::H));
    RichText h;
    h.add(s, true);
    auto b = text_boxes(ctx, h, spec(ctx, st.name, x, w, 1.3));
    b.front().space_before = before;
    for (auto& bx : b) bx.keep_with_next = true;
    for (auto& bx : b) flow.push_back(std::move(bx));
  };
  auto para = [&](RichText r, const TextStyle& ts, double before, bool keep) {
    InElement p_elem(ctx, ctx.element(Role::P));
    auto b = text_boxes(ctx, r, spec(ctx, ts, x, w, 1.35));
    b.front().space_before = before;
    if (keep)
      for (auto& bx : b) bx.keep_with_next = true;
    for (auto& bx : b) flow.push_back(std::move(bx));
  };
  heading("Provenance", 0);
  flow.front().outline.push_back({"Provenance", 0, 0, 0});
  for (size_t i = 0; i < threads.size(); ++i) {
    const model::Thread& t = *threads[i].thread;
    RichText title;
    title.add(std::to_string(i + 1) + ". " + thread_title(t), true);
    para(title, st.text, 10, true);
    RichText details;
    details.add("Input: " + threads[i].input + "\n");
    if (t.source.url) {
      details.add("Source: ");
      TagStyle link{st.link_color, *t.source.url};
      details.add(*t.source.url + "\n", false, &link, true);
    }
    details.add("Platform: " + std::string(model::platform_label(t.source.platform)) + "\n");
    if (t.source.captured_at) {
      auto c = parse_rfc3339(*t.source.captured_at);
      details.add("Captured: " + (c ? format_human(*c) : *t.source.captured_at) + "\n");
    }
    details.add("SHA-256 of the thread JSON: " + threads[i].sha256);
    para(details, st.meta, 2, false);
  }
  if (!failures.empty()) {
    heading("Inputs that failed", 18);
    for (const auto& f : failures) {
      RichText r;
      r.add(f.input, true);
      r.add(": " + f.reason);
      para(r, st.meta, 4, false);
    }
  }
  paginate(ctx, flow);
}

}  // namespace

Document layout_packet(const std::vector<PacketThread>& threads, const std::vector<PacketFailure>& failures,
                       const text::FontSet& fonts, const Style& style, Diagnostics& diag,
                       const PacketOptions& options) {
  Document doc;
  static const media::MediaSet kNoMedia;
  Context ctx{style, fonts, kNoMedia, diag, "packet", doc};
  ctx.doc_font(0);
  InElement root(ctx, ctx.element(Role::Document));

  // Pages handed over (PacketOptions::page_done), each once and in order: the cover and the
  // contents are handed over with the first thread's pages, which the paginator leaves.
  size_t handed = 0;
  size_t dropped_links = 0;
  if (options.page_done) {
    ctx.page_done = [&](size_t last) {
      for (; handed <= last && handed < doc.pages.size(); ++handed) {
        dropped_links += drop_overlong_links(doc.pages[handed]);
        options.page_done(doc, handed);
      }
    };
  }

  cover(ctx, threads, options);
  const int contents_first = 1;
  const int contents_pages = contents(ctx, threads, {}, {}, contents_first, false);
  for (int i = 0; i < contents_pages; ++i) doc.pages.push_back(Page{style.page, {}});
  doc.outline.push_back({"Contents", contents_first, style.margin_top, 0});

  // Threads: the numbered part of the packet starts at the first thread's page.
  std::vector<int> starts, ends;
  int numbered_first = -1;
  for (const auto& t : threads) {
    if (options.duplex && doc.pages.size() % 2 == 1)
      doc.pages.push_back(Page{style.page, {}});  // blank verso
    if (numbered_first < 0) numbered_first = static_cast<int>(doc.pages.size());
    ctx.media = t.media ? t.media : &kNoMedia;
    ctx.input = t.input;
    const size_t outline_at = doc.outline.size();
    InElement part(ctx, ctx.element(Role::Part, thread_title(*t.thread)));
    const int first = flow_thread(ctx, *t.thread, 1);
    doc.outline.insert(
        doc.outline.begin() + static_cast<long>(outline_at),
        {thread_title(*t.thread) + " \u2014 " + author_label(t.thread->author), first, style.margin_top, 0});
    starts.push_back(first);
    ends.push_back(static_cast<int>(doc.pages.size()));
  }
  ctx.media = &kNoMedia;
  ctx.input = "packet";
  if (numbered_first < 0) numbered_first = static_cast<int>(doc.pages.size());
  appendix(ctx, threads, failures);
  if (ctx.page_done && !doc.pages.empty()) ctx.page_done(doc.pages.size() - 1);
  ctx.page_done = nullptr;

  // Page numbers: the numbered part counts from 1.
  const int numbered = static_cast<int>(doc.pages.size()) - numbered_first;
  std::vector<int> labels;
  for (int s : starts) labels.push_back(s - numbered_first + 1);
  contents(ctx, threads, starts, labels, contents_first, true);
  for (int p = contents_first; p < contents_first + contents_pages; ++p)
    page_footer(ctx, doc.pages[static_cast<size_t>(p)], roman(p + 1));
  for (size_t i = 0; i < threads.size(); ++i) {
    const std::string head = running_head_text(*threads[i].thread);
    for (int p = starts[i]; p < ends[i]; ++p) running_head(ctx, doc.pages[static_cast<size_t>(p)], head);
  }
  for (int p = numbered_first; p < static_cast<int>(doc.pages.size()); ++p)
    page_footer(ctx, doc.pages[static_cast<size_t>(p)],
                "page " + std::to_string(p - numbered_first + 1) + " / " + std::to_string(numbered));

  doc.page_labels = {{0, PageLabel::Style::LowerRoman, 1}, {numbered_first, PageLabel::Style::Decimal, 1}};
  Metadata& m = doc.metadata;
  m.title = options.title;
  std::set<std::string> seen;
  for (const auto& t : threads)
    if (seen.insert(author_label(t.thread->author)).second)
      m.author += (m.author.empty() ? "" : ", ") + author_label(t.thread->author);
  m.subject = std::to_string(threads.size()) + " threads";
  m.keywords = "briefing packet";
  m.creator = options.creator;
  m.language = ctx.style.language;
  m.creation_date = options.date;
  fit_pdf_limits(doc, diag, "packet", dropped_links);
  return doc;
}

}  // namespace tp::layout

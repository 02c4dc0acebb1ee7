#include "layout/post_blocks.h"

#include <algorithm>
#include <cmath>

#include "core/format.h"
#include "core/utf8.h"
#include "layout/post_extras.h"

namespace tp::layout {

namespace {

std::string when(const std::optional<std::string>& rfc3339) { return human_time(rfc3339); }

// A link whose text the platform shortened ("example.org/a?b=1&c…"): on paper only a note can
// keep its full target.
bool shortened(const std::string& visible, const std::optional<std::string>& href) {
  if (!href || *href == visible) return false;
  auto ends = [&](const std::string& tail) {
    return visible.size() > tail.size() &&
           visible.compare(visible.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends("\u2026") || ends("...");
}

// Post text with its spans as coloured, linked ranges; custom emoji become carriers for `emoji`.
// With the style's link notes, a shortened link is followed by "[n]" and its target added to `notes`.
RichText post_text(const Context& ctx, const model::Post& post, InlineEmoji& emoji,
                   std::vector<std::string>& notes) {
  RichText rich;
  size_t cursor = 0;                         // bytes
  utf8::CodePointCursor offsets(post.text);  // spans are sorted: one pass over the text for all
  for (const model::Span& span : post.spans) {
    size_t a = offsets.byte_offset(span.start), b = offsets.byte_offset(span.end);
    if (a < cursor) continue;  // readers reject overlaps; stay safe anyway
    rich.add(emoji.substitute(post.text.substr(cursor, a - cursor)));
    TagStyle tag{ctx.style.link_color, {}};
    std::string visible = post.text.substr(a, b - a);
    if (span.href)
      tag.href = *span.href;
    else if (span.kind == model::SpanKind::Link)
      tag.href = visible;
    const bool url = span.kind == model::SpanKind::Link && visible.find_first_of("/.") != std::string::npos;
    rich.add(visible, false, &tag, url);
    if (ctx.style.link_notes && span.kind == model::SpanKind::Link && shortened(visible, span.href)) {
      notes.push_back(*span.href);
      TagStyle mark{ctx.style.meta.color, {}};
      rich.add("[" + std::to_string(notes.size()) + "]", false, &mark);
    }
    cursor = b;
  }
  rich.add(emoji.substitute(post.text.substr(cursor)));
  return rich;
}

}  // namespace

TextSpec spec_for(const Context& ctx, const TextStyle& ts, double x, double width, const std::string& where) {
  TextSpec s;
  s.x = x;
  s.width = width;
  s.size = ts.size;
  s.color = ts.color;
  s.leading = ctx.style.leading;
  s.where = where;
  return s;
}

void append(std::vector<Box>& to, std::vector<Box> from, double space_before) {
  if (from.empty()) return;
  from.front().space_before += space_before;
  for (auto& b : from) to.push_back(std::move(b));
}

Box picture_box(Context& ctx, const std::string& src, double x, double width, double max_h,
                const std::optional<std::string>& alt, const char* what) {
  Box box;
  const bool tagged = !is_artifact(ctx.elem);
  const media::Loaded* loaded = ctx.media->find(src);
  if (loaded && loaded->raster) {
    const Raster& r = *loaded->raster;
    // Placed as it is seen, upright (the backend turns the stored rows): a portrait photo whose
    // camera lay on its side is portrait here. One pixel is one point up to the column width:
    // small pictures are not blown up past 1.5x.
    const double rw = r.upright_width(), rh = r.upright_height();
    double w = std::min(width, rw * 1.5), h = w * rh / rw;
    if (h > max_h) h = max_h, w = h * rw / rh;
    // A figure always says something to a screen reader: the author's alt text, or that there is
    // none (PDF/UA-1 7.3 wants /Alt on every figure; silence would hide that a picture is there).
    const int figure =
        tagged ? ctx.element(Role::Figure, {}, {},
                             alt && !alt->empty() ? *alt : std::string(what) + " without a description")
               : kArtifact;
    box.items.push_back(ImageItem{{x, 0, w, h}, ctx.doc_image(loaded->raster), figure});
    box.items.push_back(RectItem{{x, 0, w, h}, std::nullopt, ctx.style.frame_color, 0.4, 0, false});
    box.height = h;
    return box;
  }
  // A placeholder as tall as its words, not as the lost picture: the reader needs to know what was
  // there, and blank space helps nobody in print. Its words are a paragraph, not a figure.
  InElement words(ctx, tagged ? ctx.element(Role::P) : kArtifact);
  RichText rich;
  rich.add(std::string(what) + " unavailable", true);
  rich.add(" (" + (loaded ? loaded->error : std::string("not loaded")) + ")");
  if (alt && !alt->empty()) rich.add("\n" + *alt);
  TextSpec spec = spec_for(ctx, ctx.style.caption, x + 10, width - 20, ctx.input);
  text::Paragraph para(ctx.fonts, rich.text, rich.styles, spec.size, ctx.diag, spec.where, spec.direction);
  auto lines = para.layout(spec.width);
  const double line_h = spec.size * spec.leading;
  const size_t fit = static_cast<size_t>(std::max(1.0, std::floor((max_h - 16) / line_h)));
  if (lines.size() > fit) lines.resize(fit);
  const double h = std::max(48.0, lines.size() * line_h + 16);
  box.items.push_back(
      RectItem{{x, 0, width, h}, ctx.style.placeholder_fill, ctx.style.frame_color, 0.8, 0, true});
  draw_lines(ctx, para, lines, rich, spec, 8, box.items);
  box.height = h;
  return box;
}

namespace {

// The badge drawn on a video or GIF poster: a dark rounded label with a play mark.
void play_mark(Context& ctx, Box& box, double x, model::MediaKind kind) {
  RichText rich;
  rich.add(kind == model::MediaKind::Gif ? "\u25B6 GIF" : "\u25B6 Video", true);
  TextSpec spec = spec_for(ctx, ctx.style.meta, x + 14, 200, ctx.input);
  spec.color = {1, 1, 1};
  text::Paragraph para(ctx.fonts, rich.text, rich.styles, spec.size, ctx.diag, spec.where);
  auto lines = para.layout(spec.width);
  const double h = spec.size * spec.leading + 6, w = lines.empty() ? 40 : lines[0].width + 16;
  // A poster too small to hold the badge goes without: the caption below it names the kind too.
  if (box.height < h + 16 || box.items.empty()) return;
  if (auto* image = std::get_if<ImageItem>(&box.items.front()); !image || image->box.width < w + 16) return;
  const double y = box.height - h - 8;
  box.items.push_back(RectItem{{x + 8, y, w, h}, Color{0.1, 0.1, 0.12}, std::nullopt, 0, h / 2, false});
  // A badge, not content: the figure's description and the caption name the kind.
  InElement badge(ctx, kArtifact);
  draw_lines(ctx, para, lines, rich, spec, y + 3, box.items);
}

std::vector<Box> media_boxes(Context& ctx, const model::Media& m, double x, double width, double max_h,
                             const std::string& where) {
  if (m.kind == model::MediaKind::Audio || m.kind == model::MediaKind::Other)
    return attachment_boxes(ctx, m, x, width, max_h, where);
  std::vector<Box> out;
  const char* what = m.kind == model::MediaKind::Gif     ? "GIF"
                     : m.kind == model::MediaKind::Video ? "Video"
                                                         : "Image";
  {
    // A linked picture is a figure inside a link, whose annotation it shares.
    InElement link(ctx, m.url ? ctx.element(Role::Link) : ctx.elem);
    Box pic = picture_box(ctx, m.src, x, width, max_h, m.alt, what);
    const media::Loaded* poster = ctx.media->find(m.src);
    // The badge sits on the poster's corner; over a placeholder it would cover its words, which
    // already say "Video" or "GIF".
    if (m.kind != model::MediaKind::Image && poster && poster->raster) play_mark(ctx, pic, x, m.kind);
    if (m.url) {
      double w = 0;
      for (const auto& item : pic.items)
        if (auto* r = std::get_if<RectItem>(&item)) w = std::max(w, r->box.width);
      pic.items.push_back(LinkItem{{x, 0, w, pic.height}, *m.url, -1, 0, ctx.elem});
    }
    out.push_back(std::move(pic));
  }
  RichText caption;
  const media::Loaded* loaded = ctx.media->find(m.src);
  const bool shown = loaded && loaded->raster;  // a placeholder already carries the alt text
  if (shown && m.alt && !m.alt->empty()) caption.add(*m.alt);
  if (m.kind != model::MediaKind::Image && m.url) {
    if (!caption.text.empty()) caption.add("\n");
    caption.add(m.kind == model::MediaKind::Gif ? "GIF: " : "Video: ");
    TagStyle link{ctx.style.link_color, *m.url};
    caption.add(*m.url, false, &link, true);
  }
  if (!caption.text.empty()) {
    InElement caption_elem(ctx, ctx.element(Role::Caption));
    out.back().keep_with_next = true;
    append(out, text_boxes(ctx, caption, spec_for(ctx, ctx.style.caption, x, width, where)), 3);
  }
  return out;
}

std::string domain_of(const std::string& url) {
  size_t a = url.find("://");
  a = a == std::string::npos ? 0 : a + 3;
  size_t b = url.find_first_of("/?#", a);
  std::string host = url.substr(a, b == std::string::npos ? std::string::npos : b - a);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

std::vector<Box> card_boxes(Context& ctx, const model::Card& card, double x, double width,
                            const std::string& where) {
  const double pad = 8;
  std::vector<Box> boxes;
  const double ix = x + pad, iw = width - 2 * pad;
  InElement element(ctx, ctx.element(Role::Card, "Link card"));
  // The whole card leads to its page: each of its parts is a paragraph whose words are a link, and
  // the area of each box is an annotation of the link it shows (links[i] for boxes[i]).
  std::vector<int> links;
  auto add_part = [&](std::vector<Box> part, double space_before) {
    links.insert(links.end(), part.size(), ctx.elem);
    append(boxes, std::move(part), boxes.empty() ? 0 : space_before);
  };
  const int title_para = ctx.element(Role::P);
  int title_link = 0;
  {
    InElement para(ctx, title_para);
    title_link = ctx.element(Role::Link);
  }
  if (card.image) {
    const media::Loaded* loaded = ctx.media->find(*card.image);
    // The preview picture repeats what the card's words say, and the source gives it no
    // description: decoration, whose area leads where the title does.
    InElement decoration(ctx, kArtifact);
    if (loaded && loaded->raster) {
      boxes.push_back(picture_box(ctx, *card.image, ix, iw, ctx.style.content_height() * 0.25, {}));
      links.push_back(title_link);
    }
  }
  {
    InElement link(ctx, title_link);
    RichText title;
    title.add(card.title && !card.title->empty() ? *card.title : card.url, true);
    add_part(text_boxes(ctx, title, spec_for(ctx, ctx.style.quote, ix, iw, where)), 6);
  }
  if (card.description && !card.description->empty()) {
    InElement para(ctx, ctx.element(Role::P));
    InElement link(ctx, ctx.element(Role::Link));
    RichText desc;
    desc.add(*card.description);
    auto lines = text_boxes(ctx, desc, spec_for(ctx, ctx.style.caption, ix, iw, where));
    if (lines.size() > 4) lines.resize(4);  // a preview, not the page: four lines at most
    add_part(std::move(lines), 2);
  }
  {
    InElement para(ctx, ctx.element(Role::P));
    InElement link(ctx, ctx.element(Role::Link));
    RichText site;
    TagStyle to{ctx.style.meta.color, card.url};
    site.add("\U0001F517 " + (card.site ? *card.site : domain_of(card.url)), false, &to);
    add_part(text_boxes(ctx, site, spec_for(ctx, ctx.style.meta, ix, iw, where)), 2);
  }
  frame(boxes, x, width, pad, ctx.style.frame_color, std::nullopt, false, ctx.style.content_height() * 0.8);
  for (size_t i = 0; i < boxes.size(); ++i)
    boxes[i].items.push_back(LinkItem{{x, 0, width, boxes[i].height}, card.url, -1, 0, links[i]});
  return boxes;
}

// Name, handle and date of a post's author, as one line.
RichText author_line(const Context& ctx, const model::Author& a, const model::Post& post,
                     InlineEmoji& emoji) {
  RichText rich;
  rich.add(a.name.empty() ? a.handle : emoji.substitute(a.name), true);
  TagStyle grey{ctx.style.meta.color, a.url.value_or("")};
  if (!a.name.empty()) rich.add("  " + a.handle, false, &grey);
  std::string date = when(post.created_at);
  if (!date.empty()) {
    TagStyle d{ctx.style.meta.color, post.url.value_or("")};
    rich.add("  \u00B7  " + date, false, &d);
  }
  TagStyle plain{ctx.style.meta.color, {}};
  if (post.edited_at) rich.add("  \u00B7  edited " + when(post.edited_at), false, &plain);
  return rich;
}

std::vector<Box> body_boxes(Context& ctx, const model::Post& post, double x, double width,
                            const TextStyle& ts, double max_img, const std::string& where,
                            text::Direction dir) {
  std::vector<Box> out;
  // Above the words it warns about; an archive still keeps the words and pictures in full.
  const std::string lang = post.lang.value_or("");
  if (post.content_warning)
    append(out, content_warning_boxes(ctx, *post.content_warning, x, width, where, lang));
  if (!post.text.empty()) {
    TextSpec spec = spec_for(ctx, ts, x, width, where);
    spec.direction = dir;
    spec.justify = ctx.style.justify;
    spec.hyphenator = ctx.hyphenator_for(post.text, post.lang);
    spec.language = lang;
    InlineEmoji emoji(ctx, post.emoji, post.text, text::detect_direction(post.text) != text::Direction::Rtl);
    std::vector<std::string> notes;
    RichText rich = post_text(ctx, post, emoji, notes);
    std::vector<Box> lines;
    {
      InElement para(ctx, ctx.element(Role::P));
      lines = text_boxes(ctx, rich, spec);
    }
    emoji.place(lines, x + width);
    append(out, std::move(lines), out.empty() ? 0 : 4);
    if (!notes.empty()) {
      RichText list;
      for (size_t i = 0; i < notes.size(); ++i) {
        list.add((i ? "\n[" : "[") + std::to_string(i + 1) + "] ");
        TagStyle link{ctx.style.link_color, notes[i]};
        list.add(notes[i], false, &link, true);
      }
      InElement para(ctx, ctx.element(Role::P));
      append(out, text_boxes(ctx, list, spec_for(ctx, ctx.style.caption, x, width, where + " link notes")),
             3);
    }
  }
  if (post.truncated) append(out, truncated_boxes(ctx, post, x, width, where), out.empty() ? 0 : 3);
  for (size_t i = 0; i < post.media.size(); ++i)
    append(out, media_boxes(ctx, post.media[i], x, width, max_img, where + " media " + std::to_string(i + 1)),
           out.empty() ? 0 : ctx.style.block_gap);
  if (post.poll)
    append(out, poll_boxes(ctx, *post.poll, x, width, where, lang), out.empty() ? 0 : ctx.style.block_gap);
  return out;
}

// A lost profile picture: a tinted square with the name's first letter.
void avatar_placeholder(Context& ctx, std::vector<Item>& out, const model::Author& a, double x, double size) {
  out.push_back(
      RectItem{{x, 0, size, size}, ctx.style.placeholder_fill, ctx.style.frame_color, 0.6, 0, false});
  std::string name = a.name.empty() ? a.handle : a.name;
  size_t pos = 0;
  if (!name.empty() && name[0] == '@') pos = 1;
  if (pos >= name.size()) return;
  size_t end = pos;
  utf8::next(name, end);
  RichText rich;
  rich.add(name.substr(pos, end - pos), true);
  TextSpec spec = spec_for(ctx, ctx.style.name, x, size, ctx.input + ": avatar");
  spec.size = size * 0.45;
  spec.color = ctx.style.meta.color;
  spec.leading = 1;
  text::Paragraph para(ctx.fonts, rich.text, rich.styles, spec.size, ctx.diag, spec.where);
  auto lines = para.layout(1e9);
  spec.x = x + (size - lines[0].width) / 2;
  draw_lines(ctx, para, lines, rich, spec, (size - spec.size) / 2, out);
}

}  // namespace

std::string first_words(const model::Post& post, size_t words) {
  std::string out;
  size_t count = 0;
  bool in_word = false;
  for (char c : post.text) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && in_word && ++count == words) return out + "\u2026";
    in_word = !space;
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Box> header_boxes(Context& ctx, const model::Thread& thread) {
  const Style& st = ctx.style;
  const double x = st.margin_left, width = st.content_width();
  std::vector<Box> out;
  InElement header(ctx, ctx.element(Role::Sect, "Thread header"));
  if (thread.title && !thread.title->empty()) {
    RichText title;
    title.add(*thread.title, true);
    TextSpec spec = spec_for(ctx, st.title, x, width, ctx.input + ": title");
    spec.leading = 1.25;
    InElement heading(ctx, ctx.element(Role::H));
    append(out, text_boxes(ctx, title, spec));
  }
  // Author: avatar on the left, name over handle on the right.
  Box who;
  double text_x = x;
  if (thread.author.avatar && st.avatar_size > 0) {
    // The name beside it says whose it is; the picture is decoration.
    InElement decoration(ctx, kArtifact);
    const media::Loaded* loaded = ctx.media->find(*thread.author.avatar);
    if (loaded && loaded->raster) {
      // The picture keeps its aspect inside the square (no crop: that would need resampling).
      Box pic = picture_box(ctx, *thread.author.avatar, x, st.avatar_size, st.avatar_size, {});
      for (auto& item : pic.items) who.items.push_back(item);
    } else {
      avatar_placeholder(ctx, who.items, thread.author, x, st.avatar_size);
    }
    text_x = x + st.avatar_size + 10;
    who.height = st.avatar_size;
  }
  // The display name may hold the author's custom emoji, drawn as pictures like a post's.
  const std::string& shown = thread.author.name.empty() ? thread.author.handle : thread.author.name;
  InlineEmoji name_emoji(ctx, thread.author.name.empty() ? std::vector<model::Emoji>{} : thread.author.emoji,
                         shown, text::detect_direction(shown) != text::Direction::Rtl);
  RichText name;
  name.add(name_emoji.substitute(shown), true);
  RichText handle;
  TagStyle profile{st.meta.color, thread.author.url.value_or("")};
  handle.add(thread.author.handle, false, &profile);
  double y = 2;
  for (auto [rich, ts] : {std::pair{&name, &st.name}, std::pair{&handle, &st.meta}}) {
    InElement para(ctx, ctx.element(Role::P));
    TextSpec spec = spec_for(ctx, *ts, text_x, x + width - text_x, ctx.input + ": author");
    text::Paragraph p(ctx.fonts, rich->text, rich->styles, spec.size, ctx.diag, spec.where);
    std::vector<Box> lines;  // one line a box, as InlineEmoji::place takes them
    for (const text::Line& line : p.layout(spec.width)) {
      Box b;
      b.height = draw_lines(ctx, p, {line}, *rich, spec, y, b.items);
      y += b.height;
      lines.push_back(std::move(b));
    }
    if (rich == &name) name_emoji.place(lines, x + width);
    for (auto& b : lines)
      for (auto& item : b.items) who.items.push_back(std::move(item));
  }
  who.height = std::max(who.height, y);
  who.keep_with_next = true;
  out.push_back(std::move(who));
  out.back().space_before = out.size() > 1 ? 8 : 0;

  // Provenance lines.
  std::vector<RichText> meta;
  if (thread.source.url) {
    RichText r;
    r.add("Source: ");
    TagStyle link{st.link_color, *thread.source.url};
    r.add(*thread.source.url, false, &link, true);
    meta.push_back(r);
  }
  {
    RichText r;
    std::string line = model::platform_label(thread.source.platform);
    line +=
        " \u00B7 " + std::to_string(thread.posts.size()) + (thread.posts.size() == 1 ? " post" : " posts");
    std::optional<UnixTime> first, last;
    for (const auto& p : thread.posts)
      if (p.created_at)
        if (auto t = parse_rfc3339(*p.created_at)) {
          if (!first || *t < *first) first = t;
          if (!last || *t > *last) last = t;
        }
    if (first) line += " \u00B7 " + format_human(*first);
    if (last && *last != *first) line += " \u2013 " + format_human(*last);
    r.add(line);
    meta.push_back(r);
  }
  if (thread.source.captured_at) {
    RichText r;
    r.add("Captured " + when(thread.source.captured_at));
    meta.push_back(r);
  }
  if (thread.notice && !thread.notice->empty()) {
    RichText r;
    TagStyle warn{st.warning_color, {}};
    r.add("Note: ", true, &warn);
    r.add(*thread.notice, false, &warn);
    meta.push_back(r);
  }
  for (size_t i = 0; i < meta.size(); ++i) {
    InElement para(ctx, ctx.element(Role::P));
    auto boxes = text_boxes(ctx, meta[i], spec_for(ctx, st.meta, x, width, ctx.input));
    for (auto& b : boxes) b.keep_with_next = true;
    append(out, std::move(boxes), i == 0 ? 8 : 0);
  }
  Box rule;
  rule.height = 1;
  rule.space_before = 8;
  rule.items.push_back(LineItem{{x, 0.5}, {x + width, 0.5}, st.frame_color, 1});
  out.push_back(std::move(rule));
  return out;
}

std::vector<Box> post_boxes(Context& ctx, const model::Thread& thread, const model::Post& post, size_t n,
                            size_t count) {
  const Style& st = ctx.style;
  const double x = st.margin_left, width = st.content_width();
  const std::string where = ctx.input + ": post " + std::to_string(n);
  const text::Direction dir = text::detect_direction(post.text);
  std::vector<Box> out;
  InElement section(ctx, ctx.element(Role::Sect, "Post " + std::to_string(n) + "/" + std::to_string(count),
                                     post.lang.value_or("")));

  // The number line: "n/N", the author when it is not the thread's, the date (linked to the post).
  RichText number;
  TagStyle num_style{st.number.color, {}};
  number.add(std::to_string(n) + "/" + std::to_string(count), true, &num_style);
  if (post.author && post.author->handle != thread.author.handle) {
    TagStyle grey{st.meta.color, post.author->url.value_or("")};
    number.add("  " + (post.author->name.empty() ? post.author->handle
                                                 : post.author->name + " " + post.author->handle),
               false, &grey);
  }
  std::string date = when(post.created_at);
  TagStyle date_style{st.meta.color, post.url.value_or("")};
  if (!date.empty())
    number.add("  \u00B7  " + date, false, &date_style);
  else if (post.url)
    number.add("  \u00B7  link", false, &date_style);
  TagStyle edited_style{st.meta.color, {}};
  if (post.edited_at && !post.gone())
    number.add("  \u00B7  edited " + when(post.edited_at), false, &edited_style);
  TextSpec nspec = spec_for(ctx, st.number, x, width, where);
  nspec.direction = text::Direction::Ltr;
  std::vector<Box> head;
  {
    InElement heading(ctx, ctx.element(Role::H));
    head = text_boxes(ctx, number, nspec);
  }
  for (auto& b : head) b.keep_with_next = true;  // a post's number never ends a page
  head.front().separator = n > 1;                // the header's rule already stands above the first post
  std::string title = std::to_string(n) + "/" + std::to_string(count);
  std::string words = post.gone() ? "(" + std::string(model::unavailable_name(*post.unavailable)) + ")"
                                  : first_words(post, 8);
  if (words.empty() && !post.media.empty())
    words = "(" + std::string(model::media_kind_name(post.media[0].kind)) + ")";
  if (!words.empty()) title += " \u00B7 " + words;
  head.front().outline.push_back({title, 0, 0, 0});
  append(out, std::move(head), st.post_gap);

  if (post.gone()) {
    append(out, unavailable_boxes(ctx, post, x, width, where, false), 4);
    return out;
  }

  // A post that is a single picture and no words may give it more of the page.
  const double max_img =
      (post.text.empty() && post.media.size() == 1 ? st.image_alone_max_height : st.image_max_height) *
      st.content_height();
  append(out, body_boxes(ctx, post, x, width, st.text, max_img, where, dir), 4);

  if (const model::Post* q = post.quoted()) {
    const double pad = 9, qx = x + pad, qw = width - 2 * pad;
    std::vector<Box> quote;
    InElement block(ctx, ctx.element(Role::BlockQuote, "Quoted post", q->lang.value_or("")));
    const model::Author& qa = q->author ? *q->author : thread.author;
    if (q->gone()) {
      append(quote, unavailable_boxes(ctx, *q, qx - 10, qw + 20, where + " quote", true));
    } else {
      InlineEmoji name_emoji(ctx, qa.emoji, qa.name, text::detect_direction(qa.name) != text::Direction::Rtl);
      std::vector<Box> author;
      {
        InElement para(ctx, ctx.element(Role::P));
        author = text_boxes(ctx, author_line(ctx, qa, *q, name_emoji),
                            spec_for(ctx, st.meta, qx, qw, where + " quote"));
      }
      name_emoji.place(author, qx + qw);
      append(quote, std::move(author));
      append(quote,
             body_boxes(ctx, *q, qx, qw, st.quote, st.image_max_height * st.content_height() * 0.6,
                        where + " quote", text::detect_direction(q->text)),
             3);
      if (q->card) append(quote, card_boxes(ctx, *q->card, qx, qw, where + " quote card"), st.block_gap);
    }
    frame(quote, x, width, pad, st.frame_color, std::nullopt, false, st.content_height() * 0.8);
    append(out, std::move(quote), st.block_gap);
  }
  if (post.card) append(out, card_boxes(ctx, *post.card, x, width, where + " card"), st.block_gap);
  if (st.counts && post.counts) append(out, counts_boxes(ctx, *post.counts, x, width, where), 4);
  return out;
}

}  // namespace tp::layout

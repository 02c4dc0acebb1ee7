#include "layout/post_extras.h"

#include <algorithm>
#include <cmath>

#include "core/format.h"
#include "layout/post_blocks.h"

namespace tp::layout {

namespace {

// What the reader is told for each reason, as the end of "Post unavailable: …".
const char* reason_words(model::Unavailable u, bool quoted) {
  switch (u) {
    case model::Unavailable::Deleted:
      return quoted ? "it was deleted."
                    : "it was deleted after the thread was written. Its place in the thread is kept.";
    case model::Unavailable::Revoked:
      return "its author withdrew it from this quote.";
    case model::Unavailable::Blocked:
      return "it is hidden by a block between its author and the viewer.";
    case model::Unavailable::Detached:
      return "its author detached it from this quote.";
    case model::Unavailable::Pending:
      return "its author had not yet approved this quote.";
    case model::Unavailable::Private:
      return "only its author's followers may see it.";
    case model::Unavailable::NotFound:
      return "it could not be found.";
  }
  return "it could not be found.";
}

const char* kCarrier = "\u25A1";  // a glyph every primary font has: the carrier of an inline picture

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string counted(std::int64_t n, const char* one, const char* many) {
  return thousands(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string human_time(const std::optional<std::string>& rfc3339) {
  if (!rfc3339) return {};
  auto t = parse_rfc3339(*rfc3339);
  return t ? format_human(*t) : *rfc3339;
}

std::vector<Box> unavailable_boxes(Context& ctx, const model::Post& post, double x, double width,
                                   const std::string& where, bool quoted) {
  const Style& st = ctx.style;
  InElement tombstone(ctx,
                      ctx.element(Role::Tombstone, quoted ? "Quoted post unavailable" : "Post unavailable"));
  InElement para(ctx, ctx.element(Role::P));
  RichText gone;
  gone.add(quoted ? "Quoted post unavailable" : "This post is unavailable", true);
  gone.add(std::string(": ") + reason_words(post.unavailable.value_or(model::Unavailable::NotFound), quoted));
  if (post.url) {
    // The URL is what is left to find the post again (an archive, its author): printed in full.
    gone.add("\n");
    TagStyle link{st.link_color, *post.url};
    gone.add(*post.url, false, &link, true);
  }
  auto boxes = text_boxes(ctx, gone, spec_for(ctx, st.meta, x + 10, width - 20, where));
  if (!quoted) frame(boxes, x, width, 8, st.frame_color, st.placeholder_fill, true, st.content_height());
  return boxes;
}

std::vector<Box> content_warning_boxes(Context& ctx, const std::string& warning, double x, double width,
                                       const std::string& where, const std::string& lang) {
  const Style& st = ctx.style;
  InElement para(ctx, ctx.element(Role::P));
  RichText rich;
  TagStyle tint{st.warning_color, {}};
  rich.add("Content warning: ", true, &tint);
  rich.add(warning.empty() ? "(no words given)" : warning, false, &tint);
  TextSpec spec = spec_for(ctx, st.meta, x + 8, width - 16, where + " content warning");
  spec.language = lang;
  auto boxes = text_boxes(ctx, rich, spec);
  frame(boxes, x, width, 5, st.warning_fill, st.warning_fill, false, st.content_height());
  if (!boxes.empty()) boxes.back().keep_with_next = true;  // the banner never ends a page
  return boxes;
}

std::vector<Box> poll_boxes(Context& ctx, const model::Poll& poll, double x, double width,
                            const std::string& where, const std::string& lang) {
  const Style& st = ctx.style;
  const double pad = 8, ix = x + pad, iw = width - 2 * pad;
  const bool counted_votes = std::all_of(poll.options.begin(), poll.options.end(),
                                         [](const model::PollOption& o) { return o.votes.has_value(); });
  std::int64_t sum = 0;
  for (const auto& o : poll.options) sum += o.votes.value_or(0);
  // As the platforms show it: with several choices a share is of the people who voted.
  const std::int64_t whole = poll.multiple && poll.voters ? *poll.voters : sum;
  const double percent_w = 44;
  std::vector<Box> boxes;
  InElement element(ctx, ctx.element(Role::Poll, "Poll"));
  for (size_t i = 0; i < poll.options.size(); ++i) {
    const model::PollOption& o = poll.options[i];
    RichText title;
    title.add(o.title.empty() ? "(no title)" : o.title);
    TextSpec title_spec = spec_for(ctx, st.text, ix, iw - percent_w, where + " poll");
    title_spec.language = lang;
    std::vector<Box> rows;
    {
      InElement option(ctx, ctx.element(Role::P));
      rows = text_boxes(ctx, title, title_spec);
    }
    if (counted_votes && !rows.empty()) {
      // The share is a paragraph of its own: within the option's, it would read "Trains62%".
      InElement share_para(ctx, ctx.element(Role::P));
      const double share = whole > 0 ? static_cast<double>(*o.votes) / static_cast<double>(whole) : 0;
      RichText pct;
      pct.add(fmt_num(std::round(share * 100), 0) + "%", true);
      TextSpec spec = spec_for(ctx, st.text, ix + iw - percent_w, percent_w, where + " poll");
      text::Paragraph para(ctx.fonts, pct.text, pct.styles, spec.size, ctx.diag, spec.where);
      auto lines = para.layout(1e9);
      spec.x = ix + iw - (lines.empty() ? 0 : lines[0].width);
      draw_lines(ctx, para, lines, pct, spec, 0, rows.front().items);
      // The bar goes under the row's last line, never under its words.
      Box bar;
      bar.height = 5;
      bar.space_before = 1;
      bar.items.push_back(RectItem{{ix, 0, iw, 4}, st.placeholder_fill, std::nullopt, 0, 2, false});
      if (share > 0)
        bar.items.push_back(
            RectItem{{ix, 0, std::max(4.0, iw * share), 4}, st.link_color, std::nullopt, 0, 2, false});
      for (auto& r : rows) r.keep_with_next = true;
      rows.push_back(std::move(bar));
    }
    append(boxes, std::move(rows), i == 0 ? 0 : 5);
  }
  std::string summary;
  if (poll.voters)
    summary = counted(*poll.voters, "voter", "voters");
  else if (counted_votes)
    summary = counted(sum, "vote", "votes");
  if (poll.multiple) summary += std::string(summary.empty() ? "" : " \u00B7 ") + "several choices allowed";
  std::string day;
  if (poll.closes_at)
    if (auto t = parse_rfc3339(*poll.closes_at)) day = format_day(*t);
  if (poll.closed)
    summary += std::string(summary.empty() ? "" : " \u00B7 ") + "closed" + (day.empty() ? "" : " " + day);
  else if (!day.empty())
    summary += std::string(summary.empty() ? "" : " \u00B7 ") + "closes " + day;
  if (!counted_votes)
    summary += std::string(summary.empty() ? "" : " \u00B7 ") + "results not given by the source";
  if (!summary.empty()) {
    InElement para(ctx, ctx.element(Role::P));
    RichText r;
    r.add(summary);
    append(boxes, text_boxes(ctx, r, spec_for(ctx, st.meta, ix, iw, where + " poll")), 6);
  }
  frame(boxes, x, width, pad, st.frame_color, std::nullopt, false, st.content_height() * 0.8);
  return boxes;
}

std::vector<Box> truncated_boxes(Context& ctx, const model::Post& post, double x, double width,
                                 const std::string& where) {
  ctx.diag.warn_loss(where, "the source gave only the start of this post's text");
  InElement para(ctx, ctx.element(Role::P));
  RichText rich;
  TagStyle tint{ctx.style.warning_color, {}};
  rich.add("Text cut by the source", true, &tint);
  rich.add(post.url ? ": the full text is at " : ": the source gave only its start.", false, &tint);
  if (post.url) {
    TagStyle link{ctx.style.link_color, *post.url};
    rich.add(*post.url, false, &link, true);
  }
  return text_boxes(ctx, rich, spec_for(ctx, ctx.style.meta, x, width, where));
}

std::vector<Box> counts_boxes(Context& ctx, const model::Counts& counts, double x, double width,
                              const std::string& where) {
  std::string line;
  auto add = [&](const std::optional<std::int64_t>& n, const char* one, const char* many) {
    if (!n) return;
    line += (line.empty() ? "" : " \u00B7 ") + counted(*n, one, many);
  };
  add(counts.replies, "reply", "replies");
  add(counts.reposts, "repost", "reposts");
  add(counts.quotes, "quote", "quotes");
  add(counts.likes, "like", "likes");
  if (line.empty()) return {};
  InElement para(ctx, ctx.element(Role::P));
  RichText rich;
  rich.add(line);
  return text_boxes(ctx, rich, spec_for(ctx, ctx.style.meta, x, width, where));
}

std::vector<Box> attachment_boxes(Context& ctx, const model::Media& m, double x, double width, double max_h,
                                  const std::string& where) {
  const Style& st = ctx.style;
  std::vector<Box> out;
  if (!m.src.empty()) {
    const media::Loaded* loaded = ctx.media->find(m.src);
    if (loaded && loaded->raster) out.push_back(picture_box(ctx, m.src, x, width, max_h, m.alt));
  }
  InElement para(ctx, ctx.element(Role::P));
  // A linked attachment's line is the link's text; the framed area is its annotation.
  InElement link(ctx, m.url ? ctx.element(Role::Link) : ctx.elem);
  RichText rich;
  rich.add(m.kind == model::MediaKind::Audio ? "Audio" : "Attachment", true);
  rich.add(m.alt && !m.alt->empty() ? ": " + *m.alt : std::string(": no description"));
  if (m.url) {
    rich.add("\n");
    TagStyle link{st.link_color, *m.url};
    rich.add(*m.url, false, &link, true);
  }
  auto line = text_boxes(ctx, rich, spec_for(ctx, st.caption, x + 8, width - 16, where));
  frame(line, x, width, 6, st.frame_color, st.placeholder_fill, false, st.content_height());
  if (m.url)
    for (auto& b : line) b.items.push_back(LinkItem{{x, 0, width, b.height}, *m.url, -1, 0, ctx.elem});
  if (!out.empty()) out.back().keep_with_next = true;
  append(out, std::move(line), out.empty() ? 0 : 3);
  return out;
}

InlineEmoji::InlineEmoji(Context& ctx, std::vector<model::Emoji> emoji, const std::string& whole_text,
                         bool ltr)
    : ctx_(ctx),
      emoji_(std::move(emoji)),
      enabled_(ltr && !emoji_.empty() && whole_text.find(kCarrier) == std::string::npos) {
  if (!enabled_) return;
  // The first of two emoji with one shortcode wins, as a reader meets them; only pictures that
  // loaded are drawn, the others stay ":shortcode:" text.
  for (const auto& e : emoji_) {
    const media::Loaded* loaded = ctx_.media->find(e.src);
    drawable_.emplace(e.shortcode, loaded && loaded->raster ? &e : nullptr);
  }
}

const model::Emoji* InlineEmoji::find(std::string_view shortcode) const {
  // Looked up once per colon of the text: a map, so a long text with many colons stays linear.
  auto it = drawable_.find(shortcode);
  return it == drawable_.end() ? nullptr : it->second;
}

std::string InlineEmoji::substitute(const std::string& text) {
  if (!enabled_) return text;
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find(':', pos);
    if (open == std::string::npos) break;
    size_t close = text.find(':', open + 1);
    if (close == std::string::npos) break;
    const model::Emoji* e = find(std::string_view(text).substr(open + 1, close - open - 1));
    if (!e) {
      // The closing colon may open the next shortcode (":a::b:").
      out += text.substr(pos, close - pos);
      pos = close;
      continue;
    }
    out += text.substr(pos, open - pos) + kCarrier;
    order_.push_back(e);
    pos = close + 1;
  }
  return out + text.substr(std::min(pos, text.size()));
}

namespace {

double right_of(const Item& item) {
  if (auto* run = std::get_if<GlyphRun>(&item)) {
    double w = 0;
    for (const auto& g : run->glyphs) w += g.advance;
    return run->origin.x + w;
  }
  if (auto* link = std::get_if<LinkItem>(&item)) return link->box.right();
  return 0;
}

}  // namespace

void InlineEmoji::place(std::vector<Box>& boxes, double right) const {
  if (order_.empty()) return;
  const std::string carrier = kCarrier;
  size_t next = 0;
  for (Box& box : boxes) {
    double slack = right;
    for (const Item& item : box.items) slack = std::min(slack, right - right_of(item));
    slack = std::max(0.0, slack);
    double moved = 0;  // how far the rest of the line has been pushed right so far
    std::vector<Item> items;
    for (Item& item : box.items) {
      auto* run = std::get_if<GlyphRun>(&item);
      if (!run || run->invisible || run->text.find(carrier) == std::string::npos || next >= order_.size()) {
        items.push_back(std::move(item));
        translate(items.back(), moved, 0);
        continue;
      }
      // Split the run at each carrier glyph: the words around it stay as they were shaped.
      GlyphRun part = *run;
      part.glyphs.clear();
      part.text.clear();
      double pen = run->origin.x + moved;
      size_t part_start = 0;  // byte in run->text where `part` starts
      auto flush = [&](size_t end) {
        if (!part.glyphs.empty()) {
          part.text = run->text.substr(part_start, end - part_start);
          items.push_back(part);
        }
        part.glyphs.clear();
      };
      for (size_t k = 0; k < run->glyphs.size(); ++k) {
        const Glyph& g = run->glyphs[k];
        if (run->text.compare(g.cluster, carrier.size(), carrier) != 0 || next >= order_.size()) {
          if (part.glyphs.empty()) part.origin.x = pen, part_start = g.cluster;
          Glyph moved = g;
          moved.cluster = static_cast<std::uint32_t>(g.cluster - part_start);
          part.glyphs.push_back(moved);
          pen += g.advance;
          continue;
        }
        flush(g.cluster);
        const model::Emoji& e = *order_[next++];
        const Raster& r = *ctx_.media->find(e.src)->raster;
        // At the text's size; the carrier widens to the picture (pushing the rest of the line right)
        // as far as the line's slack allows, so nothing is drawn over a neighbour or the margin.
        const double aspect = static_cast<double>(r.upright_width()) / std::max(1, r.upright_height());
        const double wanted = run->size * 1.05 * std::min(1.0, aspect) + 1.5;
        const double grow = std::clamp(wanted - g.advance, 0.0, slack);
        slack -= grow;
        moved += grow;
        const double advance = g.advance + grow;
        double h = std::min(run->size * 1.05, (advance - 1.5) / aspect);
        double w = h * aspect;
        items.push_back(ImageItem{{pen + (advance - w) / 2, run->origin.y - h * 0.85, w, h},
                                  ctx_.doc_image(ctx_.media->find(e.src)->raster)});
        GlyphRun text = *run;
        text.origin.x = pen;
        text.text = ":" + e.shortcode + ":";
        text.glyphs = {Glyph{g.gid, 0, 0, 0, advance}};
        text.horizontal_scale = advance / std::max(0.01, g.advance);
        text.invisible = true;
        items.push_back(std::move(text));
        pen += advance;
        part_start = g.cluster + carrier.size();
      }
      flush(run->text.size());
    }
    box.items = std::move(items);
  }
}

}  // namespace tp::layout

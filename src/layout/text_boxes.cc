// Text as boxes of lines: rich text shaped once, broken for a width, each line drawn as glyph runs
// (with emoji pictures and link rectangles) in a box of its own.
#include <algorithm>
#include <cctype>

#include "layout/flow.h"

namespace tp::layout {

void RichText::add(const std::string& s, bool bold, const TagStyle* tag_style, bool url) {
  if (s.empty()) return;
  int tag = 0;
  if (tag_style) {
    tags.push_back(*tag_style);
    tag = static_cast<int>(tags.size());
  }
  styles.push_back({text.size(), text.size() + s.size(), bold, tag, url});
  text += s;
}

namespace {

// The glyph drawn where an emoji has no picture: any visible glyph of the primary face does.
std::uint32_t carrier_glyph(const text::FontSet& fonts) {
  std::uint32_t g = fonts.glyph(0, U'\u25A1');
  return g ? g : fonts.glyph(0, U'o');
}

}  // namespace

double draw_lines(Context& ctx, const text::Paragraph& para, const std::vector<text::Line>& lines,
                  const RichText& rich, const TextSpec& spec, double top, std::vector<Item>& out) {
  const double line_height = spec.size * spec.leading;
  const text::FaceInfo& primary = ctx.fonts.face(0);
  const double ascent = primary.ascender * spec.size, descent = -primary.descender * spec.size;
  double y = top;
  for (const text::Line& line : lines) {
    const double baseline = y + (line_height - ascent - descent) / 2 + ascent;
    const std::string& text = para.text();
    const auto first = text.begin() + static_cast<long>(line.start);
    const double spaces =
        static_cast<double>(std::count(first, first + static_cast<long>(line.end - line.start), ' '));
    const double full = line.width + spaces * line.space_adjust + (line.hyphen ? line.hyphen_width : 0);
    double pen = para.rtl() ? spec.x + spec.width - full : spec.x;
    // The last link area on this line, extended by adjacent pieces. An index, not a pointer: the
    // push_backs below reallocate `out` (a pointer here once read and wrote freed memory).
    std::optional<size_t> open_link;
    int last_elem = ctx.elem;  // a line-end hyphen belongs with the word it ends
    for (const text::LinePiece& piece : line.pieces) {
      const text::ShapedRun& run = para.runs()[static_cast<size_t>(piece.run)];
      const TagStyle* tag = run.tag > 0 ? &rich.tags[static_cast<size_t>(run.tag - 1)] : nullptr;
      const bool linked = tag && !tag->href.empty();
      const int elem = linked ? ctx.link_element(run.tag) : ctx.elem;
      last_elem = elem;
      const double piece_x = pen;
      if (ctx.fonts.face(run.face).emoji) {
        for (size_t k = piece.glyph_begin; k < piece.glyph_end; ++k) {
          const text::ShapedGlyph& g = run.glyphs[k];
          // The cluster's text: from its offset to the next cluster's in logical order, which is
          // the nearest different cluster on one side (clusters are monotonic within a run).
          size_t end = piece.end;
          for (size_t j = k + 1; j < run.glyphs.size(); ++j)
            if (run.glyphs[j].cluster != g.cluster) {
              if (run.glyphs[j].cluster > g.cluster) end = std::min<size_t>(end, run.glyphs[j].cluster);
              break;
            }
          for (size_t j = k; j-- > 0;)
            if (run.glyphs[j].cluster != g.cluster) {
              if (run.glyphs[j].cluster > g.cluster) end = std::min<size_t>(end, run.glyphs[j].cluster);
              break;
            }
          auto image = ctx.emoji_image(run.face, g.gid);
          const double h = spec.size * 1.18;
          if (image) {
            const Raster& r = *ctx.doc.images[static_cast<size_t>(*image)];
            double w = h * r.width / r.height;
            out.push_back(ImageItem{Rect{pen + (g.advance - w) / 2, baseline - h * 0.8, w, h}, *image});
          }
          GlyphRun carrier;
          carrier.elem = elem;  // the picture above is an artifact: this run carries its text
          carrier.size = spec.size;
          carrier.origin = {pen, baseline};
          carrier.text = para.text().substr(g.cluster, end - g.cluster);
          if (image) {
            carrier.font = -1;
            carrier.stand_in = true;
            carrier.glyphs.push_back({0, 0, 0, 0, g.advance});
          } else {
            // No picture: a visible box in the primary face says something is missing, and still
            // extracts as the emoji (the backend writes /ActualText for it).
            const std::uint32_t carrier_gid = carrier_glyph(ctx.fonts);
            carrier.font = ctx.doc_font(0);
            // As wide as the emoji: extractors place characters by glyph widths and would read a
            // gap after a narrower glyph as a space.
            carrier.horizontal_scale =
                g.advance / std::max(0.01, ctx.fonts.advance(0, carrier_gid) * spec.size);
            carrier.glyphs.push_back({carrier_gid, 0, 0, 0, g.advance});
          }
          out.push_back(std::move(carrier));
          pen += g.advance;
        }
      } else {
        GlyphRun gr;
        gr.elem = elem;
        gr.font = ctx.doc_font(run.face);
        gr.size = spec.size;
        gr.color = tag ? tag->color : spec.color;
        gr.origin = {pen, baseline};
        gr.text = para.text().substr(piece.start, piece.end - piece.start);
        gr.glyphs.reserve(piece.glyph_end - piece.glyph_begin);
        for (size_t k = piece.glyph_begin; k < piece.glyph_end; ++k) {
          const text::ShapedGlyph& g = run.glyphs[k];
          // Justification widens (or narrows) the spaces; every other glyph keeps its advance.
          const double advance = g.advance + (text[g.cluster] == ' ' ? line.space_adjust : 0);
          gr.glyphs.push_back(
              {g.gid, static_cast<std::uint32_t>(g.cluster - piece.start), g.dx, g.dy, advance});
          pen += advance;
        }
        out.push_back(std::move(gr));
      }
      // A zero-width left-to-right mark where a right-to-left piece meets a left-to-right one on
      // its right (before the spaces the piece ends with). poppler, on a page it reads as
      // left-to-right, extends a right-to-left section over every character that is not a
      // left-to-right letter or digit, so the space after it moved inside the section and glued
      // the next word on (`עברית‬and`); the mark is a left-to-right character that ends the section
      // there. The other readers' figures do not change; extractors drop the mark (bidi control).
      const size_t piece_index = static_cast<size_t>(&piece - line.pieces.data());
      if (run.level % 2 == 1 && piece_index + 1 < line.pieces.size() &&
          para.runs()[static_cast<size_t>(line.pieces[piece_index + 1].run)].level % 2 == 0) {
        double trailing = 0;
        for (size_t k = piece.glyph_end; k-- > piece.glyph_begin && text[run.glyphs[k].cluster] == ' ';)
          trailing += run.glyphs[k].advance + line.space_adjust;
        GlyphRun mark;
        mark.elem = elem;
        mark.size = spec.size;
        mark.origin = {pen - trailing, baseline};
        mark.text = "\u200E";
        mark.font = -1;
        mark.stand_in = true;
        mark.glyphs.push_back({0, 0, 0, 0, 0});
        out.push_back(std::move(mark));
      }
      if (linked) {
        LinkItem* link = open_link ? &std::get<LinkItem>(out[*open_link]) : nullptr;
        if (link && link->uri == tag->href && link->elem == elem &&
            std::abs(link->box.right() - piece_x) < 0.01) {
          link->box.width = pen - link->box.x;
        } else {
          out.push_back(LinkItem{{piece_x, y, pen - piece_x, line_height}, tag->href, -1, 0, elem});
          open_link = out.size() - 1;
        }
      } else {
        open_link.reset();
      }
    }
    if (line.hyphen) {
      // The hyphen a broken word gets at the line end. Extractors join a line that ends in "-"
      // with the next (poppler's dehyphenation), so it extracts as "-" and the word comes back whole.
      GlyphRun hy;
      hy.elem = last_elem;
      hy.font = ctx.doc_font(line.hyphen_face);
      hy.size = spec.size;
      hy.color = spec.color;
      hy.origin = {pen, baseline};
      hy.text = "-";
      hy.glyphs.push_back({ctx.fonts.glyph(line.hyphen_face, U'-'), 0, 0, 0, line.hyphen_width});
      out.push_back(std::move(hy));
    } else if (!para.rtl() && line.end < text.size() &&
               std::isspace(static_cast<unsigned char>(text[line.end])) && !is_artifact(ctx.elem)) {
      // The white space the line ends at, back as an invisible space: readers of the structure tree
      // (screen readers, poppler's struct text) join a paragraph's lines as drawn, and "a friend"
      // broken after "a" would read "afriend" (PDF 32000-1 14.8.2.5: word breaks are spaces in the
      // content). Right-to-left lines end on the left, where poppler would glue it to the next word.
      if (const std::uint32_t gid = ctx.fonts.glyph(0, U' ')) {
        GlyphRun space;
        space.elem = ctx.elem;
        space.font = ctx.doc_font(0);
        space.size = spec.size;
        space.color = spec.color;
        space.origin = {pen, baseline};
        space.text = " ";
        space.invisible = true;
        space.glyphs.push_back({gid, 0, 0, 0, ctx.fonts.advance(0, gid) * spec.size});
        out.push_back(std::move(space));
      }
    }
    y += line_height;
  }
  return y - top;
}

std::vector<Box> text_boxes(Context& ctx, const RichText& rich, const TextSpec& spec) {
  text::Paragraph para(ctx.fonts, rich.text, rich.styles, spec.size, ctx.diag, spec.where, spec.direction,
                       spec.language);
  std::vector<text::Line> lines =
      spec.justify ? para.layout_justified(spec.width, spec.hyphenator) : para.layout(spec.width);
  std::vector<Box> boxes;
  const size_t n = lines.size();
  for (size_t i = 0; i < n; ++i) {
    Box b;
    b.height = draw_lines(ctx, para, {lines[i]}, rich, spec, 0, b.items);
    // Widows and orphans: a break after line i leaves i + 1 lines above and n - i - 1 below.
    b.keep_with_next = !(i + 1 >= 2 && n - i - 1 >= 2);
    boxes.push_back(std::move(b));
  }
  if (!boxes.empty()) boxes.back().keep_with_next = false;
  return boxes;
}

}  // namespace tp::layout

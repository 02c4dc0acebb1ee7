#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cctype>

#include "core/utf8.h"
#include "layout/flow.h"

namespace tp::layout {

int Context::doc_font(int face) {
  auto it = fonts_.find(face);
  if (it != fonts_.end()) return it->second;
  const text::FaceInfo& info = fonts.face(face);
  doc.fonts.push_back({info.path, info.index});
  return fonts_[face] = static_cast<int>(doc.fonts.size()) - 1;
}

int Context::doc_image(const std::shared_ptr<const Raster>& raster) {
  auto it = images_.find(raster.get());
  if (it != images_.end()) return it->second;
  doc.images.push_back(raster);
  return images_[raster.get()] = static_cast<int>(doc.images.size()) - 1;
}

const text::Hyphenator* Context::hyphenator_for(const std::string& text,
                                                const std::optional<std::string>& declared) {
  if (!style.justify || !style.hyphenate) return nullptr;
  if (declared) {
    // A declared language without a dictionary is not hyphenated: rules of another language
    // would break its words in wrong places.
    if (!hyphenators_) hyphenators_ = std::make_unique<text::HyphenatorSet>();
    return hyphenators_->get(*declared);
  }
  // Without a declared language the script of most letters decides, and Latin script takes the
  // style's language. Cyrillic is shared by too many languages to guess one.
  size_t latin = 0, greek = 0, other = 0;
  for (size_t pos = 0; pos < text.size();) {
    char32_t c = utf8::next(text, pos);
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &err);
    if (sc == USCRIPT_LATIN)
      ++latin;
    else if (sc == USCRIPT_GREEK)
      ++greek;
    else
      ++other;
  }
  std::string lang;
  if (latin > greek && latin > other)
    lang = style.language;
  else if (greek > latin && greek > other)
    lang = "el";
  if (lang.empty()) return nullptr;
  if (!hyphenators_) hyphenators_ = std::make_unique<text::HyphenatorSet>();
  return hyphenators_->get(lang);
}

std::optional<int> Context::emoji_image(int face, std::uint32_t gid) {
  auto key = std::make_pair(face, gid);
  auto it = emoji_.find(key);
  if (it != emoji_.end()) return it->second;
  auto raster = fonts.color_glyph(face, gid);
  if (!raster) return std::nullopt;
  doc.images.push_back(std::make_shared<const Raster>(std::move(*raster)));
  return emoji_[key] = static_cast<int>(doc.images.size()) - 1;
}

int Context::element(Role role, std::string title, std::string lang, std::string alt) {
  const int parent = !is_artifact(elem) ? elem : doc.structure.empty() ? -1 : 0;
  doc.structure.push_back({role, parent, std::move(lang), std::move(alt), std::move(title)});
  return static_cast<int>(doc.structure.size()) - 1;
}

int Context::link_element(int tag) {
  if (is_artifact(elem)) return elem;
  if (doc.structure[static_cast<size_t>(elem)].role == Role::Link) return elem;
  auto [it, added] = links_.try_emplace({elem, tag}, 0);
  if (added) it->second = element(Role::Link);
  return it->second;
}

void translate(Item& item, double dx, double dy) {
  std::visit(
      [dx, dy](auto& it) {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, GlyphRun>) {
          it.origin.x += dx, it.origin.y += dy;
        } else if constexpr (std::is_same_v<T, LineItem>) {
          it.from.x += dx, it.to.x += dx;
          it.from.y += dy, it.to.y += dy;
        } else {
          it.box.x += dx, it.box.y += dy;
        }
      },
      item);
}

void shift(std::vector<Item>& items, double dy) {
  for (auto& item : items) translate(item, 0, dy);
}

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

void frame(std::vector<Box>& boxes, double x, double width, double pad, const Color& color,
           std::optional<Color> fill, bool dashed, double max_height) {
  if (boxes.empty()) return;
  boxes.front().height += pad;
  shift(boxes.front().items, pad);
  for (auto& o : boxes.front().outline) o.y += pad;
  boxes.back().height += pad;
  double total = 0;
  for (const auto& b : boxes) total += b.height + b.space_before;
  const bool together = total <= max_height;
  for (size_t i = 0; i < boxes.size(); ++i) {
    Box& b = boxes[i];
    std::vector<Item> deco;
    if (fill) deco.push_back(RectItem{{x, 0, width, b.height}, fill, std::nullopt, 0, 0, false});
    // Side rules cover this box and the gap above it, so a framed group has no holes.
    const double top = i == 0 ? 0 : -b.space_before;
    auto rule = [&](Point a, Point c) {
      if (dashed)
        deco.push_back(
            RectItem{{std::min(a.x, c.x), std::min(a.y, c.y), std::abs(c.x - a.x), std::abs(c.y - a.y)},
                     std::nullopt,
                     color,
                     0.6,
                     0,
                     true});
      else
        deco.push_back(LineItem{a, c, color, 0.6});
    };
    rule({x, top}, {x, b.height});
    rule({x + width, top}, {x + width, b.height});
    if (i == 0) rule({x, 0}, {x + width, 0});
    if (i + 1 == boxes.size()) rule({x, b.height}, {x + width, b.height});
    b.items.insert(b.items.begin(), deco.begin(), deco.end());
    if (together && i + 1 < boxes.size()) b.keep_with_next = true;
  }
}

}  // namespace tp::layout

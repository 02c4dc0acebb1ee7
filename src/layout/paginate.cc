#include <algorithm>

#include "layout/flow.h"

namespace tp::layout {

namespace {

class Placer {
 public:
  explicit Placer(Context& ctx) : ctx_(ctx), bottom_(ctx.style.page.height - ctx.style.margin_bottom) {}

  double room() const { return bottom_ - y_; }
  bool at_top() const { return at_top_; }

  void new_page() {
    ctx_.doc.pages.push_back(Page{ctx_.style.page, {}});
    y_ = ctx_.style.margin_top;
    at_top_ = true;
  }

  double gap(const Box& b) const { return at_top_ ? 0 : b.space_before; }

  int outline_level = 0;

  void place(Box& b) {
    if (ctx_.doc.pages.empty()) new_page();
    Page& page = ctx_.doc.pages.back();
    const double g = gap(b);
    if (b.separator && !at_top_) {
      const double ry = y_ + g / 2;
      page.items.push_back(LineItem{{ctx_.style.margin_left, ry},
                                    {ctx_.style.page.width - ctx_.style.margin_right, ry},
                                    ctx_.style.rule_color,
                                    0.6});
    }
    y_ += g;
    shift(b.items, y_);
    for (auto& item : b.items) page.items.push_back(std::move(item));
    for (auto o : b.outline) {
      o.page = static_cast<int>(ctx_.doc.pages.size()) - 1;
      o.y += y_;
      o.level += outline_level;
      ctx_.doc.outline.push_back(std::move(o));
    }
    y_ += b.height;
    at_top_ = false;
  }

 private:
  Context& ctx_;
  double bottom_;
  double y_ = 0;
  bool at_top_ = true;
};

}  // namespace

void paginate(Context& ctx, std::vector<Box>& boxes, int outline_level) {
  constexpr double eps = 1e-6;
  Placer placer(ctx);
  placer.outline_level = outline_level;
  placer.new_page();
  const double page_room = ctx.style.content_height();
  size_t i = 0;
  while (i < boxes.size()) {
    // The group that must stay on one page: box i and every box kept with it.
    size_t j = i;
    while (j + 1 < boxes.size() && boxes[j].keep_with_next) ++j;
    double group = boxes[i].height;
    for (size_t k = i + 1; k <= j; ++k) group += boxes[k].space_before + boxes[k].height;

    if (placer.gap(boxes[i]) + group <= placer.room() + eps) {
      for (size_t k = i; k <= j; ++k) placer.place(boxes[k]);
      i = j + 1;
    } else if (group > page_room + eps) {
      // Taller than any page: keep what can be kept, break where the page is full.
      for (size_t k = i; k <= j; ++k) {
        if (!placer.at_top() && placer.gap(boxes[k]) + boxes[k].height > placer.room() + eps)
          placer.new_page();
        placer.place(boxes[k]);
      }
      i = j + 1;
    } else {
      placer.new_page();
    }
  }
}

}  // namespace tp::layout

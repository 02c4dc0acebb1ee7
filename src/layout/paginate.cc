#include <algorithm>
#include <memory>

#include "layout/flow.h"

namespace tp::layout {

class Paginator::Placer {
 public:
  explicit Placer(Context& ctx) : ctx_(ctx), bottom_(ctx.style.page.height - ctx.style.margin_bottom) {}

  double room() const { return bottom_ - y_; }
  bool at_top() const { return at_top_; }

  void new_page() {
    if (!ctx_.doc.pages.empty() && ctx_.page_done) ctx_.page_done(ctx_.doc.pages.size() - 1);
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
    std::vector<Item>().swap(b.items);  // the box is done with: its emptied items go too
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

Paginator::Paginator(Context& ctx, int outline_level) : ctx_(ctx), placer_(std::make_unique<Placer>(ctx)) {
  placer_->outline_level = outline_level;
  placer_->new_page();
}

Paginator::~Paginator() = default;

void Paginator::add(std::vector<Box>&& boxes) {
  for (Box& b : boxes) pending_.push_back(std::move(b));
  place_groups(false);
}

void Paginator::finish() { place_groups(true); }

void Paginator::place_groups(bool all) {
  constexpr double eps = 1e-6;
  Placer& placer = *placer_;
  const double page_room = ctx_.style.content_height();
  std::vector<Box>& boxes = pending_;
  size_t i = 0;
  while (i < boxes.size()) {
    // The group that must stay on one page: box i and every box kept with it. A group still open
    // at the end of what was given waits for the next boxes.
    size_t j = i;
    while (j + 1 < boxes.size() && boxes[j].keep_with_next) ++j;
    if (!all && boxes[j].keep_with_next) break;
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
  boxes.erase(boxes.begin(), boxes.begin() + static_cast<long>(i));
}

void paginate(Context& ctx, std::vector<Box>& boxes, int outline_level) {
  Paginator paginator(ctx, outline_level);
  paginator.add(std::move(boxes));
  paginator.finish();
}

}  // namespace tp::layout

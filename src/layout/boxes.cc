// Moving display items, and frames drawn around consecutive boxes.
#include <algorithm>
#include <cmath>

#include "layout/flow.h"

namespace tp::layout {

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

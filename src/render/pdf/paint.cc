#include "render/pdf/paint.h"

#include <algorithm>
#include <utility>

#include "core/format.h"

namespace tp::render::pdf {

namespace {

std::string num(double v) { return fmt_num(v, 3); }

std::string color(const Color& c) { return fmt_num(c.r, 4) + ' ' + fmt_num(c.g, 4) + ' ' + fmt_num(c.b, 4); }

// A rectangle path with corners of radius r, in PDF space with (x, y) the lower-left corner.
// Each quarter circle is one cubic Bézier with control points at k = 0.5523 of the radius, the
// usual approximation (radial error below 0.03 %).
void rounded_rect_path(std::string& out, double x, double y, double w, double h, double r) {
  const double k = 0.55228475 * r;
  const double x1 = x + w, y1 = y + h;
  out += num(x + r) + ' ' + num(y) + " m\n";
  out += num(x1 - r) + ' ' + num(y) + " l\n";
  out += num(x1 - r + k) + ' ' + num(y) + ' ' + num(x1) + ' ' + num(y + r - k) + ' ' + num(x1) + ' ' +
         num(y + r) + " c\n";
  out += num(x1) + ' ' + num(y1 - r) + " l\n";
  out += num(x1) + ' ' + num(y1 - r + k) + ' ' + num(x1 - r + k) + ' ' + num(y1) + ' ' + num(x1 - r) + ' ' +
         num(y1) + " c\n";
  out += num(x + r) + ' ' + num(y1) + " l\n";
  out += num(x + r - k) + ' ' + num(y1) + ' ' + num(x) + ' ' + num(y1 - r + k) + ' ' + num(x) + ' ' +
         num(y1 - r) + " c\n";
  out += num(x) + ' ' + num(y + r) + " l\n";
  out += num(x) + ' ' + num(y + r - k) + ' ' + num(x + r - k) + ' ' + num(y) + ' ' + num(x + r) + ' ' +
         num(y) + " c\n";
  out += "h\n";
}

}  // namespace

void write_rect(std::string& out, const layout::RectItem& rect, double page_height) {
  if (!rect.fill && !rect.stroke) return;
  const Rect& b = rect.box;
  out += "q\n";
  if (rect.fill) out += color(*rect.fill) + " rg\n";
  if (rect.stroke) {
    out += color(*rect.stroke) + " RG\n" + num(rect.line_width) + " w\n";
    if (rect.dashed) {
      // Dashes scale with the line so thin and thick rules look alike.
      const double dash = 3 * std::max(rect.line_width, 0.5);
      out += '[' + num(dash) + ' ' + num(dash) + "] 0 d\n";
    }
  }
  const double y = page_height - b.bottom();
  const double r = std::clamp(rect.corner_radius, 0.0, std::min(b.width, b.height) / 2);
  if (r > 0) {
    rounded_rect_path(out, b.x, y, b.width, b.height, r);
  } else {
    out += num(b.x) + ' ' + num(y) + ' ' + num(b.width) + ' ' + num(b.height) + " re\n";
  }
  out += rect.fill && rect.stroke ? "B\n" : rect.fill ? "f\n" : "S\n";
  out += "Q\n";
}

void write_line(std::string& out, const layout::LineItem& line, double page_height) {
  out += "q\n" + color(line.color) + " RG\n" + num(line.width) + " w\n";
  out += num(line.from.x) + ' ' + num(page_height - line.from.y) + " m\n";
  out += num(line.to.x) + ' ' + num(page_height - line.to.y) + " l\nS\nQ\n";
}

void write_image(std::string& out, const Rect& box, std::string_view name, double page_height,
                 int orientation) {
  // An image occupies the unit square of user space (8.9.4), its first stored row at the top:
  // sample (u, v), u across and v down the stored picture in 0..1, sits at (s, t) = (u, 1 - v).
  // Where the upright picture shows that sample, (X, Y) across and down the box in 0..1, is what
  // TIFF 6.0 says of each Orientation (which visual side the 0th row and the 0th column are).
  auto upright = [orientation](double u, double v) -> std::pair<double, double> {
    switch (orientation) {
      case 2:
        return {1 - u, v};
      case 3:
        return {1 - u, 1 - v};
      case 4:
        return {u, 1 - v};
      case 5:
        return {v, u};
      case 6:
        return {1 - v, u};
      case 7:
        return {1 - v, 1 - u};
      case 8:
        return {v, 1 - u};
      default:
        return {u, v};
    }
  };
  const double bottom = page_height - box.bottom();
  // The matrix is affine, so the images of three corners of the unit square give it.
  auto page = [&](double s, double t) {
    auto [x, y] = upright(s, 1 - t);
    return std::pair{box.x + x * box.width, bottom + (1 - y) * box.height};
  };
  const auto [e, f] = page(0, 0);
  const auto [sx, sy] = page(1, 0);
  const auto [tx, ty] = page(0, 1);
  out += "q\n" + num(sx - e) + ' ' + num(sy - f) + ' ' + num(tx - e) + ' ' + num(ty - f) + ' ' + num(e) +
         ' ' + num(f) + " cm\n/";
  out += name;
  out += " Do\nQ\n";
}

}  // namespace tp::render::pdf

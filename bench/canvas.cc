#include "canvas.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tp::bench {

Color rgb(int hex, double alpha) {
  return {((hex >> 16) & 0xFF) / 255.0, ((hex >> 8) & 0xFF) / 255.0, (hex & 0xFF) / 255.0, alpha};
}

Color mix(Color a, Color b, double t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, a.a + (b.a - a.a) * t};
}

Color hsv(double hue, double s, double v, double alpha) {
  hue = std::fmod(std::fmod(hue, 360) + 360, 360) / 60;
  double c = v * s, x = c * (1 - std::fabs(std::fmod(hue, 2) - 1)), m = v - c;
  double r = 0, g = 0, b = 0;
  switch (static_cast<int>(hue)) {
    case 0:
      r = c, g = x;
      break;
    case 1:
      r = x, g = c;
      break;
    case 2:
      g = c, b = x;
      break;
    case 3:
      g = x, b = c;
      break;
    case 4:
      r = x, b = c;
      break;
    default:
      r = c, b = x;
      break;
  }
  return {r + m, g + m, b + m, alpha};
}

Canvas::Canvas(int width, int height, Color background) : w_(width), h_(height) {
  px_.resize(static_cast<size_t>(w_) * h_ * 4);
  for (size_t i = 0; i < px_.size(); i += 4) {
    px_[i] = static_cast<float>(background.r);
    px_[i + 1] = static_cast<float>(background.g);
    px_[i + 2] = static_cast<float>(background.b);
    px_[i + 3] = static_cast<float>(background.a);
  }
}

void Canvas::blend(int x, int y, Color c, double coverage) {
  float* p = &px_[(static_cast<size_t>(y) * w_ + x) * 4];
  double src_a = std::clamp(c.a * coverage, 0.0, 1.0), dst_a = p[3];
  double out_a = src_a + dst_a * (1 - src_a);
  if (out_a <= 0) return;
  auto over = [&](double s, double d) {
    return static_cast<float>((s * src_a + d * dst_a * (1 - src_a)) / out_a);
  };
  p[0] = over(c.r, p[0]);
  p[1] = over(c.g, p[1]);
  p[2] = over(c.b, p[2]);
  p[3] = static_cast<float>(out_a);
}

double sd_segment(double px, double py, double ax, double ay, double bx, double by) {
  double dx = bx - ax, dy = by - ay, qx = px - ax, qy = py - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? std::clamp((qx * dx + qy * dy) / len2, 0.0, 1.0) : 0;
  return std::hypot(qx - t * dx, qy - t * dy);
}

// Distance to the outline, negative inside by the even-odd rule (after Inigo Quilez's sdPolygon).
double sd_polygon(double px, double py, const std::vector<double>& xy) {
  size_t n = xy.size() / 2;
  double best = 1e300;
  bool inside = false;
  for (size_t i = 0, j = n - 1; i < n; j = i++) {
    double ax = xy[2 * j], ay = xy[2 * j + 1], bx = xy[2 * i], by = xy[2 * i + 1];
    best = std::min(best, sd_segment(px, py, ax, ay, bx, by));
    if ((by > py) != (ay > py) && px < (ax - bx) * (py - by) / (ay - by) + bx) inside = !inside;
  }
  return inside ? -best : best;
}

double sd_rounded_box(double px, double py, double cx, double cy, double hw, double hh, double r) {
  double qx = std::fabs(px - cx) - hw + r, qy = std::fabs(py - cy) - hh + r;
  double outside = std::hypot(std::max(qx, 0.0), std::max(qy, 0.0));
  return outside + std::min(std::max(qx, qy), 0.0) - r;
}

void Canvas::circle(double cx, double cy, double r, Color c) {
  fill(
      cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1,
      [&](double x, double y) { return std::hypot(x - cx, y - cy) - r; }, [&](double, double) { return c; });
}

void Canvas::rounded_rect(double x, double y, double w, double h, double radius, Color c) {
  fill(
      x - 1, y - 1, x + w + 1, y + h + 1,
      [&](double px, double py) {
        return sd_rounded_box(px, py, x + w / 2, y + h / 2, w / 2, h / 2, radius);
      },
      [&](double, double) { return c; });
}

void Canvas::line(double ax, double ay, double bx, double by, double width, Color c) {
  double r = width / 2;
  fill(
      std::min(ax, bx) - r - 1, std::min(ay, by) - r - 1, std::max(ax, bx) + r + 1, std::max(ay, by) + r + 1,
      [&](double x, double y) { return sd_segment(x, y, ax, ay, bx, by) - r; },
      [&](double, double) { return c; });
}

void Canvas::polygon(const std::vector<double>& xy, Color c) {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (size_t i = 0; i + 1 < xy.size(); i += 2) {
    x0 = std::min(x0, xy[i]), x1 = std::max(x1, xy[i]);
    y0 = std::min(y0, xy[i + 1]), y1 = std::max(y1, xy[i + 1]);
  }
  fill(
      x0 - 1, y0 - 1, x1 + 1, y1 + 1, [&](double x, double y) { return sd_polygon(x, y, xy); },
      [&](double, double) { return c; });
}

namespace {

// Strokes (polylines) in a box 0.6 wide and 1 tall, y down.
using Glyph = std::vector<std::vector<double>>;

const std::map<char, Glyph>& stroke_font() {
  // Digits are seven-segment shapes: a cap height reads as a number even at 12 pixels.
  static const std::map<char, Glyph> font = [] {
    const std::vector<double> a{0, 0, 0.6, 0}, b{0.6, 0, 0.6, 0.5}, c{0.6, 0.5, 0.6, 1}, d{0, 1, 0.6, 1},
        e{0, 0.5, 0, 1}, f{0, 0, 0, 0.5}, g{0, 0.5, 0.6, 0.5};
    std::map<char, Glyph> m{
        {'0', {a, b, c, d, e, f}},
        {'1', {{0.1, 0.2, 0.35, 0, 0.35, 1}}},
        {'2', {a, b, g, e, d}},
        {'3', {a, b, g, c, d}},
        {'4', {f, g, b, c}},
        {'5', {a, f, g, c, d}},
        {'6', {a, f, g, c, d, e}},
        {'7', {a, b, c}},
        {'8', {a, b, c, d, e, f, g}},
        {'9', {a, b, c, d, f, g}},
        {'A', {{0, 1, 0.3, 0, 0.6, 1}, {0.1, 0.64, 0.5, 0.64}}},
        {'K', {{0, 0, 0, 1}, {0.6, 0, 0, 0.58}, {0.2, 0.4, 0.6, 1}}},
        {'M', {{0, 1, 0, 0, 0.3, 0.6, 0.6, 0, 0.6, 1}}},
        {'N', {{0, 1, 0, 0, 0.6, 1, 0.6, 0}}},
        {'T', {{0, 0, 0.6, 0}, {0.3, 0, 0.3, 1}}},
        {'V', {{0, 0, 0.3, 1, 0.6, 0}}},
        {'x', {{0.1, 0.35, 0.5, 0.95}, {0.5, 0.35, 0.1, 0.95}}},
    };
    return m;
  }();
  return font;
}

}  // namespace

void Canvas::text(const std::string& s, double x, double y, double height, double stroke, Color c) {
  for (char ch : s) {
    auto it = stroke_font().find(ch);
    if (it != stroke_font().end())
      for (const auto& polyline : it->second)
        for (size_t i = 0; i + 3 < polyline.size(); i += 2)
          line(x + polyline[i] * height, y + polyline[i + 1] * height, x + polyline[i + 2] * height,
               y + polyline[i + 3] * height, stroke, c);
    x += 0.9 * height;
  }
}

void Canvas::grain(Prng& rng, double amount) {
  std::uint64_t bits = 0;
  for (size_t p = 0; p < px_.size() / 4; ++p) {
    if (p % 4 == 0) bits = rng.next();  // four 16-bit noise values a draw
    double u = static_cast<double>((bits >> (16 * (p % 4))) & 0xFFFF) / 65535.0;
    auto n = static_cast<float>((u * 2 - 1) * amount);
    float* q = &px_[p * 4];
    q[0] += n, q[1] += n, q[2] += n;
  }
}

Raster Canvas::to_raster(bool keep_alpha) const {
  Raster r;
  r.encoding = keep_alpha ? Raster::Encoding::Rgba8 : Raster::Encoding::Rgb8;
  r.width = w_;
  r.height = h_;
  int n = keep_alpha ? 4 : 3;
  r.data.resize(static_cast<size_t>(w_) * h_ * n);
  auto byte = [](float v) {
    return static_cast<char>(static_cast<unsigned char>(std::lround(std::clamp(v, 0.f, 1.f) * 255)));
  };
  for (size_t i = 0, o = 0; i < px_.size(); i += 4, o += n)
    for (int c = 0; c < n; ++c) r.data[o + c] = byte(px_[i + c]);
  return r;
}

}  // namespace tp::bench

#include "pictures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "canvas.h"

namespace tp::bench {

namespace {

constexpr double kPi = 3.14159265358979323846;

const char* hue_name(double hue) {
  static const char* names[] = {"red",  "orange", "amber", "yellow", "lime",   "green",   "teal",
                                "cyan", "azure",  "blue",  "indigo", "violet", "magenta", "pink"};
  hue = std::fmod(std::fmod(hue, 360) + 360, 360);
  static const double starts[] = {0, 18, 38, 50, 65, 90, 150, 175, 195, 215, 240, 265, 290, 320};
  int i = 13;
  while (i > 0 && hue < starts[i]) --i;
  return hue >= 345 ? "red" : names[i];
}

// Ridge line: a few sines, so the hills are smooth and differ per picture.
struct Ridge {
  double base, amp[3], freq[3], phase[3];
  double at(double x) const {
    double y = base;
    for (int k = 0; k < 3; ++k) y += amp[k] * std::sin(x * freq[k] + phase[k]);
    return y;
  }
};

Ridge random_ridge(Prng& rng, double base, double amplitude, double width) {
  Ridge r{base, {}, {}, {}};
  for (int k = 0; k < 3; ++k) {
    r.amp[k] = amplitude / (k + 1) * rng.uniform(0.5, 1.0);
    r.freq[k] = 2 * kPi / width * rng.uniform(0.6, 1.6) * (k * 2 + 1);
    r.phase[k] = rng.uniform(0, 2 * kPi);
  }
  return r;
}

void fill_below(Canvas& c, const Ridge& ridge, Color top, Color bottom) {
  double h = c.height();
  c.fill(
      0, 0, c.width(), h, [&](double x, double y) { return ridge.at(x) - y; },
      [&](double, double y) { return mix(top, bottom, std::clamp(y / h, 0.0, 1.0)); });
}

void vertical_gradient(Canvas& c, Color top, Color bottom) {
  double h = c.height();
  c.fill(
      0, 0, c.width(), h, [](double, double) { return -1.0; },
      [&](double, double y) { return mix(top, bottom, y / h); });
}

void soft_circle(Canvas& c, double cx, double cy, double r, double softness, Color color) {
  c.fill(
      cx - r - softness, cy - r - softness, cx + r + softness, cy + r + softness,
      [&](double x, double y) { return (std::hypot(x - cx, y - cy) - r) / softness; },
      [&](double, double) { return color; });
}

}  // namespace

Picture photo_like(Prng& rng, int w, int h) {
  double hue_top = rng.uniform(0, 360), hue_bottom = hue_top + rng.uniform(40, 160);
  Canvas c(w, h, {});
  vertical_gradient(c, hsv(hue_top, rng.uniform(0.4, 0.8), rng.uniform(0.35, 0.7)),
                    hsv(hue_bottom, rng.uniform(0.5, 0.9), rng.uniform(0.75, 1.0)));
  int lights = rng.range(4, 14);
  for (int i = 0; i < lights; ++i) {
    double r = rng.uniform(0.03, 0.12) * std::min(w, h);
    soft_circle(c, rng.uniform(0, w), rng.uniform(0, h * 0.7), r, r * rng.uniform(0.2, 0.8),
                hsv(hue_bottom + rng.uniform(-30, 30), 0.3, 1.0, rng.uniform(0.25, 0.6)));
  }
  int ridges = rng.range(1, 3);
  for (int i = 0; i < ridges; ++i) {
    double depth = (i + 1.0) / ridges;
    Ridge ridge = random_ridge(rng, h * (0.55 + 0.15 * depth), h * 0.08, w);
    Color far = hsv(hue_top + 20, 0.5, 0.55 - 0.4 * depth);
    fill_below(c, ridge, far, mix(far, rgb(0x000000), 0.5));
  }
  // Film grain: without it a gradient compresses to a few kilobytes, far from what photos weigh.
  c.grain(rng, 0.035);
  std::string alt = std::string("A soft ") + hue_name(hue_top) + "-to-" + hue_name(hue_bottom) +
                    " gradient with " + std::to_string(lights) + " blurred lights above " +
                    (ridges == 1 ? "a dark hill line" : std::to_string(ridges) + " layers of hills") + ".";
  return {c.to_raster(false), alt};
}

Picture diagram_like(Prng& rng, int w, int h) {
  bool dark = rng.chance(0.25);
  Color paper = dark ? rgb(0x1E2230) : rgb(0xF7F5F0), ink = dark ? rgb(0xE8E6E0) : rgb(0x2A2D34);
  Color grid = mix(paper, ink, 0.12);
  double hue = rng.uniform(0, 360);
  Color accent = hsv(hue, 0.65, dark ? 0.95 : 0.8);
  Canvas c(w, h, paper);
  double m = 0.06 * std::min(w, h);
  int kind = rng.range(0, 2);
  std::string alt;
  if (kind == 0) {
    int bars = rng.range(4, 12);
    double x0 = m * 1.5, y0 = m, x1 = w - m, y1 = h - m, slot = (x1 - x0) / bars;
    for (int k = 0; k <= 4; ++k) c.line(x0, y0 + (y1 - y0) * k / 4, x1, y0 + (y1 - y0) * k / 4, 1.5, grid);
    for (int i = 0; i < bars; ++i) {
      double v = rng.uniform(0.1, 1.0);
      c.rounded_rect(x0 + slot * (i + 0.15), y1 - (y1 - y0) * v, slot * 0.7, (y1 - y0) * v, slot * 0.08,
                     i % 3 == 2 ? hsv(hue + 150, 0.6, 0.85) : accent);
    }
    c.line(x0, y1, x1, y1, 3, ink);
    alt = "A bar chart with " + std::to_string(bars) + " " + hue_name(hue) + " bars on a " +
          (dark ? "dark" : "light") + " background.";
  } else if (kind == 1) {
    int points = rng.range(6, 24);
    double x0 = m * 1.5, y0 = m, x1 = w - m, y1 = h - m;
    for (int k = 0; k <= 5; ++k) c.line(x0 + (x1 - x0) * k / 5, y0, x0 + (x1 - x0) * k / 5, y1, 1.5, grid);
    std::vector<double> xs, ys;
    double v = rng.uniform(0.3, 0.7);
    for (int i = 0; i < points; ++i) {
      v = std::clamp(v + rng.uniform(-0.2, 0.2), 0.05, 0.95);
      xs.push_back(x0 + (x1 - x0) * i / (points - 1));
      ys.push_back(y1 - (y1 - y0) * v);
    }
    for (int i = 0; i + 1 < points; ++i) c.line(xs[i], ys[i], xs[i + 1], ys[i + 1], 0.008 * w + 2, accent);
    for (int i = 0; i < points; ++i) c.circle(xs[i], ys[i], 0.008 * w + 3, ink);
    alt = "A line chart of " + std::to_string(points) + " points in " + hue_name(hue) + ", wandering " +
          (ys.back() < ys.front() ? "upwards" : "downwards") + ".";
  } else {
    // A page of a text editor: a title bar, then lines of "text" as rounded bars.
    c.rounded_rect(0, 0, w, m * 1.2, 0, mix(paper, accent, 0.85));
    for (int i = 0; i < 3; ++i) c.circle(m * (0.6 + 0.5 * i), m * 0.6, m * 0.15, paper);
    double y = m * 2, line_h = std::max(10.0, 0.035 * h);
    int lines = 0;
    while (y + line_h < h - m) {
      double len = rng.chance(0.15) ? rng.uniform(0.2, 0.5) : rng.uniform(0.7, 1.0);
      c.rounded_rect(m, y, (w - 2 * m) * len, line_h * 0.6, line_h * 0.3, rng.chance(0.1) ? accent : grid);
      y += rng.chance(0.15) ? line_h * 2 : line_h * 1.2;
      ++lines;
    }
    alt = "A screenshot-like page with " + std::to_string(lines) + " lines of placeholder text and a " +
          hue_name(hue) + " title bar.";
  }
  return {c.to_raster(false), alt};
}

Raster avatar(int size, double hue, char letter) {
  Canvas c(size, size, {1, 1, 1, 0});
  double r = size / 2.0 - 1, cx = size / 2.0;
  Color top = hsv(hue, 0.55, 0.95), bottom = hsv(hue + 35, 0.8, 0.6);
  c.fill(
      0, 0, size, size, [&](double x, double y) { return std::hypot(x - cx, y - cx) - r; },
      [&](double x, double y) { return mix(top, bottom, std::clamp((x + y) / (2.0 * size), 0.0, 1.0)); });
  double letter_h = size * 0.46;
  c.text(std::string(1, letter), cx - 0.3 * letter_h, cx - letter_h / 2, letter_h, size * 0.085,
         rgb(0xFFFFFF));
  return c.to_raster(true);
}

Raster paper_sizes_diagram() {
  const int w = 800, h = 566;
  Canvas c(w, h, rgb(0xFBFAF6));
  const Color fills[] = {rgb(0xCFE3F3), rgb(0xF6D8C3), rgb(0xD7ECD2),
                         rgb(0xF2E3A9), rgb(0xE4D4F0), rgb(0xF7CFD8)};
  const Color ink = rgb(0x2E3440);
  // A0 in landscape, split in halves across its long side, again and again: each half is the next
  // size and has the same 1:sqrt(2) shape.
  double x = 24, y = 24, sw = 752, sh = 752 / std::sqrt(2.0);
  for (int n = 1; n <= 6; ++n) {
    bool landscape = sw >= sh;
    double hw = landscape ? sw / 2 : sw, hh = landscape ? sh : sh / 2;
    c.rounded_rect(x + 3, y + 3, hw - 6, hh - 6, 6, fills[n - 1]);
    double label = std::min(hw, hh) * 0.26;
    c.text("A" + std::to_string(n), x + hw / 2 - 0.75 * label, y + hh / 2 - label / 2, label,
           std::max(2.0, label * 0.12), ink);
    if (landscape)
      x += hw, sw -= hw;
    else
      y += hh, sh -= hh;
  }
  c.rounded_rect(x + 3, y + 3, sw - 6, sh - 6, 3, rgb(0xB8C4D6));  // what is left: A7 and smaller
  // Frame of the whole A0 sheet.
  double fx0 = 24, fy0 = 24, fx1 = 776, fy1 = 24 + 752 / std::sqrt(2.0);
  c.line(fx0, fy0, fx1, fy0, 3, ink);
  c.line(fx1, fy0, fx1, fy1, 3, ink);
  c.line(fx1, fy1, fx0, fy1, 3, ink);
  c.line(fx0, fy1, fx0, fy0, 3, ink);
  return c.to_raster(false);
}

Raster sunset_landscape() {
  const int w = 1200, h = 675;
  const double horizon = h * 0.64, sun_x = w * 0.62, sun_y = h * 0.56, sun_r = 62;
  Canvas c(w, h, {});
  const Color zenith = rgb(0x1B1F4B), mid = rgb(0x8E3B76), low = rgb(0xF28C38), haze = rgb(0xFFD27A);
  c.fill(
      0, 0, w, horizon + 1, [](double, double) { return -1.0; },
      [&](double, double y) {
        double t = y / horizon;
        return t < 0.55   ? mix(zenith, mid, t / 0.55)
               : t < 0.85 ? mix(mid, low, (t - 0.55) / 0.3)
                          : mix(low, haze, (t - 0.85) / 0.15);
      });
  for (int k = 4; k >= 1; --k)
    soft_circle(c, sun_x, sun_y, sun_r * (1 + 0.6 * k), sun_r * 0.8 * k, rgb(0xFFE6A8, 0.12));
  c.circle(sun_x, sun_y, sun_r, rgb(0xFFF1C9));
  // Water: the sky's lower colors, darker, with streaks of the sun's light.
  c.fill(
      0, horizon, w, h, [](double, double) { return -1.0; },
      [&](double, double y) { return mix(rgb(0xB5607A), rgb(0x231B3D), (y - horizon) / (h - horizon)); });
  Prng rng(7);
  for (int i = 0; i < 46; ++i) {
    double y = horizon + 6 + i * i * 0.11 + rng.uniform(0, 3);
    if (y > h) break;
    double half = (90 - i * 1.4) * rng.uniform(0.5, 1.1);
    double x = sun_x + rng.uniform(-20, 20);
    c.line(x - half, y, x + half, y, 2 + i * 0.06, rgb(0xFFD9A0, 0.55 - i * 0.01));
  }
  const Color ranges[] = {rgb(0x6B3A6E), rgb(0x4A2A57), rgb(0x2B1C3A)};
  const double bases[] = {0.60, 0.66, 0.74};
  for (int i = 0; i < 3; ++i) {
    Ridge ridge = random_ridge(rng, h * bases[i], h * (0.05 + 0.03 * i), w);
    // Mountains stand on the shore line, so ridges stop at the horizon except the nearest one.
    // The nearest one is a headland on the left that drops into the water before the sun's path.
    double floor = i == 2 ? h : horizon + 1;
    auto top = [&](double x) {
      double drop = std::max(0.0, x / w - 0.12);
      return ridge.at(x) + (i == 2 ? drop * drop * h * 2.5 : 0.0);
    };
    c.fill(
        0, 0, w, floor, [&](double x, double y) { return std::max(top(x) - y, y - floor); },
        [&](double, double) { return ranges[i]; });
  }
  return c.to_raster(false);
}

Raster emoji_sheet() {
  const int n = 64;
  Canvas c(n, n, {1, 1, 1, 0});
  const Color ink = rgb(0x2E3440);
  // The sheet keeps A4's 1:sqrt(2) shape; the folded corner is a triangle over its top right.
  const double h = 58, w = h / std::sqrt(2.0), x = (n - w) / 2, y = 3, fold = 12;
  c.polygon({x, y, x + w - fold, y, x + w, y + fold, x + w, y + h, x, y + h}, ink);
  c.polygon({x + 2.5, y + 2.5, x + w - fold - 1, y + 2.5, x + w - 2.5, y + fold + 1, x + w - 2.5, y + h - 2.5,
             x + 2.5, y + h - 2.5},
            rgb(0xFFFFFF));
  c.polygon({x + w - fold, y, x + w - fold, y + fold, x + w, y + fold}, rgb(0xB8C4D6));
  c.text("A4", x + 6, y + h / 2 - 7, 14, 2.4, rgb(0x1A5BB8));
  return c.to_raster(true);
}

Raster emoji_globe() {
  const int n = 64;
  Canvas c(n, n, {1, 1, 1, 0});
  const double r = 29, cx = 32;
  c.circle(cx, cx, r, rgb(0x1A5BB8));
  c.circle(cx, cx, r - 3, rgb(0x6FA8DC));
  const Color line = rgb(0xFFFFFF);
  c.line(cx, cx - r + 3, cx, cx + r - 3, 2.2, line);
  c.line(cx - r + 3, cx, cx + r - 3, cx, 2.2, line);
  // Two meridians as polylines of an ellipse half as wide as the globe.
  for (double side : {-1.0, 1.0}) {
    double px = cx, py = cx - r + 3;
    for (int k = 1; k <= 16; ++k) {
      double a = -M_PI / 2 + M_PI * k / 16;
      double qx = cx + side * (r - 3) * 0.55 * std::cos(a), qy = cx + (r - 3) * std::sin(a);
      c.line(px, py, qx, qy, 2.2, line);
      px = qx, py = qy;
    }
  }
  return c.to_raster(true);
}

}  // namespace tp::bench

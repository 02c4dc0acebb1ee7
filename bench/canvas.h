// A small anti-aliased painter for the generated pictures: shapes are signed distance functions,
// so every edge gets one pixel of coverage ramp without supersampling.
#pragma once

#include <string>
#include <vector>

#include "core/raster.h"
#include "prng.h"

namespace tp::bench {

struct Color {
  double r = 0, g = 0, b = 0, a = 1;  // 0..1, not premultiplied
};

Color rgb(int hex, double alpha = 1);  // rgb(0xFF8800)
Color mix(Color a, Color b, double t);
Color hsv(double hue_degrees, double s, double v, double alpha = 1);

class Canvas {
 public:
  Canvas(int width, int height, Color background);
  int width() const { return w_; }
  int height() const { return h_; }

  // Paints `color_at(x, y)` over the pixel centres where `distance(x, y)` (negative inside) says the
  // shape is, within the box [x0, x1) x [y0, y1).
  template <class Distance, class Paint>
  void fill(double x0, double y0, double x1, double y1, Distance distance, Paint color_at);

  // Convenience shapes in a single color.
  void circle(double cx, double cy, double r, Color c);
  void rounded_rect(double x, double y, double w, double h, double radius, Color c);
  void line(double ax, double ay, double bx, double by, double width, Color c);  // round caps
  void polygon(const std::vector<double>& xy, Color c);                          // x0, y0, x1, y1, ...
  // Letters A K M N T V and digits in a stroke font; `height` is the cap height in pixels.
  void text(const std::string& s, double x, double y, double height, double stroke, Color c);

  // Adds the same uniform noise in [-amount, amount] to the three channels of every pixel.
  void grain(Prng& rng, double amount);

  Raster to_raster(bool keep_alpha) const;  // Rgb8, or Rgba8 when keep_alpha

  void blend(int x, int y, Color c, double coverage);

 private:
  int w_, h_;
  std::vector<float> px_;  // r, g, b, a per pixel
};

// Signed distances (negative inside).
double sd_segment(double px, double py, double ax, double ay, double bx, double by);
double sd_polygon(double px, double py, const std::vector<double>& xy);
double sd_rounded_box(double px, double py, double cx, double cy, double hw, double hh, double r);

template <class Distance, class Paint>
void Canvas::fill(double x0, double y0, double x1, double y1, Distance distance, Paint color_at) {
  auto clamp = [](double v, int hi) { return v < 0 ? 0 : v > hi ? hi : static_cast<int>(v); };
  int ix0 = clamp(x0, w_), iy0 = clamp(y0, h_), ix1 = clamp(x1 + 1, w_), iy1 = clamp(y1 + 1, h_);
  for (int y = iy0; y < iy1; ++y)
    for (int x = ix0; x < ix1; ++x) {
      double cx = x + 0.5, cy = y + 0.5;
      double coverage = 0.5 - distance(cx, cy);
      if (coverage <= 0) continue;
      blend(x, y, color_at(cx, cy), coverage > 1 ? 1 : coverage);
    }
}

}  // namespace tp::bench

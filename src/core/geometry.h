// Geometry shared by layout and render. Units are PDF points (1/72 in). The origin is the top-left
// corner of the page and y grows downwards; only the PDF backend flips to PDF's bottom-up space.
#pragma once

namespace tp {

struct Point {
  double x = 0, y = 0;
};

struct Size {
  double width = 0, height = 0;
};

struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
};

// sRGB colour, each channel in [0, 1].
struct Color {
  double r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};

}  // namespace tp

#include "raster.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "pdf_tools.h"

namespace tp::test {

namespace {

// A binary PGM as pdftoppm -gray writes it: "P5 <width> <height> <maxval>" and one byte a pixel.
InkMap read_pgm(const std::string& bytes) {
  InkMap map;
  std::size_t at = 0;
  auto token = [&]() {
    while (at < bytes.size() && (std::isspace(static_cast<unsigned char>(bytes[at])) || bytes[at] == '#')) {
      if (bytes[at] == '#') {
        while (at < bytes.size() && bytes[at] != '\n') ++at;
      } else {
        ++at;
      }
    }
    std::string t;
    while (at < bytes.size() && !std::isspace(static_cast<unsigned char>(bytes[at]))) t += bytes[at++];
    return t;
  };
  if (token() != "P5") return map;
  const int width = std::stoi(token()), height = std::stoi(token()), maxval = std::stoi(token());
  ++at;  // the one whitespace byte before the raster
  if (maxval != 255 || bytes.size() - at < static_cast<std::size_t>(width) * height) return map;
  map.width = width;
  map.height = height;
  for (std::size_t i = 0; i < static_cast<std::size_t>(width) * height; ++i) {
    map.ink.push_back(static_cast<std::uint8_t>(255 - static_cast<unsigned char>(bytes[at + i])));
  }
  return map;
}

}  // namespace

InkMap render_page(const std::string& pdf_path) {
  const std::string prefix = pdf_path + ".page";
  if (run("pdftoppm -r 72 -gray -singlefile -f 1 -l 1 '" + pdf_path + "' '" + prefix + "'").status != 0)
    return {};
  return read_pgm(read_file(prefix + ".pgm"));
}

InkMap render_run(const std::string& font_path, unsigned face_index, const layout::GlyphRun& run, int width,
                  int height) {
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  if (FT_Init_FreeType(&library)) throw std::runtime_error("FreeType does not start");
  if (FT_New_Face(library, font_path.c_str(), face_index, &face)) {
    FT_Done_FreeType(library);
    throw std::runtime_error("FreeType cannot open " + font_path);
  }
  InkMap map{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height, 0)};
  // 26.6 fixed point: at 72 dpi one point is one pixel.
  FT_Set_Char_Size(face, 0, static_cast<FT_F26Dot6>(std::lround(run.size * 64)), 72, 72);
  double pen = 0;
  for (const layout::Glyph& g : run.glyphs) {
    const double x = run.origin.x + pen + g.dx, y = run.origin.y + g.dy;  // y grows down
    const double ix = std::floor(x), iy = std::floor(y);
    // The fraction of a pixel goes into the outline (FreeType's y grows up), the rest is where
    // the bitmap lands.
    FT_Vector delta{static_cast<FT_Pos>(std::lround((x - ix) * 64)),
                    static_cast<FT_Pos>(-std::lround((y - iy) * 64))};
    FT_Set_Transform(face, nullptr, &delta);
    if (FT_Load_Glyph(face, g.gid, FT_LOAD_NO_HINTING | FT_LOAD_RENDER) == 0) {
      const FT_Bitmap& bitmap = face->glyph->bitmap;
      const int left = static_cast<int>(ix) + face->glyph->bitmap_left;
      const int top = static_cast<int>(iy) - face->glyph->bitmap_top;
      for (unsigned row = 0; row < bitmap.rows; ++row) {
        for (unsigned col = 0; col < bitmap.width; ++col) {
          const int px = left + static_cast<int>(col), py = top + static_cast<int>(row);
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
          std::uint8_t& dst = map.ink[static_cast<std::size_t>(py) * width + px];
          dst = static_cast<std::uint8_t>(std::min(255, dst + bitmap.buffer[row * bitmap.pitch + col]));
        }
      }
    }
    pen += g.advance;
  }
  FT_Done_Face(face);
  FT_Done_FreeType(library);
  return map;
}

InkBox ink_box(const InkMap& map, int threshold) {
  InkBox box{map.width, map.height, -1, -1};
  for (int y = 0; y < map.height; ++y) {
    for (int x = 0; x < map.width; ++x) {
      if (map.at(x, y) <= threshold) continue;
      box.left = std::min(box.left, x);
      box.right = std::max(box.right, x);
      box.top = std::min(box.top, y);
      box.bottom = std::max(box.bottom, y);
    }
  }
  return box;
}

namespace {

// Each pixel the mean of its 3 x 3 neighbourhood (clamped at the edges).
std::vector<double> blurred(const InkMap& map) {
  std::vector<double> out(map.ink.size());
  for (int y = 0; y < map.height; ++y) {
    for (int x = 0; x < map.width; ++x) {
      double sum = 0;
      int n = 0;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          if (x + dx < 0 || y + dy < 0 || x + dx >= map.width || y + dy >= map.height) continue;
          sum += map.at(x + dx, y + dy);
          ++n;
        }
      }
      out[static_cast<std::size_t>(y) * map.width + x] = sum / n;
    }
  }
  return out;
}

}  // namespace

double difference(const InkMap& a, const InkMap& b) {
  if (a.width != b.width || a.height != b.height) return 1;
  const std::vector<double> pa = blurred(a), pb = blurred(b);
  double diff = 0, total = 0;
  for (std::size_t i = 0; i < pa.size(); ++i) {
    diff += std::abs(pa[i] - pb[i]);
    total += pa[i] + pb[i];
  }
  return total > 0 ? diff / total : 0;
}

std::string write_pgm(const std::string& name, const InkMap& map) {
  std::string bytes = "P5\n" + std::to_string(map.width) + ' ' + std::to_string(map.height) + "\n255\n";
  for (std::uint8_t v : map.ink) bytes += static_cast<char>(255 - v);
  return write_file(name, bytes);
}

}  // namespace tp::test

#include "pdf_tools.h"

#include <hb.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace tp::test {

namespace {

struct HbFont {
  explicit HbFont(const std::string& path, unsigned face_index = 0) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (!blob) throw std::runtime_error("cannot read " + path);
    face = hb_face_create(blob, face_index);
    hb_blob_destroy(blob);
    font = hb_font_create(face);  // scale = units per em
  }
  ~HbFont() {
    hb_font_destroy(font);
    hb_face_destroy(face);
  }
  hb_face_t* face;
  hb_font_t* font;
};

}  // namespace

layout::GlyphRun shape(const std::string& font_path, int font, const std::string& text, double size,
                       Point origin, unsigned face_index) {
  HbFont f(font_path, face_index);
  hb_buffer_t* buf = hb_buffer_create();
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  hb_buffer_guess_segment_properties(buf);
  hb_shape(f.font, buf, nullptr, 0);
  unsigned n = 0;
  hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
  const double scale = size / hb_face_get_upem(f.face);
  layout::GlyphRun run;
  run.font = font;
  run.size = size;
  run.origin = origin;
  run.text = text;
  for (unsigned i = 0; i < n; ++i) {
    layout::Glyph g;
    g.gid = info[i].codepoint;
    g.cluster = info[i].cluster;
    g.dx = pos[i].x_offset * scale;
    g.dy = -pos[i].y_offset * scale;  // HarfBuzz y grows up, layout y grows down
    g.advance = pos[i].x_advance * scale;
    run.glyphs.push_back(g);
  }
  hb_buffer_destroy(buf);
  return run;
}

double run_width(const layout::GlyphRun& run) {
  double w = 0;
  for (const auto& g : run.glyphs) w += g.advance;
  return w;
}

double advance_1000(const std::string& font_path, std::uint32_t gid, unsigned face_index) {
  HbFont f(font_path, face_index);
  return hb_font_get_glyph_h_advance(f.font, gid) * 1000.0 / hb_face_get_upem(f.face);
}

namespace {

// The folder lives as long as the test process; TP_KEEP_TEST_FILES=1 keeps it for a look.
struct TempDir {
  TempDir() : path(std::filesystem::temp_directory_path() / ("tp_render_test_" + std::to_string(getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    const char* keep = std::getenv("TP_KEEP_TEST_FILES");
    if (!keep || std::string(keep) != "1") {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  }
  std::filesystem::path path;
};

}  // namespace

std::filesystem::path temp_dir() {
  static const TempDir dir;
  return dir.path;
}

std::string write_file(const std::string& name, const std::string& bytes) {
  const std::string path = (temp_dir() / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult run(const std::string& command, bool with_stderr) {
  CommandResult r;
  const std::string cmd = with_stderr ? command + " 2>&1" : command;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string qdf(const std::string& pdf_path) {
  const std::string out = pdf_path + ".qdf";
  run("qpdf --qdf --object-streams=disable '" + pdf_path + "' '" + out + "'");
  return read_file(out);
}

std::vector<double> array_after(const std::string& text, const std::string& key) {
  std::vector<double> numbers;
  std::size_t at = text.find(key + " [");
  if (at == std::string::npos) return numbers;
  at = text.find('[', at);
  int depth = 0;
  std::string token;
  auto flush = [&] {
    if (!token.empty()) numbers.push_back(std::stod(token));
    token.clear();
  };
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[') {
      flush();
      ++depth;
    } else if (c == ']') {
      flush();
      if (--depth == 0) break;
    } else if ((c >= '0' && c <= '9') || c == '.' || c == '-') {
      token += c;
    } else {
      flush();
    }
  }
  return numbers;
}

layout::Document one_page(std::vector<layout::FontFace> fonts, std::vector<layout::Item> items) {
  layout::Document doc;
  doc.fonts = std::move(fonts);
  layout::Page page;
  page.size = {420, 595};
  page.items = std::move(items);
  doc.pages.push_back(std::move(page));
  return doc;
}

}  // namespace tp::test

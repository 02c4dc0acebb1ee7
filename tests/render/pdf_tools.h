// Helpers for the render tests: shaping with HarfBuzz into layout glyph runs, writing PDFs to a
// temporary folder, and running the real tools (poppler-utils, qpdf) on them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "layout/display_list.h"

namespace tp::test {

inline const std::string kRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
inline const std::string kBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

// Shapes `text` with face `face_index` of the font file (HarfBuzz defaults: features on, script and
// direction guessed) into a run of `size` points with its pen at `origin`; `font` is the
// Document::fonts index.
layout::GlyphRun shape(const std::string& font_path, int font, const std::string& text, double size,
                       Point origin, unsigned face_index = 0);

// Sum of the run's advances in points.
double run_width(const layout::GlyphRun& run);

// Advance of glyph `gid` in thousandths of an em, as hmtx has it.
double advance_1000(const std::string& font_path, std::uint32_t gid, unsigned face_index = 0);

// A fresh folder under the system temp folder for this test process.
std::filesystem::path temp_dir();

// Writes `bytes` to temp_dir()/name and returns the path.
std::string write_file(const std::string& name, const std::string& bytes);
std::string read_file(const std::string& path);

struct CommandResult {
  int status = -1;  // exit status, -1 when it did not exit normally
  std::string out;  // stdout
};
// Runs `command` through /bin/sh and captures stdout (stderr is folded in when `with_stderr`).
CommandResult run(const std::string& command, bool with_stderr = false);

// `qpdf --qdf --object-streams=disable`: the file with every stream decompressed, as text.
std::string qdf(const std::string& pdf_path);

// The numbers of the first array after `key` (e.g. "/W") in qdf text, nested arrays flattened.
std::vector<double> array_after(const std::string& qdf_text, const std::string& key);

// A one-page A5 document with the given fonts and items.
layout::Document one_page(std::vector<layout::FontFace> fonts, std::vector<layout::Item> items);

}  // namespace tp::test

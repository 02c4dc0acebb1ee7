#include "render/pdf/glyph_text.h"

#include <cmath>
#include <cstdio>

#include "core/error.h"
#include "core/format.h"

namespace tp::render::pdf {

namespace {

// Writes one TJ array straight into the content: runs of glyph codes in one hex string, numbers
// between them. Only a glyph opens the array, and every number is followed by a glyph, so an array
// is never empty.
class TjArray {
 public:
  TjArray(std::string& out, int code_bytes) : out_(out), digits_(code_bytes * 2) {}
  void glyph(std::uint16_t code) {
    open();
    if (!in_hex_) {
      out_ += '<';
      in_hex_ = true;
    }
    append_hex(out_, code, digits_);
  }
  // A position adjustment, rounded to two decimals; the next call is glyph().
  void adjust(double number) {
    open();
    close_hex();
    if (out_.back() != '>' && out_.back() != '[') out_ += ' ';
    append_num(out_, number, 2);
  }
  // Ends the array with "] TJ" when one is open.
  void flush() {
    if (!open_) return;
    close_hex();
    out_ += "] TJ\n";
    open_ = false;
  }

 private:
  void open() {
    if (!open_) out_ += '[';
    open_ = true;
  }
  void close_hex() {
    if (in_hex_) out_ += '>';
    in_hex_ = false;
  }
  std::string& out_;
  int digits_;
  bool open_ = false;
  bool in_hex_ = false;
};

void append_color(std::string& out, const Color& c) {
  append_num(out, c.r, 4);
  out += ' ';
  append_num(out, c.g, 4);
  out += ' ';
  append_num(out, c.b, 4);
}

}  // namespace

void write_glyph_run(std::string& out, const layout::GlyphRun& run, std::string_view font_resource,
                     const GlyphFont& font, double page_height, ContentState& state) {
  if (run.glyphs.empty()) return;
  if (!(run.size > 0))
    throw Error(ErrorCode::Internal, "pdf", "glyph run with font size " + fmt_num(run.size));

  out += "BT\n/";
  out += font_resource;
  out += ' ';
  append_num(out, run.size, 4);
  out += " Tf\n";
  if (state.fill != run.color) {
    append_color(out, run.color);
    out += " rg\n";
    state.fill = run.color;
  }
  // Render mode 3 neither fills nor strokes but keeps the text extractable (PDF 32000-1 9.3.6):
  // layout uses it for the text behind emoji images.
  const int mode = run.invisible ? 3 : 0;
  if (state.render_mode != mode) {
    out += std::to_string(mode) + " Tr\n";
    state.render_mode = mode;
  }
  // Horizontal scaling (9.3.4) scales glyph widths and TJ numbers alike; it is text state that
  // outlives ET, so it is set back to 100 after the run.
  const bool scaled = run.horizontal_scale != 1;
  if (scaled) {
    append_num(out, run.horizontal_scale * 100, 3);
    out += " Tz\n";
  }
  out += "1 0 0 1 ";
  append_num(out, run.origin.x, 3);
  out += ' ';
  append_num(out, page_height - run.origin.y, 3);
  out += " Tm\n";

  // `pen` is where layout's pen is, `shown` where the viewer's text position is, both in points
  // from the origin along the baseline. After a glyph the viewer advances by its /W width
  // (9.4.4: tx = (w0 - Tj/1000) * Tfs); a TJ number moves it back by number/1000 * Tfs. Each number
  // is computed from the absolute target and the viewer position as rounded, so error never
  // accumulates along a line.
  const double em = run.size / 1000.0 * run.horizontal_scale;
  double pen = 0, shown = 0, rise = 0;
  TjArray tj(out, font.code_bytes);
  // Readers run their own bidi over ActualText as over glyphs: right-to-left text goes in visual
  // order, which they reverse back.
  const bool rtl = right_to_left(run);
  auto actual_text = [&](std::size_t begin, std::size_t end) {
    const std::u16string text = utf16_of(std::string_view(run.text).substr(begin, end - begin));
    return "/Span <</ActualText <" + hex_utf16be_with_bom(rtl ? visual(text) : text) + ">>> BDC\n";
  };
  // Every glyph is drawn once, where layout put it, marks included. poppler and PDFium start a new
  // word where a glyph's baseline moves (poppler: by more than half a point) or where the text
  // position moves back by more than a few tenths of an em, as it does for the marks of a
  // right-to-left run (drawn before their base in visual order), so "صباحًا", "שָׁלוֹם" or "พรุ่ง"
  // came apart there. Those readers honour /ActualText and read a span as one piece, so a run
  // with such glyphs is one span; pdf.js ignores the span and reads the glyphs, which it keeps
  // together, and one span around the whole run does not split its text items as many do.
  bool whole = false;
  if (!run.invisible && font.to_unicode) {
    for (const layout::Glyph& g : run.glyphs) whole |= g.dy != 0 || (rtl && g.advance == 0);
  }
  if (whole) out += actual_text(0, run.text.size());
  for (const Cluster& c : clusters_of(run)) {
    const bool actual = !whole && font.to_unicode && !spells_cluster(run, c, *font.to_unicode);
    if (actual) {
      // Marked content inside a text object must not cut a TJ array, so the array is split here
      // (14.9.4: ActualText replaces the enclosed glyphs' text on extraction).
      tj.flush();
      out += actual_text(c.text_begin, c.text_end);
    }
    for (std::size_t i = c.first; i < c.first + c.count; ++i) {
      const layout::Glyph& g = run.glyphs[i];
      if (g.gid >= font.code.size() || font.code[g.gid] < 0) {
        throw Error(ErrorCode::Internal, "pdf",
                    "glyph " + std::to_string(g.gid) + " is not in the font subset");
      }
      const auto code = static_cast<std::uint16_t>(font.code[g.gid]);
      // Layout's dy grows downwards; text rise (Ts, 9.3.7) grows upwards in unscaled text space,
      // which is points here because Tm does not scale.
      // Nearly every glyph sits on the baseline: no rounding and division for those.
      const double want_rise = g.dy == 0 ? 0 : std::round(-g.dy * 1000) / 1000;
      if (want_rise != rise) {
        tj.flush();
        append_num(out, want_rise, 3);
        out += " Ts\n";
        rise = want_rise;
      }
      const double number = std::round((shown - (pen + g.dx)) / em * 100) / 100;
      if (number != 0) {
        tj.adjust(number);
        shown -= number * em;
      }
      tj.glyph(code);
      shown += font.widths[code] * em;
      pen += g.advance;
    }
    if (actual) {
      tj.flush();
      out += "EMC\n";
    }
  }
  tj.flush();
  if (whole) out += "EMC\n";
  if (rise != 0) out += "0 Ts\n";
  if (scaled) out += "100 Tz\n";
  out += "ET\n";
}

}  // namespace tp::render::pdf

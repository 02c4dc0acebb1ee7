// Layout goldens: the display list (`--dump layout`) of each example in each layout and of a
// packet of all three, as a user would get them, diffed against tests/data/layout/NAME.dump. Each
// golden starts with the font files and their versions, so a font package update explains itself.
// THREADPDF_UPDATE_GOLDEN=1 rewrites them; read the diff before committing.
//
// The same documents are checked for what no golden should ever record: a glyph run overlapped by
// a picture, a filled rectangle or another run, or anything outside its page.
#include <doctest/doctest.h>
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "../support/golden.h"
#include "../text/text_fixture.h"
#include "layout/layout.h"
#include "layout/packet.h"
#include "media/media.h"
#include "parse/parse.h"

using namespace tp;
namespace fs = std::filesystem;

namespace {

const std::string kExamples = TP_SOURCE_DIR "/examples/";

struct Loaded {
  model::Thread thread;
  media::MediaSet media;
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

layout::Style style(const std::string& name) { return layout::load_style(name, TP_SOURCE_DIR "/layouts"); }

// As the job loads a file: its folder is its media root, pictures scaled for 200 dpi.
Loaded load(const std::string& name, const layout::Style& st) {
  Loaded l;
  Diagnostics diag;
  l.thread = parse::read_any(read(kExamples + name), name, &diag);
  l.thread.media_root = fs::path(kExamples).lexically_normal().string();
  media::LoadOptions mo;
  mo.max_width_px = static_cast<int>(st.content_width() / 72.0 * 200 + 0.5);
  l.media = media::load_all(l.thread, name, diag, mo);
  REQUIRE_MESSAGE(diag.warnings().empty(), name << ": " << diag.warnings().front().line());
  return l;
}

const layout::Options kOptions{"example", 1795512600, "threadpdf golden"};

// "# font 0 NotoSans-Regular.ttf#0 Version 2.013; ttfautohint (v1.8.4.7-5d5b)" for each font.
std::string font_versions(const layout::Document& doc) {
  std::string out;
  for (size_t i = 0; i < doc.fonts.size(); ++i) {
    const layout::FontFace& f = doc.fonts[i];
    hb_blob_t* blob = hb_blob_create_from_file(f.path.c_str());
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(f.face_index));
    char version[256] = "";
    unsigned len = sizeof version;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_VERSION_STRING, hb_language_from_string("en", -1), &len, version);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    out += "# font " + std::to_string(i) + " " + fs::path(f.path).filename().string() + "#" +
           std::to_string(f.face_index) + " " + version + "\n";
  }
  return out;
}

// Where a glyph run's ink can be: its advance box from the ascender to below the baseline.
Rect run_box(const layout::GlyphRun& r) {
  double w = 0;
  for (const auto& g : r.glyphs) w += g.advance;
  return {r.origin.x, r.origin.y - r.size * 0.8, w, r.size * 1.0};
}

bool overlap(const Rect& a, const Rect& b) {
  const double e = 0.5;  // touching edges (a banner's text inset by less than a point) are fine
  return a.x + e < b.right() && b.x + e < a.right() && a.y + e < b.bottom() && b.y + e < a.bottom();
}

// Nothing painted over a run of text (a picture drawn after it, in the same place), runs on
// different lines not colliding, and nothing off the page. Text drawn over a picture on purpose (a
// video's play badge) comes after the picture and is fine.
void check_drawing(const std::string& name, const layout::Document& doc) {
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const layout::Page& page = doc.pages[p];
    struct Run {
      Rect box;
      std::string text;
    };
    std::vector<Run> runs;  // the visible runs drawn so far
    auto where = [&] { return name + " page " + std::to_string(p + 1); };
    for (const auto& item : page.items) {
      Rect box{};
      if (auto* r = std::get_if<layout::GlyphRun>(&item)) {
        box = run_box(*r);
        // Invisible runs and stand-ins sit under their pictures on purpose (the emoji's text).
        if (!r->invisible && !r->stand_in && !r->glyphs.empty() && box.width > 0) {
          for (const Run& other : runs)
            CHECK_MESSAGE(
                !(std::abs(other.box.y - box.y) > 0.01 && overlap(other.box, box) &&
                  std::abs(other.box.bottom() - box.y) > 1 && std::abs(box.bottom() - other.box.y) > 1),
                where() << ": \"" << other.text << "\" collides with \"" << r->text << "\"");
          runs.push_back({box, r->text});
        }
      } else if (auto* i = std::get_if<layout::ImageItem>(&item)) {
        box = i->box;
        for (const Run& run : runs)
          CHECK_MESSAGE(!overlap(run.box, box), where() << ": a picture drawn over \"" << run.text << "\"");
      } else if (auto* rect = std::get_if<layout::RectItem>(&item)) {
        box = rect->box;
        if (rect->fill)
          for (const Run& run : runs)
            CHECK_MESSAGE(!overlap(run.box, box), where()
                                                      << ": a filled box drawn over \"" << run.text << "\"");
      } else if (auto* link = std::get_if<layout::LinkItem>(&item)) {
        box = link->box;
      } else if (auto* line = std::get_if<layout::LineItem>(&item)) {
        box = {std::min(line->from.x, line->to.x), std::min(line->from.y, line->to.y),
               std::abs(line->to.x - line->from.x), std::abs(line->to.y - line->from.y)};
      }
      CHECK_MESSAGE(
          (box.x >= 0 && box.y >= 0 && box.right() <= page.size.width && box.bottom() <= page.size.height),
          where() << ": an item at " << box.x << "," << box.y << " leaves the page");
    }
  }
}

void golden(const std::string& name, const layout::Document& doc) {
  CAPTURE(name);
  check_drawing(name, doc);
  test::check_golden(TP_TEST_DATA "/layout/" + name + ".dump", font_versions(doc) + layout::dump(doc));
}

}  // namespace

TEST_CASE("layout goldens: each example in each layout") {
  struct Case {
    const char* input;
    const char* layout;
  };
  for (Case c : {Case{"paper-sizes.json", "a4"}, Case{"paper-sizes.json", "letter"},
                 Case{"paper-sizes.json", "book"}, Case{"paper-sizes.json", "briefing"},
                 Case{"night-trains.txt", "a4"}, Case{"night-trains.txt", "book"},
                 Case{"world-scripts.json", "a4"}, Case{"world-scripts.json", "book"}}) {
    const layout::Style st = style(c.layout);
    Loaded l = load(c.input, st);
    Diagnostics diag;
    layout::Options o = kOptions;
    o.input = c.input;
    const std::string stem = fs::path(c.input).stem().string();
    golden(stem + "." + c.layout, layout::layout_thread(l.thread, l.media, test::fonts(), st, diag, o));
  }
}

TEST_CASE("layout golden: a briefing packet of the three examples") {
  const layout::Style st = style("briefing");
  std::vector<std::unique_ptr<Loaded>> loaded;
  std::vector<layout::PacketThread> threads;
  for (const char* input : {"paper-sizes.json", "night-trains.txt", "world-scripts.json"}) {
    loaded.push_back(std::make_unique<Loaded>(load(input, st)));
    threads.push_back({&loaded.back()->thread, &loaded.back()->media, input, std::string(64, '0')});
  }
  layout::PacketOptions po;
  po.title = "Golden packet";
  po.date = 1795512600;
  po.duplex = true;
  po.creator = "threadpdf golden";
  Diagnostics diag;
  golden("packet.briefing",
         layout::layout_packet(threads, {{"https://example.org/gone", "not found or deleted"}}, test::fonts(),
                               st, diag, po));
}

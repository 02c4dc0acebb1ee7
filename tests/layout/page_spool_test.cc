// The spool that keeps a long document's laid-out pages on disk until they are written
// (docs/streaming.md): every item comes back exactly as it went in, in order, with what was drawn
// on the page afterwards following it; nothing is left in the folder; failures name the input.
#include "layout/page_spool.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <iterator>

#include "core/error.h"

using namespace tp;
using namespace tp::layout;

namespace {

// A fresh folder, removed with what is in it.
struct Folder {
  std::string path;
  Folder() {
    std::string t = (std::filesystem::temp_directory_path() / "page_spool_test.XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~Folder() { std::filesystem::remove_all(path); }
};

bool same(const Glyph& a, const Glyph& b) {
  return a.gid == b.gid && a.cluster == b.cluster && a.dx == b.dx && a.dy == b.dy && a.advance == b.advance;
}
bool same(const Rect& a, const Rect& b) {
  return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height;
}

// Exactly equal, to the last bit of every coordinate: the PDF is written from what comes back.
bool same(const Item& a, const Item& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<GlyphRun>(&a)) {
    const auto& y = std::get<GlyphRun>(b);
    return x->font == y.font && x->size == y.size && x->color == y.color && x->origin.x == y.origin.x &&
           x->origin.y == y.origin.y && x->glyphs.size() == y.glyphs.size() &&
           std::equal(x->glyphs.begin(), x->glyphs.end(), y.glyphs.begin(),
                      [](const Glyph& g, const Glyph& h) { return same(g, h); }) &&
           x->text == y.text && x->invisible == y.invisible && x->horizontal_scale == y.horizontal_scale &&
           x->stand_in == y.stand_in && x->elem == y.elem;
  }
  if (const auto* x = std::get_if<ImageItem>(&a)) {
    const auto& y = std::get<ImageItem>(b);
    return same(x->box, y.box) && x->image == y.image && x->elem == y.elem;
  }
  if (const auto* x = std::get_if<RectItem>(&a)) {
    const auto& y = std::get<RectItem>(b);
    return same(x->box, y.box) && x->fill == y.fill && x->stroke == y.stroke &&
           x->line_width == y.line_width && x->corner_radius == y.corner_radius && x->dashed == y.dashed;
  }
  if (const auto* x = std::get_if<LineItem>(&a)) {
    const auto& y = std::get<LineItem>(b);
    return x->from.x == y.from.x && x->from.y == y.from.y && x->to.x == y.to.x && x->to.y == y.to.y &&
           x->color == y.color && x->width == y.width;
  }
  const auto& x = std::get<LinkItem>(a);
  const auto& y = std::get<LinkItem>(b);
  return same(x.box, y.box) && x.uri == y.uri && x.dest_page == y.dest_page && x.dest_y == y.dest_y &&
         x.elem == y.elem;
}

bool same(const std::vector<Item>& a, const std::vector<Item>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const Item& x, const Item& y) { return same(x, y); });
}

GlyphRun run_of(const std::string& text, size_t glyphs, int elem) {
  GlyphRun run;
  run.font = 2;
  run.size = 10.5;
  run.color = {0.1, 0.2, 1.0 / 3};
  run.origin = {72.123456789, 700.987654321};
  run.text = text;
  run.elem = elem;
  for (size_t i = 0; i < glyphs; ++i)
    run.glyphs.push_back({static_cast<std::uint32_t>(i * 7 % 65535), static_cast<std::uint32_t>(i),
                          i % 3 ? 0.0 : 0.25, i % 5 ? 0.0 : -1.5, 5.0 + 1.0 / (double(i) + 3)});
  return run;
}

// Pages with every kind of item, the edge cases of each (no glyphs, no fill, an internal link),
// an empty page and a page larger than the spool's blocks of 1 MiB.
std::vector<std::vector<Item>> pages() {
  std::vector<std::vector<Item>> out(4);
  out[0].push_back(run_of("Post 1/3 — χαρτί 📄", 12, 4));
  GlyphRun stand_in = run_of("📄", 1, kArtifact);
  stand_in.font = -1;
  stand_in.stand_in = true;
  stand_in.invisible = true;
  stand_in.horizontal_scale = 1.75;
  out[0].push_back(stand_in);
  out[0].push_back(ImageItem{{10, 20, 30.5, 40.25}, 3, 7});
  out[0].push_back(RectItem{{1, 2, 3, 4}, Color{1, 0, 0}, std::nullopt, 0.75, 4, true});
  out[0].push_back(RectItem{{1, 2, 3, 4}, std::nullopt, Color{0, 0.5, 0}, 0.5, 0, false});
  out[0].push_back(LineItem{{0, 1}, {200.5, 1}, {0.5, 0.5, 0.5}, 0.25});
  out[0].push_back(LinkItem{{5, 6, 7, 8}, "https://example.org/a?b=c&d", -1, 0, 9});
  out[0].push_back(LinkItem{{5, 6, 7, 8}, "", 2, 123.456, kArtifact});
  out[0].push_back(run_of("", 0, kRunningHead));
  out[2].push_back(run_of(std::string(300000, 'a'), 100000, 1));  // 3.2 MB of glyphs
  out[2].push_back(LineItem{{3, 4}, {5, 6}, {0, 0, 0}, 1});
  out[3].push_back(run_of("last", 4, kPageFooter));
  return out;
}

size_t open_files() {
  return static_cast<size_t>(std::distance(std::filesystem::directory_iterator("/proc/self/fd"), {}));
}

// Puts pages(), then takes them back each with a footer drawn after it was put, and checks them.
void round_trip(PageSpool& spool) {
  const auto in = pages();
  for (const auto& page : in) spool.put(page);
  CHECK(spool.size() > 1'600'000);
  for (size_t p = 0; p < in.size(); ++p) {
    // What layout drew on the page after handing it over (a running head, a footer).
    std::vector<Item> items{run_of("page " + std::to_string(p + 1) + " / 4", 10, kPageFooter)};
    const Item later = items.front();
    spool.take(items);
    REQUIRE(items.size() == in[p].size() + 1);
    CHECK(same(std::vector<Item>(items.begin(), items.end() - 1), in[p]));
    CHECK(same(items.back(), later));
  }
  std::vector<Item> none;
  CHECK_THROWS_AS(spool.take(none), Error);
}

}  // namespace

TEST_CASE("pages come back from the spool exactly as they went in, followed by what was drawn later") {
  Folder dir;
  const size_t files = open_files();
  SUBCASE("in memory") {
    PageSpool spool(dir.path, "thread.json");
    round_trip(spool);
    CHECK(open_files() == files);
  }
  SUBCASE("in a file, past the spool's memory") {
    PageSpool spool(dir.path, "thread.json", 1000);
    round_trip(spool);
    CHECK(open_files() == files + 1);
  }
  CHECK(open_files() == files);
  // Either way, nothing is left in the folder (the file has no name even while it is open).
  CHECK(std::filesystem::is_empty(dir.path));
}

TEST_CASE("a spool that cannot make its file names the input and the folder") {
  PageSpool in_memory("/nonexistent/tmp", "thread.json");
  CHECK_NOTHROW(in_memory.put(pages()[0]));
  PageSpool spool("/nonexistent/tmp", "thread.json", 0);
  try {
    spool.put(pages()[0]);
    FAIL("made a file in a missing folder");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Output);
    CHECK(e.where() == "thread.json");
    CHECK(
        e.message() ==
        "cannot make a temporary file for the laid-out pages in /nonexistent/tmp: No such file or directory");
  }
}

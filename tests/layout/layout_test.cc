#include "layout/layout.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "../text/text_fixture.h"

using namespace tp;
using layout::Document;
using layout::GlyphRun;

namespace {

layout::Style a4() { return layout::load_style("a4", TP_SOURCE_DIR "/layouts"); }

model::Post post(const std::string& id, const std::string& text) {
  model::Post p;
  p.id = id;
  p.text = text;
  p.created_at = "2026-11-20T08:00:00Z";
  return p;
}

model::Thread thread_of(std::vector<model::Post> posts) {
  model::Thread t;
  t.author = {"Ada Example", "@ada.example.org", std::nullopt, std::nullopt, {}};
  t.source.url = "https://example.org/thread/1";
  t.source.captured_at = "2026-11-24T09:30:00Z";
  t.posts = std::move(posts);
  return t;
}

Document lay(const model::Thread& t, const layout::Style& style, Diagnostics& diag) {
  media::MediaSet media;
  return layout::layout_thread(t, media, test::fonts(), style, diag, {"test", 0, "threadpdf test"});
}

Document lay(const model::Thread& t) {
  Diagnostics diag;
  return lay(t, a4(), diag);
}

std::string lorem(size_t words) {
  static const char* w[] = {"paper", "ratio", "sheet", "folded", "printer", "standard", "margin", "column"};
  std::string s;
  for (size_t i = 0; i < words; ++i) s += (i ? " " : "") + std::string(w[i % 8]);
  return s;
}

// Where a text run sits: page index and baseline y.
struct Found {
  int page = -1;
  double y = 0;
};

Found find_run(const Document& d, const std::string& text) {
  for (size_t p = 0; p < d.pages.size(); ++p)
    for (const auto& item : d.pages[p].items)
      if (auto* r = std::get_if<GlyphRun>(&item))
        if (r->text.find(text) != std::string::npos) return {static_cast<int>(p), r->origin.y};
  return {};
}

}  // namespace

TEST_CASE("every post is numbered n/N in order, with an outline entry") {
  std::vector<model::Post> posts;
  for (int i = 1; i <= 12; ++i)
    posts.push_back(post(std::to_string(i), "Post number " + std::to_string(i) + " says hello."));
  Document d = lay(thread_of(posts));
  Found last{0, 0};
  for (int i = 1; i <= 12; ++i) {
    Found f = find_run(d, std::to_string(i) + "/12");
    REQUIRE(f.page >= 0);
    CHECK((f.page > last.page || (f.page == last.page && f.y > last.y)));
    last = f;
  }
  REQUIRE(d.outline.size() == 12);
  CHECK(d.outline[0].title == "1/12 \u00B7 Post number 1 says hello.");
  CHECK(d.outline[11].title.rfind("12/12", 0) == 0);
}

TEST_CASE("the header shows the author, handle, source URL, post count and capture time") {
  Document d = lay(thread_of({post("1", "Hello")}));
  CHECK(find_run(d, "Ada Example").page == 0);
  CHECK(find_run(d, "@ada.example.org").page == 0);
  CHECK(find_run(d, "https://example.org/thread/1").page == 0);
  CHECK(find_run(d, "1 post").page == 0);
  CHECK(find_run(d, "Captured 24 Nov 2026, 09:30 UTC").page == 0);
  bool source_link = false;
  for (const auto& item : d.pages[0].items)
    if (auto* l = std::get_if<layout::LinkItem>(&item))
      source_link |= l->uri == "https://example.org/thread/1";
  CHECK(source_link);
}

TEST_CASE("long threads break into pages, each with a footer page x / y, all text inside the margins") {
  std::vector<model::Post> posts;
  for (int i = 1; i <= 60; ++i) posts.push_back(post(std::to_string(i), lorem(40 + (i * 7) % 50)));
  const layout::Style st = a4();
  Document d = lay(thread_of(posts));
  REQUIRE(d.pages.size() > 3);
  const std::string total = std::to_string(d.pages.size());
  for (size_t p = 0; p < d.pages.size(); ++p) {
    CHECK(find_run(d, "page " + std::to_string(p + 1) + " / " + total).page == static_cast<int>(p));
    for (const auto& item : d.pages[p].items) {
      auto* r = std::get_if<GlyphRun>(&item);
      if (!r || r->size != st.text.size) continue;
      double w = 0;
      for (const auto& g : r->glyphs) w += g.advance;
      CHECK(r->origin.x >= st.margin_left - 0.01);
      CHECK(r->origin.x + w <= st.page.width - st.margin_right + 0.01);
      CHECK(r->origin.y > st.margin_top);
      CHECK(r->origin.y < st.page.height - st.margin_bottom);
    }
  }
}

TEST_CASE("a post's number never ends a page and a break leaves two lines on each side") {
  // Posts of varying length so that page ends fall everywhere.
  std::vector<model::Post> posts;
  for (int i = 1; i <= 40; ++i)
    posts.push_back(post(std::to_string(i), lorem(static_cast<size_t>(20 + (i * 37) % 140))));
  for (const char* size : {"a4", "letter", "a5"}) {
    layout::Style st = a4();
    st.page = layout::page_size(size);
    Diagnostics diag;
    Document d = lay(thread_of(posts), st, diag);
    for (size_t p = 0; p + 1 < d.pages.size(); ++p) {
      // The last text item on the page (before the footer) must not be a number line.
      const GlyphRun* last = nullptr;
      for (const auto& item : d.pages[p].items)
        if (auto* r = std::get_if<GlyphRun>(&item))
          if (r->size == st.text.size || r->size == st.number.size)
            if (!last || r->origin.y >= last->origin.y) last = r;
      REQUIRE(last != nullptr);
      CHECK_MESSAGE(last->size == st.text.size, "page ", p + 1, " of ", size, " ends with ", last->text);
    }
    // Count lines of each post on each page: a post split across a page has >= 2 lines on both sides.
    for (size_t i = 0; i < posts.size(); ++i) {
      std::map<int, std::vector<double>> per_page;
      const std::string& text = posts[i].text;
      for (size_t p = 0; p < d.pages.size(); ++p) {
        Found num = find_run(d, std::to_string(i + 1) + "/40");
        Found next = find_run(d, std::to_string(i + 2) + "/40");
        for (const auto& item : d.pages[p].items) {
          auto* r = std::get_if<GlyphRun>(&item);
          if (!r || r->size != st.text.size || text.find(r->text) == std::string::npos) continue;
          bool after_num =
              static_cast<int>(p) > num.page || (static_cast<int>(p) == num.page && r->origin.y > num.y);
          bool before_next = next.page < 0 || static_cast<int>(p) < next.page ||
                             (static_cast<int>(p) == next.page && r->origin.y < next.y);
          if (after_num && before_next) per_page[static_cast<int>(p)].push_back(r->origin.y);
        }
      }
      if (per_page.size() > 1)
        for (auto& [page, ys] : per_page)
          CHECK_MESSAGE(ys.size() >= 2, "post ", i + 1, " on ", size, " page ", page + 1);
    }
  }
}

TEST_CASE("links, mentions and hashtags are coloured and become link areas") {
  model::Post p = post("1", "See https://example.org/a and @bo.example.net #paper now");
  p.spans = {{4, 25, model::SpanKind::Link, std::nullopt},
             {30, 45, model::SpanKind::Mention, "https://example.net/bo"},
             {46, 52, model::SpanKind::Hashtag, "https://example.org/tags/paper"}};
  Document d = lay(thread_of({p}));
  std::vector<std::string> uris;
  for (const auto& item : d.pages[0].items)
    if (auto* l = std::get_if<layout::LinkItem>(&item)) uris.push_back(l->uri);
  CHECK(std::count(uris.begin(), uris.end(), "https://example.org/a") == 1);
  CHECK(std::count(uris.begin(), uris.end(), "https://example.net/bo") == 1);
  CHECK(std::count(uris.begin(), uris.end(), "https://example.org/tags/paper") == 1);
  const layout::Style st = a4();
  for (const auto& item : d.pages[0].items)
    if (auto* r = std::get_if<GlyphRun>(&item))
      if (r->text == "#paper") CHECK(r->color == st.link_color);
}

TEST_CASE("a link over text shaped as two runs is one link area") {
  // "ab" and "Ωψ" are two shaped runs (Latin, Greek). Drawing the second once extended the first
  // run's area through a pointer that the push_back of the glyph run had invalidated: freed memory
  // in a sanitizer build, two annotations in a release build.
  model::Post p = post("1", "abΩψ");
  p.spans = {{0, 4, model::SpanKind::Link, "https://example.org/x"}};
  Document d = lay(thread_of({p}));
  std::vector<layout::LinkItem> links;
  for (const auto& item : d.pages[0].items)
    if (auto* l = std::get_if<layout::LinkItem>(&item))
      if (l->uri == "https://example.org/x") links.push_back(*l);
  REQUIRE(links.size() == 1);
  double text_width = 0;
  for (const auto& item : d.pages[0].items)
    if (auto* r = std::get_if<GlyphRun>(&item))
      if (r->text == "ab" || r->text == "Ωψ")
        for (const auto& g : r->glyphs) text_width += g.advance;
  CHECK(links[0].box.width == doctest::Approx(text_width).epsilon(0.001));
}

TEST_CASE("a deleted post keeps its number and says it is unavailable") {
  model::Post gone = post("2", "");
  gone.unavailable = model::Unavailable::Deleted;
  Document d = lay(thread_of({post("1", "first"), gone, post("3", "third")}));
  CHECK(find_run(d, "2/3").page == 0);
  CHECK(find_run(d, "This post is unavailable").page == 0);
  CHECK(d.outline[1].title == "2/3 \u00B7 (deleted)");
}

TEST_CASE("a missing image becomes a framed placeholder with its alt text") {
  model::Post p = post("1", "A picture:");
  p.media.push_back(
      {model::MediaKind::Image, "img/missing.png", "Two sheets side by side", 800, 600, std::nullopt});
  model::Thread t = thread_of({p});
  media::MediaSet media;
  media.put("img/missing.png", {nullptr, "cannot read img/missing.png: No such file or directory"});
  Diagnostics diag;
  Document d = layout::layout_thread(t, media, test::fonts(), a4(), diag, {"test", 0, "t"});
  CHECK(find_run(d, "Image unavailable").page == 0);
  CHECK(find_run(d, "Two sheets side by side").page == 0);
  bool dashed = false;
  for (const auto& item : d.pages[0].items)
    if (auto* r = std::get_if<layout::RectItem>(&item)) dashed |= r->dashed;
  CHECK(dashed);
}

TEST_CASE("images keep their aspect ratio, fit the column and never exceed the height limit") {
  auto raster = std::make_shared<Raster>();
  raster->encoding = Raster::Encoding::Rgb8;
  raster->width = 3000;
  raster->height = 1000;
  raster->data.assign(3000 * 1000 * 3, '\x80');
  auto tall = std::make_shared<Raster>(*raster);
  tall->width = 500;
  tall->height = 4000;
  tall->data.assign(500 * 4000 * 3, '\x40');
  model::Post p = post("1", "Two pictures");
  p.media.push_back({model::MediaKind::Image, "wide.png", "wide", {}, {}, {}});
  p.media.push_back({model::MediaKind::Image, "tall.png", "tall", {}, {}, {}});
  media::MediaSet media;
  media.put("wide.png", {raster, ""});
  media.put("tall.png", {tall, ""});
  const layout::Style st = a4();
  Diagnostics diag;
  Document d = layout::layout_thread(thread_of({p}), media, test::fonts(), st, diag, {"test", 0, "t"});
  std::vector<layout::ImageItem> images;
  for (const auto& page : d.pages)
    for (const auto& item : page.items)
      if (auto* im = std::get_if<layout::ImageItem>(&item))
        if (d.images[static_cast<size_t>(im->image)]->width >= 500) images.push_back(*im);
  REQUIRE(images.size() == 2);
  CHECK(images[0].box.width == doctest::Approx(st.content_width()));
  CHECK(images[0].box.height == doctest::Approx(st.content_width() / 3));
  CHECK(images[1].box.height == doctest::Approx(st.content_height() * st.image_max_height));
  CHECK(images[1].box.width == doctest::Approx(images[1].box.height / 8));
  CHECK(d.images.size() >= 2);
}

TEST_CASE("a photo whose EXIF orientation turns it a quarter is laid out as it is seen") {
  // A phone held upright stores 4000 x 3000 and says "turn 90 degrees clockwise" (6): portrait.
  auto photo = std::make_shared<Raster>();
  photo->encoding = Raster::Encoding::Jpeg;
  photo->width = 4000;
  photo->height = 3000;
  photo->orientation = 6;
  photo->data = "\xFF\xD8";  // layout reads sizes only
  model::Post p = post("1", "Portrait");
  p.media.push_back({model::MediaKind::Image, "portrait.jpg", "portrait", {}, {}, {}});
  media::MediaSet media;
  media.put("portrait.jpg", {photo, ""});
  const layout::Style st = a4();
  Diagnostics diag;
  Document d = layout::layout_thread(thread_of({p}), media, test::fonts(), st, diag, {"test", 0, "t"});
  std::optional<layout::ImageItem> image;
  for (const auto& page : d.pages)
    for (const auto& item : page.items)
      if (auto* im = std::get_if<layout::ImageItem>(&item))
        if (d.images[static_cast<size_t>(im->image)] == photo) image = *im;
  REQUIRE(image);
  CHECK(image->box.height > image->box.width);
  CHECK(image->box.width / image->box.height == doctest::Approx(3.0 / 4));
  // The layout dump says how the backend will turn it.
  CHECK(layout::dump(d).find("image " + std::to_string(image->image) + " 4000x3000 orientation=6") !=
        std::string::npos);
}

TEST_CASE("a post's declared language reaches the shaping of its text, content warning and poll") {
  // Each piece of the post is one Han character drawn differently in Japan and China: the text
  // 直 (U+76F4), the content warning 骨 (U+9AA8), the poll option 次 (U+6B21).
  auto glyphs_of = [](const std::optional<std::string>& lang) {
    model::Post p = post("1", "\u76F4");
    p.lang = lang;
    p.content_warning = "\u9AA8";
    p.poll = model::Poll{{{"\u6B21", 3}}, false, 3, std::nullopt, true};
    const Document d = lay(thread_of({p}));
    std::map<std::string, std::uint32_t> out;  // by the run's text
    for (const auto& page : d.pages)
      for (const auto& item : page.items)
        if (auto* r = std::get_if<GlyphRun>(&item); r && r->glyphs.size() == 1)
          out[r->text] = r->glyphs[0].gid;
    return out;
  };
  const auto ja = glyphs_of("ja"), zh = glyphs_of("zh-Hans"), tw = glyphs_of("zh-Hant");
  for (const std::string han : {"\u76F4", "\u9AA8", "\u6B21"}) {
    CAPTURE(han);
    REQUIRE(ja.count(han));
    REQUIRE(zh.count(han));
    CHECK(ja.at(han) != zh.at(han));
  }
  CHECK(zh.at("\u6B21") != tw.at("\u6B21"));
}

TEST_CASE("colour emoji are drawn as images with their text carried by a stand-in run over each") {
  Document d = lay(thread_of({post("1", "Family 👨‍👩‍👧 and flag 🇺🇦")}));
  std::vector<Rect> images;
  std::vector<std::string> carried;
  std::vector<double> carrier_x, carrier_width;
  for (const auto& item : d.pages[0].items) {
    if (auto* im = std::get_if<layout::ImageItem>(&item)) images.push_back(im->box);
    if (auto* r = std::get_if<GlyphRun>(&item); r && r->stand_in) {
      carried.push_back(r->text);
      REQUIRE(r->glyphs.size() == 1);
      carrier_x.push_back(r->origin.x);
      carrier_width.push_back(r->glyphs[0].advance);
    }
  }
  REQUIRE(images.size() == 2);
  CHECK(carried == std::vector<std::string>{"👨‍👩‍👧", "🇺🇦"});
  // Each picture is centred in the advance its stand-in takes, so selecting it selects the emoji.
  for (std::size_t i = 0; i < 2; ++i)
    CHECK(images[i].x + images[i].width / 2 == doctest::Approx(carrier_x[i] + carrier_width[i] / 2));
}

TEST_CASE(
    "a right-to-left word followed by a left-to-right one ends with a zero-width LRM before the space") {
  Document d = lay(thread_of({post("1", "the word עברית and more")}));
  const GlyphRun* hebrew = nullptr;
  std::vector<const GlyphRun*> marks;
  for (const auto& item : d.pages[0].items) {
    auto* r = std::get_if<GlyphRun>(&item);
    if (!r) continue;
    if (r->text.rfind("עברית", 0) == 0) hebrew = r;
    if (r->stand_in && r->text == "\u200E") marks.push_back(r);
  }
  REQUIRE(hebrew);
  REQUIRE(marks.size() == 1);
  REQUIRE(marks[0]->glyphs.size() == 1);
  CHECK(marks[0]->glyphs[0].advance == 0);
  // At the word's right end, where the space before "and" begins.
  double hebrew_width = 0;
  for (const auto& g : hebrew->glyphs) hebrew_width += hebrew->text[g.cluster] == ' ' ? 0 : g.advance;
  CHECK(marks[0]->origin.x == doctest::Approx(hebrew->origin.x + hebrew_width));
}

TEST_CASE("quoted posts are framed with their own author line; link cards are framed links") {
  model::Post p = post("1", "Look at this");
  model::Post q = post("q", "Quoted words here");
  q.author = model::Author{"Bo Sample", "@bo.example.net", std::nullopt, std::nullopt, {}};
  p.quote.push_back(q);
  p.card = model::Card{"https://example.org/article", "An article", "What it says", std::nullopt};
  Document d = lay(thread_of({p}));
  Found author = find_run(d, "Bo Sample");
  Found words = find_run(d, "Quoted words here");
  CHECK(author.page == 0);
  CHECK(words.y > author.y);
  CHECK(find_run(d, "An article").page == 0);
  int card_links = 0;
  for (const auto& item : d.pages[0].items)
    if (auto* l = std::get_if<layout::LinkItem>(&item)) card_links += l->uri == "https://example.org/article";
  CHECK(card_links >= 1);
}

TEST_CASE("a card prints the site its source names, and links the exact address") {
  model::Post p = post("1", "Listen");
  p.card = model::Card{"https://bit.ly/3kGfolge", "Episode 12", std::nullopt, std::nullopt};
  p.card->site = "podcast.example";
  Document d = lay(thread_of({p}));
  CHECK(find_run(d, "podcast.example").page == 0);
  CHECK(find_run(d, "bit.ly").page == -1);
  int exact = 0;
  for (const auto& item : d.pages[0].items)
    if (auto* l = std::get_if<layout::LinkItem>(&item)) exact += l->uri == "https://bit.ly/3kGfolge";
  CHECK(exact >= 1);
}

TEST_CASE("a right-to-left post is set right-aligned") {
  const layout::Style st = a4();
  Document d = lay(thread_of({post("1", "שלום לכולם")}));
  Found f = find_run(d, "שלום");
  REQUIRE(f.page == 0);
  for (const auto& item : d.pages[0].items)
    if (auto* r = std::get_if<GlyphRun>(&item))
      if (r->text.find("שלום") != std::string::npos) {
        double w = 0;
        for (const auto& g : r->glyphs) w += g.advance;
        CHECK(r->origin.x + w == doctest::Approx(st.page.width - st.margin_right).epsilon(0.001));
      }
}

TEST_CASE("the same thread lays out to the same dump twice") {
  model::Thread t = thread_of({post("1", "Same 🧵 every time"), post("2", lorem(80))});
  CHECK(layout::dump(lay(t)) == layout::dump(lay(t)));
  CHECK(layout::dump(lay(t)).find("page 1 595.28x841.89") != std::string::npos);
}

TEST_CASE("a link longer than the line is one link area per line fragment, all to the same target") {
  const std::string url =
      "https://example.org/archive/2026/threads/a-very-long-path-name/with/more/and/more/"
      "segments/than/one/line/can/hold?lang=en&page=12&section=appendix-b";
  model::Post p = post("1", "See " + url);
  p.spans = {{4, 4 + url.size(), model::SpanKind::Link, url}};
  Document d = lay(thread_of({p}));
  std::vector<layout::LinkItem> links;
  for (const auto& item : d.pages[0].items)
    if (auto* l = std::get_if<layout::LinkItem>(&item))
      if (l->uri == url) links.push_back(*l);
  REQUIRE(links.size() >= 2);
  for (size_t i = 1; i < links.size(); ++i) CHECK(links[i].box.y > links[i - 1].box.y);  // one per line
}

TEST_CASE("justified paragraphs: every line but the last fills the measure; hyphens stand at line ends") {
  layout::Style st = layout::load_style("book", TP_SOURCE_DIR "/layouts");
  REQUIRE(st.justify);
  model::Post p =
      post("1",
           "Typographers recommend hyphenation for justified paragraphs because otherwise interword "
           "spacing becomes uncomfortably irregular, particularly within comparatively narrow columns "
           "containing extraordinarily lengthy vocabulary, institutionalisation, and "
           "characteristically multisyllabic terminology.");
  Diagnostics diag;
  Document d = lay(thread_of({p}), st, diag);
  // Right edges of the body lines, in order: each line's runs end where the next begins.
  std::map<double, double> right_edge;  // baseline -> rightmost x
  size_t hyphens = 0;
  for (const auto& item : d.pages[0].items) {
    auto* r = std::get_if<GlyphRun>(&item);
    if (!r || r->size != st.text.size || r->invisible) continue;
    double w = 0;
    for (const auto& g : r->glyphs) w += g.advance;
    right_edge[r->origin.y] = std::max(right_edge[r->origin.y], r->origin.x + w);
    hyphens += r->text == "-";
  }
  REQUIRE(right_edge.size() >= 4);
  size_t n = 0;
  for (const auto& [y, right] : right_edge) {
    if (++n == right_edge.size()) {
      CHECK(right < st.page.width - st.margin_right - 1);  // the last line is not stretched
    } else {
      CHECK(right == doctest::Approx(st.page.width - st.margin_right).epsilon(0.0005));
    }
  }
  CHECK(hyphens >= 1);
}

TEST_CASE("ragged layouts are not justified") {
  const layout::Style st = a4();
  CHECK_FALSE(st.justify);
}

TEST_CASE("a thread's notice is printed in its header") {
  model::Thread t = thread_of({post("1", "Hello")});
  t.notice = "X cannot list the replies to a post, so this thread ends at the post that was given.";
  Document d = lay(t);
  CHECK(find_run(d, "Note: ").page == 0);
  CHECK(find_run(d, "so this thread ends at the post").page == 0);
}

namespace {

// The element an item belongs to, or kArtifact (rules and rectangles are always artifacts).
int elem_of(const layout::Item& item) {
  if (auto* r = std::get_if<GlyphRun>(&item)) return r->elem;
  if (auto* i = std::get_if<layout::ImageItem>(&item)) return i->elem;
  if (auto* l = std::get_if<layout::LinkItem>(&item)) return l->elem;
  return layout::kArtifact;
}

// Whether element `e` lies under element `ancestor` (or is it).
bool under(const Document& d, int e, int ancestor) {
  for (; e >= 0; e = d.structure[static_cast<size_t>(e)].parent)
    if (e == ancestor) return true;
  return false;
}

layout::Role role_of(const Document& d, int e) { return d.structure.at(static_cast<size_t>(e)).role; }

}  // namespace

TEST_CASE(
    "structure: a section per post with its language, its number line the heading, furniture artifacts") {
  model::Post a = post("1", "English words " + lorem(900));
  a.lang = "en-GB";
  model::Post b = post("2", "Слова українською, https://example.org/a and more");
  b.lang = "uk";
  b.spans.push_back({19, 40, model::SpanKind::Link, "https://example.org/a"});
  model::Post gone = post("3", "");
  gone.unavailable = model::Unavailable::Deleted;
  Document d = lay(thread_of({a, b, gone}));
  REQUIRE(d.pages.size() >= 2);
  REQUIRE(!d.structure.empty());
  CHECK(d.structure[0].role == layout::Role::Document);
  CHECK(d.structure[0].parent == -1);
  for (size_t i = 1; i < d.structure.size(); ++i) CHECK(d.structure[i].parent < static_cast<int>(i));

  std::vector<int> sections;
  for (size_t i = 0; i < d.structure.size(); ++i)
    if (d.structure[i].role == layout::Role::Sect && d.structure[i].parent == 0) sections.push_back(int(i));
  REQUIRE(sections.size() == 4);  // the header and three posts
  CHECK(d.structure[size_t(sections[0])].title == "Thread header");
  CHECK(d.structure[size_t(sections[1])].lang == "en-GB");
  CHECK(d.structure[size_t(sections[2])].lang == "uk");
  CHECK(d.structure[size_t(sections[3])].lang.empty());

  // Every item is in the section of the post it was drawn for, in order; page furniture is not.
  int section = -1;
  for (const auto& page : d.pages) {
    for (const auto& item : page.items) {
      const int e = elem_of(item);
      auto* run = std::get_if<GlyphRun>(&item);
      if (run && (run->text.rfind("page ", 0) == 0 || run->text.rfind("Ada Example (", 0) == 0)) {
        CHECK_MESSAGE(e == (run->text.rfind("page ", 0) == 0 ? layout::kPageFooter : layout::kRunningHead),
                      run->text);
        continue;
      }
      if (e == layout::kArtifact) {
        CHECK_MESSAGE(!run, run->text);  // a rule or a frame; no words are furniture here
        continue;
      }
      const auto next = std::find_if(sections.begin(), sections.end(), [&](int s) { return under(d, e, s); });
      REQUIRE(next != sections.end());
      CHECK(*next >= section);  // never back to an earlier post
      section = *next;
      if (auto* link = std::get_if<layout::LinkItem>(&item))
        CHECK(role_of(d, link->elem) == layout::Role::Link);
      if (run && run->text == "1/3") CHECK(role_of(d, e) == layout::Role::H);
      if (run && run->text.find("example.org/a") != std::string::npos) {
        CHECK(role_of(d, e) == layout::Role::Link);
        CHECK(role_of(d, d.structure[size_t(e)].parent) == layout::Role::P);
      }
      if (run && run->text.find("This post is unavailable") != std::string::npos)
        CHECK(role_of(d, d.structure[size_t(e)].parent) == layout::Role::Tombstone);
    }
  }
  CHECK(section == sections[3]);
}

TEST_CASE("structure: a picture is a figure with its alt text or words saying there is none") {
  auto raster = std::make_shared<Raster>();
  raster->width = raster->height = 40;
  raster->data.assign(40 * 40 * 3, '\x80');
  model::Post p = post("1", "Two pictures");
  p.media.push_back({model::MediaKind::Image, "a.png", "A grey square", {}, {}, {}});
  p.media.push_back({model::MediaKind::Video, "b.png", std::nullopt, {}, {}, "https://example.org/v.mp4"});
  media::MediaSet media;
  media.put("a.png", {raster, ""});
  media.put("b.png", {raster, ""});
  Diagnostics diag;
  Document d = layout::layout_thread(thread_of({p}), media, test::fonts(), a4(), diag, {"test", 0, "t"});
  std::vector<int> figures;
  for (const auto& item : d.pages[0].items)
    if (auto* im = std::get_if<layout::ImageItem>(&item); im && im->elem != layout::kArtifact)
      figures.push_back(im->elem);
  REQUIRE(figures.size() == 2);
  CHECK(role_of(d, figures[0]) == layout::Role::Figure);
  CHECK(d.structure[size_t(figures[0])].alt == "A grey square");
  CHECK(d.structure[size_t(figures[1])].alt == "Video without a description");
  // A linked poster is a figure inside the link its annotation belongs to; its play badge is no content.
  const int link = d.structure[size_t(figures[1])].parent;
  CHECK(role_of(d, link) == layout::Role::Link);
  bool annotated = false;
  for (const auto& item : d.pages[0].items) {
    if (auto* l = std::get_if<layout::LinkItem>(&item); l && l->uri == "https://example.org/v.mp4")
      annotated |= l->elem == link;
    if (auto* r = std::get_if<GlyphRun>(&item);
        r && r->text.find("Video") != std::string::npos && r->text.find("\u25B6") != std::string::npos)
      CHECK(r->elem == layout::kArtifact);
  }
  CHECK(annotated);
}

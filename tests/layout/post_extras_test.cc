// The parts of a post the revised thread format added, as a reader sees them on the page: read off
// the display list (text runs, pictures, rectangles, link areas).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "../text/text_fixture.h"
#include "layout/layout.h"
#include "parse/parse.h"

using namespace tp;
using layout::Document;
using layout::GlyphRun;

namespace {

layout::Style style(const std::string& name) { return layout::load_style(name, TP_SOURCE_DIR "/layouts"); }

model::Post post(const std::string& id, const std::string& text) {
  model::Post p;
  p.id = id;
  p.text = text;
  p.created_at = "2025-03-30T08:00:00Z";
  return p;
}

model::Thread thread_of(std::vector<model::Post> posts) {
  model::Thread t;
  t.author = {"Mira", "@mira@social.example", std::nullopt, std::nullopt, {}};
  t.posts = std::move(posts);
  return t;
}

std::shared_ptr<const Raster> square(int side = 8) {
  auto r = std::make_shared<Raster>();
  r->width = r->height = side;
  r->data.assign(static_cast<size_t>(side * side * 3), '\x80');
  return r;
}

Document lay(const model::Thread& t, const media::MediaSet& media, Diagnostics& diag,
             const layout::Style& st = style("a4")) {
  return layout::layout_thread(t, media, test::fonts(), st, diag, {"t.json", 0, "test"});
}

Document lay(const model::Thread& t) {
  media::MediaSet media;
  Diagnostics diag;
  return lay(t, media, diag);
}

std::vector<const GlyphRun*> runs(const Document& d) {
  std::vector<const GlyphRun*> out;
  for (const auto& page : d.pages)
    for (const auto& item : page.items)
      if (auto* r = std::get_if<GlyphRun>(&item)) out.push_back(r);
  return out;
}

const GlyphRun* run_with(const Document& d, const std::string& text) {
  for (const GlyphRun* r : runs(d))
    if (r->text.find(text) != std::string::npos) return r;
  return nullptr;
}

std::string all_text(const Document& d) {
  std::string s;
  for (const GlyphRun* r : runs(d)) s += r->text + "|";
  return s;
}

std::vector<std::string> link_targets(const Document& d) {
  std::vector<std::string> out;
  for (const auto& page : d.pages)
    for (const auto& item : page.items)
      if (auto* l = std::get_if<layout::LinkItem>(&item)) out.push_back(l->uri);
  return out;
}

Rect run_box(const GlyphRun& r) {
  double w = 0;
  for (const auto& g : r.glyphs) w += g.advance;
  return {r.origin.x, r.origin.y - r.size * 0.75, w * r.horizontal_scale, r.size * 0.95};
}

// Boxes that share more than a sliver: a colour emoji's bitmap is a little wider than its advance
// and its transparent edge may reach a fraction of a point into the space before it.
bool overlap(const Rect& a, const Rect& b) {
  const double ex = 1.0, ey = 0.01;
  return a.x + ex < b.right() && b.x + ex < a.right() && a.y + ey < b.y + b.height &&
         b.y + ey < a.y + a.height;
}

// "Nothing drawn over text": no picture or filled rectangle painted after a visible run covers it
// (a poster under its badge's words is painted before them).
void check_nothing_over_text(const Document& d) {
  for (size_t p = 0; p < d.pages.size(); ++p) {
    const auto& items = d.pages[p].items;
    for (size_t i = 0; i < items.size(); ++i) {
      auto* run = std::get_if<GlyphRun>(&items[i]);
      if (!run || run->invisible || run->glyphs.empty()) continue;
      const Rect rb = run_box(*run);
      for (size_t k = 0; k < items.size(); ++k) {
        if (k < i) continue;
        if (auto* img = std::get_if<layout::ImageItem>(&items[k])) {
          CHECK_MESSAGE(!overlap(rb, img->box), "page " << p << ": a picture over \"" << run->text << "\"");
        } else if (auto* rect = std::get_if<layout::RectItem>(&items[k]); rect && rect->fill) {
          CHECK_MESSAGE(!overlap(rb, rect->box),
                        "page " << p << ": a rectangle over \"" << run->text << "\"");
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("an unavailable post says why in its reason's words and keeps its URL printed and linked") {
  struct Case {
    model::Unavailable reason;
    std::string words;
  };
  const Case cases[] = {{model::Unavailable::Deleted, "it was deleted"},
                        {model::Unavailable::Revoked, "its author withdrew it from this quote"},
                        {model::Unavailable::Blocked, "hidden by a block"},
                        {model::Unavailable::Detached, "detached it from this quote"},
                        {model::Unavailable::Pending, "not yet approved"},
                        {model::Unavailable::Private, "followers"},
                        {model::Unavailable::NotFound, "could not be found"}};
  for (const auto& c : cases) {
    CAPTURE(c.words);
    model::Post quoting = post("1", "See this:");
    model::Post q;
    q.id = "q";
    q.url = "https://social.example/@ola/9";
    q.unavailable = c.reason;
    quoting.quote.push_back(q);
    model::Post gone = post("2", "");
    gone.url = "https://social.example/@mira/2";
    gone.unavailable = c.reason;
    Document d = lay(thread_of({quoting, gone}));
    const std::string text = all_text(d);
    CHECK(text.find("Quoted post unavailable") != std::string::npos);
    CHECK(text.find("This post is unavailable") != std::string::npos);
    CHECK(text.find(c.words) != std::string::npos);
    CHECK(text.find("https://social.example/@ola/9") != std::string::npos);
    CHECK(text.find("https://social.example/@mira/2") != std::string::npos);
    auto links = link_targets(d);
    CHECK(std::count(links.begin(), links.end(), "https://social.example/@ola/9") >= 1);
    CHECK(std::count(links.begin(), links.end(), "https://social.example/@mira/2") >= 1);
    CHECK(d.outline[1].title == std::string("2/2 \u00B7 (") + model::unavailable_name(c.reason) + ")");
  }
  // A revoked quote is not called deleted.
  model::Post quoting = post("1", "RE: https://social.example/@ola/9");
  quoting.quote.push_back(model::Post{});
  quoting.quote[0].id = "q";
  quoting.quote[0].unavailable = model::Unavailable::Revoked;
  CHECK(all_text(lay(thread_of({quoting}))).find("deleted") == std::string::npos);
}

TEST_CASE("a content warning is a banner above the text, and the text is still printed in full") {
  model::Post p = post("1", "Eine Kreuzspinne im Garten");
  p.content_warning = "Spinnen";
  Document d = lay(thread_of({p}));
  const GlyphRun* banner = run_with(d, "Content warning:");
  const GlyphRun* words = run_with(d, "Spinnen");
  const GlyphRun* text = run_with(d, "Kreuzspinne");
  REQUIRE(banner);
  REQUIRE(words);
  REQUIRE(text);
  CHECK(banner->origin.y < text->origin.y);
  check_nothing_over_text(d);
}

TEST_CASE("a poll: rows with percentages, bars as long as each share, voters and closing day") {
  model::Post p = post("1", "Which season?");
  model::Poll poll;
  poll.options = {{"Spring", 12}, {"Autumn", 30}};
  poll.voters = 42;
  poll.closes_at = "2025-04-03T08:05:00Z";
  poll.closed = true;
  p.poll = poll;
  Document d = lay(thread_of({p}));
  CHECK(run_with(d, "29%"));
  CHECK(run_with(d, "71%"));
  CHECK(run_with(d, "42 voters \u00B7 closed 3 Apr 2025"));
  const layout::Style st = style("a4");
  std::vector<double> bars;
  double track = 0;
  for (const auto& item : d.pages[0].items)
    if (auto* r = std::get_if<layout::RectItem>(&item); r && r->fill && r->box.height == 4) {
      if (*r->fill == st.link_color)
        bars.push_back(r->box.width);
      else
        track = r->box.width;
    }
  REQUIRE(bars.size() == 2);
  CHECK(bars[0] / track == doctest::Approx(12.0 / 42).epsilon(0.01));
  CHECK(bars[1] / track == doctest::Approx(30.0 / 42).epsilon(0.01));
  // The bar stands below its row's words.
  CHECK(run_with(d, "Spring")->origin.y < run_with(d, "Autumn")->origin.y);
  check_nothing_over_text(d);

  // Several choices: shares of the voters; no votes given: no bars, and the poll says so.
  p.poll->multiple = true;
  p.poll->options[1].votes.reset();
  p.poll->closed = false;
  Document open = lay(thread_of({p}));
  CHECK_FALSE(run_with(open, "%"));
  CHECK(run_with(open, "42 voters \u00B7 several choices allowed \u00B7 closes 3 Apr 2025"));
}

TEST_CASE("edited and cut texts are marked; a cut text is a loss") {
  model::Post p = post("1", "The start of a long post");
  p.edited_at = "2025-03-30T08:20:00Z";
  p.truncated = true;
  p.url = "https://x.com/mira/status/1";
  media::MediaSet media;
  Diagnostics diag;
  Document d = lay(thread_of({p}), media, diag);
  CHECK(run_with(d, "edited 30 Mar 2025, 08:20 UTC"));
  CHECK(run_with(d, "Text cut by the source"));
  REQUIRE(diag.warnings().size() == 1);
  CHECK(diag.warnings()[0].loss);
  CHECK(diag.incomplete());
  check_nothing_over_text(d);
}

TEST_CASE("counts are a line under the post in the briefing layout, a switch elsewhere") {
  model::Post p = post("1", "Counted");
  p.counts = model::Counts{2, 5, 1234, std::nullopt};
  media::MediaSet media;
  Diagnostics diag;
  CHECK(run_with(lay(thread_of({p}), media, diag, style("briefing")),
                 "2 replies \u00B7 5 reposts \u00B7 1,234 likes"));
  CHECK_FALSE(run_with(lay(thread_of({p}), media, diag, style("a4")), "replies"));
  layout::Style on = style("a4");
  on.counts = true;
  CHECK(run_with(lay(thread_of({p}), media, diag, on), "1,234 likes"));
}

TEST_CASE("audio and other attachments are framed lines with their description and link") {
  model::Post p = post("1", "Recorded at dawn");
  model::Media audio;
  audio.kind = model::MediaKind::Audio;
  audio.alt = "Birdsong";
  audio.url = "https://files.example/dawn.mp3";
  model::Media other = audio;
  other.kind = model::MediaKind::Other;
  other.alt.reset();
  other.url = "https://remote.example/file.bin";
  p.media = {audio, other};
  Document d = lay(thread_of({p}));
  CHECK(run_with(d, "Audio"));
  CHECK(run_with(d, ": Birdsong"));
  CHECK(run_with(d, "Attachment"));
  CHECK(run_with(d, ": no description"));
  auto links = link_targets(d);
  CHECK(std::count(links.begin(), links.end(), "https://files.example/dawn.mp3") >= 1);
  CHECK(std::count(links.begin(), links.end(), "https://remote.example/file.bin") >= 1);
  check_nothing_over_text(d);
}

TEST_CASE("a video's play badge only over a poster that loaded; a lost poster's placeholder says Video") {
  model::Post p = post("1", "Two videos");
  p.media.push_back(
      {model::MediaKind::Video, "lost.jpg", "Bees", 0, 0, std::string("https://e.example/v.mp4")});
  p.media.push_back(
      {model::MediaKind::Gif, "poster.png", std::nullopt, 0, 0, std::string("https://e.example/g.mp4")});
  p.media[0].width = p.media[0].height = p.media[1].width = p.media[1].height = std::nullopt;
  media::MediaSet media;
  media.put("lost.jpg", {nullptr, "cannot read lost.jpg"});
  media.put("poster.png", {square(200), ""});
  Diagnostics diag;
  Document d = lay(thread_of({p}), media, diag);
  CHECK(run_with(d, "Video unavailable"));
  // The badge's words are white on a dark label.
  std::vector<std::string> badges;
  for (const GlyphRun* r : runs(d))
    if (r->color == Color{1, 1, 1}) badges.push_back(r->text);
  auto has = [&](const std::string& word) {
    return std::any_of(badges.begin(), badges.end(),
                       [&](const std::string& b) { return b.find(word) != std::string::npos; });
  };
  CHECK(has("GIF"));
  CHECK_FALSE(has("Video"));
  check_nothing_over_text(d);
  // A poster too small for the badge goes without it, rather than the badge covering the words above.
  media.put("poster.png", {square(8), ""});
  Document small = lay(thread_of({p}), media, diag);
  check_nothing_over_text(small);
}

TEST_CASE(
    "custom emoji are pictures at the text's size over an invisible :shortcode:; a lost one stays text") {
  model::Post p = post("1", "Hello :blobcat: and :lost: friends");
  p.emoji = {{"blobcat", "blobcat.png"}, {"lost", "lost.png"}};
  media::MediaSet media;
  media.put("blobcat.png", {square(), ""});
  media.put("lost.png", {nullptr, "cannot read lost.png"});
  Diagnostics diag;
  Document d = lay(thread_of({p}), media, diag);
  const GlyphRun* carrier = run_with(d, ":blobcat:");
  REQUIRE(carrier);
  CHECK(carrier->invisible);
  CHECK(carrier->text == ":blobcat:");
  const GlyphRun* lost = run_with(d, ":lost:");
  REQUIRE(lost);
  CHECK_FALSE(lost->invisible);
  size_t images = 0;
  for (const auto& item : d.pages[0].items)
    if (auto* img = std::get_if<layout::ImageItem>(&item)) {
      ++images;
      CHECK(img->box.height <= carrier->size * 1.1 + 0.01);
      CHECK(img->box.height >= carrier->size * 0.6);
      CHECK(std::abs(img->box.x + img->box.width / 2 - (carrier->origin.x + carrier->glyphs[0].advance / 2)) <
            0.01);
    }
  CHECK(images == 1);
  // The words around the picture keep their order and places.
  CHECK(run_with(d, "Hello ")->origin.x < carrier->origin.x);
  REQUIRE(run_with(d, "and "));
  CHECK(run_with(d, "and ")->origin.x > carrier->origin.x);
  check_nothing_over_text(d);
}

TEST_CASE("the examples: nothing is painted over text on any page, in every layout") {
  for (std::string name : {"paper-sizes.json", "world-scripts.json"}) {
    CAPTURE(name);
    const std::string path = std::string(TP_SOURCE_DIR "/examples/") + name;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    model::Thread t = parse::read_thread_json(bytes.str(), name);
    t.media_root = TP_SOURCE_DIR "/examples";
    Diagnostics diag;
    media::MediaSet media = media::load_all(t, name, diag);
    CHECK(diag.warnings().empty());
    for (std::string layout : {"a4", "letter", "book", "briefing"}) {
      CAPTURE(layout);
      check_nothing_over_text(lay(t, media, diag, style(layout)));
    }
  }
}

TEST_CASE("a post's declared language chooses its hyphenation") {
  // German compounds in a narrow justified column: with "de" they break by German rules; declared
  // as a language without a dictionary they are not hyphenated at all.
  const std::string words =
      "Donaudampfschifffahrtsgesellschaft Sonnenblumenfeldbewässerungsanlage Kreuzspinnennetzbeobachtung "
      "Gartenzaunreparaturanleitung Regenwassersammelbehälterdeckel Frühlingszwiebelbeetumrandung";
  layout::Style book = style("book");
  book.page.width = 240;  // a narrow column makes hyphens certain
  book.margin_left = book.margin_right = 40;
  media::MediaSet media;
  Diagnostics diag;
  auto hyphens = [&](const std::optional<std::string>& lang) {
    model::Post p = post("1", words);
    p.lang = lang;
    size_t n = 0;
    // Named: the runs point into the document, which a temporary would free before the loop (ASan).
    const layout::Document doc = lay(thread_of({p}), media, diag, book);
    for (const GlyphRun* r : runs(doc)) n += r->text == "-";
    return n;
  };
  CHECK(hyphens(std::string("de")) > 0);
  CHECK(hyphens(std::string("tlh")) == 0);  // Klingon: no dictionary, so no guessing
}

TEST_CASE("custom emoji in author names: the header's and a quoted author's") {
  model::Post p = post("1", "Quoting Ola");
  model::Post q = post("q", "the quoted words");
  q.author =
      model::Author{"Ola :wave:", "@ola@other.example", std::nullopt, std::nullopt, {{"wave", "wave.png"}}};
  p.quote.push_back(q);
  model::Thread t = thread_of({p});
  t.author.name = "Mira :fern:";
  t.author.emoji = {{"fern", "fern.png"}};
  media::MediaSet media;
  media.put("fern.png", {square(), ""});
  media.put("wave.png", {square(), ""});
  Diagnostics diag;
  Document d = lay(t, media, diag);
  CAPTURE(all_text(d));
  for (std::string code : {":fern:", ":wave:"}) {
    CAPTURE(code);
    const GlyphRun* r = run_with(d, code);
    REQUIRE(r);
    CHECK(r->invisible);
  }
  size_t images = 0;
  for (const auto& item : d.pages[0].items) images += std::holds_alternative<layout::ImageItem>(item);
  CHECK(images == 2);
  check_nothing_over_text(d);
}

TEST_CASE(
    "a link the platform shortened gets a numbered note with its full target; a layout switch turns it off") {
  model::Post p = post("1", "Read example.org/guides/sunflowers-… and example.org/short today");
  p.spans.push_back(
      {5, 36, model::SpanKind::Link, std::string("https://www.example.org/guides/sunflowers-and-bees")});
  p.spans.push_back({41, 58, model::SpanKind::Link, std::string("https://example.org/short")});
  media::MediaSet media;
  Diagnostics diag;
  Document d = lay(thread_of({p}), media, diag);
  CHECK(run_with(d, "[1]"));
  CHECK_FALSE(run_with(d, "[2]"));  // a link shown whole needs no note
  REQUIRE(run_with(d, "https://www.example.org/guides/sunflowers-and-bees"));
  CHECK(run_with(d, "https://www.example.org/guides/sunflowers-and-bees")->origin.y >
        run_with(d, "today")->origin.y);
  auto links = link_targets(d);
  // The short text and the note both lead to the full target.
  CHECK(std::count(links.begin(), links.end(), "https://www.example.org/guides/sunflowers-and-bees") == 2);
  check_nothing_over_text(d);
  layout::Style off = style("a4");
  off.link_notes = false;
  CHECK_FALSE(run_with(lay(thread_of({p}), media, diag, off), "[1]"));
}

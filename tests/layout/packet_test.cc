#include "layout/packet.h"

#include <doctest/doctest.h>

#include "../text/text_fixture.h"
#include "layout/layout.h"

using namespace tp;
using layout::Document;

namespace {

model::Thread make_thread(const std::string& name, const std::string& title, int posts, int words) {
  model::Thread t;
  t.author = {name, "@" + name, std::nullopt, std::nullopt, {}};
  if (!title.empty()) t.title = title;
  t.source.platform = model::Platform::Bluesky;
  t.source.url = "https://example.org/" + name;
  t.source.captured_at = "2026-11-24T09:30:00Z";
  for (int i = 1; i <= posts; ++i) {
    model::Post p;
    p.id = std::to_string(i);
    p.created_at = "2026-11-2" + std::to_string(i % 10) + "T08:00:00Z";
    for (int w = 0; w < words; ++w) p.text += (w ? " " : "") + std::string("word") + std::to_string(w % 7);
    t.posts.push_back(p);
  }
  return t;
}

struct Packet {
  std::vector<model::Thread> threads;
  Document doc;
};

Packet make_packet(bool duplex, std::vector<layout::PacketFailure> failures = {}) {
  Packet p;
  p.threads = {make_thread("ada", "Paper sizes", 12, 60), make_thread("bo", "", 3, 20),
               make_thread("cy", "Night trains", 30, 40)};
  std::vector<layout::PacketThread> in;
  for (auto& t : p.threads)
    in.push_back({&t, nullptr, "https://example.org/" + t.author.name, std::string(64, 'a')});
  Diagnostics diag;
  layout::PacketOptions o;
  o.title = "Morning briefing";
  o.date = 1795512600;
  o.duplex = duplex;
  p.doc = layout::layout_packet(in, failures, test::fonts(),
                                layout::load_style("briefing", TP_SOURCE_DIR "/layouts"), diag, o);
  return p;
}

bool page_has(const layout::Page& page, const std::string& text) {
  for (const auto& item : page.items)
    if (auto* r = std::get_if<layout::GlyphRun>(&item))
      if (r->text.find(text) != std::string::npos) return true;
  return false;
}

std::vector<layout::OutlineEntry> top_level(const Document& d) {
  std::vector<layout::OutlineEntry> out;
  for (const auto& o : d.outline)
    if (o.level == 0) out.push_back(o);
  return out;
}

}  // namespace

TEST_CASE("a packet is a cover, the contents, the threads and the provenance appendix") {
  Packet p = make_packet(false, {{"https://example.org/broken", "not found or deleted"}});
  const Document& d = p.doc;
  CHECK(page_has(d.pages[0], "Morning briefing"));
  CHECK(page_has(d.pages[0], "3 threads, 45 posts"));
  CHECK(page_has(d.pages[0], "ada (@ada), bo (@bo), cy (@cy)"));
  CHECK(page_has(d.pages[1], "Contents"));
  auto top = top_level(d);
  REQUIRE(top.size() == 5);  // contents, three threads, provenance
  CHECK(top[0].title == "Contents");
  CHECK(top[1].title == "Paper sizes \u2014 ada (@ada)");
  CHECK(top[2].title.rfind("word0 word1", 0) == 0);  // no title: first words
  CHECK(top[4].title == "Provenance");
  // Each thread starts on a new page; the appendix names every input, hash and failure.
  CHECK(top[2].page > top[1].page);
  CHECK(top[3].page > top[2].page);
  bool failure = false, hash = false;
  for (int pg = top[4].page; pg < static_cast<int>(d.pages.size()); ++pg) {
    failure |= page_has(d.pages[static_cast<size_t>(pg)], "https://example.org/broken");
    hash |= page_has(d.pages[static_cast<size_t>(pg)], std::string(64, 'a'));
  }
  CHECK(failure);
  CHECK(hash);
  // Posts are nested under their thread.
  size_t posts_under_first = 0;
  for (size_t i = 0; i < d.outline.size(); ++i)
    if (d.outline[i].level == 1 && d.outline[i].page >= top[1].page && d.outline[i].page < top[2].page)
      ++posts_under_first;
  CHECK(posts_under_first == 12);
}

TEST_CASE("contents entries link to where each thread really starts, with its printed page number") {
  Packet p = make_packet(false);
  const Document& d = p.doc;
  auto top = top_level(d);
  const int numbered_first = top[1].page;
  std::vector<int> dests;
  for (const auto& item : d.pages[1].items)
    if (auto* l = std::get_if<layout::LinkItem>(&item)) {
      CHECK(l->uri.empty());
      dests.push_back(l->dest_page);
    }
  REQUIRE(dests == std::vector<int>{top[1].page, top[2].page, top[3].page});
  for (int dest : dests) CHECK(page_has(d.pages[1], std::to_string(dest - numbered_first + 1)));
  // The numbered part starts at 1 where the first thread starts; the cover and contents are roman.
  REQUIRE(d.page_labels.size() == 2);
  CHECK(d.page_labels[0].style == layout::PageLabel::Style::LowerRoman);
  CHECK(d.page_labels[1].first_page == numbered_first);
  const int numbered = static_cast<int>(d.pages.size()) - numbered_first;
  CHECK(page_has(d.pages[static_cast<size_t>(numbered_first)], "page 1 / " + std::to_string(numbered)));
  CHECK(page_has(d.pages[1], "ii"));
  // Running heads name each thread's author and title.
  CHECK(page_has(d.pages[static_cast<size_t>(top[1].page + 1)], "ada (@ada) \u00B7 Paper sizes"));
}

TEST_CASE("with duplex every thread starts on a right-hand page") {
  Packet p = make_packet(true);
  auto top = top_level(p.doc);
  for (size_t i = 1; i + 1 < top.size(); ++i) CHECK_MESSAGE(top[i].page % 2 == 0, top[i].title);
}

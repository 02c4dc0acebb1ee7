// Every PDF is made a page at a time, its pages kept in a spool until written (spooled_pdf.h,
// docs/streaming.md): the file must be byte for byte the one the whole document, laid out and held
// at once, gives. A thread with every script, emoji, links and a provenance appendix, and a
// packet (whose contents pages are drawn last, onto pages handed over empty).
#include "app/spooled_pdf.h"

#include <doctest/doctest.h>

#include "../text/text_fixture.h"
#include "layout/layout.h"
#include "layout/packet.h"
#include "parse/parse.h"
#include "process.h"

using namespace tp;

namespace {

// The example thread, its posts repeated into a document of dozens of pages.
model::Thread long_example() {
  model::Thread t =
      parse::read_thread_json(test::read_file(TP_SOURCE_DIR "/examples/world-scripts.json"), "world");
  const std::vector<model::Post> posts = t.posts;
  for (int copy = 1; copy < 20; ++copy)
    for (model::Post p : posts) {
      p.id += "-" + std::to_string(copy);
      t.posts.push_back(std::move(p));
    }
  return t;
}

}  // namespace

TEST_CASE("a thread made a page at a time is the same PDF as the whole document written at once") {
  const model::Thread thread = long_example();
  const media::MediaSet media;  // pictures missing: drawn as placeholders, the same in both
  const layout::Style style = layout::load_style("a4", TP_SOURCE_DIR "/layouts");
  layout::Options options{
      "world", UnixTime{1795512600}, "threadpdf test", {"Source: the test", "Hash: none"}};
  Diagnostics whole_diag;
  layout::Document whole = layout::layout_thread(thread, media, test::fonts(), style, whole_diag, options);
  const size_t pages = whole.pages.size();
  REQUIRE(pages > 20);
  const std::string expected = render::write_pdf(std::move(whole));

  Diagnostics diag;
  app::SpooledPdf pdf("world", "/tmp", [&](const app::PageDone& page_done) {
    layout::Options spooled = options;
    spooled.page_done = page_done;
    return layout::layout_thread(thread, media, test::fonts(), style, diag, spooled);
  });
  CHECK(pdf.pages() == pages);
  CHECK(pdf.write() == expected);
  CHECK(diag.warnings().size() == whole_diag.warnings().size());
}

TEST_CASE("a packet made a page at a time is the same PDF as the whole packet written at once") {
  const model::Thread a = long_example();
  model::Thread b =
      parse::read_thread_json(test::read_file(TP_SOURCE_DIR "/examples/paper-sizes.json"), "paper");
  const media::MediaSet media;
  const std::vector<layout::PacketThread> threads{
      {&a, &media, "world.json", "00"}, {&b, &media, "paper.json", "11"}, {&a, &media, "again.json", "22"}};
  const layout::Style style = layout::load_style("briefing", TP_SOURCE_DIR "/layouts");
  layout::PacketOptions options;
  options.date = UnixTime{1795512600};
  options.duplex = true;  // blank versos, handed over empty too
  Diagnostics whole_diag;
  layout::Document whole =
      layout::layout_packet(threads, {{"gone.json", "HTTP 404"}}, test::fonts(), style, whole_diag, options);
  const std::string expected = render::write_pdf(std::move(whole));

  Diagnostics diag;
  app::SpooledPdf pdf("packet", "/tmp", [&](const app::PageDone& page_done) {
    layout::PacketOptions spooled = options;
    spooled.page_done = page_done;
    return layout::layout_packet(threads, {{"gone.json", "HTTP 404"}}, test::fonts(), style, diag, spooled);
  });
  CHECK(pdf.write() == expected);
}

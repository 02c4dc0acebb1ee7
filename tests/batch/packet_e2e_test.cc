// End to end: `threadpdf --packet` of several files and of a --batch list, read back with qpdf
// --json (outline, destinations, link annotations, page labels), pdfinfo and pdftotext.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "batch/e2e_support.h"
#include "support/fake_web.h"
#include "support/pdf_words.h"

using namespace tp::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A thread PDF's own pages: alone, the briefing layout ends with the thread's provenance appendix;
// in a packet one appendix serves every thread.
int thread_pages(const std::string& pdf) {
  int own = pdf_pages(pdf);
  while (own > 0 && squash(pdf_text(pdf, own - 1)).find("Provenance Captured:") == std::string::npos) --own;
  REQUIRE(own > 0);
  return own - 1;
}

const std::string kExamples = TP_SOURCE_DIR "/examples/";
const std::string kEpoch = "SOURCE_DATE_EPOCH=1795512600 ";

// What one thread of a packet must be: as many pages as the thread alone in the same layout, an
// outline entry with one child per post, and every post's text.
struct ThreadExpect {
  int pages = 0;
  std::size_t posts = 0;
  std::vector<std::string> texts;
};

// The thread's posts' texts, as threadpdf reads them (its --json output).
std::vector<std::string> post_texts(const std::string& json_path) {
  std::vector<std::string> out;
  // Named: a range-for over a member of a temporary reads it after it died (ASan, before C++23).
  json doc = json::parse(read_file(json_path));
  for (const auto& p : doc["posts"])
    if (!p.value("deleted", false)) out.push_back(p["text"].get<std::string>());
  return out;
}

// The last number on the line of `text` holding `needle`, or -1.
int number_after(const std::string& text, const std::string& needle) {
  for (const auto& line : split_lines(text)) {
    if (line.find(needle) == std::string::npos) continue;
    std::smatch m;
    if (std::regex_search(line, m, std::regex("([0-9]+)\\s*$"))) return std::stoi(m[1]);
  }
  return -1;
}

// Checks the packet's structure against the threads alone; `failed` are inputs the appendix must
// list with a part of their reason.
void check_packet(const std::string& pdf, const std::vector<ThreadExpect>& threads, bool duplex,
                  const std::vector<std::pair<std::string, std::string>>& failed = {}) {
  std::string check;
  CHECK_MESSAGE(qpdf_check(pdf, &check), check);
  const PdfStructure s = pdf_structure(pdf);
  const int pages = pdf_pages(pdf);
  REQUIRE(pages == s.pages);

  // Page labels: i, ii... up to the first thread, then 1, 2...
  REQUIRE(s.labels.size() == 2);
  CHECK(s.labels[0] == std::pair<int, std::string>{0, "/r"});
  CHECK(s.labels[1].second == "/D");
  const int numbered_first = s.labels[1].first;

  // The outline: Contents, one entry per thread (with one child per post), Provenance.
  REQUIRE(s.outline.size() == threads.size() + 2);
  CHECK(s.outline.front().title == "Contents");
  CHECK(s.outline.front().page == 1);
  CHECK(s.outline.back().title == "Provenance");
  const int provenance = s.outline.back().page;
  // The appendix starts where its heading is printed, and runs to the end.
  CHECK(squash(pdf_text(pdf, provenance)).rfind("Provenance", 0) == 0);
  if (provenance > 0) CHECK(squash(pdf_text(pdf, provenance - 1)).find("Provenance") == std::string::npos);

  // The roman part: the cover, the contents, and with --duplex perhaps a blank verso after them.
  int contents_pages = 0, blanks = 0;
  for (int p = 1; p < numbered_first; ++p) {
    const bool blank = squash(pdf_text(pdf, p)).empty();
    CHECK_MESSAGE((!blank || (duplex && p == numbered_first - 1)), "blank page ", p);
    (blank ? blanks : contents_pages) += 1;
  }
  CHECK(contents_pages >= 1);
  // Where each thread must start: after the contents, each after the one before (on an odd page
  // number with --duplex, a blank verso before it when needed).
  int at = 1 + contents_pages + blanks, sum = 0;
  for (std::size_t i = 0; i < threads.size(); ++i) {
    CAPTURE(i);
    if (duplex && at % 2 == 1) {
      // A blank verso, with only its footer.
      CHECK(squash(pdf_text(pdf, at)) == "page " + std::to_string(at - numbered_first + 1) + " / " +
                                             std::to_string(pages - numbered_first));
      ++blanks;
      ++at;
    }
    const OutlineEntry& e = s.outline[i + 1];
    CHECK(e.page == at);
    if (duplex) CHECK(e.page % 2 == 0);  // page number e.page + 1 is odd: a right-hand page
    CHECK(e.kids.size() == threads[i].posts);
    for (const auto& k : e.kids) CHECK((k.page >= at && k.page < at + threads[i].pages));
    // The thread's first page counts from 1 in its footer.
    CHECK(squash(pdf_text(pdf, at))
              .find("page " + std::to_string(at - numbered_first + 1) + " / " +
                    std::to_string(pages - numbered_first)) != std::string::npos);
    at += threads[i].pages;
    sum += threads[i].pages;
  }
  CHECK(provenance == at);
  const int appendix_pages = pages - provenance;
  CHECK(appendix_pages >= 1);
  // The whole: cover, contents, the threads as they are alone, blank versos, appendix.
  CHECK(pages == 1 + contents_pages + sum + blanks + appendix_pages);

  // The contents: one link per thread, top to bottom, each to the page its outline entry names,
  // and the printed number is that page's label.
  std::string contents_text;
  std::vector<LinkAnnot> links;
  for (int p = 1; p <= contents_pages; ++p) {
    contents_text += pdf_text(pdf, p, true);
    for (const auto& l : s.links[static_cast<std::size_t>(p)]) links.push_back(l);
  }
  REQUIRE(links.size() == threads.size());
  for (std::size_t i = 0; i < threads.size(); ++i) {
    CAPTURE(i);
    const OutlineEntry& e = s.outline[i + 1];
    CHECK(links[i].dest_page == e.page);
    // The outline names "title — author"; the contents print the title's first words.
    std::string title = e.title.substr(0, e.title.find(" \u2014 "));
    title = title.substr(0, std::min<std::size_t>(title.size(), 18));
    CHECK_MESSAGE(number_after(contents_text, title) == e.page - numbered_first + 1, contents_text);
  }

  // Every post's text comes back, and the failures are listed with their reasons.
  const std::string text = squash(pdf_text(pdf));
  // Word by word (support/pdf_words.h): extraction moves marks and neutral punctuation of other
  // scripts; white space is left out as a line may break inside a Thai or Japanese "word".
  const std::string letters = without_space(without_point_marks(without_bidi_marks(text)));
  for (const auto& t : threads)
    for (const auto& post : t.texts)
      for (const std::string& w : words_of(post)) CHECK_MESSAGE(letters.find(w) != std::string::npos, w);
  if (!failed.empty()) CHECK(text.find("Inputs that failed") != std::string::npos);
  for (const auto& [input, reason] : failed) {
    CHECK_MESSAGE(text.find(input + ": ") != std::string::npos, input);
    CHECK_MESSAGE(text.find(reason) != std::string::npos, reason);
  }
}

}  // namespace

TEST_CASE(
    "a packet of three files: cover, contents, the threads as they are alone, appendix; labels, links, "
    "text") {
  TempDir dir;
  const std::vector<std::string> inputs{kExamples + "paper-sizes.json", kExamples + "night-trains.txt",
                                        kExamples + "world-scripts.json"};
  std::vector<ThreadExpect> threads;
  std::size_t posts = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string pdf = dir / ("alone" + std::to_string(i) + ".pdf"),
                      js = dir / ("alone" + std::to_string(i) + ".json");
    Ran r = run(kEpoch + threadpdf() + " " + inputs[i] + " --layout briefing -o " + pdf + " --json " + js);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const std::size_t n = json::parse(read_file(js))["posts"].size();
    posts += n;
    threads.push_back({thread_pages(pdf), n, post_texts(js)});
  }
  fs::create_directories(dir / "work");
  for (bool duplex : {false, true}) {
    CAPTURE(duplex);
    const std::string packet = dir / (duplex ? "duplex.pdf" : "packet.pdf");
    Ran r = run("cd " + dir / "work" + " && " + kEpoch + threadpdf() + " --packet " + packet +
                " --title 'Morning briefing' --layout briefing" + (duplex ? " --duplex " : " ") + inputs[0] +
                " " + inputs[1] + " " + inputs[2]);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out == packet + "\n");
    // Only the packet is written: no PDF per input in the current folder.
    CHECK(files_in(dir / "work").empty());
    check_packet(packet, threads, duplex);
    const std::string cover = squash(pdf_text(packet, 0));
    CHECK(cover.find("Morning briefing") != std::string::npos);
    CHECK(cover.find("3 threads, " + std::to_string(posts) + " posts") != std::string::npos);
  }
}

TEST_CASE("a packet of a batch list: the good threads, and the inputs that failed in the appendix") {
  FakeWeb web;
  FakeMastodon fake(web.server());
  const auto generated = add_generated_threads(fake, 5);
  web.server().route("/api/v1/statuses/115999999999999002",
                     HttpReply{200, {{"Content-Type", "application/json"}}, "{\"id\": \"1\", "});
  std::string list;
  for (std::size_t t : generated) list += fake.url(t) + "\n";
  const std::string missing = web.base() + "/@ghost/115999999999999404";
  const std::string corrupt = web.base() + "/@broken/115999999999999002";
  list += missing + "\n" + corrupt + "\n" + fake.url(generated[2], 0, true) + "\n";
  TempDir dir;
  write_file(dir / "list.txt", list);
  // The PDFs into a folder (their page counts in the report) and the packet, in one run; then
  // again, when the PDFs exist and the threads are only loaded for the packet.
  const std::string packet = dir / "packet.pdf";
  const std::string command = batch_env(dir) + threadpdf() + " --batch " + dir / "list.txt" + " -o " +
                              dir / "pdfs" + " --report " + dir / "report.jsonl --packet " + packet +
                              " --layout briefing -j 2";
  for (int round = 1; round <= 2; ++round) {
    CAPTURE(round);
    fs::remove(packet);
    Ran r = run(command);
    CHECK(r.status == 1);  // two inputs failed
    REQUIRE_MESSAGE(fs::exists(packet), r.err);
    Report report = read_report(dir / "report.jsonl");
    CHECK(report.summary["failed"] == 2);
    CHECK(report.summary["ok"] == (round == 1 ? 5 : 0));
    std::vector<ThreadExpect> threads;
    for (std::size_t i = 0; i < generated.size(); ++i) {
      const std::string pdf =
          dir / "pdfs/" + fs::path(report.line(i + 1)->at("output").get<std::string>()).filename().string();
      ThreadExpect t{thread_pages(pdf), fake.posts(generated[i]).size(), {}};
      for (const auto& p : fake.posts(generated[i])) t.texts.push_back(p.text);
      if (round == 1) CHECK(report.line(i + 1)->at("pages") == pdf_pages(pdf));
      threads.push_back(t);
    }
    check_packet(packet, threads, false, {{missing, "not found or deleted"}, {corrupt, "invalid JSON"}});
    // The duplicate is neither a thread of its own nor a failure.
    CHECK(squash(pdf_text(packet, 0)).find("5 threads") != std::string::npos);
  }
}

TEST_CASE("a packet without --layout uses the briefing layout") {
  TempDir dir;
  const std::string inputs = kExamples + "paper-sizes.json " + kExamples + "night-trains.txt";
  Ran implicit =
      run("cd " + dir.path() + " && " + kEpoch + threadpdf() + " --packet " + dir / "a.pdf " + inputs);
  Ran briefing = run("cd " + dir.path() + " && " + kEpoch + threadpdf() + " --packet " +
                     dir / "b.pdf --layout briefing " + inputs);
  REQUIRE(implicit.status == 0);
  REQUIRE(briefing.status == 0);
  const bool same = read_file(dir / "a.pdf") == read_file(dir / "b.pdf");
  CHECK_MESSAGE(same, "the packet without --layout differs from the one with --layout briefing");
}

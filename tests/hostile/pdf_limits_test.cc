// What a thread may hold that a PDF cannot: the conversion still succeeds, and says what changed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "app/process.h"

using namespace tp::test;
using nlohmann::json;

TEST_CASE("a link target and a title longer than a PDF string still give a PDF, with warnings") {
  TempDir dir;
  const std::string target = "https://example.org/" + std::string(70000, 'a');
  json thread = {
      {"format", "threadpdf-thread/1"},
      {"source", {{"platform", "json"}}},
      {"title", std::string(70000, 'T')},
      {"author", {{"name", "B"}, {"handle", "@b.example"}}},
      {"posts",
       json::array({{{"id", "1"},
                     {"text", "see this link and that one"},
                     {"spans", json::array({{{"start", 4}, {"end", 8}, {"kind", "link"}, {"href", target}},
                                            {{"start", 18},
                                             {"end", 22},
                                             {"kind", "link"},
                                             {"href", "https://example.org/short"}}})}}})}};
  write_file(dir / "t.json", thread.dump());
  Ran ran = run_limited(threadpdf() + " " + (dir / "t.json") + " -o " + (dir / "t.pdf"));
  INFO(ran.err);
  CHECK((ran.status == 0 || ran.status == 3));
  CHECK(
      ran.err.find("t.json: 1 link area was left unlinked: the target is longer than a PDF string may be") !=
      std::string::npos);
  CHECK(ran.err.find("t.json: a title, author name or bookmark was cut to 16000 bytes") != std::string::npos);
  CHECK(run("qpdf --check " + (dir / "t.pdf")).status == 0);
  // The short link is still a link, and the text of both is on the page.
  Ran json_out = run("qpdf --json " + (dir / "t.pdf"));
  CHECK(json_out.out.find("https://example.org/short") != std::string::npos);
  CHECK(squash(run("pdftotext " + (dir / "t.pdf") + " -").out).find("see this link and that one") !=
        std::string::npos);
}

TEST_CASE("an alt text longer than a PDF string is cut in the structure tree and printed in full") {
  TempDir dir;
  const std::string alt = "A sheet " + std::string(70000, 'x');
  json thread = {
      {"format", "threadpdf-thread/1"},
      {"source", {{"platform", "json"}}},
      {"author", {{"name", "B"}, {"handle", "@b.example"}}},
      {"posts",
       json::array({{{"id", "1"},
                     {"text", "a picture"},
                     {"media", json::array({{{"kind", "image"}, {"src", "p.png"}, {"alt", alt}}})}}})}};
  write_file(dir / "t.json", thread.dump());
  write_file(dir / "p.png", read_file(TP_SOURCE_DIR "/examples/img/paper-sizes.png"));
  Ran ran = run_limited(threadpdf() + " " + (dir / "t.json") + " -o " + (dir / "t.pdf"));
  INFO(ran.err);
  CHECK(ran.status == 0);
  CHECK(ran.err.find("t.json: an alt text was cut to 16000 bytes in the PDF's structure tree") !=
        std::string::npos);
  CHECK(run("qpdf --check " + (dir / "t.pdf")).status == 0);
  const std::string tree = run("qpdf --json " + (dir / "t.pdf")).out;
  CHECK(tree.find("\"/Alt\": \"u:A sheet xxx") != std::string::npos);
}

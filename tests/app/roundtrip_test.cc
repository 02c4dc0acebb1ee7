// Generated PDFs read back with the tools a user has: pdftotext, pdffonts, qpdf, pdfimages, pdfinfo.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/pdf_words.h"
#include "process.h"

using namespace tp::test;
using nlohmann::json;

namespace {

const std::string kExamples = TP_SOURCE_DIR "/examples";
const std::string kEpoch = "SOURCE_DATE_EPOCH=1795512600 ";

// Converts `input` to dir/name.pdf; returns the PDF's path.
std::string convert(const TempDir& dir, const std::string& input, const std::string& name = "out",
                    const std::string& extra = "") {
  std::string pdf = dir / (name + ".pdf");
  Ran r = run(kEpoch + threadpdf() + " " + input + " -o " + pdf + " " + extra);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return pdf;
}

std::string text_of(const std::string& pdf) {
  Ran r = run("pdftotext -enc UTF-8 " + pdf + " -");
  REQUIRE(r.status == 0);
  return r.out;
}

int pages_of(const std::string& pdf) {
  Ran r = run("pdfinfo " + pdf + " | sed -n 's/^Pages: *//p'");
  return std::atoi(r.out.c_str());
}

}  // namespace

TEST_CASE("every post of the example comes back from pdftotext: English, Ukrainian, Greek, emoji") {
  TempDir dir;
  std::string pdf = convert(dir, kExamples + "/paper-sizes.json");
  std::string text = squash(text_of(pdf));
  json thread = json::parse(read_file(kExamples + "/paper-sizes.json"));
  for (const auto& post : thread["posts"]) {
    CHECK_MESSAGE(text.find(squash(post["text"].get<std::string>())) != std::string::npos, post["text"]);
    if (post.contains("quote"))
      CHECK(text.find(squash(post["quote"]["text"].get<std::string>())) != std::string::npos);
  }
  for (const char* s :
       {"формат А4", "χαρτί μεγέθους Α4", "👨‍👩‍👧", "🇺🇦", "👍🏽", "1️⃣", "🧵", "1/8",
        "8/8", "This post is unavailable", "Notes on paper sizes", "@ada.example.org", "page 1 /",
        // The last post: a content warning, a custom emoji copied as its shortcode, an
        // edited mark and a poll's results.
        "Content warning: Strong opinions about paper", "most? :a4_sheet: Letter",
        "edited 20 Nov 2026, 09:02 UTC", "61%", "100 voters · closed 23 Nov 2026"})
    CHECK_MESSAGE(text.find(s) != std::string::npos, s);
}

TEST_CASE("every font is embedded, subset, and has a ToUnicode map") {
  TempDir dir;
  Ran r = run("pdffonts " + convert(dir, kExamples + "/paper-sizes.json"));
  REQUIRE(r.status == 0);
  size_t fonts = 0, stand_ins = 0;
  std::istringstream lines(r.out);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i) {
    if (i < 2) continue;  // header and rule
    if (line.find("Type 3") != std::string::npos) {
      // The blank glyphs that carry the emoji's text: nothing to subset, but a ToUnicode map.
      ++stand_ins;
      CHECK_MESSAGE(line.find("Custom           yes no  yes") != std::string::npos, line);
      continue;
    }
    ++fonts;
    CHECK_MESSAGE(
        (line.find("CID TrueType") != std::string::npos || line.find("CID Type 0C") != std::string::npos),
        line);
    CHECK_MESSAGE(line.find("Identity-H") != std::string::npos, line);
    CHECK_MESSAGE(line.find("yes yes yes") != std::string::npos, line);  // emb sub uni
    CHECK(line.find('+') == 6);                                          // ABCDEF+Name: a subset
  }
  CHECK(fonts >= 2);  // regular and bold at least
  CHECK(stand_ins == 1);
}

TEST_CASE("qpdf finds no damage; links and outline entries are there") {
  TempDir dir;
  std::string pdf = convert(dir, kExamples + "/paper-sizes.json");
  Ran check = run("qpdf --check " + pdf);
  CHECK_MESSAGE(check.status == 0, check.out, check.err);
  CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  Ran js = run("qpdf --json " + pdf);
  REQUIRE(js.status == 0);
  json j = json::parse(js.out);
  std::string all = js.out;
  for (const char* uri : {"https://example.org/iso-216", "https://bsky.app/hashtag/paper",
                          "https://bsky.app/profile/bo.example.net", "https://example.org/media/fold.mp4",
                          "https://bsky.app/profile/ada.example.org/post/3kexample01"})
    CHECK_MESSAGE(all.find(std::string("/URI\": \"u:") + uri) != std::string::npos, uri);
  REQUIRE(j.contains("outlines"));
  std::vector<std::string> titles;
  for (const auto& o : j["outlines"]) titles.push_back(o["title"].get<std::string>());
  REQUIRE(titles.size() == 8);
  CHECK(titles[0].rfind("1/8 \u00B7 Why is A4", 0) == 0);
  CHECK(titles[4] == "5/8 \u00B7 (deleted)");
}

TEST_CASE("the same input and SOURCE_DATE_EPOCH give the same bytes") {
  TempDir dir;
  std::string a = read_file(convert(dir, kExamples + "/paper-sizes.json", "a"));
  std::string b = read_file(convert(dir, kExamples + "/paper-sizes.json", "b"));
  CHECK(a.size() > 1000);
  CHECK(a == b);
  // pdfinfo prints "Key:   value" lines.
  std::map<std::string, std::string> info;
  std::istringstream lines(run("pdfinfo " + dir / "a.pdf").out);
  for (std::string line; std::getline(lines, line);)
    if (size_t colon = line.find(':'); colon != std::string::npos)
      info[line.substr(0, colon)] = squash(line.substr(colon + 1));
  CHECK(info["Title"] == "Notes on paper sizes");
  CHECK(info["Author"] == "Ada Example (@ada.example.org)");
  CHECK(info["Subject"] == "https://bsky.app/profile/ada.example.org/post/3kexample01");
  CHECK(info["Creator"].rfind("threadpdf ", 0) == 0);
  CHECK(info["CreationDate"].rfind("Tue Nov 24 09:30:00 2026", 0) == 0);
}

TEST_CASE("colour emoji are images with soft masks, each stored once") {
  TempDir dir;
  Ran r = run("pdfimages -list " + convert(dir, kExamples + "/paper-sizes.json"));
  REQUIRE(r.status == 0);
  size_t smasks = 0;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) smasks += line.find("smask") != std::string::npos;
  CHECK(smasks >= 8);  // the distinct emoji of the example, and the avatar's alpha
}

TEST_CASE("the copied text of an unroll page becomes a thread; the page chrome does not") {
  TempDir dir;
  std::string text = squash(text_of(convert(dir, kExamples + "/night-trains.txt")));
  CHECK(text.find("Mira Placeholder") != std::string::npos);
  CHECK(text.find("@mira_sample") != std::string::npos);
  CHECK(text.find("6/6") != std::string::npos);
  CHECK(text.find("Book the couchette, not the seat.") != std::string::npos);
  CHECK(text.find("«провідник»") != std::string::npos);
  CHECK(text.find("«κλινάμαξα»") != std::string::npos);
  CHECK(text.find("ferries") == std::string::npos);
  CHECK(text.find("Keep Current") == std::string::npos);
}

TEST_CASE("a missing and a corrupt image become placeholders with a warning; the PDF is written") {
  TempDir dir;
  write_file(dir / "broken.png", "this is not a picture");
  write_file(dir / "t.json", R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
    "author": {"name": "Ada", "handle": "@ada"},
    "posts": [{"id": "1", "text": "first", "media": [{"kind": "image", "src": "gone.png", "alt": "A lost sheet"}]},
              {"id": "2", "text": "second", "media": [{"kind": "image", "src": "broken.png", "alt": "A torn sheet"}]}]})");
  Ran r = run(kEpoch + threadpdf() + " " + (dir / "t.json"));
  // Written, but incomplete: exit status 3, and a closing line that says why.
  CHECK(r.status == 3);
  CHECK(r.err.find("post 1") != std::string::npos);
  CHECK(r.err.find("post 2") != std::string::npos);
  CHECK(r.err.find("warning: ") == 0);
  CHECK(
      r.err.find((dir / "t.pdf") +
                 ": written, but the capture is incomplete: 2 things could not be had (see the warnings)") !=
      std::string::npos);
  CHECK(r.out == (dir / "t.pdf") + "\n");
  // --incomplete-ok: the same PDF, exit 0, no closing line; -q keeps only that line.
  Ran ok = run(kEpoch + threadpdf() + " --incomplete-ok " + (dir / "t.json") + " -o " + (dir / "ok.pdf"));
  CHECK(ok.status == 0);
  CHECK(ok.err.find("incomplete") == std::string::npos);
  CHECK(read_file(dir / "ok.pdf") == read_file(dir / "t.pdf"));
  Ran quiet = run(kEpoch + threadpdf() + " -q " + (dir / "t.json"));
  CHECK(quiet.status == 3);
  CHECK(quiet.err.find("warning: ") == std::string::npos);
  CHECK(quiet.err.find("written, but the capture is incomplete") != std::string::npos);
  std::string text = squash(text_of(dir / "t.pdf"));
  CHECK(text.find("Image unavailable") != std::string::npos);
  CHECK(text.find("A lost sheet") != std::string::npos);
  CHECK(text.find("A torn sheet") != std::string::npos);
}

TEST_CASE("--json writes thread JSON that renders to the same PDF") {
  TempDir dir;
  run("cp -r " + kExamples + "/img " + dir.path());
  run("cp " + kExamples + "/paper-sizes.json " + (dir / "in.json"));
  std::string first = read_file(convert(dir, dir / "in.json", "first", "--json " + (dir / "copy.json")));
  std::string again = read_file(convert(dir, dir / "copy.json", "again"));
  CHECK(first == again);
}

TEST_CASE("a 1,000-post thread renders") {
  TempDir dir;
  json t = {{"format", "threadpdf-thread/1"},
            {"source", {{"platform", "json"}}},
            {"author", {{"name", "Ada"}, {"handle", "@ada"}}},
            {"posts", json::array()}};
  for (int i = 1; i <= 1000; ++i)
    t["posts"].push_back({{"id", std::to_string(i)},
                          {"text", "Post " + std::to_string(i) +
                                       ": a sentence long enough to wrap once or twice "
                                       "on an A4 page, with an emoji 📄 and a word in Greek, χαρτί."}});
  write_file(dir / "big.json", t.dump());
  std::string pdf = convert(dir, dir / "big.json");
  CHECK(pages_of(pdf) > 40);
  std::string text = text_of(pdf);
  CHECK(text.find("1000/1000") != std::string::npos);
  CHECK(text.find("Post 1000: a sentence") != std::string::npos);
}

TEST_CASE("letter and a5 change the page size") {
  TempDir dir;
  Ran letter = run("pdfinfo " + convert(dir, kExamples + "/paper-sizes.json", "l", "--layout letter"));
  CHECK(letter.out.find("612 x 792 pts") != std::string::npos);
  Ran a5 = run("pdfinfo " + convert(dir, kExamples + "/paper-sizes.json", "a5", "--page-size a5"));
  CHECK(a5.out.find("419.528 x 595.276 pts") != std::string::npos);
}

TEST_CASE("every word of every script comes back from pdftotext, spelled in reading order") {
  TempDir dir;
  const std::string extracted =
      without_bidi_marks(squash(text_of(convert(dir, kExamples + "/world-scripts.json"))));
  const std::string text = without_point_marks(extracted);
  json thread = json::parse(read_file(kExamples + "/world-scripts.json"));
  size_t marks = 0;
  for (const auto& post : thread["posts"]) marks += count_point_marks(post["text"].get<std::string>());
  CHECK(marks > 0);
  CHECK(count_point_marks(extracted) == marks);  // every mark is there, if beside its word
  for (const auto& post : thread["posts"]) {
    const std::string t = post["text"].get<std::string>();
    if (t.rfind("ไทย", 0) == 0 || t.rfind("日本語", 0) == 0) continue;  // no spaces between words: below
    for (const std::string& w : words_of(t)) CHECK_MESSAGE(text.find(w) != std::string::npos, w);
  }
  // Scripts without spaces between words: the whole post, whatever the line breaks.
  for (const auto& post : thread["posts"]) {
    const std::string t = post["text"].get<std::string>();
    if (t.rfind("ไทย", 0) == 0 || t.rfind("日本語", 0) == 0)
      CHECK_MESSAGE(without_space(text).find(without_space(without_point_marks(t))) != std::string::npos, t);
  }
}

TEST_CASE("book layout: words hyphenated at line ends come back whole from pdftotext") {
  TempDir dir;
  const std::string text =
      "Typographers recommend hyphenation for justified paragraphs because otherwise interword spacing "
      "becomes uncomfortably irregular, particularly within comparatively narrow columns containing "
      "extraordinarily lengthy vocabulary, institutionalisation, and characteristically multisyllabic "
      "terminology.";
  json t = {{"format", "threadpdf-thread/1"},
            {"source", {{"platform", "json"}}},
            {"author", {{"name", "T"}, {"handle", "@t"}}},
            {"posts", {{{"id", "1"}, {"text", text}}}}};
  write_file(dir / "t.json", t.dump());
  std::string pdf = convert(dir, dir / "t.json", "book", "--layout book");
  // The layout put a hyphen at some line end ...
  Ran dump = run(threadpdf() + " " + (dir / "t.json") + " --layout book --dump layout");
  CHECK(dump.out.find("text=\"-\"") != std::string::npos);
  // ... and the extracted text has every word whole, no hyphen inside any of them.
  CHECK(squash(text_of(pdf)).find(text) != std::string::npos);
  Ran info = run("pdfinfo " + pdf);
  CHECK(info.out.find("419.528 x 595.276 pts") != std::string::npos);  // A5
}

TEST_CASE("a batch: an input with losses ends incomplete, its losses said without -v; the batch exits 3") {
  TempDir dir;
  const std::string head = R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
    "author": {"name": "Ada", "handle": "@ada"}, "posts": [)";
  write_file(dir / "whole.json", head + R"({"id": "1", "text": "all here"}]})");
  write_file(dir / "lossy.json",
             head + R"({"id": "1", "text": "a picture", "media": [{"kind": "image", "src": "gone.png"}]}]})");
  write_file(dir / "bad.json", "{");
  write_file(dir / "list.txt", "whole.json\nlossy.json\n");
  const std::string batch =
      "cd " + dir.path() + " && " + kEpoch + threadpdf() + " --batch list.txt -o out -j 1 ";
  Ran r = run(batch + "--report report.jsonl");
  CHECK(r.status == 3);
  CHECK(r.err.find("ok       line 1: whole.json") != std::string::npos);
  CHECK(r.err.find("incomplete line 2: lossy.json") != std::string::npos);
  CHECK(r.err.find("warning: lossy.json: post 1 image 1: cannot read gone.png") != std::string::npos);
  CHECK(r.err.find("1 ok, 1 incomplete, 0 skipped, 0 failed of 2") != std::string::npos);
  std::istringstream report(read_file(dir / "report.jsonl"));
  std::vector<json> objs;
  for (std::string line; std::getline(report, line);) objs.push_back(json::parse(line));
  REQUIRE(objs.size() == 3);
  CHECK(objs[0]["status"] == "ok");
  CHECK(objs[1]["status"] == "incomplete");
  CHECK(objs[1]["error"].is_null());
  REQUIRE(objs[1]["warnings"].size() == 1);
  CHECK(objs[1]["output"] == "out/lossy.pdf");
  CHECK(objs[2]["incomplete"] == 1);
  CHECK(objs[2]["ok"] == 1);

  CHECK(run(batch + "--force --incomplete-ok").status == 0);
  write_file(dir / "list.txt", "whole.json\nlossy.json\nbad.json\n");
  CHECK(run(batch + "--force").status == 1);  // a failure outweighs a loss
}

TEST_CASE("a file of URLs exits 2 and points to --batch; --from forces a reader") {
  TempDir dir;
  write_file(dir / "urls.txt", "https://bsky.app/profile/a.example/post/3k1\nhttps://social.example/@b/1\n");
  Ran r = run(kEpoch + threadpdf() + " " + (dir / "urls.txt"));
  CHECK(r.status == 2);
  CHECK(r.err == (dir / "urls.txt") + ": this looks like a list of URLs: use --batch FILE\n");
  CHECK_FALSE(std::filesystem::exists(dir / "urls.pdf"));
  Ran forced = run(kEpoch + threadpdf() + " --from unroll " + (dir / "urls.txt"));
  CHECK(forced.status == 0);
  CHECK(run(kEpoch + threadpdf() + " --from yaml " + (dir / "urls.txt")).status == 2);
  write_file(dir / "t.txt", "{\"format\": 1}");
  CHECK(run(kEpoch + threadpdf() + " --from json " + (dir / "t.txt")).status == 1);
}

TEST_CASE("text without an unroll page's marks is not a thread; each mark, or --from unroll, makes it one") {
  TempDir dir;
  const std::string notes = "Einkaufsliste\nMilch\nBrot und Butter\n";
  write_file(dir / "notes.txt", notes);
  Ran r = run(kEpoch + threadpdf() + " " + (dir / "notes.txt"));
  CHECK(r.status == 1);
  CHECK(r.err.rfind((dir / "notes.txt") + ": not a thread: ", 0) == 0);
  CHECK(r.err.find("--from unroll") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(std::filesystem::exists(dir / "notes.pdf"));
  CHECK(run(kEpoch + threadpdf() + " --from unroll " + (dir / "notes.txt")).status == 0);
  CHECK(std::filesystem::exists(dir / "notes.pdf"));
  // The end line, the chrome below it, the author block above: any one of them is enough.
  const std::vector<std::pair<std::string, std::string>> marked{
      {"end.txt", notes + "• • •\n"},
      {"chrome.txt", notes + "Missing some Tweet in this thread? You can try to force a refresh\n"},
      {"more.txt", notes + "More from @rail_notes\n"},
      {"block.txt", "Rail Notes\nSubscribe\n@rail_notes\nJun 22 •\n3 tweets • 1 min read •\n" + notes}};
  for (const auto& [name, text] : marked) {
    CAPTURE(name);
    write_file(dir / name, text);
    Ran m = run(kEpoch + threadpdf() + " " + (dir / name) + " --dump model");
    CHECK_MESSAGE(m.status == 0, m.err);
    CHECK(m.out.find("Brot und Butter") != std::string::npos);
  }
}

TEST_CASE("\"office offer efficient\" set narrow in the book layout prints and extracts whole words") {
  TempDir dir;
  std::string sentence =
      "The office offer was efficient, and the official coffee was sufficient for the office staff.";
  std::string text;
  for (int i = 0; i < 6; ++i) text += (i ? " " : "") + sentence;
  write_file(dir / "office.json", json{{"format", "threadpdf-thread/1"},
                                       {"source", {{"platform", "json"}}},
                                       {"author", {{"name", "A"}, {"handle", "@a"}}},
                                       {"posts", json::array({{{"id", "1"}, {"text", text}}})}}
                                      .dump());
  // A column of about 115 pt: the book layout hyphenates, and its dictionary offers points inside
  // the ffi and ff ligatures (of-fice, ef-fi-cient, cof-fee).
  write_file(dir / "narrow.json", R"({"extends": "book", "margins": {"left": 150, "right": 150}})");
  std::string pdf =
      convert(dir, dir / "office.json", "office", "--layout " + std::string(dir / "narrow.json"));
  // Hyphenation still happens between clusters: in the layout as printed, a line ends in "effi-".
  CHECK(run("pdftotext -layout -enc UTF-8 " + pdf + " -").out.find("effi-\n") != std::string::npos);
  // pdftotext joins a line that ends in "-" with the next, so a hyphenated word comes back whole.
  std::string got = text_of(pdf);
  std::string flat = squash(got);
  for (const char* broken : {"ofce", "ofer", "efcient", "ofcial", "cofee", "sufcient", "ofi", "efi"})
    CHECK_MESSAGE(flat.find(broken) == std::string::npos, broken, "\n", got);
  size_t office = 0;
  for (size_t at = flat.find("office"); at != std::string::npos; at = flat.find("office", at + 1)) ++office;
  CHECK(office == 12);
}

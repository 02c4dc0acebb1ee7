// Links, the outline and the information dictionary, read back with pdfinfo and qpdf's JSON.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "pdf_tools.h"
#include "render/pdf/pdf.h"

using namespace tp;
using test::kRegular;
using test::shape;

namespace {

layout::Document three_pages() {
  layout::Document doc;
  doc.fonts = {{kRegular, 0}};
  for (int i = 0; i < 3; ++i) {
    layout::Page p;
    p.size = {420, 595};
    p.items.push_back(shape(kRegular, 0, "Page " + std::to_string(i + 1), 12, {40, 60}));
    doc.pages.push_back(p);
  }
  layout::LinkItem web;
  web.box = {40, 48, 100, 16};
  web.uri = "https://example.com/thread?id=42&x=ü";
  layout::LinkItem inside;
  inside.box = {40, 80, 100, 16};
  inside.dest_page = 2;
  inside.dest_y = 100;
  doc.pages.at(0).items.push_back(web);
  doc.pages.at(0).items.push_back(inside);
  doc.outline = {{"Вступ", 0, 0, 0}, {"Καλημέρα, ẞ", 1, 50, 1}, {"Second 👍", 2, 100, 0}};
  doc.metadata.title = "Нитка: “quotes” & ünïcödé";
  doc.metadata.author = "Ольга Ж.";
  doc.metadata.subject = "A thread";
  doc.metadata.keywords = "threads, pdf";
  doc.metadata.creator = "threadpdf test";
  doc.metadata.language = "uk";
  doc.metadata.creation_date = 1795512600;
  return doc;
}

std::string json(const std::string& path, const std::string& key) {
  return test::run("qpdf --json=2 --json-key=" + key + " '" + path + "'").out;
}

}  // namespace

TEST_CASE("links: a borderless URI annotation and an internal /XYZ destination") {
  const std::string path = test::write_file("links.pdf", render::write_pdf(three_pages()));
  const auto pages = nlohmann::json::parse(json(path, "pages")).at("pages");
  REQUIRE(pages.size() == 3);
  const auto objects = nlohmann::json::parse(json(path, "qpdf")).at("qpdf").at(1);
  std::vector<nlohmann::json> links;
  for (const auto& [id, obj] : objects.items()) {
    if (!obj.contains("value")) continue;  // streams are {"stream": ...}
    const auto& value = obj.at("value");
    if (value.is_object() && value.value("/Subtype", "") == "/Link") links.push_back(value);
  }
  REQUIRE(links.size() == 2);
  const auto& web = links.at(0);
  CHECK(web.at("/A").at("/S") == "/URI");
  CHECK(web.at("/A").at("/URI") == "u:https://example.com/thread?id=42&x=%C3%BC");
  CHECK(web.at("/Border") == nlohmann::json::array({0, 0, 0}));
  // The box in PDF space: y flipped (595 - 64 = 531 .. 595 - 48 = 547).
  CHECK(web.at("/Rect") == nlohmann::json::array({40, 531, 140, 547}));
  // Each says in words where it leads, for screen readers: the URI as written, or the page.
  CHECK(web.at("/Contents") == "u:https://example.com/thread?id=42&x=ü");
  const auto& inside = links.at(1);
  CHECK(inside.at("/Contents") == "u:Go to page 3");
  CHECK(inside.at("/Border") == nlohmann::json::array({0, 0, 0}));
  CHECK(inside.at("/Dest") == nlohmann::json::array({pages.at(2).at("object"), "/XYZ", 0, 495, nullptr}));
  // And the annotations hang on the first page.
  CHECK(objects.at("obj:" + pages.at(0).at("object").get<std::string>()).at("value").at("/Annots").size() ==
        2);
}

TEST_CASE("the outline keeps non-ASCII titles, nesting and targets") {
  const std::string path = test::write_file("outline.pdf", render::write_pdf(three_pages()));
  const std::string outlines = json(path, "outlines");
  CAPTURE(outlines);
  CHECK(outlines.find("\"title\": \"Вступ\"") != std::string::npos);
  CHECK(outlines.find("\"title\": \"Καλημέρα, ẞ\"") != std::string::npos);
  CHECK(outlines.find("\"title\": \"Second 👍\"") != std::string::npos);
  const auto tree = nlohmann::json::parse(outlines).at("outlines");
  REQUIRE(tree.size() == 2);
  CHECK(tree.at(0).at("title") == "Вступ");
  CHECK(tree.at(0).at("destpageposfrom1") == 1);
  REQUIRE(tree.at(0).at("kids").size() == 1);
  CHECK(tree.at(0).at("kids").at(0).at("title") == "Καλημέρα, ẞ");
  CHECK(tree.at(0).at("kids").at(0).at("destpageposfrom1") == 2);
  CHECK(tree.at(0).at("kids").at(0).at("dest").at(3) == 545);
  CHECK(tree.at(1).at("title") == "Second 👍");
  CHECK(tree.at(1).at("destpageposfrom1") == 3);
  CHECK(test::qdf(path).find("/PageMode /UseOutlines") != std::string::npos);
}

TEST_CASE("no outline, no /PageMode") {
  auto doc = three_pages();
  doc.outline.clear();
  const std::string path = test::write_file("no_outline.pdf", render::write_pdf(doc));
  const std::string text = test::qdf(path);
  CHECK(text.find("/Outlines") == std::string::npos);
  CHECK(text.find("/UseOutlines") == std::string::npos);
}

TEST_CASE("pdfinfo reads the metadata, dates come from the document, qpdf is happy") {
  const std::string path = test::write_file("info.pdf", render::write_pdf(three_pages()));
  const std::string info = test::run("pdfinfo -isodates -enc UTF-8 '" + path + "'").out;
  CAPTURE(info);
  CHECK(info.find("Title:           Нитка: “quotes” & ünïcödé\n") != std::string::npos);
  CHECK(info.find("Author:          Ольга Ж.\n") != std::string::npos);
  CHECK(info.find("Subject:         A thread\n") != std::string::npos);
  CHECK(info.find("Keywords:        threads, pdf\n") != std::string::npos);
  CHECK(info.find("Creator:         threadpdf test\n") != std::string::npos);
  CHECK(info.find("CreationDate:    2026-11-24T09:30:00") != std::string::npos);
  CHECK(info.find("ModDate:         2026-11-24T09:30:00") != std::string::npos);
  CHECK(info.find("Pages:           3\n") != std::string::npos);

  // The /ID PDF/A requires is a hash of the file, not of a time: the same document, the same /ID.
  CHECK(test::read_file(path).find("/ID [<") != std::string::npos);
  CHECK(render::write_pdf(three_pages()) == test::read_file(path));

  const auto check = test::run("qpdf --check '" + path + "'", true);
  CAPTURE(check.out);
  CHECK(check.status == 0);
  CHECK(check.out.find("WARNING") == std::string::npos);
}

TEST_CASE("a font used on every page is embedded once") {
  const std::string path = test::write_file("pages.pdf", render::write_pdf(three_pages()));
  const std::string fonts = test::run("pdffonts '" + path + "'").out;
  CHECK(std::count(fonts.begin(), fonts.end(), '\n') == 3);  // header, rule, one font
  const std::string text = test::run("pdftotext '" + path + "' -").out;
  CHECK(text.find("Page 1") != std::string::npos);
  CHECK(text.find("Page 3") != std::string::npos);
}

TEST_CASE("page labels: roman for the front matter, decimal from where the numbered part starts") {
  layout::Document doc = test::one_page({}, {});
  for (int i = 0; i < 4; ++i) doc.pages.push_back(doc.pages.front());
  doc.page_labels = {{0, layout::PageLabel::Style::LowerRoman, 1}, {2, layout::PageLabel::Style::Decimal, 1}};
  const std::string path = test::write_file("labels.pdf", render::write_pdf(doc));
  CHECK(test::run("qpdf --check '" + path + "'").status == 0);
  auto j = nlohmann::json::parse(test::run("qpdf --json --json-key=pagelabels '" + path + "'").out);
  REQUIRE(j["pagelabels"].size() == 2);
  CHECK(j["pagelabels"][0]["index"] == 0);
  CHECK(j["pagelabels"][0]["label"]["/S"] == "/r");
  CHECK(j["pagelabels"][1]["index"] == 2);
  CHECK(j["pagelabels"][1]["label"]["/S"] == "/D");
  CHECK(j["pagelabels"][1]["label"]["/St"] == 1);
}

TEST_CASE("more pages than a /Kids array may hold are written as a deeper page tree") {
  // libharu refuses a 32,768th kid ("add page: libharu error 0x1001"); a long thread once ended
  // there after minutes of work.
  layout::Document doc;
  layout::Page blank;
  blank.size = {200, 200};
  doc.pages.assign(40000, blank);
  doc.pages.back().items.push_back(
      layout::RectItem{{10, 10, 20, 20}, Color{0, 0, 0}, std::nullopt, 0, 0, false});
  const std::string path = test::write_file("many-pages.pdf", render::write_pdf(doc));
  CHECK(test::run("qpdf --show-npages " + path).out == "40000\n");
  CHECK(test::run("qpdf --check " + path).status == 0);
}

TEST_CASE("the catalog names the document's language and asks viewers to show its title") {
  layout::Document doc = three_pages();
  const std::string path = test::write_file("catalog.pdf", render::write_pdf(doc));
  const auto objects = nlohmann::json::parse(json(path, "qpdf")).at("qpdf").at(1);
  const std::string root = objects.at("trailer").at("value").at("/Root").get<std::string>();
  CAPTURE(root);
  const auto catalog = objects.at("obj:" + root).at("value");
  CHECK(catalog.at("/Lang") == "u:uk");
  CHECK(catalog.at("/ViewerPreferences").at("/DisplayDocTitle") == true);

  // No language, no title: neither is written (an empty /Lang would claim "unknown language").
  doc.metadata.language.clear();
  doc.metadata.title.clear();
  const std::string bare = test::write_file("bare.pdf", render::write_pdf(doc));
  const std::string text = test::qdf(bare);
  CHECK(text.find("/Lang") == std::string::npos);
  CHECK(text.find("/DisplayDocTitle") == std::string::npos);
}

// The structure tree as the backend writes it from hand-made display lists: marked content in the
// content streams, elements across pages, /Alt and /Lang, and the limits of libharu's arrays.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "pdf_tools.h"
#include "render/pdf/pdf.h"

using namespace tp;
using layout::Role;
using test::kRegular;
using test::shape;

namespace {

layout::GlyphRun text(const std::string& s, double y, int elem) {
  layout::GlyphRun run = shape(kRegular, 0, s, 11, {40, y});
  run.elem = elem;
  return run;
}

layout::StructElem elem(Role role, int parent, std::string lang = {}, std::string alt = {},
                        std::string title = {}) {
  return {role, parent, std::move(lang), std::move(alt), std::move(title)};
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

nlohmann::json objects(const std::string& path) {
  return nlohmann::json::parse(test::run("qpdf --json=2 --json-key=qpdf '" + path + "'").out)
      .at("qpdf")
      .at(1);
}

const nlohmann::json& value(const nlohmann::json& objects, const nlohmann::json& ref) {
  return objects.at("obj:" + ref.get<std::string>()).at("value");
}

}  // namespace

TEST_CASE("an untagged display list writes no marked content and no structure") {
  layout::Document doc = test::one_page({{kRegular, 0}}, {text("Plain", 60, layout::kArtifact)});
  const std::string qdf = test::qdf(test::write_file("untagged.pdf", render::write_pdf(doc)));
  for (const char* absent : {"/StructTreeRoot", "/MarkInfo", "BDC", "BMC", "/Tabs", "/StructParents"})
    CHECK_MESSAGE(qdf.find(absent) == std::string::npos, absent);
}

TEST_CASE("marked content: one sequence per run of an element's items, artifacts, an element across pages") {
  layout::Document doc;
  doc.fonts = {{kRegular, 0}};
  doc.structure = {elem(Role::Document, -1), elem(Role::Sect, 0, "uk", "", "Post 1/1"), elem(Role::P, 1),
                   elem(Role::Figure, 1, "", "A grey square"), elem(Role::P, 1, "not a tag!")};
  layout::Page first{{420, 595}, {}};
  first.items.push_back(text("First line of the paragraph", 60, 2));
  first.items.push_back(text("and its second line", 75, 2));
  first.items.push_back(layout::LineItem{{40, 100}, {380, 100}, {0.5, 0.5, 0.5}, 0.5});
  first.items.push_back(text("page 1 / 2", 580, layout::kPageFooter));
  first.items.push_back(text("Running head", 20, layout::kRunningHead));
  layout::Page second{{420, 595}, {}};
  second.items.push_back(text("The paragraph goes on here.", 60, 2));
  second.items.push_back(layout::RectItem{{40, 80, 50, 50}, Color{0.5, 0.5, 0.5}, std::nullopt, 0, 0, false});
  second.items.push_back(text("Last words.", 150, 4));
  doc.pages = {first, second};
  const std::string path = test::write_file("marked.pdf", render::write_pdf(doc));
  CHECK(test::run("qpdf --check '" + path + "'").status == 0);

  const std::string qdf = test::qdf(path);
  // Two runs of one element, one sequence; the rule, the rectangle; the footer and the running
  // head as pagination artifacts.
  CHECK(count(qdf, "/P <</MCID 0>> BDC") == 2);  // the paragraph's, on each page
  CHECK(count(qdf, "/P <</MCID 1>> BDC") == 1);  // the last words, on the second page
  CHECK(count(qdf, "/MCID 2>> BDC") == 0);
  CHECK(count(qdf, "/Artifact BMC") == 2);
  CHECK(count(qdf, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC") == 1);
  CHECK(count(qdf, "/Artifact <</Type /Pagination /Subtype /Header>> BDC") == 1);
  CHECK(count(qdf, "EMC") == 7);
  CHECK(count(qdf, "/Tabs /S") == 2);

  const auto objs = objects(path);
  const nlohmann::json* root = nullptr;
  std::vector<const nlohmann::json*> elements;
  for (const auto& [id, obj] : objs.items()) {
    if (!obj.contains("value") || !obj.at("value").is_object()) continue;
    const auto& v = obj.at("value");
    if (v.value("/Type", "") == "/StructTreeRoot") root = &v;
    if (v.value("/Type", "") == "/StructElem") elements.push_back(&v);
  }
  REQUIRE(root);
  // The figure drew nothing, so it is not in the tree; nor is a rectangle drawn for nobody.
  REQUIRE(elements.size() == 4);
  const auto& document = value(objs, root->at("/K").at(0));
  CHECK(document.at("/S") == "/Document");
  const auto& sect = value(objs, document.at("/K").at(0));
  CHECK(sect.at("/S") == "/Sect");
  CHECK(sect.at("/Lang") == "u:uk");
  CHECK(sect.at("/T") == "u:Post 1/1");
  REQUIRE(sect.at("/K").size() == 2);
  const auto& para = value(objs, sect.at("/K").at(0));
  const auto& last = value(objs, sect.at("/K").at(1));
  CHECK(!last.contains("/Lang"));  // "not a tag!" is not a language tag
  // The paragraph's /Pg is its first page; its content on the second page is a reference.
  REQUIRE(para.at("/K").size() == 2);
  CHECK(para.at("/K").at(0) == 0);
  const auto& mcr = para.at("/K").at(1);
  CHECK(mcr.at("/Type") == "/MCR");
  CHECK(mcr.at("/MCID") == 0);
  CHECK(mcr.at("/Pg") != para.at("/Pg"));
}

TEST_CASE("a figure's /Alt, even when its words say there are none") {
  layout::Document doc = test::one_page({{kRegular, 0}}, {});
  doc.structure = {elem(Role::Document, -1), elem(Role::Figure, 0, "", "Image without a description")};
  Raster grey;
  grey.width = grey.height = 2;
  grey.data = std::string(12, '\x80');
  doc.images.push_back(std::make_shared<const Raster>(grey));
  doc.pages[0].items.push_back(layout::ImageItem{{40, 40, 20, 20}, 0, 1});
  const std::string path = test::write_file("figure.pdf", render::write_pdf(doc));
  const std::string qdf = test::qdf(path);
  CHECK(qdf.find("/Figure <</MCID 0>> BDC") != std::string::npos);
  const auto objs = objects(path);
  bool found = false;
  for (const auto& [id, obj] : objs.items())
    if (obj.contains("value") && obj.at("value").is_object() &&
        obj.at("value").value("/S", "") == "/Figure") {
      CHECK(obj.at("value").at("/Alt") == "u:Image without a description");
      found = true;
    }
  CHECK(found);
}

TEST_CASE("many link annotations: the parent tree becomes leaves with /Limits, every key reachable") {
  layout::Document doc = test::one_page({{kRegular, 0}}, {});
  doc.structure = {elem(Role::Document, -1), elem(Role::P, 0)};
  const int links = 5000;
  doc.pages[0].items.push_back(text("Five thousand links", 60, 1));
  for (int i = 0; i < links; ++i) {
    doc.structure.push_back(elem(Role::Link, 1));
    doc.pages[0].items.push_back(
        layout::LinkItem{{40, 60, 10, 10}, "https://example.org/" + std::to_string(i), -1, 0, i + 2});
  }
  const std::string path = test::write_file("links.pdf", render::write_pdf(doc));
  const auto objs = objects(path);
  const nlohmann::json* root = nullptr;
  for (const auto& [id, obj] : objs.items())
    if (obj.contains("value") && obj.at("value").is_object() &&
        obj.at("value").value("/Type", "") == "/StructTreeRoot")
      root = &obj.at("value");
  REQUIRE(root);
  CHECK(root->at("/ParentTreeNextKey") == links + 1);  // the page's key 0, then one per annotation
  const auto& tree = value(objs, root->at("/ParentTree"));
  REQUIRE(tree.contains("/Kids"));
  int keys = 0, previous = -1;
  for (const auto& ref : tree.at("/Kids")) {
    const auto& leaf = value(objs, ref);
    const auto& nums = leaf.at("/Nums");
    CHECK(nums.size() <= 2 * 4096);
    CHECK(leaf.at("/Limits").at(0) == nums.at(0));
    CHECK(leaf.at("/Limits").at(1) == nums.at(nums.size() - 2));
    for (size_t i = 0; i < nums.size(); i += 2) {
      CHECK(nums[i].get<int>() > previous);
      previous = nums[i].get<int>();
      ++keys;
    }
  }
  CHECK(keys == links + 1);
}

TEST_CASE("an element with more children than a PDF array holds in libharu gets them in /Div groups") {
  // 33,000 paragraphs on two pages: the document element's children pass 32,767.
  layout::Document doc;
  doc.fonts = {{kRegular, 0}};
  doc.structure = {elem(Role::Document, -1)};
  const layout::GlyphRun dot = shape(kRegular, 0, ".", 4, {40, 60});
  for (int p = 0; p < 2; ++p) {
    layout::Page page{{420, 595}, {}};
    for (int i = 0; i < 16500; ++i) {
      doc.structure.push_back(elem(Role::P, 0));
      layout::GlyphRun run = dot;
      run.elem = static_cast<int>(doc.structure.size()) - 1;
      page.items.push_back(run);
    }
    doc.pages.push_back(page);
  }
  const std::string path = test::write_file("wide.pdf", render::write_pdf(doc));
  const std::string qdf = test::qdf(path);
  CHECK(count(qdf, "/S /Div") == 2);
  CHECK(count(qdf, "/S /P\n") == 33000);
}

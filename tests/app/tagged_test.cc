// The structure tree of converted threads, read back as a screen reader's side of the file sees it:
// walked through qpdf's JSON (kinds, order, /Alt, /Lang, the parent tree, links as object
// references) and through poppler's `pdfinfo -struct-text` (the text of the tree, in order).
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "process.h"

using namespace tp::test;
using nlohmann::json;

namespace {

const std::string kExamples = TP_SOURCE_DIR "/examples";
const std::string kEpoch = "SOURCE_DATE_EPOCH=1795512600 ";

std::string convert(const TempDir& dir, const std::string& input, const std::string& name,
                    const std::string& extra = "") {
  const std::string pdf = dir / (name + ".pdf");
  Ran r = run(kEpoch + threadpdf() + " -q '" + input + "' -o " + pdf + " " + extra);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return pdf;
}

// A PDF's objects as qpdf's JSON (version 2) shows them: references are "12 0 R" strings, names
// "/Name", text strings "u:...".
class Objects {
 public:
  explicit Objects(const std::string& pdf) : path_(pdf) {
    Ran r = run("qpdf --json=2 --json-key=qpdf --json-key=pages '" + pdf + "'");
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    objects_ = j.at("qpdf").at(1);
    pages_ = j.at("pages");
  }
  // The value of an indirect object, or `v` itself when it is a direct one.
  const json& operator()(const json& v) const {
    if (!v.is_string() || !std::regex_match(v.get<std::string>(), std::regex(R"(\d+ \d+ R)"))) return v;
    const json& obj = objects_.at("obj:" + v.get<std::string>());
    return obj.contains("value") ? obj.at("value") : obj.at("stream").at("dict");
  }
  const json& catalog() const { return (*this)(objects_.at("trailer").at("value").at("/Root")); }
  const json& pages() const { return pages_; }
  const json& all() const { return objects_; }
  // The MCIDs of page `index`'s content streams, in the order they are written.
  std::vector<int> mcids(size_t index) const {
    std::vector<int> out;
    for (const auto& stream : pages_.at(index).at("contents")) {
      const std::string id = stream.get<std::string>().substr(0, stream.get<std::string>().find(' '));
      Ran r = run("qpdf --show-object=" + id + " --filtered-stream-data '" + path_ + "'");
      REQUIRE(r.status == 0);
      static const std::regex mcid(R"(/MCID (\d+))");
      for (std::sregex_iterator it(r.out.begin(), r.out.end(), mcid), end; it != end; ++it)
        out.push_back(std::stoi((*it)[1]));
    }
    return out;
  }

 private:
  std::string path_;
  json objects_, pages_;
};

struct Element {
  std::string ref;  // "12 0 R"
  std::string type;
  int depth = 0;
  const json* dict = nullptr;
};

// The elements in reading order (depth first), the root's children at depth 0.
std::vector<Element> walk(const Objects& pdf) {
  std::vector<Element> out;
  const json& root = pdf(pdf.catalog().at("/StructTreeRoot"));
  std::function<void(const json&, int)> visit = [&](const json& kids, int depth) {
    const json list = kids.is_array() ? kids : json::array({kids});
    for (const json& kid : list) {
      if (!kid.is_string()) continue;  // an MCID, or an MCR or OBJR dictionary
      const json& e = pdf(kid);
      out.push_back({kid.get<std::string>(), e.at("/S").get<std::string>(), depth, &e});
      if (e.contains("/K")) visit(e.at("/K"), depth + 1);
    }
  };
  visit(root.at("/K"), 0);
  return out;
}

// The parent tree as a map from key to value, through /Kids and /Nums.
std::map<int, json> parent_tree(const Objects& pdf) {
  std::map<int, json> out;
  std::function<void(const json&)> visit = [&](const json& node) {
    if (node.contains("/Nums")) {
      const json& nums = node.at("/Nums");
      for (size_t i = 0; i + 1 < nums.size(); i += 2) out[nums[i].get<int>()] = nums[i + 1];
    }
    if (node.contains("/Kids"))
      for (const json& kid : node.at("/Kids")) visit(pdf(kid));
  };
  visit(pdf(pdf(pdf.catalog().at("/StructTreeRoot")).at("/ParentTree")));
  return out;
}

// Whether element `e` lists MCID `mcid` of page `page` among its children.
bool holds_mcid(const Objects& pdf, const json& e, const std::string& page, int mcid) {
  const json kids = e.at("/K").is_array() ? e.at("/K") : json::array({e.at("/K")});
  for (const json& kid : kids) {
    if (kid.is_number() && kid.get<int>() == mcid && e.value("/Pg", "") == page) return true;
    if (kid.is_object() && kid.value("/Type", "") == "/MCR" && kid.value("/MCID", -1) == mcid &&
        kid.value("/Pg", "") == page)
      return true;
  }
  (void)pdf;
  return false;
}

// A copy of paper-sizes.json with a language on some posts and the alt text taken off its picture.
std::string variant_thread(const TempDir& dir) {
  json thread = json::parse(read_file(kExamples + "/paper-sizes.json"));
  thread["posts"][0]["lang"] = "en-GB";
  thread["posts"][3]["lang"] = "uk";
  thread["posts"][1]["media"][0].erase("alt");
  std::filesystem::copy(kExamples + "/img", dir / "img");
  write_file(dir / "thread.json", thread.dump(1));
  return dir / "thread.json";
}

}  // namespace

TEST_CASE("the structure tree: a section per post in order, headings, figures, quotes, cards, polls") {
  TempDir dir;
  const std::string pdf = convert(dir, variant_thread(dir), "tagged");
  const json thread = json::parse(read_file(dir / "thread.json"));
  Objects objects(pdf);
  const json& catalog = objects.catalog();
  CHECK(objects(catalog.at("/MarkInfo")).at("/Marked") == true);
  CHECK(catalog.at("/Lang") == "u:en");
  CHECK(objects(catalog.at("/ViewerPreferences")).at("/DisplayDocTitle") == true);
  const json& root = objects(catalog.at("/StructTreeRoot"));
  const json& role_map = objects(root.at("/RoleMap"));
  for (const char* custom : {"/Card", "/Poll", "/Tombstone"}) CHECK(role_map.at(custom) == "/Div");

  const std::vector<Element> elements = walk(objects);
  REQUIRE(!elements.empty());
  CHECK(elements[0].type == "/Document");
  // The document's children: the header, then one section per post, in the thread's order.
  std::vector<const Element*> sections;
  for (const Element& e : elements)
    if (e.depth == 1) sections.push_back(&e);
  const size_t posts = thread["posts"].size();
  REQUIRE(sections.size() == posts + 1);
  CHECK(sections[0]->dict->at("/T") == "u:Thread header");
  for (size_t i = 0; i < posts; ++i) {
    const json& sect = *sections[i + 1]->dict;
    CHECK(sections[i + 1]->type == "/Sect");
    CHECK(sect.at("/T") == "u:Post " + std::to_string(i + 1) + "/" + std::to_string(posts));
    // The post's number line is its heading, the section's first child.
    const json first = sect.at("/K").at(0);
    CHECK(objects(first).at("/S") == "/H");
    const json& post = thread["posts"][i];
    if (post.contains("lang"))
      CHECK(sect.at("/Lang") == "u:" + post["lang"].get<std::string>());
    else
      CHECK(!sect.contains("/Lang"));
  }
  // Every kind the thread has, in the post it belongs to.
  auto kinds_in = [&](size_t post) {
    std::multiset<std::string> kinds;
    const Element* sect = sections[post];
    bool inside = false;
    for (const Element& e : elements) {
      if (&e == sect) {
        inside = true;
        continue;
      }
      if (inside && e.depth <= 1) break;
      if (inside) kinds.insert(e.type);
    }
    return kinds;
  };
  CHECK(kinds_in(2).count("/Figure") == 1);
  CHECK(kinds_in(2).count("/Caption") == 0);  // its alt text was taken off: no caption
  CHECK(kinds_in(3).count("/Card") == 1);
  CHECK(kinds_in(4).count("/BlockQuote") == 1);
  CHECK(kinds_in(5).count("/Tombstone") == 1);
  CHECK(kinds_in(5).count("/P") == 1);
  CHECK(kinds_in(6).count("/Figure") == 1);
  CHECK(kinds_in(6).count("/Caption") == 1);
  CHECK(kinds_in(8).count("/Poll") == 1);

  // A card's title, description and site are paragraphs of their own, each a link to the card's page.
  for (size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].type != "/Card") continue;
    size_t parts = 0;
    for (size_t k = i + 1; k < elements.size() && elements[k].depth > elements[i].depth; ++k) {
      if (elements[k].depth != elements[i].depth + 1) continue;
      ++parts;
      CHECK(elements[k].type == "/P");
      REQUIRE(k + 1 < elements.size());
      CHECK(elements[k + 1].type == "/Link");
    }
    CHECK(parts == 3);
  }
  // Every figure says what it shows: the author's words, or that there are none.
  std::vector<std::string> alts;
  for (const Element& e : elements)
    if (e.type == "/Figure") alts.push_back(e.dict->at("/Alt").get<std::string>());
  REQUIRE(alts.size() == 2);
  CHECK(alts[0] == "u:Image without a description");
  CHECK(alts[1] == "u:" + thread["posts"][5]["media"][0]["alt"].get<std::string>());
}

TEST_CASE("the parent tree reaches every marked-content sequence and every link annotation") {
  TempDir dir;
  for (const std::string& input : {kExamples + "/paper-sizes.json", kExamples + "/world-scripts.json",
                                   kExamples + "/night-trains.txt"}) {
    CAPTURE(input);
    const std::string pdf = convert(dir, input, "tree");
    Objects objects(pdf);
    const std::map<int, json> tree = parent_tree(objects);
    const json& root = objects(objects.catalog().at("/StructTreeRoot"));
    CHECK(root.at("/ParentTreeNextKey").get<int>() == static_cast<int>(tree.rbegin()->first + 1));
    size_t marks = 0;
    for (size_t p = 0; p < objects.pages().size(); ++p) {
      const std::string page = objects.pages()[p].at("object");
      const json& dict = objects(page);
      CHECK(dict.at("/Tabs") == "/S");
      const std::vector<int> mcids = objects.mcids(p);
      // MCIDs 0, 1, 2, ... once each, and the parent tree's array for the page has one element each.
      for (size_t i = 0; i < mcids.size(); ++i) CHECK(mcids[i] == static_cast<int>(i));
      if (mcids.empty()) continue;
      const json& parents = objects(tree.at(dict.at("/StructParents").get<int>()));
      REQUIRE(parents.size() == mcids.size());
      for (size_t i = 0; i < mcids.size(); ++i)
        CHECK_MESSAGE(holds_mcid(objects, objects(parents[i]), page, static_cast<int>(i)), "MCID ", i);
      marks += mcids.size();
    }
    CHECK(marks > 10);
    // Each link annotation: words for a screen reader, and a Link element that holds it.
    size_t links = 0;
    for (const auto& [id, obj] : objects.all().items()) {
      if (!obj.contains("value") || !obj.at("value").is_object()) continue;
      const json& annot = obj.at("value");
      if (annot.value("/Subtype", "") != "/Link") continue;
      ++links;
      CHECK(annot.contains("/Contents"));
      const json& link = objects(tree.at(annot.at("/StructParent").get<int>()));
      CHECK(link.at("/S") == "/Link");
      bool held = false;
      for (const json& kid : link.at("/K"))
        held |= kid.is_object() && kid.value("/Type", "") == "/OBJR" && "obj:" + kid.value("/Obj", "") == id;
      CHECK_MESSAGE(held, id);
    }
    CHECK(links >= 2);
  }
}

namespace {

// The text of the structure tree as pdfinfo prints it: every quoted line, joined.
std::string struct_text(const std::string& pdf) {
  Ran r = run("pdfinfo -struct-text '" + pdf + "'");
  REQUIRE(r.status == 0);
  std::string text;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t open = line.find_first_not_of(' ');
    if (open == std::string::npos || line[open] != '"' || line.back() != '"') continue;
    text += line.substr(open + 1, line.size() - open - 2);
  }
  return squash(text);
}

}  // namespace

TEST_CASE("pdfinfo -struct-text: every post's words in order, no running head or footer") {
  TempDir dir;
  for (const std::string& input : {kExamples + "/paper-sizes.json", kExamples + "/night-trains.txt"}) {
    CAPTURE(input);
    // The thread as threadpdf read it: a text input has no JSON of its own.
    const std::string pdf = convert(dir, input, "words", "--json " + dir / "read.json");
    const json thread = json::parse(read_file(dir / "read.json"));
    const std::string text = struct_text(pdf);
    CAPTURE(text);
    size_t at = 0;
    for (const json& post : thread["posts"]) {
      for (const json* part : {&post, post.contains("quote") ? &post["quote"] : nullptr}) {
        if (!part || !part->contains("text")) continue;
        const std::string words = squash(part->at("text").get<std::string>());
        const size_t found = text.find(words, at);
        CHECK_MESSAGE(found != std::string::npos, words);
        if (found != std::string::npos) at = found + words.size();
      }
    }
    const std::string all = squash(run("pdftotext -enc UTF-8 '" + pdf + "' -").out);
    // The footer and the running head are on the pages but not in the tree.
    CHECK(all.find("page 1 / ") != std::string::npos);
    CHECK(text.find("page 1 / ") == std::string::npos);
    const std::string head = squash(thread["author"]["name"].get<std::string>() + " (" +
                                    thread["author"]["handle"].get<std::string>() + ")");
    CHECK(text.find(head) == std::string::npos);
  }
}

TEST_CASE("a briefing packet: its contents are a TOC whose entries link, each thread a part") {
  TempDir dir;
  const std::string pdf = dir / "packet.pdf";
  Ran r = run(kEpoch + threadpdf() + " -q --packet " + pdf + " '" + kExamples + "/paper-sizes.json' '" +
              kExamples + "/night-trains.txt'");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  Objects objects(pdf);
  const std::vector<Element> elements = walk(objects);
  std::vector<std::string> top;
  for (const Element& e : elements)
    if (e.depth == 1) top.push_back(e.type);
  CHECK(top == std::vector<std::string>{"/Sect", "/Sect", "/Part", "/Part", "/Sect"});
  size_t entries = 0;
  for (size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].type != "/TOCI") continue;
    ++entries;
    REQUIRE(i + 1 < elements.size());
    CHECK(elements[i + 1].type == "/Link");
    bool objr = false;
    for (const json& kid : elements[i + 1].dict->at("/K"))
      objr |= kid.is_object() && kid.value("/Type", "") == "/OBJR";
    CHECK(objr);
  }
  CHECK(entries == 2);
}

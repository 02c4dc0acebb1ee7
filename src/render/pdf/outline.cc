#include "render/pdf/outline.h"

namespace tp::render::pdf {

namespace {

struct Node {
  HPDF_Dict dict = nullptr;
  std::vector<int> children;
  int descendants = 0;
};

}  // namespace

void write_outline(Haru& haru, const std::vector<layout::OutlineEntry>& entries, const PageTargets& targets) {
  if (entries.empty()) return;
  // nodes[0] is the outline dictionary, nodes[i + 1] is entries[i].
  std::vector<Node> nodes(entries.size() + 1);
  std::vector<int> parent(entries.size() + 1, -1);
  nodes[0].dict = haru.new_indirect_dict();
  haru.check(HPDF_Dict_AddName(nodes[0].dict, "Type", "Outlines"), "outline");

  std::vector<int> ancestors;  // open path from the top level down to the previous entry
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const int id = static_cast<int>(i) + 1;
    const std::size_t level = entries[i].level < 0 ? 0 : static_cast<std::size_t>(entries[i].level);
    while (ancestors.size() > level) ancestors.pop_back();
    parent[id] = ancestors.empty() ? 0 : ancestors.back();
    nodes[parent[id]].children.push_back(id);
    for (int p = parent[id]; p >= 0; p = parent[p]) ++nodes[p].descendants;
    ancestors.push_back(id);

    HPDF_Dict item = nodes[id].dict = haru.new_indirect_dict();
    haru.add_text(item, "Title", entries[i].title);
    targets.add_destination(haru, item, "Dest", entries[i].page, entries[i].y);
  }

  for (std::size_t id = 0; id < nodes.size(); ++id) {
    Node& node = nodes[id];
    if (id > 0) haru.check(HPDF_Dict_Add(node.dict, "Parent", nodes[parent[id]].dict), "outline /Parent");
    if (!node.children.empty()) {
      haru.check(HPDF_Dict_Add(node.dict, "First", nodes[node.children.front()].dict), "outline /First");
      haru.check(HPDF_Dict_Add(node.dict, "Last", nodes[node.children.back()].dict), "outline /Last");
      // A positive /Count is the number of visible descendants of an open item (12.3.3).
      haru.check(HPDF_Dict_AddNumber(node.dict, "Count", node.descendants), "outline /Count");
    }
    for (std::size_t k = 0; k < node.children.size(); ++k) {
      HPDF_Dict child = nodes[node.children[k]].dict;
      if (k > 0) haru.check(HPDF_Dict_Add(child, "Prev", nodes[node.children[k - 1]].dict), "outline /Prev");
      if (k + 1 < node.children.size()) {
        haru.check(HPDF_Dict_Add(child, "Next", nodes[node.children[k + 1]].dict), "outline /Next");
      }
    }
  }
  haru.check(HPDF_Dict_Add(haru.catalog(), "Outlines", nodes[0].dict), "catalog /Outlines");
  haru.check(HPDF_SetPageMode(haru.doc(), HPDF_PAGE_MODE_USE_OUTLINE), "/PageMode");
}

}  // namespace tp::render::pdf

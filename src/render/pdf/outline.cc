#include "render/pdf/outline.h"

namespace tp::render::pdf {

namespace {

struct Node {
  HPDF_Dict dict = nullptr;
  std::vector<int> children;
  int descendants = 0;
  int parent = -1;
  int prev = -1, next = -1;  // siblings
};

}  // namespace

void write_outline(Haru& haru, const std::vector<layout::OutlineEntry>& entries, const PageTargets& targets) {
  if (entries.empty()) return;
  // nodes[0] is the outline dictionary, nodes[i + 1] is entries[i]. The tree is worked out first
  // and each dictionary made empty, so that each can then be filled and written out (Haru::flush)
  // in turn: a thread's outline has an item per post.
  std::vector<Node> nodes(entries.size() + 1);
  nodes[0].dict = haru.new_indirect_dict();
  std::vector<int> ancestors;  // open path from the top level down to the previous entry
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const int id = static_cast<int>(i) + 1;
    const std::size_t level = entries[i].level < 0 ? 0 : static_cast<std::size_t>(entries[i].level);
    while (ancestors.size() > level) ancestors.pop_back();
    Node& node = nodes[id];
    node.parent = ancestors.empty() ? 0 : ancestors.back();
    std::vector<int>& siblings = nodes[node.parent].children;
    if (!siblings.empty()) {
      node.prev = siblings.back();
      nodes[siblings.back()].next = id;
    }
    siblings.push_back(id);
    for (int p = node.parent; p >= 0; p = nodes[p].parent) ++nodes[p].descendants;
    ancestors.push_back(id);
    node.dict = haru.new_indirect_dict();
  }

  for (std::size_t id = 0; id < nodes.size(); ++id) {
    Node& node = nodes[id];
    if (id == 0) {
      haru.check(HPDF_Dict_AddName(node.dict, "Type", "Outlines"), "outline");
    } else {
      haru.add_text(node.dict, "Title", entries[id - 1].title);
      targets.add_destination(haru, node.dict, "Dest", entries[id - 1].page, entries[id - 1].y);
      if (node.prev >= 0)
        haru.check(HPDF_Dict_Add(node.dict, "Prev", nodes[node.prev].dict), "outline /Prev");
      if (node.next >= 0)
        haru.check(HPDF_Dict_Add(node.dict, "Next", nodes[node.next].dict), "outline /Next");
      haru.check(HPDF_Dict_Add(node.dict, "Parent", nodes[node.parent].dict), "outline /Parent");
    }
    if (!node.children.empty()) {
      haru.check(HPDF_Dict_Add(node.dict, "First", nodes[node.children.front()].dict), "outline /First");
      haru.check(HPDF_Dict_Add(node.dict, "Last", nodes[node.children.back()].dict), "outline /Last");
      // A positive /Count is the number of visible descendants of an open item (12.3.3).
      haru.check(HPDF_Dict_AddNumber(node.dict, "Count", node.descendants), "outline /Count");
    }
    if (id > 0) haru.flush(node.dict);
  }
  haru.check(HPDF_Dict_Add(haru.catalog(), "Outlines", nodes[0].dict), "catalog /Outlines");
  haru.check(HPDF_SetPageMode(haru.doc(), HPDF_PAGE_MODE_USE_OUTLINE), "/PageMode");
}

}  // namespace tp::render::pdf

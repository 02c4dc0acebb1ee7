#include "render/pdf/structure.h"

#include <algorithm>

#include "core/error.h"

namespace tp::render::pdf {

namespace {

// libharu's HPDF_LIMIT_MAX_ARRAY: no array may hold more entries.
constexpr size_t kMaxArray = 32767;
// Keys per leaf of the parent tree (a number tree, 7.9.7): a /Nums array holds two entries a key.
constexpr size_t kKeysPerLeaf = 4096;

void add_name(Haru& haru, HPDF_Dict dict, const char* key, const char* name) {
  haru.check(HPDF_Dict_AddName(dict, key, name), std::string("structure /") + key);
}

void add_number(Haru& haru, HPDF_Dict dict, const char* key, int value) {
  haru.check(HPDF_Dict_AddNumber(dict, key, value), std::string("structure /") + key);
}

void add(Haru& haru, HPDF_Dict dict, const char* key, void* value) {
  haru.check(HPDF_Dict_Add(dict, key, value), std::string("structure /") + key);
}

HPDF_Array new_array(Haru& haru) { return haru.need(HPDF_Array_New(haru.mmgr()), "structure array"); }

// The structure types layout uses that PDF 32000-1 14.8.4 does not define, and the standard type
// each stands for (PDF/UA-1 7.1: a non-standard type is role-mapped to a standard one).
constexpr std::pair<layout::Role, const char*> kRoleMap[] = {
    {layout::Role::Card, "Div"},
    {layout::Role::Poll, "Div"},
    {layout::Role::Tombstone, "Div"},
};

}  // namespace

bool is_language_tag(std::string_view tag) {
  return !tag.empty() && std::all_of(tag.begin(), tag.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

StructureWriter::StructureWriter(Haru& haru, const std::vector<layout::StructElem>& elements,
                                 const PageTargets& targets)
    : haru_(haru),
      elements_(&elements),
      count_(elements.size()),
      targets_(targets),
      opened_(elements.size(), false),
      kids_(elements.size()),
      page_marks_(targets.pages.size()),
      dicts_(elements.size(), nullptr) {}

void StructureWriter::open(int elem) {
  // An element enters its parent's children where its first content is drawn: layout draws in
  // reading order, so that is its place in the reading order.
  if (opened_[static_cast<size_t>(elem)]) return;
  opened_[static_cast<size_t>(elem)] = true;
  const int parent = elements_->at(static_cast<size_t>(elem)).parent;
  if (parent < 0) return;
  open(parent);
  kids_[static_cast<size_t>(parent)].push_back({Kid::Kind::Element, elem, 0});
}

int StructureWriter::mark(int elem, int page) {
  if (elem < 0 || static_cast<size_t>(elem) >= count_)
    throw Error(ErrorCode::Internal, "pdf",
                "marked content of missing structure element " + std::to_string(elem));
  open(elem);
  std::vector<int>& marks = page_marks_.at(static_cast<size_t>(page));
  const int mcid = static_cast<int>(marks.size());
  marks.push_back(elem);
  kids_[static_cast<size_t>(elem)].push_back({Kid::Kind::Content, mcid, page});
  return mcid;
}

int StructureWriter::annotation(int elem, int page, const void* annot) {
  if (!tagged() || layout::is_artifact(elem)) return -1;
  if (elem < 0 || static_cast<size_t>(elem) >= count_)
    throw Error(ErrorCode::Internal, "pdf", "link of missing structure element " + std::to_string(elem));
  open(elem);
  kids_[static_cast<size_t>(elem)].push_back({Kid::Kind::Annotation, static_cast<int>(annots_.size()), page});
  const int key = static_cast<int>(targets_.pages.size() + annots_.size());
  annots_.push_back({annot, page, elem});
  return key;
}

std::string StructureWriter::write_kids(const void* self, const std::vector<Kid>& kids, size_t begin,
                                        size_t end, int own_page) {
  std::string out = "[";
  for (size_t i = begin; i < end; ++i) {
    const Kid& kid = kids[i];
    if (i > begin) out += ' ';
    switch (kid.kind) {
      case Kid::Kind::Element:
        out += Haru::ref(write_element(kid.index, self));
        break;
      case Kid::Kind::Content:
        if (kid.page == own_page) {
          out += std::to_string(kid.index);
        } else {
          // Content on another page than the element's /Pg: a marked-content reference (14.7.4.2).
          out += "<</Type /MCR /Pg " + Haru::ref(targets_.pages[static_cast<size_t>(kid.page)]) + " /MCID " +
                 std::to_string(kid.index) + ">>";
        }
        break;
      case Kid::Kind::Annotation:
        out += "<</Type /OBJR /Obj " + Haru::ref(annots_[static_cast<size_t>(kid.index)].dict) + " /Pg " +
               Haru::ref(targets_.pages[static_cast<size_t>(kid.page)]) + ">>";
        break;
    }
  }
  return out + "]";
}

// Elements are written as text, each as soon as its children are (they are most of a tagged
// document's objects: libharu dictionaries would hold them until the end, Haru::write_raw).
void* StructureWriter::write_element(int elem, const void* parent) {
  const layout::StructElem& e = elements_->at(static_cast<size_t>(elem));
  void* self = haru_.new_raw_object();
  dicts_[static_cast<size_t>(elem)] = self;
  std::string body = "<<\n/Type /StructElem\n/S /";
  body += layout::role_name(e.role);
  body += "\n/P " + Haru::ref(parent) + "\n";
  // ASCII titles as byte strings: poppler's pdfinfo prints a UTF-16 title as its raw bytes.
  if (!e.title.empty()) {
    if (std::all_of(e.title.begin(), e.title.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7F; }))
      body += "/T " + Haru::literal_string(e.title) + "\n";
    else
      body += "/T " + Haru::text_string(e.title) + "\n";
  }
  if (is_language_tag(e.lang)) body += "/Lang " + Haru::literal_string(e.lang) + "\n";
  if (e.role == layout::Role::Figure) body += "/Alt " + Haru::text_string(e.alt) + "\n";
  const std::vector<Kid>& kids = kids_[static_cast<size_t>(elem)];
  int own_page = -1;
  for (const Kid& kid : kids)
    if (kid.kind != Kid::Kind::Element) {
      own_page = kid.page;
      break;
    }
  const std::string pg = own_page >= 0
                             ? "/Pg " + Haru::ref(targets_.pages[static_cast<size_t>(own_page)]) + "\n"
                             : std::string();
  body += pg;
  if (kids.size() <= kMaxArray) {
    body += "/K " + write_kids(self, kids, 0, kids.size(), own_page) + "\n>>";
  } else {
    // More children than libharu lets an array hold (a thread of tens of thousands of posts), as
    // before these elements were written as text: groups of them in /Div elements, which add no
    // meaning and keep the order.
    std::string groups = "[";
    for (size_t begin = 0; begin < kids.size(); begin += kMaxArray) {
      void* group = haru_.new_raw_object();
      const std::string k =
          write_kids(group, kids, begin, std::min(kids.size(), begin + kMaxArray), own_page);
      haru_.write_raw(
          group, "<<\n/Type /StructElem\n/S /Div\n/P " + Haru::ref(self) + "\n" + pg + "/K " + k + "\n>>");
      groups += (begin > 0 ? " " : "") + Haru::ref(group);
    }
    body += "/K " + groups + "]\n>>";
  }
  haru_.write_raw(self, body);
  return self;
}

HPDF_Dict StructureWriter::write_parent_tree() {
  // Keys in increasing order: each page with marked content (its key is its index), then each
  // annotation.
  struct Entry {
    int key;
    int page = -1;  // a page's array of elements by MCID
    int elem = -1;  // an annotation's element
  };
  std::vector<Entry> entries;
  for (size_t p = 0; p < page_marks_.size(); ++p)
    if (!page_marks_[p].empty()) entries.push_back({static_cast<int>(p), static_cast<int>(p), -1});
  for (size_t a = 0; a < annots_.size(); ++a)
    entries.push_back({static_cast<int>(page_marks_.size() + a), -1, annots_[a].elem});

  auto fill = [&](HPDF_Dict node, size_t begin, size_t end) {
    HPDF_Array nums = new_array(haru_);
    Haru::reserve(nums, 2 * (end - begin));
    add(haru_, node, "Nums", nums);
    for (size_t i = begin; i < end; ++i) {
      const Entry& entry = entries[i];
      haru_.check(HPDF_Array_AddNumber(nums, entry.key), "parent tree key");
      if (entry.page < 0) {
        haru_.check(HPDF_Array_Add(nums, dicts_[static_cast<size_t>(entry.elem)]), "parent tree");
        continue;
      }
      HPDF_Array marks = new_array(haru_);
      Haru::reserve(marks, page_marks_[static_cast<size_t>(entry.page)].size());
      haru_.check(HPDF_Array_Add(nums, marks), "parent tree");
      for (int elem : page_marks_[static_cast<size_t>(entry.page)])
        haru_.check(HPDF_Array_Add(marks, dicts_[static_cast<size_t>(elem)]), "parent tree");
    }
  };
  HPDF_Dict root = haru_.new_indirect_dict();
  if (entries.size() <= kKeysPerLeaf) {
    fill(root, 0, entries.size());
    return root;
  }
  HPDF_Array kids = new_array(haru_);
  add(haru_, root, "Kids", kids);
  for (size_t begin = 0; begin < entries.size(); begin += kKeysPerLeaf) {
    const size_t end = std::min(entries.size(), begin + kKeysPerLeaf);
    HPDF_Dict leaf = haru_.new_indirect_dict();
    haru_.check(HPDF_Array_Add(kids, leaf), "parent tree /Kids");
    HPDF_Array limits = new_array(haru_);
    add(haru_, leaf, "Limits", limits);
    haru_.check(HPDF_Array_AddNumber(limits, entries[begin].key), "parent tree /Limits");
    haru_.check(HPDF_Array_AddNumber(limits, entries[end - 1].key), "parent tree /Limits");
    fill(leaf, begin, end);
  }
  return root;
}

void StructureWriter::finish() {
  if (!tagged()) return;
  HPDF_Dict root = haru_.new_indirect_dict();
  add_name(haru_, root, "Type", "StructTreeRoot");
  // The document element is written even when nothing was drawn, so the tree always has its root.
  opened_[0] = true;
  HPDF_Array top = new_array(haru_);
  add(haru_, root, "K", top);
  haru_.check(HPDF_Array_Add(top, write_element(0, root)), "structure root /K");
  add(haru_, root, "ParentTree", write_parent_tree());
  add_number(haru_, root, "ParentTreeNextKey", static_cast<int>(page_marks_.size() + annots_.size()));
  HPDF_Dict role_map = haru_.need(HPDF_Dict_New(haru_.mmgr()), "role map");
  add(haru_, root, "RoleMap", role_map);
  for (const auto& [role, standard] : kRoleMap) add_name(haru_, role_map, layout::role_name(role), standard);
  add(haru_, haru_.catalog(), "StructTreeRoot", root);

  HPDF_Dict mark_info = haru_.need(HPDF_Dict_New(haru_.mmgr()), "mark info");
  add(haru_, haru_.catalog(), "MarkInfo", mark_info);
  add(haru_, mark_info, "Marked", haru_.need(HPDF_Boolean_New(haru_.mmgr(), HPDF_TRUE), "true"));
}

void StructureWriter::finish_page(int p) {
  if (!tagged()) return;
  HPDF_Page page = targets_.pages.at(static_cast<size_t>(p));
  if (!page_marks_[static_cast<size_t>(p)].empty()) add_number(haru_, page, "StructParents", p);
  // Tab order by structure (PDF/UA-1 7.18.3 asks it of every page with annotations).
  add_name(haru_, page, "Tabs", "S");
}

}  // namespace tp::render::pdf

// The structure tree of a tagged PDF (PDF 32000-1 14.7 and 14.8, in the shape PDF/UA-1 asks for):
// layout's StructElems as /StructElem dictionaries under /StructTreeRoot, their marked content and
// link annotations as children in the order they are drawn, and the parent tree that leads from
// every marked-content sequence and annotation back to its element. Internal to src/render/pdf.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout/display_list.h"
#include "render/pdf/haru.h"
#include "render/pdf/links.h"

namespace tp::render::pdf {

class StructureWriter {
 public:
  // `elements` is Document::structure (empty: an untagged document, and every call below does
  // nothing); it and `targets` must outlive the writer.
  StructureWriter(Haru& haru, const std::vector<layout::StructElem>& elements, const PageTargets& targets);

  bool tagged() const { return count_ > 0; }

  // Starts the next marked-content sequence of element `elem` on page `page` and returns its
  // MCID there (0, 1, ... per page); the sequence becomes the element's next child. Throws
  // tp::Error(Internal) for an element index out of range.
  int mark(int elem, int page);
  // The structure type of `elem` ("P", "Figure", ...), the tag its marked content is written with.
  const char* type(int elem) const {
    return layout::role_name(elements_->at(static_cast<size_t>(elem)).role);
  }

  // Makes link annotation `annot` (an indirect object) on page `page` the next child of element
  // `elem` (an object reference, 14.7.4.3) and returns the /StructParent key the annotation must
  // carry, so the parent tree leads back; -1 for an annotation of an artifact, which stays outside
  // the tree (and an untagged document). Another index out of range throws tp::Error(Internal).
  int annotation(int elem, int page, const void* annot);

  // Gives page `page` what the tree needs of it, /StructParents (when it has marked content) and
  // /Tabs /S (tab order follows the structure). Call once per page, after it was drawn: the page
  // may be written out (Haru::flush) right after.
  void finish_page(int page);

  // Writes the tree: the elements that hold something, each written out (Haru::flush) as soon as
  // it is complete, /StructTreeRoot with its /ParentTree and /RoleMap (Card, Poll and Tombstone
  // are Div to a reader that does not know them) on the catalog, and /MarkInfo <</Marked true>>.
  // An element with more than 32,767 children (libharu's array limit) has them grouped into /Div
  // elements. Call once, after every page was drawn and finish_page()d.
  void finish();

 private:
  struct Kid {
    enum class Kind { Element, Content, Annotation } kind;
    int index = 0;  // Element: the element; Content: the MCID; Annotation: index into annots_
    int page = 0;
  };
  struct Annot {
    const void* dict;
    int page;
    int elem;
  };
  void open(int elem);
  // Writes element `elem` and its descendants, each once its children are; returns its object.
  void* write_element(int elem, const void* parent);
  // The /K array of the element `self` for kids [begin, end), writing the elements among them.
  std::string write_kids(const void* self, const std::vector<Kid>& kids, size_t begin, size_t end,
                         int own_page);
  HPDF_Dict write_parent_tree();

  Haru& haru_;
  const std::vector<layout::StructElem>* elements_;
  size_t count_;  // the document's elements, counted when the writer was made
  const PageTargets& targets_;
  std::vector<bool> opened_;
  std::vector<std::vector<Kid>> kids_;        // by element, in reading order
  std::vector<std::vector<int>> page_marks_;  // by page: the element of each MCID
  std::vector<Annot> annots_;                 // parent tree keys pages.size() + i
  std::vector<void*> dicts_;                  // by element, once written (Haru::new_raw_object)
};

// Whether `tag` looks like a BCP 47 language tag (ASCII letters, digits and hyphens), so that text
// from a source is never written as /Lang unless it is one.
bool is_language_tag(std::string_view tag);

}  // namespace tp::render::pdf

// Laid-out pages kept until they can be written (docs/streaming.md). A document's pages cannot
// be written as they are laid out: the PDF's fonts are subset to the glyphs of the whole document
// and the footers need the page count. Holding every page's items costs some 20 KB a page (and
// the memory they take must be found and faulted in); laying the document out a second time costs
// as much CPU as the first. The spool keeps the items in the process's own compact binary form,
// in memory up to a bound and past it in a temporary file, and gives them back in the order they
// were put, once.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "layout/display_list.h"

namespace tp::layout {

class PageSpool {
 public:
  // Bytes kept in memory before the spool moves to a file: about 1,600 posts of a few lines.
  static constexpr std::size_t kInMemory = 8 << 20;

  // Past `in_memory` bytes the items go to an unnamed temporary file in folder `dir` (TMPDIR, or
  // /tmp): nothing is left behind when the spool is destroyed or the process dies. Errors name
  // `input` (what is being converted) and `dir`.
  PageSpool(const std::string& dir, const std::string& input, std::size_t in_memory = kInMemory);
  ~PageSpool();
  PageSpool(const PageSpool&) = delete;
  PageSpool& operator=(const PageSpool&) = delete;

  // Appends a page's items. Throws tp::Error(Output) if the file cannot be made or written (a
  // missing folder, a full disk).
  void put(const std::vector<Item>& items);
  // The next page's items, in the order put() was given them, inserted before `items`' own (what
  // was drawn on the page after it was put). The first call ends the writing; put() may not be
  // called after it. Throws tp::Error(Output) if the file cannot be read and tp::Error(Internal)
  // for more pages than were put.
  void take(std::vector<Item>& items);

  // The bytes put so far.
  std::size_t size() const { return written_ + out_.size(); }

 private:
  void flush();
  void fill(std::size_t need);
  [[noreturn]] void fail(const std::string& what, int error) const;
  template <class T>
  T read();
  std::string read_string();
  void read_glyphs(std::vector<Glyph>& glyphs);

  std::string dir_, input_;
  std::size_t in_memory_;
  int fd_ = -1;      // -1: everything is in out_
  std::string out_;  // bytes not yet written
  std::size_t written_ = 0;
  bool reading_ = false;
  std::string in_;  // bytes read and not yet taken, from in_at_
  std::size_t in_at_ = 0;
};

}  // namespace tp::layout

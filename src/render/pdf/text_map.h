// Which text each glyph stands for: the clusters of a glyph run, the per-font ToUnicode map built
// from them, and the ToUnicode CMap file. Pure functions, no libharu; internal to src/render/pdf.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "layout/display_list.h"

namespace tp::render::pdf {

// Glyphs [first, first + count) of a run that share one `cluster` value, and the bytes of
// GlyphRun::text they stand for: from the cluster's offset to the next larger cluster offset in
// the run, or the end of the text (offsets past the end are clamped, so the text may be empty).
struct Cluster {
  std::size_t first = 0, count = 0;
  std::size_t text_begin = 0, text_end = 0;
};

// The clusters of `run` in glyph (visual) order; adjacent glyphs with equal `cluster` values form
// one cluster.
std::vector<Cluster> clusters_of(const layout::GlyphRun& run);

// UTF-16 of UTF-8 text; invalid bytes become U+FFFD instead of failing, because a bad byte in one
// post must not stop the whole document.
std::u16string utf16_of(std::string_view utf8);

// One font's ToUnicode: original glyph id -> the UTF-16 text it stands for. A table by glyph id
// rather than a tree: it is looked up for every glyph of the document. Iterates its entries in
// glyph id order, as (glyph id, text) pairs; a reference into it lasts until the next insertion.
class ToUnicode {
 public:
  using Entry = std::pair<std::uint32_t, std::u16string>;

  // The text of `gid`, or null when it has none.
  const std::u16string* find(std::uint32_t gid) const {
    return gid < slot_.size() && slot_[gid] >= 0 ? &entries_[static_cast<std::size_t>(slot_[gid])].second
                                                 : nullptr;
  }
  bool contains(std::uint32_t gid) const { return find(gid) != nullptr; }
  std::size_t count(std::uint32_t gid) const { return contains(gid) ? 1 : 0; }
  // Throws std::out_of_range when `gid` has no text.
  const std::u16string& at(std::uint32_t gid) const;
  // Gives `gid` the text when it has none yet; true when it did.
  bool try_emplace(std::uint32_t gid, std::u16string text);
  // The text of `gid`, made empty first when it had none.
  std::u16string& operator[](std::uint32_t gid);
  std::size_t size() const { return entries_.size(); }

  class Iterator {
   public:
    Iterator(const ToUnicode& map, std::size_t gid) : map_(&map), gid_(gid) { skip(); }
    const Entry& operator*() const { return map_->entries_[static_cast<std::size_t>(map_->slot_[gid_])]; }
    const Entry* operator->() const { return &**this; }
    Iterator& operator++() {
      ++gid_;
      skip();
      return *this;
    }
    bool operator==(const Iterator& other) const { return gid_ == other.gid_; }

   private:
    void skip() {
      while (gid_ < map_->slot_.size() && map_->slot_[gid_] < 0) ++gid_;
    }
    const ToUnicode* map_;
    std::size_t gid_;
  };
  Iterator begin() const { return Iterator(*this, 0); }
  Iterator end() const { return Iterator(*this, slot_.size()); }

 private:
  std::vector<std::int32_t> slot_;  // by glyph id: index into entries_, -1 for none
  std::vector<Entry> entries_;      // in order of insertion
};

// The font's own glyph for a code point (its cmap), 0 when it has none.
using NominalGlyph = std::function<std::uint32_t(char32_t)>;

// Extends `map` with the glyphs of `run`: a cluster of exactly one glyph that has no text yet gives
// that glyph the cluster's text (one code point, or several: a ligature, a ZWJ sequence). In a
// cluster of several glyphs (a base and its marks), a glyph that is the font's own glyph for one
// of the cluster's code points gets that code point. In a right-to-left run, a text of several
// characters is stored in visual order (see visual()). The first run seen wins, so callers feed
// visible runs before invisible ones.
void assign_to_unicode(const layout::GlyphRun& run, ToUnicode& map, const NominalGlyph& nominal = {});

// True when the run's glyphs are in right-to-left order: its cluster offsets decrease, or, when
// the run is one cluster, its first letter is of a right-to-left script.
bool right_to_left(const layout::GlyphRun& run);

// True when the ToUnicode texts of the cluster's glyphs, concatenated in glyph order (and for a
// right-to-left run reversed as characters, which is how extractors read a right-to-left run back
// into logical order), are the cluster's text up to the canonical order of marks; otherwise the
// cluster needs /ActualText.
bool spells_cluster(const layout::GlyphRun& run, const Cluster& cluster, const ToUnicode& map);

// `text` with its code points in reverse order (surrogate pairs kept whole): the visual order of a
// right-to-left text.
std::u16string visual(const std::u16string& text);

// A ToUnicode CMap (PDF 32000-1 9.10.3) mapping codes of `code_bytes` bytes (2 for a Type0 font,
// 1 for a simple font) to UTF-16BE strings, as bfchar entries in blocks of at most 100 (the limit
// of the CMap syntax, Adobe TN 5411).
std::string to_unicode_cmap(const std::map<std::uint16_t, std::u16string>& codes, int code_bytes = 2);

// "FEFF0048..." — uppercase hex of a UTF-16BE text with byte order mark, for <...> strings.
std::string hex_utf16be_with_bom(const std::u16string& text);

}  // namespace tp::render::pdf

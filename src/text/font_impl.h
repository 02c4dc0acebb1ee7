// Internal to text/: the FreeType and HarfBuzz objects behind a FontSet.
#pragma once

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <unicode/ubrk.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "text/font_set.h"
#include "text/word_cache.h"

namespace tp::text {

// A face of the chain. Only the primary face is opened when the set is loaded; the others are
// opened by FontSet::Impl::open on first use (most documents need few of the chain's faces).
struct LoadedFace {
  FaceInfo info;
  bool opened = false;
  bool broken = false;  // opened, but the file is not a usable font: it covers nothing
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;  // scale = units per em, so positions come out in font units
  unsigned upem = 1000;
  mutable FT_Face ft = nullptr;  // opened on first colour-glyph request
};

// One chain entry: its regular face and, if any, its bold face (indices into faces).
struct ChainEntry {
  int regular = -1;
  int bold = -1;
  bool emoji = false;
};

// A grapheme cluster as itemisation sees it (itemize.cc).
struct Grapheme {
  size_t start, end;  // bytes
  int face;           // -1 for a line break
  int level;
  hb_script_t script;
  int tag;
  bool bold;
};

struct FontSet::Impl {
  FT_Library ft_library = nullptr;
  std::vector<LoadedFace> faces;
  std::vector<ChainEntry> chain;
  std::map<std::string, std::string> script_packages;  // from every chain entry, installed or not
  // Opened once and reset per paragraph: opening ICU break iterators is costly.
  UBreakIterator* line_breaks = nullptr;
  UBreakIterator* graphemes = nullptr;
  hb_buffer_t* shaping_buffer = nullptr;    // reused for every run shaped (shape.cc)
  WordCache words;                          // shape.cc's, kept for the set's life
  std::vector<Grapheme> graphemes_scratch;  // itemize()'s, reused paragraph after paragraph
  // FontSet::choose's answers for clusters of one code point below kChoiceCacheSize, by
  // 2 * code point + bold: face * 2 + covered, or -1 when not asked yet. Filled on first use.
  static constexpr char32_t kChoiceCacheSize = 0x3000;
  std::vector<std::int16_t> choices;
  // FontSet::covers's answers for one code point below kChoiceCacheSize, by face, then code point:
  // 1 covered, 0 not, -1 not asked yet (itemisation asks it for nearly every space and comma).
  std::vector<std::vector<std::int8_t>> coverage;
  // faces[id], opened if it was not yet. Never fails: a face whose file turns out unusable is
  // marked broken and has no HarfBuzz objects.
  LoadedFace& open(size_t id);
  ~Impl();
};

}  // namespace tp::text

// Internal to text/: itemisation, the first half of setting a paragraph (as libraqm's
// _raqm_itemize): bidi levels (ICU UBiDi, UAX #9), grapheme clusters, script, font choice with its
// warnings, and style, cut into items that shape.h shapes one by one.
#pragma once

#include <hb.h>
#include <unicode/umachine.h>

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "text/font_impl.h"
#include "text/paragraph.h"

namespace tp::text {

// A paragraph's text in UTF-16, as ICU wants it, with the byte offset of each unit.
struct Utf16 {
  std::u16string text;
  std::vector<size_t> byte_of;  // byte offset of each UTF-16 unit, plus the end
};
Utf16 to_utf16_mapped(const std::string& s);

inline const UChar* uchars(const std::u16string& s) { return reinterpret_cast<const UChar*>(s.data()); }

// A maximal run of grapheme clusters sharing face, bidi level, script and style.
struct Item {
  size_t start = 0, end = 0;  // bytes
  int face = 0;
  int level = 0;                          // bidi embedding level; odd = right to left
  hb_script_t script = HB_SCRIPT_COMMON;  // Common and Inherited clusters take their neighbours'
  int tag = 0;
  bool bold = false;
};

struct Itemization {
  int base_level = 0;             // the paragraph's: 1 right to left, else 0
  std::vector<Item> items;        // text order; line feeds are in none
  std::vector<size_t> graphemes;  // byte offsets of grapheme cluster starts, and the text size last
};

// The items of `text` (`u` its UTF-16 form) under `styles` (see Paragraph). Each character no face
// covers is warned about to `diag` under `where`, once per code point. Throws Error(Internal) when
// ICU's bidi algorithm fails.
Itemization itemize(const FontSet& fonts, const std::string& text, const Utf16& u,
                    const std::vector<StyleRange>& styles, Direction direction, Diagnostics& diag,
                    const std::string& where);

}  // namespace tp::text

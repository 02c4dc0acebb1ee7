// Internal to text/: shaping, the second half of setting a paragraph (as libraqm's _raqm_shape):
// each item of itemize.h through HarfBuzz in its face, direction, script and language; then the
// cluster table that line breaking and hyphenation read widths and cut points from.
#pragma once

#include <hb.h>

#include <optional>
#include <string>
#include <vector>

#include "text/font_impl.h"
#include "text/itemize.h"
#include "text/paragraph.h"

namespace tp::text {

// The language each item is shaped in (see Paragraph's `language`): the declared one; for Han
// runs a CJK language, the declared one when it is CJK, else guessed once from the paragraph's
// other scripts (kana: Japanese, Hangul: Korean, else Chinese). `declared` is a BCP 47 tag or "".
class ShapingLanguage {
 public:
  ShapingLanguage(const std::string& declared, const std::string& paragraph);
  hb_language_t of(hb_script_t script);

 private:
  const std::string& paragraph_;
  hb_language_t declared_;
  std::optional<hb_language_t> han_;  // once a Han run needs it, when not declared
};

// `item` of `text` shaped at `size` points: glyph ids, byte clusters, offsets and advances in points.
// Uses (and on first use creates) `impl`'s shaping buffer.
ShapedRun shape(FontSet::Impl& impl, const std::string& text, const Item& item, double size,
                hb_language_t language);

// Built once per paragraph, as SkParagraph keeps one, so that no line rescans the runs.
struct ClusterTable {
  std::vector<double>
      advance_before;  // per byte b and the end: total advance of the glyphs of clusters before b
  std::vector<bool> cluster_start;  // per byte and the end: see Paragraph::cluster_start
};
ClusterTable cluster_table(size_t text_size, const std::vector<ShapedRun>& runs,
                           const std::vector<size_t>& graphemes);

}  // namespace tp::text

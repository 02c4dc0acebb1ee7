// Internal to text/: shaping word by word through a cache, as Blink and Firefox do, but only where
// the result is exactly HarfBuzz's for the whole run (the same glyphs, clusters and positions), so
// that no PDF changes by a byte.
//
// A left-to-right run is cut after each stretch of spaces (U+0020) into words ("word " with its
// spaces); each is shaped on its own once and kept by face, script, language and text. Put end to
// end, the words are the run's shaping when nothing HarfBuzz does reaches across a cut:
//  - the script is one of HarfBuzz's default shaper (Latin, Greek, Cyrillic), which reads no
//    character outside its buffer (the Arabic shaper reads the text around it for joining);
//  - the character after a cut starts a cluster of its own (it is no mark, joiner, emoji modifier
//    or other default-ignorable), so that no cluster spans a cut;
//  - no lookup reached across a cut. HarfBuzz flags the glyphs a lookup's context reached across
//    (HB_GLYPH_FLAG_UNSAFE_TO_CONCAT): a word's first glyph must not be flagged (nothing looked
//    back past its start), and a word that ends in spaces is shaped with one more space after it,
//    which must not be flagged (nothing looked past the word's own spaces: a kerning pair tried
//    with the word's own space flags only that space);
//  - the face has no legacy 'kern' or AAT table (HarfBuzz kerns with those without the flags),
//    and none of its lookups for the script and language has the space glyph in it: besides
//    being safe, this spares fonts that kern or ligate spaces shaping words only to throw them away.
// Where one of these fails, the run is shaped whole.
#pragma once

#include <hb.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/paragraph.h"

namespace tp::text {

struct LoadedFace;  // text/font_impl.h, which holds a WordCache

// What a word and a whole run are shaped alike with, so that their glyphs can be the same: the
// buffer's properties (its text and flags are the caller's) and HarfBuzz's shaping itself.
inline void shape_buffer(hb_buffer_t* buffer, hb_font_t* font, hb_direction_t direction, hb_script_t script,
                         hb_language_t language) {
  hb_buffer_set_direction(buffer, direction);
  hb_buffer_set_script(buffer, script);
  hb_buffer_set_language(buffer, language);
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_shape(font, buffer, nullptr, 0);
}

// A glyph of HarfBuzz's (font units) in points at `scale` points per unit, the same to the last
// bit whether it comes from a word or a whole run.
inline ShapedGlyph scaled_glyph(std::uint32_t gid, std::uint32_t cluster, hb_position_t dx, hb_position_t dy,
                                hb_position_t advance, double scale) {
  return {gid, cluster, dx * scale, -dy * scale, advance * scale};
}

class WordCache {
 public:
  // The glyphs of `run` (bytes of `text`, left to right; run.face opened as `face`) in `script`
  // and `language` at `size` points, appended to run.glyphs word by word, as shape() would give
  // them for the whole run. False, with run.glyphs left empty, when the run cannot be shaped word by
  // word exactly. `buffer` is the shaping buffer to use (its flags are changed).
  bool shape(hb_buffer_t* buffer, const LoadedFace& face, const std::string& text, ShapedRun& run,
             hb_script_t script, hb_language_t language, double size);

 private:
  struct Glyph {
    std::uint32_t gid, cluster;    // cluster: byte offset in the word
    std::int32_t dx, dy, advance;  // font units, as HarfBuzz gives them
  };
  struct Word {
    std::uint32_t first = 0, count = 0;  // glyphs_[first, first + count)
    bool start_joins = false;            // nothing looked back past the word's start
    bool end_joins = false;              // nothing looked forward past the word's spaces
  };
  struct Plan {
    int face;
    hb_script_t script;
    hb_language_t language;
    bool by_words;
  };

  bool by_words(const LoadedFace& face, int face_id, hb_script_t script, hb_language_t language);
  // The word whose key is key_ (`text` its text), shaped on first use.
  const Word& word(hb_buffer_t* buffer, const LoadedFace& face, std::string_view text, hb_script_t script,
                   hb_language_t language);

  std::vector<Plan> plans_;                      // few: one per face, script and language met
  std::unordered_map<std::string, Word> words_;  // by key_'s form: face, script, language, text
  std::vector<Glyph> glyphs_;
  std::string key_;  // the key being looked up, reused
};

}  // namespace tp::text

// The fallback chain of font faces, described by a JSON file in fonts/ (fonts/chain.json):
//
//   {"folders": ["/usr/share/fonts/truetype/noto", ...],
//    "faces": [{"file": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf",
//               "scripts": ["Latn", "Grek", "Cyrl"], "package": "fonts-noto-core"}, ...,
//              {"file": "NotoColorEmoji.ttf", "emoji": true, "package": "fonts-noto-color-emoji"}]}
//
// The first face is the primary text face. For each character cluster the first face in chain
// order that has glyphs for all of it is chosen (emoji-presentation clusters try emoji faces first).
// A FontSet owns FreeType and HarfBuzz objects; it is not thread-safe, make one per worker thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/raster.h"

namespace tp::text {

struct FaceInfo {
  std::string path;
  int index = 0;                       // face index inside a collection
  bool bold = false;                   // this is the bold member of its chain entry
  bool emoji = false;                  // colour bitmap face: drawn as images, never as outlines
  std::string package;                 // the Debian package that ships it (for warnings)
  double ascender = 0, descender = 0;  // in em units (descender negative), from the hhea/OS2 table
};

class FontSet {
 public:
  // Loads the chain file. Missing faces other than the first are skipped with a warning; a missing
  // or unusable primary face throws Error(Input). `extra_folders` are searched before the file's own
  // folders. Faces other than the primary's are opened on first use; one whose file turns out not
  // to be a usable font then covers nothing (its characters fall back to later faces, or are
  // warned about as having no font).
  static std::unique_ptr<FontSet> load(const std::string& chain_file, Diagnostics& diag,
                                       const std::vector<std::string>& extra_folders = {});
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  int face_count() const;
  const FaceInfo& face(int id) const;

  // The face id to use for a cluster of code points in the given weight, or the primary face when
  // none covers it (then `covered` is false).
  int choose(const std::u32string& cluster, bool bold, bool& covered) const;

  // True when `face` has glyphs for every code point of `cluster` that needs one.
  bool covers(int face, const std::u32string& cluster) const;

  // Glyph id of a code point in a face, 0 when absent.
  std::uint32_t glyph(int face, char32_t c) const;

  // The Debian package the chain file names for a script (ISO 15924 code such as "Hani"), whether or
  // not its faces are installed; empty when the chain knows none.
  std::string package_for_script(const std::string& iso15924) const;

  // Horizontal advance of a glyph in em units (1.0 = the font size).
  double advance(int face, std::uint32_t gid) const;

  // Renders a colour glyph of an emoji face to RGBA pixels (the face's own bitmap strike).
  // Returns nullopt when the face has no bitmap for the glyph.
  std::optional<Raster> color_glyph(int face, std::uint32_t gid) const;

  struct Impl;  // FreeType and HarfBuzz objects (text/font_impl.h); used by paragraph.cc
  Impl& impl() const { return *impl_; }

 private:
  FontSet();
  int choose_uncached(const std::u32string& cluster, bool bold, bool& covered) const;
  bool covers_uncached(int face, const std::u32string& cluster) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tp::text

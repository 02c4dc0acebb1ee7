// The layout Context: each font face, picture and emoji image kept once per document, the
// hyphenation dictionary a post's text gets, and the structure elements (tagged PDF) items belong to.
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "core/utf8.h"
#include "layout/flow.h"

namespace tp::layout {

int Context::doc_font(int face) {
  auto it = fonts_.find(face);
  if (it != fonts_.end()) return it->second;
  const text::FaceInfo& info = fonts.face(face);
  doc.fonts.push_back({info.path, info.index});
  return fonts_[face] = static_cast<int>(doc.fonts.size()) - 1;
}

int Context::doc_image(const std::shared_ptr<const Raster>& raster) {
  auto it = images_.find(raster.get());
  if (it != images_.end()) return it->second;
  doc.images.push_back(raster);
  return images_[raster.get()] = static_cast<int>(doc.images.size()) - 1;
}

const text::Hyphenator* Context::hyphenator_for(const std::string& text,
                                                const std::optional<std::string>& declared) {
  if (!style.justify || !style.hyphenate) return nullptr;
  if (declared) {
    // A declared language without a dictionary is not hyphenated: rules of another language
    // would break its words in wrong places.
    if (!hyphenators_) hyphenators_ = std::make_unique<text::HyphenatorSet>();
    return hyphenators_->get(*declared);
  }
  // Without a declared language the script of most letters decides, and Latin script takes the
  // style's language. Cyrillic is shared by too many languages to guess one.
  size_t latin = 0, greek = 0, other = 0;
  for (size_t pos = 0; pos < text.size();) {
    char32_t c = utf8::next(text, pos);
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &err);
    if (sc == USCRIPT_LATIN)
      ++latin;
    else if (sc == USCRIPT_GREEK)
      ++greek;
    else
      ++other;
  }
  std::string lang;
  if (latin > greek && latin > other)
    lang = style.language;
  else if (greek > latin && greek > other)
    lang = "el";
  if (lang.empty()) return nullptr;
  if (!hyphenators_) hyphenators_ = std::make_unique<text::HyphenatorSet>();
  return hyphenators_->get(lang);
}

std::optional<int> Context::emoji_image(int face, std::uint32_t gid) {
  auto [it, added] = emoji_.try_emplace(std::make_pair(face, gid), -1);
  if (!added) return it->second >= 0 ? std::optional<int>(it->second) : std::nullopt;
  // A glyph without a picture is remembered too: rendering it is what costs.
  auto raster = fonts.color_glyph(face, gid);
  if (!raster) return std::nullopt;
  doc.images.push_back(std::make_shared<const Raster>(std::move(*raster)));
  return it->second = static_cast<int>(doc.images.size()) - 1;
}

int Context::element(Role role, std::string title, std::string lang, std::string alt) {
  const int parent = !is_artifact(elem) ? elem : doc.structure.empty() ? -1 : 0;
  doc.structure.push_back({role, parent, std::move(lang), std::move(alt), std::move(title)});
  return static_cast<int>(doc.structure.size()) - 1;
}

int Context::link_element(int tag) {
  if (is_artifact(elem)) return elem;
  if (doc.structure[static_cast<size_t>(elem)].role == Role::Link) return elem;
  auto [it, added] = links_.try_emplace({elem, tag}, 0);
  if (added) it->second = element(Role::Link);
  return it->second;
}

}  // namespace tp::layout

#include "text/font_set.h"

#include <unicode/uchar.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "text/font_impl.h"

namespace tp::text {

namespace fs = std::filesystem;

FontSet::Impl::~Impl() {
  for (auto& f : faces) {
    if (f.ft) FT_Done_Face(f.ft);
    hb_font_destroy(f.font);
    hb_face_destroy(f.face);
    hb_blob_destroy(f.blob);
  }
  if (ft_library) FT_Done_FreeType(ft_library);
  if (line_breaks) ubrk_close(line_breaks);
  if (graphemes) ubrk_close(graphemes);
  if (shaping_buffer) hb_buffer_destroy(shaping_buffer);
}

FontSet::FontSet() : impl_(std::make_unique<Impl>()) {}
FontSet::~FontSet() = default;

namespace {

std::optional<std::string> find_file(const std::string& name, const std::vector<std::string>& folders) {
  if (fs::path(name).is_absolute()) return fs::exists(name) ? std::optional(name) : std::nullopt;
  for (const auto& folder : folders) {
    fs::path p = fs::path(folder) / name;
    if (fs::exists(p)) return p.string();
  }
  return std::nullopt;
}

// Opens `f` (path and index set) with HarfBuzz; false when the file is not a usable font.
bool open_face(LoadedFace& f) {
  f.opened = true;
  f.blob = hb_blob_create_from_file_or_fail(f.info.path.c_str());
  if (!f.blob) return false;
  if (static_cast<int>(hb_face_count(f.blob)) <= f.info.index) {
    hb_blob_destroy(f.blob);
    f.blob = nullptr;
    return false;
  }
  f.face = hb_face_create(f.blob, static_cast<unsigned>(f.info.index));
  f.upem = hb_face_get_upem(f.face);
  f.font = hb_font_create(f.face);
  hb_font_set_scale(f.font, static_cast<int>(f.upem), static_cast<int>(f.upem));
  hb_font_extents_t ext{};
  hb_font_get_h_extents(f.font, &ext);
  f.info.ascender = static_cast<double>(ext.ascender) / f.upem;
  f.info.descender = static_cast<double>(ext.descender) / f.upem;
  return true;
}

bool ignorable(char32_t c) {
  // Joiners, variation selectors and tags shape inside a cluster and need no glyph of their own.
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool wants_emoji(const std::u32string& cluster) {
  if (cluster.empty()) return false;
  for (char32_t c : cluster) {
    if (c == 0xFE0E) return false;  // VS15 asks for text presentation
  }
  for (char32_t c : cluster) {
    if (c == 0xFE0F || c == 0x20E3) return true;    // VS16, keycap
    if (c >= 0x1F3FB && c <= 0x1F3FF) return true;  // skin tone modifier
    if (c >= 0x1F1E6 && c <= 0x1F1FF) return true;  // regional indicator (flags)
  }
  return u_hasBinaryProperty(static_cast<UChar32>(cluster[0]), UCHAR_EMOJI_PRESENTATION);
}

}  // namespace

std::unique_ptr<FontSet> FontSet::load(const std::string& chain_file, Diagnostics& diag,
                                       const std::vector<std::string>& extra_folders) {
  std::ifstream in(chain_file, std::ios::binary);
  if (!in) throw Error(ErrorCode::Input, chain_file, "cannot read the font chain file");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::Input, chain_file, std::string("invalid JSON: ") + e.what());
  }
  std::vector<std::string> folders = extra_folders;
  for (const auto& f : j.value("folders", nlohmann::json::array())) folders.push_back(f.get<std::string>());

  std::unique_ptr<FontSet> set(new FontSet());
  Impl& impl = *set->impl_;
  if (FT_Init_FreeType(&impl.ft_library) != 0)
    throw Error(ErrorCode::Internal, "FreeType", "cannot initialise the library");
  UErrorCode err = U_ZERO_ERROR;
  impl.line_breaks = ubrk_open(UBRK_LINE, "", nullptr, 0, &err);
  impl.graphemes = ubrk_open(UBRK_CHARACTER, "", nullptr, 0, &err);
  if (U_FAILURE(err))
    throw Error(ErrorCode::Internal, "ICU", std::string("cannot open break iterators: ") + u_errorName(err));

  const auto& faces = j.at("faces");
  for (size_t i = 0; i < faces.size(); ++i) {
    const auto& e = faces[i];
    ChainEntry entry;
    entry.emoji = e.value("emoji", false);
    std::string package = e.value("package", "");
    for (const auto& script : e.value("scripts", nlohmann::json::array()))
      if (!package.empty()) impl.script_packages.emplace(script.get<std::string>(), package);
    int index = e.value("index", 0);
    auto add = [&](const std::string& name, bool bold) -> int {
      auto path = find_file(name, folders);
      LoadedFace face;
      if (path) {
        face.info.path = *path;
        face.info.index = index;
      }
      // The primary face is opened now, since every document needs it and its failure is fatal.
      // The others are opened on first use: mapping the chain's few dozen files and reading
      // their headers was a good part of a short conversion's start-up.
      const bool primary = impl.chain.empty();
      if (!path || (primary && !open_face(face))) {
        if (primary && !bold)
          throw Error(ErrorCode::Input, chain_file,
                      "the primary font " + name + " is not installed (package " + package + ")");
        diag.warn(chain_file, "font " + name + " not found (install " + package + "); skipped");
        return -1;
      }
      face.info.bold = bold;
      face.info.emoji = entry.emoji;
      face.info.package = package;
      impl.faces.push_back(std::move(face));
      return static_cast<int>(impl.faces.size()) - 1;
    };
    entry.regular = add(e.at("file").get<std::string>(), false);
    if (e.contains("bold")) entry.bold = add(e.at("bold").get<std::string>(), true);
    if (entry.regular >= 0) impl.chain.push_back(entry);
  }
  return set;
}

int FontSet::face_count() const { return static_cast<int>(impl_->faces.size()); }
const FaceInfo& FontSet::face(int id) const { return impl_->open(static_cast<size_t>(id)).info; }

LoadedFace& FontSet::Impl::open(size_t id) {
  LoadedFace& f = faces.at(id);
  if (!f.opened && !open_face(f)) f.broken = true;
  return f;
}

std::uint32_t FontSet::glyph(int face, char32_t c) const {
  const LoadedFace& f = impl_->open(static_cast<size_t>(face));
  hb_codepoint_t gid = 0;
  if (f.broken || !hb_font_get_nominal_glyph(f.font, c, &gid)) return 0;
  return gid;
}

std::string FontSet::package_for_script(const std::string& iso15924) const {
  auto it = impl_->script_packages.find(iso15924);
  return it == impl_->script_packages.end() ? std::string() : it->second;
}

double FontSet::advance(int face, std::uint32_t gid) const {
  const LoadedFace& f = impl_->open(static_cast<size_t>(face));
  if (f.broken) return 0;
  return static_cast<double>(hb_font_get_glyph_h_advance(f.font, gid)) / f.upem;
}

bool FontSet::covers(int face, const std::u32string& cluster) const {
  std::int8_t* cached = nullptr;
  if (cluster.size() == 1 && cluster[0] < Impl::kChoiceCacheSize) {
    auto& by_face = impl_->coverage;
    if (by_face.size() <= static_cast<size_t>(face)) by_face.resize(static_cast<size_t>(face) + 1);
    auto& answers = by_face[static_cast<size_t>(face)];
    if (answers.empty()) answers.assign(Impl::kChoiceCacheSize, -1);
    cached = &answers[cluster[0]];
    if (*cached >= 0) return *cached == 1;
  }
  const bool covered = covers_uncached(face, cluster);
  if (cached) *cached = covered ? 1 : 0;
  return covered;
}

bool FontSet::covers_uncached(int face, const std::u32string& cluster) const {
  if (impl_->open(static_cast<size_t>(face)).broken) return false;
  for (char32_t c : cluster)
    if (!ignorable(c) && c != '\n' && glyph(face, c) == 0) return false;
  return true;
}

int FontSet::choose(const std::u32string& cluster, bool bold, bool& covered) const {
  // Most clusters are one code point of a small script: the choice depends on nothing else, so it
  // is made once per code point and style (a paragraph asks it for nearly every letter).
  std::int16_t* cached = nullptr;
  if (cluster.size() == 1 && cluster[0] < Impl::kChoiceCacheSize) {
    if (impl_->choices.empty()) impl_->choices.assign(2 * Impl::kChoiceCacheSize, -1);
    cached = &impl_->choices[2 * cluster[0] + (bold ? 1 : 0)];
    if (*cached >= 0) {
      covered = *cached & 1;
      return *cached >> 1;
    }
  }
  const int face = choose_uncached(cluster, bold, covered);
  if (cached) *cached = static_cast<std::int16_t>(face << 1 | (covered ? 1 : 0));
  return face;
}

int FontSet::choose_uncached(const std::u32string& cluster, bool bold, bool& covered) const {
  // Not through covers' cache, which would hold a table for every face of the chain tried.
  auto covers = [&](int face) { return covers_uncached(face, cluster); };
  auto pick = [&](const ChainEntry& e) { return bold && e.bold >= 0 ? e.bold : e.regular; };
  const bool emoji_first = wants_emoji(cluster);
  for (int pass = 0; pass < 2; ++pass) {
    // Pass 0 tries the preferred kind (emoji or text faces), pass 1 the other kind.
    for (const auto& e : impl_->chain) {
      if (e.emoji != (emoji_first == (pass == 0))) continue;
      if (covers(pick(e))) {
        covered = true;
        return pick(e);
      }
    }
  }
  covered = false;
  return pick(impl_->chain.front());
}

std::optional<Raster> FontSet::color_glyph(int face, std::uint32_t gid) const {
  const LoadedFace& f = impl_->open(static_cast<size_t>(face));
  if (f.broken) return std::nullopt;
  if (!f.ft) {
    if (FT_New_Face(impl_->ft_library, f.info.path.c_str(), f.info.index, &f.ft) != 0) return std::nullopt;
    // Colour bitmap fonts (CBDT) have fixed strikes; take the largest.
    if (f.ft->num_fixed_sizes > 0) {
      int best = 0;
      for (int i = 1; i < f.ft->num_fixed_sizes; ++i)
        if (f.ft->available_sizes[i].height > f.ft->available_sizes[best].height) best = i;
      FT_Select_Size(f.ft, best);
    }
  }
  if (FT_Load_Glyph(f.ft, gid, FT_LOAD_COLOR) != 0) return std::nullopt;
  if (f.ft->glyph->format != FT_GLYPH_FORMAT_BITMAP &&
      FT_Render_Glyph(f.ft->glyph, FT_RENDER_MODE_NORMAL) != 0)
    return std::nullopt;
  const FT_Bitmap& bm = f.ft->glyph->bitmap;
  if (bm.pixel_mode != FT_PIXEL_MODE_BGRA || bm.width == 0 || bm.rows == 0) return std::nullopt;
  Raster r;
  r.encoding = Raster::Encoding::Rgba8;
  r.width = static_cast<int>(bm.width);
  r.height = static_cast<int>(bm.rows);
  r.data.resize(static_cast<size_t>(r.width) * r.height * 4);
  for (unsigned y = 0; y < bm.rows; ++y) {
    const unsigned char* row = bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch;
    for (unsigned x = 0; x < bm.width; ++x) {
      // FreeType gives premultiplied BGRA; PDF wants straight colour with a separate soft mask.
      unsigned b = row[x * 4], g = row[x * 4 + 1], rr = row[x * 4 + 2], a = row[x * 4 + 3];
      auto un = [a](unsigned v) { return static_cast<char>(a ? std::min(255u, (v * 255 + a / 2) / a) : 0); };
      char* out = &r.data[(static_cast<size_t>(y) * bm.width + x) * 4];
      out[0] = un(rr);
      out[1] = un(g);
      out[2] = un(b);
      out[3] = static_cast<char>(a);
    }
  }
  return r;
}

}  // namespace tp::text

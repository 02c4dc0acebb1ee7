// Writes the seed corpora, seeds/<harness>, and an empty work/<harness> for what libFuzzer finds,
// into the folder given as the second argument (emptied first). The seeds are
// the project's own test fixtures (read from the source tree given as the first), multi-document
// seeds joined at NUL bytes as the harnesses cut them, and small pictures made here with the
// project's PNG and JPEG writers, libwebp's encoder and giflib's writer. Nothing is downloaded and
// no binary file is kept in the repository. Same source tree, same seeds.
#include <gif_lib.h>
#include <webp/encode.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/raster.h"
#include "media/write.h"

namespace fs = std::filesystem;
using tp::Raster;

namespace {

fs::path g_source, g_out;

std::string read(const std::string& rel) {
  std::ifstream in(g_source / rel, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + (g_source / rel).string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const std::string& harness, const std::string& name, const std::string& bytes) {
  fs::create_directories(g_out / "seeds" / harness);
  fs::create_directories(g_out / "work" / harness);
  std::ofstream(g_out / "seeds" / harness / name, std::ios::binary) << bytes;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(1, '\0') : "") + parts[i];
  return out;
}

Raster pattern(Raster::Encoding encoding, int w, int h) {
  Raster r;
  r.encoding = encoding;
  r.width = w;
  r.height = h;
  const int n = r.channels();
  r.data.resize(static_cast<size_t>(w) * h * n);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < n; ++c)
        r.data[(static_cast<size_t>(y) * w + x) * n + c] =
            static_cast<char>(c == 3 ? 128 + x : x * 30 + y * 7 + c * 50);
  return r;
}

// EXIF data (big-endian TIFF) whose IFD0 holds one Orientation entry of 6, as a phone held
// upright writes it.
const std::string kExif("MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0", 26);

// `jpeg` with an APP1 EXIF segment and an APP2 ICC_PROFILE segment holding `icc` after SOI.
std::string jpeg_with_metadata(const std::string& jpeg, const std::string& icc) {
  auto segment = [](char marker, const std::string& payload) {
    const size_t n = payload.size() + 2;
    return std::string{'\xff', marker, static_cast<char>(n >> 8), static_cast<char>(n & 0xFF)} + payload;
  };
  return jpeg.substr(0, 2) + segment('\xe1', std::string("Exif\0\0", 6) + kExif) +
         segment('\xe2', std::string("ICC_PROFILE\0\x01\x01", 14) + icc) + jpeg.substr(2);
}

// `png` with an eXIf chunk after IHDR (CRC from zlib).
std::string png_with_exif(const std::string& png) {
  std::string chunk = "eXIf" + kExif;
  const unsigned long crc = crc32(0, reinterpret_cast<const Bytef*>(chunk.data()), chunk.size());
  auto be32 = [](unsigned long v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  return png.substr(0, 33) + be32(kExif.size()) + chunk + be32(crc) + png.substr(33);
}

std::string webp(const Raster& r, bool lossless) {
  auto* px = reinterpret_cast<const uint8_t*>(r.data.data());
  const bool alpha = r.encoding == Raster::Encoding::Rgba8;
  const int stride = r.width * r.channels();
  uint8_t* out = nullptr;
  size_t n = lossless ? (alpha ? WebPEncodeLosslessRGBA(px, r.width, r.height, stride, &out)
                               : WebPEncodeLosslessRGB(px, r.width, r.height, stride, &out))
                      : (alpha ? WebPEncodeRGBA(px, r.width, r.height, stride, 80, &out)
                               : WebPEncodeRGB(px, r.width, r.height, stride, 80, &out));
  std::string bytes(reinterpret_cast<const char*>(out), n);
  WebPFree(out);
  return bytes;
}

int append_bytes(GifFileType* gif, const GifByteType* data, int n) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), n);
  return n;
}

// A GIF89a of `frames` frames of w x h, interlaced or not, colour 0 transparent when asked.
std::string gif(int w, int h, int frames, bool interlaced, bool transparent) {
  GifColorType colors[4] = {{0, 0, 0}, {200, 30, 30}, {30, 200, 30}, {30, 30, 200}};
  std::string out;
  int error = 0;
  GifFileType* g = EGifOpen(&out, append_bytes, &error);
  EGifSetGifVersion(g, true);
  ColorMapObject* map = GifMakeMapObject(4, colors);
  EGifPutScreenDesc(g, w, h, 2, 0, map);
  for (int f = 0; f < frames; ++f) {
    GraphicsControlBlock gcb{DISPOSAL_UNSPECIFIED, false, 10, transparent ? 0 : NO_TRANSPARENT_COLOR};
    GifByteType ext[4];
    EGifGCBToExtension(&gcb, ext);
    EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, 4, ext);
    EGifPutImageDesc(g, 0, 0, w, h, interlaced, nullptr);
    for (int y = 0; y < h; ++y) {
      std::vector<GifPixelType> line(w);
      for (int x = 0; x < w; ++x) line[x] = static_cast<GifPixelType>((x + y + f) % 4);
      EGifPutLine(g, line.data(), w);
    }
  }
  EGifCloseFile(g, &error);
  GifFreeMapObject(map);
  return out;
}

void text_seeds() {
  const std::string p = "tests/data/platforms/";
  put("thread_json", "example.json", read("tests/data/parse/example.json"));
  put("thread_json", "full.json", read("tests/data/parse/full.json"));
  put("thread_json", "unroll.out.json", read("tests/data/parse/unroll_full.out.json"));
  put("thread_json", "paper-sizes.json", read("examples/paper-sizes.json"));
  put("thread_json", "unroll_plain.txt", read("tests/data/parse/unroll_plain.txt"));
  put("unroll_text", "unroll_full.txt", read("tests/data/parse/unroll_full.txt"));
  put("unroll_text", "unroll_plain.txt", read("tests/data/parse/unroll_plain.txt"));
  put("unroll_text", "night-trains.txt", read("examples/night-trains.txt"));
  for (const char* f : {"bluesky_root.json", "bluesky_middle.json", "bluesky_after_gap.json"})
    put("bluesky", f, read(p + f));
  put("bluesky", "merge", joined({read(p + "bluesky_after_gap.json"), read(p + "bluesky_root.json")}));
  put("mastodon", "status_context",
      joined({read(p + "mastodon_status.json"), read(p + "mastodon_context.json")}));
  // The HTML of every status in the recorded responses.
  int n = 0;
  auto statuses = [&](const nlohmann::json& j, auto&& self) -> void {
    if (j.is_object()) {
      if (auto c = j.find("content"); c != j.end() && c->is_string())
        put("mastodon_html", "status" + std::to_string(++n) + ".html", c->get<std::string>());
      for (const auto& [k, v] : j.items()) self(v, self);
    } else if (j.is_array()) {
      for (const auto& v : j) self(v, self);
    }
  };
  statuses(nlohmann::json::parse(read(p + "mastodon_status.json")), statuses);
  statuses(nlohmann::json::parse(read(p + "mastodon_context.json")), statuses);
  put("x_syndication", "walk",
      joined({read(p + "x_post_4.json"), read(p + "x_post_3.json"), read(p + "x_post_2.json"),
              read(p + "x_post_1.json")}));
  put("x_syndication", "tombstone", joined({read(p + "x_post_2.json"), read(p + "x_tombstone.json")}));
  put("x_archive", "archive",
      joined({read(p + "x_archive_tweets.js"), read(p + "x_archive_account.js"),
              read(p + "x_archive_profile.js"), "1690000000000000300"}));
  put("threadreader_html", "page.html", read("tests/data/sources/threadreader_page.html"));
  put("pdf", "example.json", read("tests/data/parse/example.json"));
  put("pdf", "full.json", read("tests/data/parse/full.json"));
  put("pdf", "world-scripts.json", read("examples/world-scripts.json"));
}

void picture_seeds() {
  using E = Raster::Encoding;
  using tp::media::PngImage;
  put("png", "rgb.png", tp::media::write_png(pattern(E::Rgb8, 7, 5)));
  put("png", "rgba.png", tp::media::write_png(pattern(E::Rgba8, 6, 4)));
  put("png", "gray.png", tp::media::write_png(pattern(E::Gray8, 9, 3)));
  PngImage palette;
  palette.width = palette.height = 4;
  palette.color_type = 3;
  palette.bit_depth = 2;
  palette.rows = "\x1b\xe4\x1b\xe4";
  palette.palette = std::string("\xff\0\0\0\xff\0\0\0\xff\x80\x80\x80", 12);
  palette.trns = "\x80\xff";
  PngImage deep;
  deep.width = deep.height = 3;
  deep.color_type = 0;
  deep.bit_depth = 16;
  deep.interlaced = true;
  deep.rows = std::string(18, '\x40');
  put("png", "palette_trns.png", tp::media::write_png(palette));
  put("png", "gray16_interlaced.png", tp::media::write_png(deep));
  put("jpeg", "rgb.jpg", tp::media::write_jpeg(pattern(E::Rgb8, 24, 17)));
  put("jpeg", "gray.jpg", tp::media::write_jpeg(pattern(E::Gray8, 9, 30)));
  put("jpeg", "progressive.jpg", tp::media::write_jpeg(pattern(E::Rgb8, 40, 8), 70, true));
  // Orientation and a colour profile (sRGB from icc-profiles-free, as the PDF/A output intent).
  put("jpeg", "exif_icc.jpg",
      jpeg_with_metadata(tp::media::write_jpeg(pattern(E::Rgb8, 16, 9)),
                         read("/usr/share/color/icc/sRGB.icc")));
  put("png", "exif.png", png_with_exif(tp::media::write_png(pattern(E::Rgb8, 7, 5))));
  put("webp", "lossy.webp", webp(pattern(E::Rgb8, 20, 12), false));
  put("webp", "lossy_alpha.webp", webp(pattern(E::Rgba8, 10, 10), false));
  put("webp", "lossless.webp", webp(pattern(E::Rgb8, 9, 7), true));
  put("webp", "lossless_alpha.webp", webp(pattern(E::Rgba8, 8, 8), true));
  put("gif", "plain.gif", gif(7, 5, 1, false, false));
  put("gif", "interlaced.gif", gif(5, 11, 1, true, false));
  put("gif", "transparent.gif", gif(4, 4, 1, false, true));
  put("gif", "two_frames.gif", gif(6, 3, 2, false, false));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_seeds SOURCE_DIR OUT_DIR\n");
    return 2;
  }
  g_source = argv[1];
  g_out = argv[2];
  try {
    // What an earlier run found stays out of the next one: CI runs the same inputs every time.
    fs::remove_all(g_out);
    text_seeds();
    picture_seeds();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_seeds: %s\n", e.what());
    return 1;
  }
  return 0;
}

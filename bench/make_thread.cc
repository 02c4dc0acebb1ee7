// threadpdf_make_thread: writes a large, deterministic thread with pictures for benchmarks (thread.json,
// and thread.html, the same thread for Chromium's print-to-PDF), or the illustrations the example
// threads use.
//
//   threadpdf_make_thread OUT_DIR [--posts 1000] [--images 200] [--seed 1] [--wide]
//   threadpdf_make_thread --example-images DIR
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "media/write.h"
#include "pictures.h"
#include "prng.h"
#include "thread_gen.h"
#include "thread_html.h"

namespace fs = std::filesystem;
using namespace tp;
using namespace tp::bench;

namespace {

const char* kUsage =
    "usage: threadpdf_make_thread OUT_DIR [--posts N] [--images N] [--seed N] [--wide]\n"
    "       threadpdf_make_thread --example-images DIR\n";

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) throw Error(ErrorCode::Output, path.string(), "cannot write the file");
}

std::uint64_t number(const std::string& option, const char* text, std::uint64_t max) {
  std::uint64_t v = 0;
  std::string s = text ? text : "";
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v > max)
    throw Error(ErrorCode::Usage, option,
                "expected a whole number up to " + std::to_string(max) + ", got \"" + s + "\"");
  return v;
}

void example_images(const fs::path& dir) {
  fs::create_directories(dir);
  write_file(dir / "paper-sizes.png", media::write_png(paper_sizes_diagram()));
  write_file(dir / "sunset.jpg", media::write_jpeg(sunset_landscape(), 82, true));
  write_file(dir / "avatar.png", media::write_png(avatar(256, 205, 'A')));
  write_file(dir / "emoji-sheet.png", media::write_png(emoji_sheet()));
  write_file(dir / "emoji-globe.png", media::write_png(emoji_globe()));
}

// Aspect ratios of pictures people post: photos both ways, screenshots, panoramas, squares.
const std::vector<double> kAspects = {16.0 / 9, 4.0 / 3, 3.0 / 2, 1.0, 3.0 / 4, 2.0 / 3, 9.0 / 16, 2.0, 0.5};

// Picture widths in pixels: the default mix (400-1600, all within 1.25 times the print width of
// 1,309 px, so none is scaled) or, with --wide, what phones and X give (2000-4000), all scaled.
struct Widths {
  int min, max;
};
constexpr Widths kUsualWidths{400, 1600}, kWideWidths{2000, 4000};

void bench_thread(const fs::path& dir, int posts, int images, std::uint64_t seed, Widths widths) {
  fs::create_directories(dir / "img");
  fs::create_directories(dir / "avatars");
  ThreadOptions options;
  options.posts = posts;
  options.seed = seed;
  PixelSizes sizes;
  const char letters[] = {'M', 'K', 'T'};
  for (int i = 0; i < 3; ++i) {
    std::string src = std::string("avatars/") + letters[i] + ".png";
    write_file(dir / src, media::write_png(avatar(128, 40 + 120 * i, letters[i])));
    options.avatars.push_back(src);
    sizes[src] = {128, 128};
  }
  for (int k = 0; k < images; ++k) {
    // One stream per picture: the text of the thread does not depend on how pictures are drawn.
    Prng rng(seed * 0x100000001B3ull + static_cast<std::uint64_t>(k) + 1);
    int w = rng.range(widths.min, widths.max);
    int h = static_cast<int>(w / rng.pick(kAspects) + 0.5);
    bool jpeg = k % 2 == 0;
    char name[32];
    std::snprintf(name, sizeof name, "img/%04d.%s", k + 1, jpeg ? "jpg" : "png");
    Picture p = jpeg ? photo_like(rng, w, h) : diagram_like(rng, w, h);
    write_file(dir / name, jpeg ? media::write_jpeg(p.raster, 82) : media::write_png(p.raster));
    options.images.push_back({name, p.alt, w, h});
    sizes[name] = {w, h};
  }
  const auto thread = make_thread_json(options);
  write_file(dir / "thread.json", thread.dump(2) + "\n");
  write_file(dir / "thread.html", thread_html(thread, sizes));
}

int run(const std::vector<std::string>& args) {
  if (args.size() == 2 && args[0] == "--example-images") {
    example_images(args[1]);
    return 0;
  }
  std::string out;
  std::uint64_t posts = 1000, images = 200, seed = 1;
  Widths widths = kUsualWidths;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const char* value = i + 1 < args.size() ? args[i + 1].c_str() : nullptr;
    if (a == "--posts")
      posts = number(a, value, 1'000'000), ++i;
    else if (a == "--images")
      images = number(a, value, 100'000), ++i;
    else if (a == "--seed")
      seed = number(a, value, UINT64_MAX), ++i;
    else if (a == "--wide")
      widths = kWideWidths;
    else if (a == "-h" || a == "--help")
      return std::fputs(kUsage, stdout), 0;
    else if (!a.starts_with("-") && out.empty())
      out = a;
    else
      throw Error(ErrorCode::Usage, a, "unexpected argument");
  }
  if (out.empty()) throw Error(ErrorCode::Usage, "", "no output folder given");
  if (posts < 1) throw Error(ErrorCode::Usage, "--posts", "a thread has at least one post");
  // Deleted posts carry no pictures, and a post holds four at most.
  if (images > 4 * (posts - (posts >= 10 ? 2 : posts >= 3 ? 1 : 0)))
    throw Error(ErrorCode::Usage, "--images", "more pictures than the posts can hold (4 a post)");
  bench_thread(out, static_cast<int>(posts), static_cast<int>(images), seed, widths);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const Error& e) {
    std::fprintf(stderr, "threadpdf_make_thread: %s\n", e.what());
    if (e.code() == ErrorCode::Usage) std::fputs(kUsage, stderr);
    return e.exit_status();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "threadpdf_make_thread: %s\n", e.what());
    return 1;
  }
}

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "media/media.h"
#include "media/write.h"
#include "test_images.h"

using namespace tp;
namespace fs = std::filesystem;

namespace {

// A fresh folder in the system's temporary folder, removed again when the test case ends.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("threadpdf_test_media_" + std::to_string(getpid()) + "_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path / "img");
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

model::Post post(std::string id, std::vector<std::string> srcs) {
  model::Post p;
  p.id = std::move(id);
  p.text = "text";
  for (auto& src : srcs) p.media.push_back({model::MediaKind::Image, std::move(src), {}, {}, {}, {}});
  return p;
}

std::vector<std::string> lines(const Diagnostics& diag) {
  std::vector<std::string> out;
  for (const auto& w : diag.warnings()) out.push_back(w.line());
  return out;
}

}  // namespace

TEST_CASE("load_all resolves relative sources against media_root and warns once per missing picture") {
  TempDir temp("load_all_test");
  const fs::path& dir = temp.path;
  write_file(dir / "img/a.png", media::write_png(test::pattern(Raster::Encoding::Rgb8, 5, 4)));
  write_file(dir / "img/b.jpg", media::write_jpeg(test::pattern(Raster::Encoding::Rgb8, 6, 3)));
  write_file(dir / "img/notes.txt", "not a picture");

  model::Thread t;
  t.media_root = dir.string();
  t.author.avatar = "img/a.png";
  t.posts.push_back(post("1", {"img/a.png", "img/b.jpg"}));
  t.posts.push_back(post("2", {"img/missing.png"}));
  t.posts[1].card = model::Card{"https://example.org", {}, {}, std::string("img/b.jpg")};
  t.posts.push_back(post("3", {"https://example.org/x.jpg", (dir / "img/b.jpg").string()}));
  t.posts[2].quote.push_back(post("3q", {"img/missing.png", "img/notes.txt"}));
  t.posts[2].quote[0].author = model::Author{"Q", "@q", std::string("https://example.org/x.jpg"), {}, {}};
  t.posts.push_back(post("4", {"./img/a.png", "img/gone.jpg"}));
  t.posts[3].card = model::Card{"https://example.org", {}, {}, std::string("img/gone.jpg")};

  Diagnostics diag;
  media::MediaSet set = media::load_all(t, "thread.json", diag);

  CHECK(lines(diag) ==
        std::vector<std::string>{
            "thread.json: post 2 image 1: cannot read img/missing.png: No such file or directory",
            "thread.json: post 3 image 1: remote images are not fetched yet",
            "thread.json: post 3 quote image 2: img/notes.txt: not a PNG, JPEG, WebP or GIF image",
            "thread.json: post 4 image 2: cannot read img/gone.jpg: No such file or directory",
        });

  const media::Loaded* a = set.find("img/a.png");
  REQUIRE(a);
  REQUIRE(a->raster);
  // Kept as its PNG image data (the PDF takes the zlib stream as is): rows of a filter byte and
  // 5 RGB pixels.
  CHECK(a->raster->encoding == Raster::Encoding::PngData);
  CHECK(a->raster->png_colors == 3);
  CHECK(a->raster->width == 5);
  CHECK(media::inflate(a->raster->data, 4 * (1 + 5 * 3)));
  // Another spelling of the same file shares the decoded picture.
  REQUIRE(set.find("./img/a.png"));
  CHECK(set.find("./img/a.png")->raster == a->raster);

  const media::Loaded* b = set.find("img/b.jpg");
  REQUIRE(b);
  REQUIRE(b->raster);
  CHECK(b->raster->encoding == Raster::Encoding::Jpeg);
  CHECK(b->raster->width == 6);
  REQUIRE(set.find((dir / "img/b.jpg").string()));
  CHECK(set.find((dir / "img/b.jpg").string())->raster == b->raster);

  const media::Loaded* missing = set.find("img/missing.png");
  REQUIRE(missing);
  CHECK_FALSE(missing->raster);
  CHECK(missing->error == "cannot read img/missing.png: No such file or directory");
  REQUIRE(set.find("https://example.org/x.jpg"));
  CHECK(set.find("https://example.org/x.jpg")->error == "remote images are not fetched yet");
  CHECK_FALSE(set.find("img/never-named.png"));
}

TEST_CASE("load_all names avatars and card images, and is the same every time") {
  TempDir temp("load_all_names_test");
  const fs::path& dir = temp.path;
  model::Thread t;
  t.media_root = dir.string();
  t.author.avatar = "img/me.png";
  t.posts.push_back(post("1", {}));
  t.posts[0].author = model::Author{"Other", "@other", std::string("img/other.png"), {}, {}};
  t.posts[0].card = model::Card{"https://example.org", {}, {}, std::string("img/card.png")};
  t.posts[0].quote.push_back(post("1q", {}));
  t.posts[0].quote[0].card = model::Card{"https://example.org", {}, {}, std::string("img/qcard.png")};

  Diagnostics first;
  media::load_all(t, "in.json", first);
  CHECK(lines(first) ==
        std::vector<std::string>{
            "in.json: avatar: cannot read img/me.png: No such file or directory",
            "in.json: post 1 avatar: cannot read img/other.png: No such file or directory",
            "in.json: post 1 card image: cannot read img/card.png: No such file or directory",
            "in.json: post 1 quote card image: cannot read img/qcard.png: No such file or directory",
        });
  Diagnostics second;
  media::load_all(t, "in.json", second);
  CHECK(lines(second) == lines(first));
}

TEST_CASE("a directory or an empty file is not a picture") {
  TempDir temp("load_all_odd_test");
  const fs::path& dir = temp.path;
  write_file(dir / "img/empty.png", "");
  model::Thread t;
  t.media_root = dir.string();
  t.posts.push_back(post("1", {"img", "img/empty.png"}));
  Diagnostics diag;
  media::load_all(t, "t.json", diag);
  CHECK(lines(diag) == std::vector<std::string>{
                           "t.json: post 1 image 1: cannot read img: Is a directory",
                           "t.json: post 1 image 2: img/empty.png: empty file",
                       });
}

TEST_CASE("deflate_pixels splits colour and alpha and drops an opaque alpha") {
  Raster rgba = test::pattern(Raster::Encoding::Rgba8, 7, 3);
  rgba.data[3] = 10;  // one translucent pixel
  auto d = media::deflate_pixels(std::make_shared<Raster>(rgba));
  REQUIRE(d->encoding == Raster::Encoding::Deflated);
  std::string rgb, alpha;
  for (size_t i = 0; i < rgba.data.size(); i += 4) {
    rgb.append(rgba.data, i, 3);
    alpha += rgba.data[i + 3];
  }
  CHECK(media::inflate(d->data, rgb.size()) == rgb);
  CHECK(media::inflate(d->alpha, alpha.size()) == alpha);
  CHECK_FALSE(media::inflate(d->data, rgb.size() + 1));  // the size must match exactly

  Raster opaque = test::pattern(Raster::Encoding::Rgba8, 4, 4);
  for (size_t i = 3; i < opaque.data.size(); i += 4) opaque.data[i] = '\xff';
  auto o = media::deflate_pixels(std::make_shared<Raster>(opaque));
  CHECK(o->alpha.empty());
  CHECK(o->deflated_channels == 3);
}

TEST_CASE(
    "pictures wider than 1.25 times the print width are scaled, a photo staying JPEG; narrower ones are "
    "kept as they are, PNGs too") {
  TempDir temp("load_scale_test");
  const fs::path& dir = temp.path;
  const std::string wide = media::write_jpeg(test::pattern(Raster::Encoding::Rgb8, 800, 400));
  const std::string near = media::write_jpeg(test::pattern(Raster::Encoding::Rgb8, 360, 180));
  write_file(dir / "wide.jpg", wide);
  write_file(dir / "near.jpg", near);
  write_file(dir / "wide.png", media::write_png(test::pattern(Raster::Encoding::Rgb8, 800, 400)));
  const std::string near_png = media::write_png(test::pattern(Raster::Encoding::Rgb8, 375, 180));
  const std::string over_png = media::write_png(test::pattern(Raster::Encoding::Rgb8, 376, 180));
  write_file(dir / "near.png", near_png);
  write_file(dir / "over.png", over_png);
  model::Thread t;
  t.media_root = dir.string();
  t.posts.push_back(post("1", {"wide.jpg", "near.jpg", "wide.png", "near.png", "over.png"}));
  Diagnostics diag;
  media::LoadOptions options;
  options.max_width_px = 300;
  media::MediaSet set = media::load_all(t, "t.json", diag, options);
  CHECK(diag.warnings().empty());

  const Raster& scaled = *set.find("wide.jpg")->raster;
  CHECK(scaled.encoding == Raster::Encoding::Jpeg);  // re-encoded, not Flate pixels
  CHECK(scaled.width == 300);
  CHECK(scaled.height == 150);
  std::string error;
  auto again = media::decode(scaled.data, error);  // a valid JPEG of that size
  REQUIRE(again);
  CHECK(again->width == 300);

  const Raster& kept = *set.find("near.jpg")->raster;  // 360 <= 1.25 x 300: the file itself
  CHECK(kept.encoding == Raster::Encoding::Jpeg);
  CHECK(kept.data == near);

  const Raster& png = *set.find("wide.png")->raster;  // not a photo: scaled, then deflated
  CHECK(png.encoding == Raster::Encoding::Deflated);
  CHECK(png.width == 300);

  // 375 = 1.25 x 300: the PNG's own image data, at its own width; one pixel more is scaled.
  const Raster& near_kept = *set.find("near.png")->raster;
  CHECK(near_kept.encoding == Raster::Encoding::PngData);
  CHECK(near_kept.width == 375);
  CHECK(near_png.find(near_kept.data) != std::string::npos);
  const Raster& over = *set.find("over.png")->raster;
  CHECK(over.encoding == Raster::Encoding::Deflated);
  CHECK(over.width == 300);
}

TEST_CASE("the bytes as read are digested while loading and kept only when asked to") {
  TempDir temp("load_digest_test");
  const std::string photo = media::write_jpeg(test::pattern(Raster::Encoding::Rgb8, 40, 20));
  write_file(temp.path / "a.jpg", photo);
  write_file(temp.path / "broken.png", "\x89PNG\r\n\x1a\n");  // read, but no picture
  model::Thread t;
  t.media_root = temp.path.string();
  t.posts.push_back(post("1", {"a.jpg", "broken.png", "missing.png"}));
  media::LoadOptions options;
  // A stand-in digest that shows which bytes it was given.
  options.digest = [](std::string_view bytes) { return std::to_string(bytes.size()) + " bytes"; };
  Diagnostics diag;
  media::MediaSet dropped = media::load_all(t, "t.json", diag, options);
  CHECK(dropped.find("a.jpg")->digest == std::to_string(photo.size()) + " bytes");
  CHECK(dropped.find("a.jpg")->bytes == nullptr);          // the JPEG raster is all that stays
  CHECK(dropped.find("broken.png")->digest == "8 bytes");  // a picture that failed was still fetched
  CHECK(dropped.find("missing.png")->digest.empty());      // nothing was read

  options.keep_bytes = true;
  media::MediaSet kept = media::load_all(t, "t.json", diag, options);
  REQUIRE(kept.find("a.jpg")->bytes);
  CHECK(*kept.find("a.jpg")->bytes == photo);
  CHECK(kept.find("a.jpg")->digest == dropped.find("a.jpg")->digest);
}

TEST_CASE(
    "custom emoji pictures are loaded with the thread's, and attachments without a picture are skipped") {
  TempDir temp("load_emoji_test");
  write_file(temp.path / "fern.png", media::write_png(test::pattern(Raster::Encoding::Rgba8, 4, 4)));
  model::Thread t;
  t.media_root = temp.path.string();
  t.author.emoji.push_back({"fern", "fern.png"});
  model::Post p = post("1", {});
  p.emoji.push_back({"blobcat", "blobcat.png"});
  model::Media audio;
  audio.kind = model::MediaKind::Audio;
  audio.url = "https://example.org/a.mp3";
  p.media.push_back(audio);
  t.posts.push_back(p);
  Diagnostics diag;
  media::MediaSet set = media::load_all(t, "t.json", diag);
  CHECK(lines(diag) ==
        std::vector<std::string>{
            "t.json: post 1 emoji blobcat: cannot read blobcat.png: No such file or directory"});
  REQUIRE(set.find("fern.png"));
  CHECK(set.find("fern.png")->raster);
  CHECK_FALSE(set.find(""));
}

TEST_CASE("a thread reads local pictures only inside its media root, and none without one") {
  TempDir temp("origin_test");
  const fs::path& dir = temp.path;
  const std::string png = media::write_png(test::pattern(Raster::Encoding::Rgb8, 5, 4));
  fs::create_directories(dir / "thread/img");
  write_file(dir / "thread/img/inside.png", png);
  write_file(dir / "secret.png", png);  // beside the thread's folder, not in it
  fs::create_symlink(dir / "secret.png", dir / "thread/img/link.png");
  REQUIRE(mkfifo((dir / "thread/img/fifo.png").c_str(), 0600) == 0);
  const std::string secret = (dir / "secret.png").string();

  model::Thread fetched;  // from the network: no media root
  fetched.author.avatar = secret;
  fetched.posts.push_back(post("1", {secret, "img/inside.png", "file://" + secret}));
  Diagnostics d1;
  media::MediaSet s1 = media::load_all(fetched, "https://social.example/@a/1", d1);
  for (const std::string& src : {secret, std::string("img/inside.png"), "file://" + secret}) {
    REQUIRE(s1.find(src));
    CHECK_FALSE(s1.find(src)->raster);
  }
  CHECK(lines(d1) ==
        std::vector<std::string>{
            "https://social.example/@a/1: avatar: " + secret +
                ": not an http or https URL (a thread from the network may not name local files)",
            "https://social.example/@a/1: post 1 image 2: img/inside.png: not an http or https URL (a thread "
            "from the network may not name local files)",
            "https://social.example/@a/1: post 1 image 3: file://" + secret +
                ": not an http or https URL (a thread from the network may not name local files)",
        });

  model::Thread file;  // a thread file in dir/thread
  file.media_root = (dir / "thread").string();
  file.posts.push_back(post("1", {"img/inside.png", (dir / "thread/img/inside.png").string(), "../secret.png",
                                  secret, "img/link.png", "img/fifo.png", "data:image/png;base64,AAAA"}));
  Diagnostics d2;
  media::MediaSet s2 = media::load_all(file, "t.json", d2);
  CHECK(s2.find("img/inside.png")->raster);
  CHECK(s2.find((dir / "thread/img/inside.png").string())->raster);
  const std::string outside = ": outside the thread's folder " + file.media_root +
                              " (a thread file may name only pictures inside its own folder)";
  CHECK(lines(d2) ==
        std::vector<std::string>{
            "t.json: post 1 image 3: cannot read ../secret.png" + outside,
            "t.json: post 1 image 4: cannot read " + secret + outside,
            "t.json: post 1 image 5: cannot read img/link.png" + outside,
            "t.json: post 1 image 6: cannot read img/fifo.png: not a regular file",
            "t.json: post 1 image 7: data:image/png;base64,AAAA: not an http or https URL or a file name",
        });
}

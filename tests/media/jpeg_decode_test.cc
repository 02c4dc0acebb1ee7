#include <doctest/doctest.h>

#include <string>

#include "media/media.h"
#include "media/write.h"
#include "test_images.h"

using namespace tp;
using Enc = Raster::Encoding;

namespace {

std::string decode_error(const std::string& bytes) {
  std::string error;
  CHECK_FALSE(media::decode(bytes, error));
  return error;
}

const std::string kTruncated = "truncated JPEG data (no end-of-image marker)";

}  // namespace

TEST_CASE("a JPEG is kept as it is, with its size and components") {
  std::string rgb = media::write_jpeg(test::pattern(Enc::Rgb8, 40, 30), 90);
  std::string error;
  auto r = media::decode(rgb, error);
  REQUIRE(r);
  CHECK(error.empty());
  CHECK(r->encoding == Enc::Jpeg);
  CHECK(r->width == 40);
  CHECK(r->height == 30);
  CHECK(r->jpeg_components == 3);
  CHECK(r->channels() == 3);
  CHECK(r->data == rgb);

  auto gray = media::decode(media::write_jpeg(test::pattern(Enc::Gray8, 7, 3)), error);
  REQUIRE(gray);
  CHECK(gray->jpeg_components == 1);
  CHECK(gray->width == 7);
  CHECK(gray->height == 3);
}

TEST_CASE("progressive JPEGs are accepted as they are") {
  std::string progressive = media::write_jpeg(test::pattern(Enc::Rgb8, 64, 48), 80, true);
  std::string error;
  auto r = media::decode(progressive, error);
  REQUIRE(r);
  CHECK(r->width == 64);
  CHECK(r->height == 48);
  CHECK(r->data == progressive);
}

TEST_CASE("bytes after the end-of-image marker are not part of the picture") {
  std::string jpeg = media::write_jpeg(test::pattern(Enc::Rgb8, 16, 16));
  std::string error;
  auto r = media::decode(jpeg + std::string(1000, '\0') + "ftypmp42 appended video", error);
  REQUIRE(r);
  CHECK(r->data == jpeg);
}

TEST_CASE("truncated JPEGs are rejected") {
  for (bool progressive : {false, true}) {
    std::string jpeg = media::write_jpeg(test::pattern(Enc::Rgb8, 64, 64), 85, progressive);
    CHECK(decode_error(jpeg.substr(0, jpeg.size() / 2)) == kTruncated);
    CHECK(decode_error(jpeg.substr(0, jpeg.size() - 2)) == kTruncated);  // all but EOI
    CHECK(decode_error(jpeg.substr(0, 100)) == kTruncated);              // inside the headers
  }
  CHECK(decode_error("\xff\xd8") == kTruncated);
}

TEST_CASE("an end-of-image marker inside a metadata segment does not count") {
  std::string jpeg = media::write_jpeg(test::pattern(Enc::Rgb8, 32, 32));
  // An APP1 segment whose payload (an EXIF thumbnail, say) ends with FF D9.
  std::string app1 = std::string(
                         "\xff\xe1\x00\x0a"
                         "Exif",
                         8) +
                     std::string("\xff\xd9", 2);
  std::string with_app1 = jpeg.substr(0, 2) + app1 + jpeg.substr(2);
  std::string error;
  auto whole = media::decode(with_app1, error);
  REQUIRE(whole);
  CHECK(whole->data == with_app1);
  CHECK(decode_error(with_app1.substr(0, with_app1.size() / 2)) == kTruncated);
}

TEST_CASE("a JPEG whose header libjpeg cannot read is corrupt") {
  std::string error = decode_error(std::string("\xff\xd8\xff\xd9", 4));
  CHECK(error.starts_with("corrupt JPEG data ("));
  CHECK(error.ends_with(")"));
  CHECK(error.size() > std::string("corrupt JPEG data ()").size());
}

TEST_CASE("absurd JPEG sizes are rejected") {
  std::string jpeg = media::write_jpeg(test::pattern(Enc::Rgb8, 8, 8));
  CHECK(decode_error(test::patch_jpeg_size(jpeg, 30000, 10)) ==
        "image too large (30000 x 10 pixels; at most 20000 a side and 100 megapixels are accepted)");
  CHECK(decode_error(test::patch_jpeg_size(jpeg, 12000, 9000)).starts_with("image too large"));
  std::string error;
  auto ok = media::decode(test::patch_jpeg_size(jpeg, 20000, 5000), error);
  REQUIRE(ok);
  CHECK(ok->width == 20000);
}

// media::decode on bytes that start like one format (TP_FUZZ_FORMAT, compiled once per format), so
// that the fuzzer spends its time inside that decoder rather than in the format sniffing. Decode
// gives an error sentence or a raster consistent with its declared size; pixels then survive the
// steps the program applies (scaling down, deflating), JPEG ones decoded for real by fit_width.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "media/media.h"

namespace {

// PNG, JPEG, WebP, GIF; '?' keeps the fuzzer's byte (WebP's RIFF size sits inside its magic).
constexpr std::string_view kMagic[] = {
    {"\x89PNG\r\n\x1a\n", 8}, {"\xff\xd8\xff", 3}, {"RIFF????WEBP", 12}, {"GIF8", 4}};

void check_raster(const tp::Raster& r, const char* what) {
  using E = tp::Raster::Encoding;
  if (r.width < 1 || r.height < 1 || r.width > 20000 || r.height > 20000 ||
      static_cast<long>(r.width) * r.height > 100'000'000)
    tp::fuzz::violated(std::string(what) + ": size out of limits: " + std::to_string(r.width) + " x " +
                       std::to_string(r.height));
  if (r.orientation < 1 || r.orientation > 8)
    tp::fuzz::violated(std::string(what) + ": orientation " + std::to_string(r.orientation));
  if (!r.icc.empty() && tp::icc_components(r.icc) == 0)
    tp::fuzz::violated(std::string(what) + ": an ICC profile the PDF cannot use was kept");
  if (r.encoding == E::Jpeg) {
    if (r.data.size() < 4 || r.jpeg_components < 1 || r.jpeg_components > 4)
      tp::fuzz::violated(std::string(what) + ": implausible JPEG raster");
    return;
  }
  if (r.encoding == E::Deflated) return;
  const size_t want = static_cast<size_t>(r.width) * r.height * r.channels();
  if (r.data.size() != want)
    tp::fuzz::violated(std::string(what) + ": " + std::to_string(r.data.size()) + " pixel bytes, " +
                       std::to_string(want) + " expected");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view magic = kMagic[TP_FUZZ_FORMAT];
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (size_t i = 0; i < magic.size() && i < bytes.size(); ++i)
    if (magic[i] != '?') bytes[i] = magic[i];

  std::string error;
  std::shared_ptr<const tp::Raster> raster = tp::media::decode(bytes, error);
  if (!raster) {
    if (error.empty()) tp::fuzz::violated("decode failed without saying why");
    return 0;
  }
  if (!error.empty()) tp::fuzz::violated("decode gave a raster and an error: " + error);
  check_raster(*raster, "decode");

  std::string fit_error;
  auto narrow = tp::media::fit_width(raster, std::max(1, raster->width / 3), fit_error);
  if (narrow)
    check_raster(*narrow, "fit_width");
  else if (fit_error.empty())
    tp::fuzz::violated("fit_width failed without saying why");
  if (narrow && narrow->encoding != tp::Raster::Encoding::Jpeg) {
    auto deflated = tp::media::deflate_pixels(narrow);
    if (deflated->encoding == tp::Raster::Encoding::Deflated) {
      std::string colour =
          tp::media::inflate(deflated->data, static_cast<size_t>(narrow->width) * narrow->height *
                                                 deflated->deflated_channels)
              .value_or("?");
      if (colour.size() != static_cast<size_t>(narrow->width) * narrow->height * deflated->deflated_channels)
        tp::fuzz::violated("deflated colour does not inflate to the raster's size");
    }
  }
  return 0;
}

// media::fit_width: area-averaging reduction (each output pixel is the mean of the source area it
// covers, fractional edges weighted), separable, in two passes. Pictures are only ever made
// smaller, so no filter wider than a box is needed to avoid aliasing. Pictures with alpha are
// averaged in premultiplied form: the colour of a transparent pixel counts for nothing, so a white
// edge beside transparent red stays white instead of turning pink.
#include "media/media.h"

#include <cmath>
#include <vector>

#include "media/codecs.h"

namespace tp::media {

namespace {

struct Tap {
  int index;
  float weight;
};

// For each of `out` output positions, the source positions of `in` it covers and their weights
// (summing to 1).
std::vector<std::vector<Tap>> box_taps(int in, int out) {
  std::vector<std::vector<Tap>> taps(out);
  const double scale = static_cast<double>(in) / out;
  for (int o = 0; o < out; ++o) {
    double start = o * scale, end = (o + 1) * scale;
    for (int i = static_cast<int>(start); i < in && i < end; ++i) {
      double cover = std::min<double>(i + 1, end) - std::max<double>(i, start);
      if (cover > 0) taps[o].push_back({i, static_cast<float>(cover / scale)});
    }
  }
  return taps;
}

}  // namespace

std::shared_ptr<const Raster> fit_width(std::shared_ptr<const Raster> raster, int max_width, std::string& error) {
  error.clear();
  if (!raster || max_width < 1 || raster->width <= max_width) return raster;
  std::shared_ptr<const Raster> pixels = raster;
  if (raster->encoding == Raster::Encoding::Jpeg) {
    pixels = detail::jpeg_pixels(*raster, max_width, error);
    if (!pixels) return nullptr;
    if (pixels->width <= max_width) return pixels;
  } else if (raster->encoding == Raster::Encoding::Deflated) {
    return raster;  // already final; load_all scales before deflating
  }
  const int w = pixels->width, h = pixels->height, ch = pixels->channels();
  const int nw = max_width;
  const int nh = std::max(1, static_cast<int>(std::lround(static_cast<double>(h) * nw / w)));
  auto xt = box_taps(w, nw), yt = box_taps(h, nh);
  const auto* src = reinterpret_cast<const unsigned char*>(pixels->data.data());

  const bool alpha = pixels->encoding == Raster::Encoding::Rgba8;
  // A sample as it is averaged: colour scaled by its pixel's alpha (0..1) when there is alpha.
  auto sample = [&](size_t pixel, int c) -> float {
    const float v = src[pixel * ch + c];
    return alpha && c < 3 ? v * (src[pixel * ch + 3] / 255.0f) : v;
  };
  std::vector<float> rows(static_cast<size_t>(h) * nw * ch);  // horizontally reduced (premultiplied)
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < nw; ++x)
      for (int c = 0; c < ch; ++c) {
        float sum = 0;
        for (const Tap& t : xt[x]) sum += t.weight * sample(static_cast<size_t>(y) * w + t.index, c);
        rows[(static_cast<size_t>(y) * nw + x) * ch + c] = sum;
      }
  auto out = std::make_shared<Raster>();
  out->encoding = pixels->encoding;
  out->width = nw;
  out->height = nh;
  out->data.resize(static_cast<size_t>(nw) * nh * ch);
  std::vector<float> sums(static_cast<size_t>(ch));
  for (int y = 0; y < nh; ++y)
    for (int x = 0; x < nw; ++x) {
      for (int c = 0; c < ch; ++c) {
        float sum = 0;
        for (const Tap& t : yt[y]) sum += t.weight * rows[(static_cast<size_t>(t.index) * nw + x) * ch + c];
        sums[static_cast<size_t>(c)] = sum;
      }
      if (alpha)  // back from premultiplied; a fully transparent pixel's colour is black
        for (int c = 0; c < 3; ++c) sums[static_cast<size_t>(c)] = sums[3] > 0 ? sums[static_cast<size_t>(c)] * 255.0f / sums[3] : 0;
      for (int c = 0; c < ch; ++c)
        out->data[(static_cast<size_t>(y) * nw + x) * ch + c] =
            static_cast<char>(static_cast<unsigned char>(std::clamp(std::lround(sums[static_cast<size_t>(c)]), 0L, 255L)));
    }
  return out;
}

}  // namespace tp::media

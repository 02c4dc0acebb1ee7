// media::fit_width: area-averaging reduction (each output pixel is the mean of the source area it
// covers, fractional edges weighted), separable, in two passes. Pictures are only ever made
// smaller, so no filter wider than a box is needed to avoid aliasing. Pictures with alpha are
// averaged in premultiplied form: the colour of a transparent pixel counts for nothing, so a white
// edge beside transparent red stays white instead of turning pink.
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "media/codecs.h"
#include "media/media.h"

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

std::shared_ptr<const Raster> fit_width(std::shared_ptr<const Raster> raster, int max_width,
                                        std::string& error) {
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
  const size_t row_in = static_cast<size_t>(w) * ch, row_out = static_cast<size_t>(nw) * ch;
  // Horizontally reduced rows (premultiplied), kept only while an output row needs them: a ring of
  // as many rows as one output row's taps span (a picture's worth of floats was 24 MB for a
  // 1600 x 1200 RGBA photo, on each core). Each source row is reduced once, in order. Every float
  // is written before it is read, and the sums add the same products in the same order as a
  // per-sample loop would, so the pixels do not depend on how the loops are arranged.
  size_t ring = 1;
  for (const auto& taps : yt)
    if (!taps.empty()) ring = std::max<size_t>(ring, taps.back().index - taps.front().index + 1);
  auto rows = std::make_unique_for_overwrite<float[]>(ring * row_out);
  auto line = std::make_unique_for_overwrite<float[]>(row_in);  // one source row as floats
  int reduced_rows = 0;                                         // source rows [0, reduced_rows) done
  auto reduce_through = [&](int last) {
    for (; reduced_rows <= last; ++reduced_rows) {
      const unsigned char* in = src + static_cast<size_t>(reduced_rows) * row_in;
      // A sample as it is averaged: colour scaled by its pixel's alpha (0..1) when there is alpha.
      for (size_t i = 0; i < row_in; ++i) {
        const float v = in[i];
        line[i] = alpha && i % 4 < 3 ? v * (in[i - i % 4 + 3] / 255.0f) : v;
      }
      float* reduced = rows.get() + static_cast<size_t>(reduced_rows) % ring * row_out;
      for (int x = 0; x < nw; ++x)
        for (int c = 0; c < ch; ++c) {
          float sum = 0;
          for (const Tap& t : xt[x]) sum += t.weight * line[static_cast<size_t>(t.index) * ch + c];
          reduced[static_cast<size_t>(x) * ch + c] = sum;
        }
    }
  };
  auto out = std::make_shared<Raster>();
  out->encoding = pixels->encoding;
  out->width = nw;
  out->height = nh;
  out->orientation = pixels->orientation;
  out->icc = pixels->icc;  // averaging keeps the samples in the profile's colour space
  out->data.resize(static_cast<size_t>(nh) * row_out);
  std::vector<float> sums(row_out);
  // lround for a non-negative float, exactly (v - floor(v) is exact below 2^23): the library call
  // was an eighth of a scaled picture's time.
  auto round_half_up = [](float v) -> long {
    if (!(v > 0)) return 0;
    if (v >= 255) return 255;
    const long r = static_cast<long>(v);
    return v - static_cast<float>(r) >= 0.5f ? r + 1 : r;
  };
  for (int y = 0; y < nh; ++y) {
    std::fill(sums.begin(), sums.end(), 0.0f);
    if (!yt[y].empty()) reduce_through(yt[y].back().index);
    for (const Tap& t : yt[y]) {
      const float* reduced = rows.get() + static_cast<size_t>(t.index) % ring * row_out;
      for (size_t i = 0; i < row_out; ++i) sums[i] += t.weight * reduced[i];
    }
    char* dst = out->data.data() + static_cast<size_t>(y) * row_out;
    for (size_t i = 0; i < row_out; i += ch) {
      float* px = &sums[i];
      if (alpha)  // back from premultiplied; a fully transparent pixel's colour is black
        for (int c = 0; c < 3; ++c) px[c] = px[3] > 0 ? px[c] * 255.0f / px[3] : 0;
      for (int c = 0; c < ch; ++c)
        dst[i + c] = static_cast<char>(static_cast<unsigned char>(round_half_up(px[c])));
    }
  }
  return out;
}

}  // namespace tp::media

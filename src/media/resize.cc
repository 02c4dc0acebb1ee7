// media::fit_width: area-averaging reduction (each output pixel is the mean of the source area it
// covers, fractional edges weighted), separable, in two passes. Pictures are only ever made
// smaller, so no filter wider than a box is needed to avoid aliasing. Pictures with alpha are
// averaged in premultiplied form: the colour of a transparent pixel counts for nothing, so a white
// edge beside transparent red stays white instead of turning pink.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "media/codecs.h"
#include "media/media.h"

namespace tp::media {

namespace {

// The taps of one axis, flat (a vector per output position was a pointer chase per sample): output
// o averages the source positions index[k] with weight[k] for k in [first[o], first[o + 1]); the
// weights of one output sum to 1.
struct Taps {
  std::vector<int> first, index;
  std::vector<float> weight;
};

Taps box_taps(int in, int out) {
  Taps taps;
  taps.first.reserve(static_cast<size_t>(out) + 1);
  const double scale = static_cast<double>(in) / out;
  for (int o = 0; o < out; ++o) {
    taps.first.push_back(static_cast<int>(taps.index.size()));
    double start = o * scale, end = (o + 1) * scale;
    for (int i = static_cast<int>(start); i < in && i < end; ++i) {
      double cover = std::min<double>(i + 1, end) - std::max<double>(i, start);
      if (cover > 0) {
        taps.index.push_back(i);
        taps.weight.push_back(static_cast<float>(cover / scale));
      }
    }
  }
  taps.first.push_back(static_cast<int>(taps.index.size()));
  return taps;
}

// Four floats that the compiler keeps in one SSE register: a pixel's samples are summed side by
// side. Each lane adds the same products in the same order as a loop per sample, and x86-64 does
// float arithmetic in single precision either way, so the bytes out are those of a plain loop.
typedef float Lanes __attribute__((vector_size(16)));
typedef int Ints __attribute__((vector_size(16)));

Lanes load(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// One source row of `Ch` samples a pixel as floats (colour premultiplied by alpha when `Alpha`),
// then reduced horizontally into `reduced`. `line` holds one float more than the row, so that an
// RGB pixel can be read as four lanes.
template <int Ch, bool Alpha>
void reduce_row(const unsigned char* in, int w, const Taps& xt, float* line, float* reduced) {
  const size_t n = static_cast<size_t>(w) * Ch;
  if constexpr (Alpha) {
    for (size_t i = 0; i < n; i += 4) {
      const float k = in[i + 3] / 255.0f;  // colour scaled by its pixel's alpha (0..1)
      const Lanes v = {static_cast<float>(in[i]), static_cast<float>(in[i + 1]),
                       static_cast<float>(in[i + 2]), static_cast<float>(in[i + 3])};
      const Lanes scale = {k, k, k, 1.0f};
      const Lanes p = v * scale;
      std::memcpy(line + i, &p, sizeof p);
    }
  } else {
    for (size_t i = 0; i < n; ++i) line[i] = in[i];
  }
  const int nw = static_cast<int>(xt.first.size()) - 1;
  for (int x = 0; x < nw; ++x) {
    const int a = xt.first[x], b = xt.first[x + 1];
    if constexpr (Ch == 1) {
      float sum = 0;
      for (int k = a; k < b; ++k) sum += xt.weight[k] * line[xt.index[k]];
      reduced[x] = sum;
    } else {
      Lanes sum = {0, 0, 0, 0};
      for (int k = a; k < b; ++k) sum += xt.weight[k] * load(line + static_cast<size_t>(xt.index[k]) * Ch);
      std::memcpy(reduced + static_cast<size_t>(x) * Ch, &sum, Ch * sizeof(float));
    }
  }
}

using ReduceRow = void (*)(const unsigned char*, int, const Taps&, float*, float*);

ReduceRow reducer(int channels, bool alpha) {
  if (alpha) return reduce_row<4, true>;
  return channels == 1 ? reduce_row<1, false> : channels == 3 ? reduce_row<3, false> : reduce_row<4, false>;
}

}  // namespace

namespace detail {

std::shared_ptr<Raster> box_scale(const unsigned char* src, int w, int h, Raster::Encoding encoding,
                                  int max_width) {
  const bool alpha = encoding == Raster::Encoding::Rgba8;
  const int ch = alpha ? 4 : encoding == Raster::Encoding::Gray8 ? 1 : 3;
  const int nw = max_width;
  const int nh = std::max(1, static_cast<int>(std::lround(static_cast<double>(h) * nw / w)));
  const Taps xt = box_taps(w, nw), yt = box_taps(h, nh);
  const ReduceRow reduce_row = reducer(ch, alpha);
  const size_t row_in = static_cast<size_t>(w) * ch, row_out = static_cast<size_t>(nw) * ch;
  // Horizontally reduced rows (premultiplied), kept only while an output row needs them: a ring of
  // as many rows as one output row's taps span (a picture's worth of floats was 24 MB for a
  // 1600 x 1200 RGBA photo, on each core). Each source row is reduced once, in order. Every float
  // is written before it is read, and the sums add the same products in the same order as a
  // per-sample loop would, so the pixels do not depend on how the loops are arranged.
  size_t ring = 1;
  for (int y = 0; y < nh; ++y)
    if (yt.first[y] < yt.first[y + 1])
      ring = std::max<size_t>(ring, yt.index[yt.first[y + 1] - 1] - yt.index[yt.first[y]] + 1);
  auto rows = std::make_unique_for_overwrite<float[]>(ring * row_out);
  std::vector<float> line(row_in + 1);  // one source row as floats, and the lane past its end
  int reduced_rows = 0;                 // source rows [0, reduced_rows) done
  auto reduce_through = [&](int last) {
    for (; reduced_rows <= last; ++reduced_rows)
      reduce_row(src + static_cast<size_t>(reduced_rows) * row_in, w, xt, line.data(),
                 rows.get() + static_cast<size_t>(reduced_rows) % ring * row_out);
  };
  auto out = std::make_shared<Raster>();
  out->encoding = encoding;
  out->width = nw;
  out->height = nh;
  out->data.resize(static_cast<size_t>(nh) * row_out);
  std::vector<float> sums(row_out);
  for (int y = 0; y < nh; ++y) {
    std::fill(sums.begin(), sums.end(), 0.0f);
    const int a = yt.first[y], b = yt.first[y + 1];
    if (a < b) reduce_through(yt.index[b - 1]);
    for (int k = a; k < b; ++k) {
      const float weight = yt.weight[k];
      const float* reduced = rows.get() + static_cast<size_t>(yt.index[k]) % ring * row_out;
      for (size_t i = 0; i < row_out; ++i) sums[i] += weight * reduced[i];
    }
    if (alpha)  // back from premultiplied; a fully transparent pixel's colour is black
      for (size_t i = 0; i < row_out; i += 4) {
        float* px = &sums[i];
        for (int c = 0; c < 3; ++c) px[c] = px[3] > 0 ? px[c] * 255.0f / px[3] : 0;
      }
    // Rounded half up, as lround would for these non-negative values (exactly: v - floor(v) is
    // exact below 2^23), four at a time: the library call was an eighth of a scaled picture's
    // time, and a compare and branch per sample as much again.
    auto* dst = reinterpret_cast<unsigned char*>(out->data.data()) + static_cast<size_t>(y) * row_out;
    size_t i = 0;
    for (; i + 4 <= row_out; i += 4) {
      const Lanes zero = {0, 0, 0, 0}, top = {255, 255, 255, 255}, half = {0.5f, 0.5f, 0.5f, 0.5f};
      Lanes v = load(&sums[i]);
      v = v > zero ? v : zero;
      v = v < top ? v : top;
      Ints r = __builtin_convertvector(v, Ints);
      r -= v - __builtin_convertvector(r, Lanes) >= half;  // a true lane is -1
      for (int k = 0; k < 4; ++k) dst[i + k] = static_cast<unsigned char>(r[k]);
    }
    for (; i < row_out; ++i) {
      float v = sums[i] > 0 ? sums[i] : 0.0f;
      v = v < 255.0f ? v : 255.0f;
      const int r = static_cast<int>(v);
      dst[i] = static_cast<unsigned char>(r + (v - static_cast<float>(r) >= 0.5f ? 1 : 0));
    }
  }
  return out;
}

}  // namespace detail

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
  auto out = detail::box_scale(reinterpret_cast<const unsigned char*>(pixels->data.data()), pixels->width,
                               pixels->height, pixels->encoding, max_width);
  out->orientation = pixels->orientation;
  out->icc = pixels->icc;  // averaging keeps the samples in the profile's colour space
  return out;
}

}  // namespace tp::media

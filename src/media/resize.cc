// media::fit_width: area-averaging reduction (each output pixel is the mean of the source area it
// covers, fractional edges weighted), separable, in two passes (vertical, then horizontal), in fixed
// point: the weights are integers in 1/32768ths and the sums 32-bit integers, which SSE2 adds eight
// at a time. Against exact arithmetic a sample is at most one level off, where the exact mean lies
// within a hair of a half (the float version this replaced rounded the same means about three
// times more slowly, and differed from it by one level in such places). Pictures are only ever made
// smaller, so no filter wider than a box is needed to avoid aliasing. Pictures with alpha are
// averaged in premultiplied form: the colour of a transparent pixel counts for nothing, so a white
// edge beside transparent red stays white instead of turning pink.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "media/codecs.h"
#include "media/media.h"

namespace tp::media {

namespace {

// Weights in fixed point: an output's weights are whole numbers summing to exactly 2^15, so a flat
// area keeps its exact level and every sum below fits 32 bits (255 * 2^8 * 2^15 < 2^31).
constexpr int kWeightBits = 15;

// The taps of one axis, flat: output o averages the source positions index[k] with weight[k] for
// k in [first[o], first[o + 1]).
struct Taps {
  std::vector<int> first, index;
  std::vector<std::uint32_t> weight;
};

// Each weight is the difference of two rounded running totals of the covered fractions, so the
// weights of one output sum to exactly 2^15 and none is more than one unit off its exact value
// (rounding each weight alone could leave a remainder larger than a small weight).
Taps box_taps(int in, int out) {
  Taps taps;
  taps.first.reserve(static_cast<size_t>(out) + 1);
  const double scale = static_cast<double>(in) / out;
  for (int o = 0; o < out; ++o) {
    taps.first.push_back(static_cast<int>(taps.index.size()));
    const double start = o * scale, end = (o + 1) * scale;
    const int last = std::min(in, static_cast<int>(std::ceil(end))) - 1;
    double covered = 0;
    long long given = 0;
    for (int i = static_cast<int>(start); i <= last; ++i) {
      covered += std::min<double>(i + 1, end) - std::max<double>(i, start);
      const long long total =
          i == last ? 1LL << kWeightBits : std::llround(covered / scale * (1 << kWeightBits));
      if (total > given) {
        taps.index.push_back(i);
        taps.weight.push_back(static_cast<std::uint32_t>(total - given));
        given = total;
      }
    }
  }
  taps.first.push_back(static_cast<int>(taps.index.size()));
  return taps;
}

// The vertical pass, first (so the horizontal one runs on output rows only, about a third of the
// source rows for a typical picture): one output row's `N` source rows summed by their weights in
// fixed point, kept with `Shift` bits fewer as 16-bit values. All rows at once, so each sum stays
// in a register; 16 x 16 -> 32-bit products, which SSE2 multiplies eight at a time.
template <int N, typename Sample, int Shift>
void sum_rows(const Sample* const* rows, const std::uint32_t* weight, size_t n, std::uint16_t* mid) {
  const Sample* r[N];
  std::uint16_t w[N];  // at most 2^15
  for (int k = 0; k < N; ++k) r[k] = rows[k], w[k] = static_cast<std::uint16_t>(weight[k]);
  for (size_t i = 0; i < n; ++i) {
    std::uint32_t acc = 1u << (Shift - 1);
    for (int k = 0; k < N; ++k) acc += std::uint32_t{std::uint16_t(r[k][i])} * w[k];
    mid[i] = static_cast<std::uint16_t>(acc >> Shift);
  }
}

// The same for any number of rows (a picture scaled down more than about eight times).
template <typename Sample, int Shift>
void sum_many_rows(const Sample* const* rows, const std::uint32_t* weight, int taps, size_t n,
                   std::uint32_t* acc, std::uint16_t* mid) {
  for (size_t i = 0; i < n; ++i) acc[i] = 1u << (Shift - 1);
  for (int k = 0; k < taps; ++k) {
    const std::uint16_t w = static_cast<std::uint16_t>(weight[k]);
    const Sample* row = rows[k];
    for (size_t i = 0; i < n; ++i) acc[i] += std::uint32_t{std::uint16_t(row[i])} * w;
  }
  for (size_t i = 0; i < n; ++i) mid[i] = static_cast<std::uint16_t>(acc[i] >> Shift);
}

template <typename Sample, int Shift>
void sum_rows_any(const Sample* const* rows, const std::uint32_t* weight, int taps, size_t n,
                  std::uint32_t* acc, std::uint16_t* mid) {
  switch (taps) {
    case 1:
      return sum_rows<1, Sample, Shift>(rows, weight, n, mid);
    case 2:
      return sum_rows<2, Sample, Shift>(rows, weight, n, mid);
    case 3:
      return sum_rows<3, Sample, Shift>(rows, weight, n, mid);
    case 4:
      return sum_rows<4, Sample, Shift>(rows, weight, n, mid);
    case 5:
      return sum_rows<5, Sample, Shift>(rows, weight, n, mid);
    case 6:
      return sum_rows<6, Sample, Shift>(rows, weight, n, mid);
    default:
      return sum_many_rows<Sample, Shift>(rows, weight, taps, n, acc, mid);
  }
}

// The horizontal taps laid out for a loop of fixed length: output x sums `span` consecutive
// samples from start[x] with weight[x * span + j] (zero past its own taps; the row read is padded
// with `span` pixels so that no read leaves it).
struct Columns {
  int span = 1;
  std::vector<int> start;
  std::vector<std::uint32_t> weight;
};

Columns columns_of(const Taps& t) {
  Columns c;
  const int n = static_cast<int>(t.first.size()) - 1;
  for (int x = 0; x < n; ++x)
    if (t.first[x] < t.first[x + 1])
      c.span = std::max(c.span, t.index[t.first[x + 1] - 1] - t.index[t.first[x]] + 1);
  c.start.resize(n);
  c.weight.assign(static_cast<size_t>(n) * c.span, 0);
  for (int x = 0; x < n; ++x) {
    c.start[x] = t.first[x] < t.first[x + 1] ? t.index[t.first[x]] : 0;
    for (int k = t.first[x]; k < t.first[x + 1]; ++k)
      c.weight[static_cast<size_t>(x) * c.span + (t.index[k] - c.start[x])] = t.weight[k];
  }
  return c;
}

// One output row's horizontal sums, `Ch` a pixel, handed to `put(x, sums)`.
template <int Ch, int Span, typename Put>
void sum_columns(const std::uint16_t* mid, const Columns& cols, int span, Put put) {
  const int nw = static_cast<int>(cols.start.size());
  const std::uint32_t* w = cols.weight.data();
  const int n = Span > 0 ? Span : span;
  for (int x = 0; x < nw; ++x, w += n) {
    std::uint32_t sum[Ch] = {};
    const std::uint16_t* px = mid + static_cast<size_t>(cols.start[x]) * Ch;
    for (int j = 0; j < n; ++j, px += Ch)
      for (int c = 0; c < Ch; ++c) sum[c] += w[j] * px[c];
    put(x, sum);
  }
}

template <int Ch, typename Put>
void sum_columns_any(const std::uint16_t* mid, const Columns& cols, Put put) {
  switch (cols.span) {
    case 1:
      return sum_columns<Ch, 1>(mid, cols, 1, put);
    case 2:
      return sum_columns<Ch, 2>(mid, cols, 2, put);
    case 3:
      return sum_columns<Ch, 3>(mid, cols, 3, put);
    case 4:
      return sum_columns<Ch, 4>(mid, cols, 4, put);
    case 5:
      return sum_columns<Ch, 5>(mid, cols, 5, put);
    case 6:
      return sum_columns<Ch, 6>(mid, cols, 6, put);
    default:
      return sum_columns<Ch, 0>(mid, cols, cols.span, put);
  }
}

// One output row of a picture without alpha: the source rows are 8-bit samples, kept x 2^8 after
// the vertical pass, so the horizontal sums are x 2^23.
template <int Ch>
void scale_row(const unsigned char* const* rows, const std::uint32_t* weight, int taps, const Columns& cols,
               size_t row_in, std::uint32_t* acc, std::uint16_t* mid, unsigned char* dst) {
  sum_rows_any<unsigned char, kWeightBits - 8>(rows, weight, taps, row_in, acc, mid);
  sum_columns_any<Ch>(mid, cols, [dst](int x, const std::uint32_t* sum) {
    for (int c = 0; c < Ch; ++c)
      dst[static_cast<size_t>(x) * Ch + c] = static_cast<unsigned char>((sum[c] + (1u << 22)) >> 23);
  });
}

// One output row with alpha, averaged premultiplied: the rows hold colour x alpha and alpha x 255
// (both 0..65025), the sums come back to that scale, and colour is divided by alpha at the end.
void scale_row_alpha(const std::uint16_t* const* rows, const std::uint32_t* weight, int taps,
                     const Columns& cols, size_t row_in, std::uint32_t* acc, std::uint16_t* mid,
                     unsigned char* dst) {
  sum_rows_any<std::uint16_t, kWeightBits>(rows, weight, taps, row_in, acc, mid);
  sum_columns_any<4>(mid, cols, [dst](int x, const std::uint32_t* sum) {
    std::uint32_t v[4];
    for (int c = 0; c < 4; ++c) v[c] = (sum[c] + (1u << (kWeightBits - 1))) >> kWeightBits;
    const std::uint32_t alpha = v[3];  // x 255
    unsigned char* px = dst + static_cast<size_t>(x) * 4;
    for (int c = 0; c < 3; ++c)  // a fully transparent pixel's colour is black
      px[c] =
          alpha == 0
              ? 0
              : static_cast<unsigned char>(std::min<std::uint32_t>(255, (v[c] * 255 + alpha / 2) / alpha));
    px[3] = static_cast<unsigned char>((alpha + 127) / 255);
  });
}

// A source row of RGBA as colour x alpha and alpha x 255.
void premultiply(const unsigned char* in, size_t pixels, std::uint16_t* out) {
  for (size_t i = 0; i < pixels * 4; i += 4) {
    const std::uint16_t a = in[i + 3];
    out[i] = static_cast<std::uint16_t>(in[i] * a);
    out[i + 1] = static_cast<std::uint16_t>(in[i + 1] * a);
    out[i + 2] = static_cast<std::uint16_t>(in[i + 2] * a);
    out[i + 3] = static_cast<std::uint16_t>(a * 255);
  }
}

}  // namespace

namespace detail {

std::shared_ptr<Raster> box_scale(const unsigned char* src, int w, int h, Raster::Encoding encoding,
                                  int max_width) {
  const bool alpha = encoding == Raster::Encoding::Rgba8;
  const int ch = alpha ? 4 : encoding == Raster::Encoding::Gray8 ? 1 : 3;
  const int nw = max_width;
  const int nh = std::max(1, static_cast<int>(std::lround(static_cast<double>(h) * nw / w)));
  const Taps yt = box_taps(h, nh);
  const Columns cols = columns_of(box_taps(w, nw));
  const size_t row_in = static_cast<size_t>(w) * ch, row_out = static_cast<size_t>(nw) * ch;
  auto out = std::make_shared<Raster>();
  out->encoding = encoding;
  out->width = nw;
  out->height = nh;
  out->data.resize(static_cast<size_t>(nh) * row_out);
  auto acc = std::make_unique_for_overwrite<std::uint32_t[]>(row_in);
  // The vertical sums of one output row, and past them the padding sum_columns may read (weight 0).
  const size_t padding = static_cast<size_t>(cols.span) * ch;
  auto mid = std::make_unique_for_overwrite<std::uint16_t[]>(row_in + padding);
  std::fill_n(mid.get() + row_in, padding, 0);
  // With alpha, each source row premultiplied once, kept in a ring of as many rows as one output
  // row's taps span (source rows are taken in order).
  size_t ring = 1;
  for (int y = 0; y < nh; ++y)
    if (yt.first[y] < yt.first[y + 1])
      ring = std::max<size_t>(ring, yt.index[yt.first[y + 1] - 1] - yt.index[yt.first[y]] + 1);
  std::unique_ptr<std::uint16_t[]> premultiplied;
  if (alpha) premultiplied = std::make_unique_for_overwrite<std::uint16_t[]>(ring * row_in);
  int premultiplied_rows = 0;  // source rows [0, premultiplied_rows) done
  std::vector<const unsigned char*> rows;
  std::vector<const std::uint16_t*> rows16;
  for (int y = 0; y < nh; ++y) {
    const int a = yt.first[y], taps = yt.first[y + 1] - a;
    auto* dst = reinterpret_cast<unsigned char*>(out->data.data()) + static_cast<size_t>(y) * row_out;
    if (alpha) {
      rows16.clear();
      for (int k = a; k < a + taps; ++k) {
        for (; premultiplied_rows <= yt.index[k]; ++premultiplied_rows)
          premultiply(src + static_cast<size_t>(premultiplied_rows) * row_in, w,
                      premultiplied.get() + static_cast<size_t>(premultiplied_rows) % ring * row_in);
        rows16.push_back(premultiplied.get() + static_cast<size_t>(yt.index[k]) % ring * row_in);
      }
      scale_row_alpha(rows16.data(), &yt.weight[a], taps, cols, row_in, acc.get(), mid.get(), dst);
      continue;
    }
    rows.clear();
    for (int k = a; k < a + taps; ++k) rows.push_back(src + static_cast<size_t>(yt.index[k]) * row_in);
    if (ch == 1)
      scale_row<1>(rows.data(), &yt.weight[a], taps, cols, row_in, acc.get(), mid.get(), dst);
    else
      scale_row<3>(rows.data(), &yt.weight[a], taps, cols, row_in, acc.get(), mid.get(), dst);
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

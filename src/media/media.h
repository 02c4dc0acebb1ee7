// Loading the pictures a thread refers to (post media, avatars, card images) before layout, so that
// layout stays pure. A picture that cannot be had is not fatal: it is recorded as missing with a
// reason, a warning goes to Diagnostics, and layout draws a framed placeholder with the alt text.
#pragma once

#include <map>
#include <optional>
#include <memory>
#include <string>

#include "core/diagnostics.h"
#include "core/raster.h"
#include "model/thread.h"

namespace tp::media {

// Decodes PNG to pixels (Gray8, Rgb8 or Rgba8; 16-bit and palette images are converted) and checks
// a JPEG (kept as is, with its size and component count read from its header). Throws nothing:
// returns nullptr and sets `error` ("not a PNG or JPEG image", "truncated PNG data", ...).
// The format is told by the first bytes, never by a name. Details:
// - PNG: palette, low-depth gray and tRNS are expanded, 16-bit samples are scaled with rounding,
//   gray+alpha becomes Rgba8, and an alpha channel that is 255 everywhere is dropped (gray+alpha
//   then becomes Gray8). A file cut anywhere before IEND is "truncated PNG data"; other damage is
//   "corrupt PNG data (<libpng's message>)".
// - JPEG: the file must reach its EOI marker ("truncated JPEG data (no end-of-image marker)");
//   bytes after EOI are cut off. Baseline and progressive 8-bit Huffman JPEGs with 1, 3 or 4
//   components are accepted; 12-bit and arithmetic-coded ones are "unsupported JPEG (...)".
// - Either: more than 20000 pixels a side or 100 megapixels is "image too large (...)".
std::shared_ptr<const Raster> decode(const std::string& bytes, std::string& error);

// Deflates decoded pixels (Gray8, Rgb8, Rgba8) into Raster::Encoding::Deflated: colour and alpha as
// separate zlib streams, an all-opaque alpha dropped. Other encodings come back unchanged.
std::shared_ptr<const Raster> deflate_pixels(std::shared_ptr<const Raster> pixels);

// Inflates a zlib stream; nullopt when it is not one or does not hold exactly `size` bytes.
std::optional<std::string> inflate(const std::string& zlib, size_t size);

struct Loaded {
  std::shared_ptr<const Raster> raster;  // null when missing
  std::string error;                     // why it is missing
};

// All pictures of one thread, by their `src` string as written in the model.
class MediaSet {
 public:
  const Loaded* find(const std::string& src) const;
  void put(const std::string& src, Loaded loaded) { items_[src] = std::move(loaded); }

 private:
  std::map<std::string, Loaded> items_;
};

// Loads every picture the thread names: local paths (relative ones against thread.base_dir).
// URL sources are reported as missing until a fetcher is given (the sources issue).
// `input` names the thread for warnings ("thread.json: post 3 image 1: cannot read img/x.png: ...").
// Each distinct src is read once and warned about at most once, at its first use in reading order;
// the places are "avatar" (the thread author), and for post N (1-based, deleted posts counted)
// "post N avatar", "post N image K", "post N card image", and the same after "post N quote".
// Errors: "cannot read <src>: <strerror>", "<src>: <decode error>", "remote images are not fetched
// yet". Never throws Error.
MediaSet load_all(const model::Thread& thread, const std::string& input, Diagnostics& diag);

}  // namespace tp::media

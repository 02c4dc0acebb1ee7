// Loading the pictures a thread refers to (post media, avatars, card images) before layout, so that
// layout stays pure. A picture that cannot be had is not fatal: it is recorded as missing with a
// reason, a warning goes to Diagnostics, and layout draws a framed placeholder with the alt text.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/diagnostics.h"
#include "core/raster.h"
#include "model/thread.h"

namespace tp::media {

// Decodes PNG to pixels (Gray8, Rgb8 or Rgba8; 16-bit and palette images are converted) and checks
// a JPEG (kept as is, with its size and component count read from its header). Throws nothing:
// returns nullptr and sets `error` ("not a PNG or JPEG image", "truncated PNG data", ...).
std::shared_ptr<const Raster> decode(const std::string& bytes, std::string& error);

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
MediaSet load_all(const model::Thread& thread, const std::string& input, Diagnostics& diag);

}  // namespace tp::media

// Loading the pictures a thread refers to (post media, avatars, card images, custom emoji) before
// layout, so that layout fetches nothing and opens no picture file. A picture that cannot be had is
// not fatal: it is recorded as missing with a reason, a warning goes to Diagnostics, and layout draws
// a framed placeholder with the alt text.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/raster.h"
#include "model/thread.h"

namespace tp::media {

// Decodes PNG, WebP and GIF (first frame) to pixels (Gray8, Rgb8 or Rgba8; 16-bit and palette
// images are converted) and checks a JPEG (kept as is, with its size and component count read from
// its header). Throws nothing: returns nullptr and sets `error` ("not a PNG, JPEG, WebP or GIF
// image", "truncated PNG data", ...).
// The format is told by the first bytes, never by a name. Details:
// - PNG: palette, low-depth gray and tRNS are expanded, 16-bit samples are scaled with rounding,
//   gray+alpha becomes Rgba8, and an alpha channel that is 255 everywhere is dropped (gray+alpha
//   then becomes Gray8). A file cut anywhere before IEND is "truncated PNG data"; other damage is
//   "corrupt PNG data (<libpng's message>)".
// - JPEG: the file must reach its EOI marker ("truncated JPEG data (no end-of-image marker)");
//   bytes after EOI are cut off. Baseline and progressive 8-bit Huffman JPEGs with 1, 3 or 4
//   components are accepted; 12-bit and arithmetic-coded ones are "unsupported JPEG (...)".
// - WebP: lossy or lossless, alpha kept (Rgba8); an animation whose first frame libwebp cannot
//   give alone is "unsupported WebP (animated)". GIF: the first frame on the logical screen, Rgba8
//   when anything is transparent or unpainted, else Rgb8.
// - Orientation and colour: the EXIF Orientation (JPEG APP1, PNG eXIf, WebP EXIF) becomes
//   Raster::orientation (the pixels are not turned), and an ICC profile (JPEG APP2 ICC_PROFILE
//   chunks, PNG iCCP, WebP ICCP) Raster::icc when its colour space has the picture's number of
//   colour components (icc_components in core/raster.h); a profile that does not fit is dropped.
//   PNG chunks after the image data are read only when the file is copied as it is (png_fast).
// - Any: more than 20000 pixels a side or 100 megapixels is "image too large (...)". A file whose
//   bytes cannot hold the size it declares (by the format's best compression ratio) is refused
//   before anything of that size is allocated: "truncated PNG data", "truncated WebP data",
//   "truncated GIF data", "corrupt GIF data (a W x H pixel screen in a file of N bytes)", and for
//   a lossless WebP over 4 megapixels with under a byte per 2560 pixels "implausible WebP data (...)".
// `take`, when given, is `bytes` itself, which the caller no longer needs: a JPEG kept as it is
// then takes the bytes over (leaving `bytes` empty) instead of copying them.
std::shared_ptr<const Raster> decode(const std::string& bytes, std::string& error,
                                     std::string* take = nullptr);

// A picture file's extension and MIME type, told by its first bytes as decode tells them:
// {".png", "image/png"}, ".jpg", ".gif", ".webp", else {".bin", "application/octet-stream"}.
struct PictureType {
  const char* extension;
  const char* mime;
};
PictureType picture_type(std::string_view bytes);

// Deflates decoded pixels (Gray8, Rgb8, Rgba8) into Raster::Encoding::Deflated: colour and alpha as
// separate zlib streams, an all-opaque alpha dropped. Other encodings come back unchanged.
std::shared_ptr<const Raster> deflate_pixels(std::shared_ptr<const Raster> pixels);

// Inflates a zlib stream; nullopt when it is not one or does not hold exactly `size` bytes.
std::optional<std::string> inflate(const std::string& zlib, size_t size);

// `raster` scaled down to at most `max_width` pixels wide (aspect ratio kept, each pixel the mean of
// the area it covers; orientation and ICC profile kept, a CMYK JPEG's profile dropped with its
// conversion to RGB). A raster already narrow enough comes back as is (a JPEG stays the JPEG file);
// a wider JPEG is decoded to pixels first (libjpeg's 1/2, 1/4, 1/8 scaling where it still leaves
// max_width). Deflated rasters are returned unchanged. Null and `error` when a JPEG fails to decode.
std::shared_ptr<const Raster> fit_width(std::shared_ptr<const Raster> raster, int max_width,
                                        std::string& error);

// What a remote loader gives for one URL: the body, or why there is none ("<url>: timed out").
struct RemoteBytes {
  std::optional<std::string> bytes;
  std::string error;
};
// Fetches http(s) sources: one answer per URL, in the same order. Called once per load_all with
// every distinct remote src, so the implementation can fetch them concurrently. Must not throw.
using RemoteLoader = std::function<std::vector<RemoteBytes>(const std::vector<std::string>& urls)>;

struct LoadOptions {
  RemoteLoader remote;  // empty: remote sources are missing ("remote images are not fetched yet")
  // > 0: pictures wider than 1.25 times this as they are seen (turned by their orientation) are
  // scaled down to it (fit_width); narrower ones are left as they are (detail::needs_scaling). A
  // JPEG scaled down is JPEG again (quality 90), with the original's orientation and profile.
  int max_width_px = 0;
  // Keep each picture's bytes as read or fetched in Loaded::bytes (for embedding the originals in
  // the PDF). Without it they are dropped as soon as the picture is decoded.
  bool keep_bytes = false;
  // When set, Loaded::digest is this function of the bytes as read or fetched (the manifest's
  // hash), computed on the loading threads while the bytes are at hand, so they need not be kept
  // for it. Called concurrently from several threads.
  std::function<std::string(std::string_view bytes)> digest;
  // Pictures already at hand, by src (those carried inside a PDF that is being re-rendered): used
  // instead of reading a file or fetching, whatever the src spells. Not owned; may be null.
  const std::map<std::string, std::string>* given = nullptr;
};

struct Loaded {
  std::shared_ptr<const Raster> raster;  // null when missing
  std::string error;                     // why it is missing
  std::shared_ptr<const std::string> bytes =
      nullptr;              // as read or fetched; only with LoadOptions::keep_bytes
  std::string digest = {};  // LoadOptions::digest of those bytes; "" without it or when none were had
};

// All pictures of one thread, by their `src` string as written in the model.
class MediaSet {
 public:
  const Loaded* find(const std::string& src) const;
  void put(const std::string& src, Loaded loaded) { items_[src] = std::move(loaded); }
  const std::map<std::string, Loaded>& all() const { return items_; }  // by src

 private:
  std::map<std::string, Loaded> items_;
};

// Loads every picture the thread names: http(s) URLs through options.remote, and local files only
// inside thread.media_root (relative ones resolved against it; none at all when it is empty, as for
// a thread from the network); then scales each down to options.max_width_px. This is the one place
// that opens picture files, and so the one place that checks where a thread may read them.
// `input` names the thread for warnings ("thread.json: post 3 image 1: cannot read img/x.png: ...").
// Each distinct src is read once and warned about at most once, at its first use in reading order;
// the places are "avatar" and "author emoji NAME" (the thread author), and for post N (1-based,
// deleted posts counted) "post N avatar", "post N author emoji NAME", "post N image K" (an audio
// or other attachment without a picture is skipped), "post N emoji NAME", "post N card image",
// and the same after "post N quote".
// Errors: "cannot read <src>: <strerror>", "<src>: <decode error>", the remote loader's error,
// "remote images are not fetched yet" without a loader, "<src>: not an http or https URL (a thread
// from the network may not name local files)", "cannot read <src>: outside the thread's folder
// <root> (...)", "cannot read <src>: not a regular file". Never throws Error.
MediaSet load_all(const model::Thread& thread, const std::string& input, Diagnostics& diag,
                  const LoadOptions& options = {});

}  // namespace tp::media

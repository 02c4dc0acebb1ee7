// Raster images as image XObjects, each written once however often it is drawn: JPEG files as
// they are (DCTDecode), decoded pixels flate-compressed, alpha as a separate /SMask, PNG image data
// as it is (FlateDecode with the PNG predictors). A picture's own ICC profile becomes its
// [/ICCBased stream] colour space, each distinct profile written once. Internal to src/render/pdf.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/raster.h"
#include "render/pdf/haru.h"

namespace tp::render::pdf {

class ImageStore {
 public:
  // `images` is Document::images; both it and `haru` must outlive the store, and the rasters must
  // stay alive and unchanged until haru.save(): their encoded bytes (JPEG files, zlib streams) are
  // read then rather than copied into the document (Haru::lend).
  ImageStore(Haru& haru, const std::vector<std::shared_ptr<const Raster>>& images);

  // The XObject for images[index], created on first use (unused images are not written) and shared
  // by every later use, also when two indices hold the same Raster. Throws tp::Error(Internal)
  // for an index out of range, an empty slot, pixel data of the wrong size or a JPEG libharu
  // cannot read.
  HPDF_Image get(int index);

  // Raster::orientation of images[index], for the matrix that draws it (1 for a bad index).
  int orientation(int index) const;

 private:
  HPDF_Image load(const Raster& raster, int index);
  HPDF_Image load_samples(const Raster& raster, int index);
  // [/ICCBased profile] for the raster's own profile, or null when it has none that fits its
  // colour components.
  HPDF_Array icc_space(const Raster& raster, const std::string& what);
  HPDF_Image load_deflated(const Raster& raster, const std::string& what);
  HPDF_Image load_png_data(const Raster& raster, const std::string& what);
  HPDF_Image flate_image(const std::string& zlib, int width, int height, int channels,
                         const std::string& what);
  HPDF_Image raw_image(std::string_view samples, int width, int height, int channels,
                       const std::string& what);

  Haru& haru_;
  const std::vector<std::shared_ptr<const Raster>>& images_;
  std::map<const Raster*, HPDF_Image> loaded_;
  std::map<std::string, HPDF_Dict> profiles_;  // by the profile's bytes
  std::deque<std::string> deflated_;           // raw_image's zlib streams, lent to the document
};

}  // namespace tp::render::pdf

#include "render/pdf/images.h"

#include <string>

#include "core/deflate.h"
#include "core/error.h"

namespace tp::render::pdf {

ImageStore::ImageStore(Haru& haru, const std::vector<std::shared_ptr<const Raster>>& images)
    : haru_(haru), images_(images) {}

namespace {

// Colour components per sample as the image XObject declares them (an /Indexed palette's base
// is RGB), which the profile's /N must match (8.6.5.5).
int colour_components(const Raster& raster) {
  switch (raster.encoding) {
    case Raster::Encoding::Rgba8:
      return 3;  // the alpha goes to a soft mask
    case Raster::Encoding::PngData:
      return raster.palette.empty() ? raster.png_colors : 3;
    default:
      return raster.channels();
  }
}

// How much of a JPEG file libharu's loader needs: through the frame header (SOF0, 1, 2 or 9),
// walking the marker segments by their lengths as it does; the whole file when that walk leaves
// it. The loader copies what it is given twice (into a memory stream, then into the image's
// stream) only for it to be replaced by the lent file: the header alone spares both copies.
std::size_t jpeg_header_size(const std::string& jpeg) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(jpeg[i])); };
  for (std::size_t pos = 2; pos + 4 <= jpeg.size();) {
    const unsigned tag = byte(pos) << 8 | byte(pos + 1), size = byte(pos + 2) << 8 | byte(pos + 3);
    const std::size_t end = pos + 2 + size;
    if (end > jpeg.size()) break;
    if (tag == 0xFFC0 || tag == 0xFFC1 || tag == 0xFFC2 || tag == 0xFFC9) return end;
    pos = end;
  }
  return jpeg.size();
}

}  // namespace

int ImageStore::orientation(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= images_.size() || !images_[index]) return 1;
  return images_[index]->orientation;
}

HPDF_Array ImageStore::icc_space(const Raster& raster, const std::string& what) {
  const int n = colour_components(raster);
  if (raster.icc.empty() || icc_components(raster.icc) != n) return nullptr;
  auto it = profiles_.find(raster.icc);
  if (it == profiles_.end()) {
    HPDF_Dict stream = haru_.new_stream(raster.icc, true);
    haru_.check(HPDF_Dict_AddNumber(stream, "N", n), what + " ICC profile");
    it = profiles_.emplace(raster.icc, stream).first;
  }
  HPDF_Array space = haru_.need(HPDF_Array_New(haru_.mmgr()), what + " ICC colour space");
  haru_.check(HPDF_Array_AddName(space, "ICCBased"), what + " ICC colour space");
  haru_.check(HPDF_Array_Add(space, it->second), what + " ICC colour space");
  return space;
}

HPDF_Image ImageStore::get(int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= images_.size() || !images_[index]) {
    throw Error(ErrorCode::Internal, "pdf", "image item refers to missing image " + std::to_string(index));
  }
  const Raster* raster = images_[index].get();
  auto it = loaded_.find(raster);
  if (it != loaded_.end()) return it->second;
  HPDF_Image image = load(*raster, index);
  loaded_.emplace(raster, image);
  return image;
}

// An image XObject (8.9.5) whose samples are an existing zlib stream, written as is with
// /FlateDecode: libharu's raw-image loader would compress the pixels a second time.
HPDF_Image ImageStore::flate_image(const std::string& zlib, int width, int height, int channels,
                                   const std::string& what) {
  HPDF_Dict image = haru_.new_xobject_stream(what);
  Haru::declare_flate(image);  // already compressed
  haru_.check(HPDF_Dict_AddName(image, "Type", "XObject"), what);
  haru_.check(HPDF_Dict_AddName(image, "Subtype", "Image"), what);
  haru_.check(HPDF_Dict_AddNumber(image, "Width", width), what);
  haru_.check(HPDF_Dict_AddNumber(image, "Height", height), what);
  haru_.check(HPDF_Dict_AddName(image, "ColorSpace", channels == 1 ? "DeviceGray" : "DeviceRGB"), what);
  haru_.check(HPDF_Dict_AddNumber(image, "BitsPerComponent", 8), what);
  haru_.lend(image, zlib, what);  // the raster outlives the document (images.h)
  return image;
}

// What HPDF_LoadRawImageFromMem makes (its keys in its order, so the same bytes), with the samples
// deflated here as Haru::write_object would deflate them at save: libharu would first copy them
// into its memory stream a few KB at a time, and write_object copy them out again.
HPDF_Image ImageStore::raw_image(std::string_view samples, int width, int height, int channels,
                                 const std::string& what) {
  HPDF_Dict image = haru_.new_xobject_stream(what);
  Haru::declare_flate(image);
  haru_.check(HPDF_Dict_AddName(image, "Type", "XObject"), what);
  haru_.check(HPDF_Dict_AddName(image, "Subtype", "Image"), what);
  haru_.check(HPDF_Dict_AddName(image, "ColorSpace", channels == 1 ? "DeviceGray" : "DeviceRGB"), what);
  haru_.check(HPDF_Dict_AddNumber(image, "Width", width), what);
  haru_.check(HPDF_Dict_AddNumber(image, "Height", height), what);
  haru_.check(HPDF_Dict_AddNumber(image, "BitsPerComponent", 8), what);
  haru_.lend(image, deflated_.emplace_back(zlib_compress(samples)), what);
  return image;
}

HPDF_Image ImageStore::load_deflated(const Raster& raster, const std::string& what) {
  if (raster.data.empty()) throw Error(ErrorCode::Internal, "pdf", what + " has no data");
  HPDF_Image image = flate_image(raster.data, raster.width, raster.height, raster.channels(), what);
  if (!raster.alpha.empty()) {
    HPDF_Image mask = flate_image(raster.alpha, raster.width, raster.height, 1, what + " alpha");
    haru_.check(HPDF_Dict_Add(image, "SMask", mask), what + " soft mask");
  }
  return image;
}

// The IDAT stream of a PNG as the image's samples: FlateDecode undoes the deflate and, told the
// row layout in /DecodeParms, PNG's per-row filters (7.4.4.4, predictor 15: each row names its
// own). A palette becomes an /Indexed colour space over DeviceRGB (8.6.6.3).
HPDF_Image ImageStore::load_png_data(const Raster& raster, const std::string& what) {
  if (raster.data.empty()) throw Error(ErrorCode::Internal, "pdf", what + " has no data");
  HPDF_Image image = flate_image(raster.data, raster.width, raster.height, raster.png_colors, what);
  haru_.check(HPDF_Dict_AddNumber(image, "BitsPerComponent", raster.png_bits), what);
  HPDF_Dict params = haru_.need(HPDF_Dict_New(haru_.mmgr()), what);
  haru_.check(HPDF_Dict_Add(image, "DecodeParms", params), what);
  haru_.check(HPDF_Dict_AddNumber(params, "Predictor", 15), what);
  haru_.check(HPDF_Dict_AddNumber(params, "Colors", raster.png_colors), what);
  haru_.check(HPDF_Dict_AddNumber(params, "BitsPerComponent", raster.png_bits), what);
  haru_.check(HPDF_Dict_AddNumber(params, "Columns", raster.width), what);
  if (!raster.palette.empty()) {
    HPDF_Array space = haru_.need(HPDF_Array_New(haru_.mmgr()), what);
    haru_.check(HPDF_Dict_Add(image, "ColorSpace", space), what);
    haru_.check(HPDF_Array_AddName(space, "Indexed"), what);
    // The palette's colours are in the picture's profile when it has one (PNG 11.3.3.3).
    if (HPDF_Array base = icc_space(raster, what))
      haru_.check(HPDF_Array_Add(space, base), what);
    else
      haru_.check(HPDF_Array_AddName(space, "DeviceRGB"), what);
    haru_.check(HPDF_Array_AddNumber(space, static_cast<HPDF_INT32>(raster.palette.size() / 3 - 1)), what);
    haru_.check(
        HPDF_Array_Add(
            space,
            haru_.need(HPDF_Binary_New(haru_.mmgr(),
                                       reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(raster.palette.data())),
                                       static_cast<HPDF_UINT>(raster.palette.size())),
                       what)),
        what);
  }
  return image;
}

HPDF_Image ImageStore::load(const Raster& raster, int index) {
  HPDF_Image image = load_samples(raster, index);
  // A palette's profile went into its /Indexed base in load_png_data.
  if (raster.encoding == Raster::Encoding::PngData && !raster.palette.empty()) return image;
  const std::string what = "image " + std::to_string(index);
  // Replaces the device colour space: HPDF_Dict_Add frees the old value of an existing key.
  if (HPDF_Array space = icc_space(raster, what))
    haru_.check(HPDF_Dict_Add(image, "ColorSpace", space), what);
  return image;
}

HPDF_Image ImageStore::load_samples(const Raster& raster, int index) {
  const std::string what = "image " + std::to_string(index);
  if (raster.width <= 0 || raster.height <= 0) {
    throw Error(ErrorCode::Internal, "pdf", what + " has no pixels");
  }
  const auto* bytes = reinterpret_cast<const HPDF_BYTE*>(raster.data.data());
  if (raster.encoding == Raster::Encoding::Jpeg) {
    // The JPEG file is embedded unchanged with DCTDecode (8.9.5): no re-encoding, no quality loss.
    // libharu reads size and components from the SOF marker and adds the /Decode inversion
    // Adobe CMYK files need.
    HPDF_Image image = haru_.need(
        HPDF_LoadJpegImageFromMem(haru_.doc(), bytes, static_cast<HPDF_UINT>(jpeg_header_size(raster.data))),
        what + " (JPEG)");
    // The image's stream is the file as it is: the raster's bytes are read at save instead, so
    // the photos are neither copied nor held twice.
    haru_.lend(image, raster.data, what + " (JPEG)");
    return image;
  }

  if (raster.encoding == Raster::Encoding::Deflated) return load_deflated(raster, what);
  if (raster.encoding == Raster::Encoding::PngData) return load_png_data(raster, what);

  const std::size_t pixels = static_cast<std::size_t>(raster.width) * raster.height;
  const int channels = raster.channels();
  if (raster.data.size() != pixels * channels) {
    throw Error(ErrorCode::Internal, "pdf",
                what + " holds " + std::to_string(raster.data.size()) + " bytes, expected " +
                    std::to_string(pixels * channels));
  }
  if (raster.encoding != Raster::Encoding::Rgba8)
    return raw_image(raster.data, raster.width, raster.height, channels, what);

  // PDF images have no alpha channel: colour and alpha become an image and its soft mask (11.6.5.3).
  std::string rgb(pixels * 3, '\0'), alpha(pixels, '\0');
  bool opaque = true;
  for (std::size_t i = 0; i < pixels; ++i) {
    rgb[3 * i] = raster.data[4 * i];
    rgb[3 * i + 1] = raster.data[4 * i + 1];
    rgb[3 * i + 2] = raster.data[4 * i + 2];
    alpha[i] = raster.data[4 * i + 3];
    opaque = opaque && static_cast<unsigned char>(alpha[i]) == 255;
  }
  HPDF_Image image = raw_image(rgb, raster.width, raster.height, 3, what);
  if (opaque) return image;  // a mask of all 255 would only cost bytes
  HPDF_Image mask = raw_image(alpha, raster.width, raster.height, 1, what + " alpha");
  haru_.check(HPDF_Image_AddSMask(image, mask), what + " soft mask");
  return image;
}

}  // namespace tp::render::pdf

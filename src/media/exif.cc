// detail::exif_orientation: the one EXIF tag threadpdf reads. EXIF is a TIFF structure (EXIF 2.32
// 4.5.2; TIFF 6.0 section 2): a byte-order mark, 42, the offset of IFD0, and in IFD0 12-byte
// entries of tag, type, count and value. Every offset is checked against the data: the bytes came
// from the network.
#include <cstdint>

#include "media/codecs.h"

namespace tp::media::detail {

int exif_orientation(std::string_view exif) {
  // JPEG's APP1 segment (and some WebP writers) put "Exif\0\0" before the TIFF header.
  if (exif.substr(0, 6) == std::string_view("Exif\0\0", 6)) exif.remove_prefix(6);
  if (exif.size() < 8) return 1;
  const bool little = exif.substr(0, 2) == "II";
  if (!little && exif.substr(0, 2) != "MM") return 1;
  auto u16 = [&](size_t at) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(exif[at]), b = static_cast<unsigned char>(exif[at + 1]);
    return little ? (b << 8 | a) : (a << 8 | b);
  };
  auto u32 = [&](size_t at) -> std::uint32_t {
    return little ? (u16(at + 2) << 16 | u16(at)) : (u16(at) << 16 | u16(at + 2));
  };
  if (u16(2) != 42) return 1;
  const std::uint32_t ifd = u32(4);
  if (ifd < 8 || ifd > exif.size() - 2) return 1;
  const std::uint32_t entries = u16(ifd);
  for (std::uint32_t i = 0; i < entries; ++i) {
    const size_t entry = ifd + 2 + size_t{12} * i;
    if (entry + 12 > exif.size()) return 1;
    constexpr std::uint32_t kOrientation = 0x0112, kShort = 3;
    if (u16(entry) != kOrientation) continue;
    if (u16(entry + 2) != kShort || u32(entry + 4) != 1) return 1;
    // A SHORT value sits in the first two bytes of the value field, in the file's byte order.
    const std::uint32_t value = u16(entry + 8);
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

}  // namespace tp::media::detail

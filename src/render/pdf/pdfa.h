// PDF/A-3 level U (ISO 19005-3) by construction: the parts of a conforming file that the rest of
// the backend does not write. Internal to src/render/pdf; write_pdf calls these once per document.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "layout/display_list.h"
#include "render/pdf/haru.h"

namespace tp::render::pdf {

// The ICC profiles the PDF uses, read at run time from Debian packages (never copied into the
// repository): sRGB and Gray from icc-profiles-free, a CMYK profile from libgs-common.
inline constexpr const char* kSrgbProfile = "/usr/share/color/icc/sRGB.icc";
inline constexpr const char* kGrayProfile = "/usr/share/color/icc/Gray.icc";
inline constexpr const char* kCmykProfile = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

// Each ICC profile stream is written once per document, when first needed, and shared.
// Throws tp::Error(Internal, "pdf", "<path>: cannot read the ICC profile ...") when a profile file
// is missing (its package is not installed).
class ColourProfiles {
 public:
  explicit ColourProfiles(Haru& haru) : haru_(haru) {}

  // The /OutputIntents array on the catalog (ISO 19005-3 6.2.3): GTS_PDFA1 with the sRGB profile,
  // which makes DeviceRGB content device independent.
  void add_output_intent();

  // Gives a drawn image XObject a device-independent colour space: DeviceGray becomes
  // [/ICCBased Gray] and DeviceCMYK (CMYK JPEGs) [/ICCBased CMYK]; DeviceRGB stays, the output
  // intent covers it. Soft masks keep DeviceGray, which 11.6.5.2 requires of them and PDF/A allows.
  // Idempotent. Returns whether the image has a soft mask (its page then needs a transparency group).
  bool make_device_independent(HPDF_Dict image);

 private:
  HPDF_Dict profile(const char* path, int components);

  Haru& haru_;
  std::map<std::string, HPDF_Dict> streams_;
};

// Declares the page a transparency group in DeviceRGB (11.4.7), as a page drawing soft-masked
// images must be so that its blending colour space is explicit (ISO 19005-3 6.2.10).
void add_transparency_group(Haru& haru, HPDF_Page page);

// The XMP metadata stream on the catalog (ISO 19005-3 6.6.2), uncompressed, carrying the same
// values as the Info dictionary write_metadata wrote (title, author, subject, keywords, creator,
// producer, dates), plus dc:source (metadata.source_url), dc:date (metadata.captured_at) and the
// PDF/A identification pdfaid:part 3, pdfaid:conformance U. Call after write_metadata.
void write_xmp(Haru& haru, const layout::Metadata& metadata);

// The trailer's /ID (14.4) of a file: two equal 16-byte strings, the first half of the SHA-256 of
// the whole file without its /ID entry, so the same document always gets the same identifier. The
// file is hashed as it is written (update() in file order); nothing else in the file carries the ID
// (the XMP packet has no xmpMM:DocumentID).
class DocumentId {
 public:
  DocumentId();
  ~DocumentId();
  DocumentId(const DocumentId&) = delete;
  DocumentId& operator=(const DocumentId&) = delete;

  void update(std::string_view bytes);
  // The trailer entry for the bytes given so far: "/ID [<" 32 hex digits "> <" same ">]\n".
  // Call once, last.
  std::string entry();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tp::render::pdf

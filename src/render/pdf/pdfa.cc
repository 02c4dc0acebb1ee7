#include "render/pdf/pdfa.h"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/format.h"
#include "core/utf8.h"
#include "render/pdf/text_map.h"

namespace tp::render::pdf {

namespace {

void* find(HPDF_Dict dict, const char* key) { return Haru::find(dict, key); }

bool is_name(void* obj, std::string_view name) { return Haru::is_name(obj, name); }

std::string read_profile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  // An ICC profile starts with its own size (ICC.1 7.2.2); anything shorter than the header is not one.
  if (!in || bytes.str().size() < 128)
    throw Error(ErrorCode::Internal, "pdf",
                std::string(path) + ": cannot read the ICC profile (is its Debian package installed?)");
  return bytes.str();
}

// XML character data: the five specials escaped, characters XML 1.0 cannot carry (controls other
// than tab and line ends) and invalid UTF-8 as U+FFFD, as the Info dictionary's UTF-16 gets them.
std::string xml_text(std::string_view utf8) {
  std::string out;
  const std::u16string units = utf16_of(utf8);
  for (size_t i = 0; i < units.size(); ++i) {
    char32_t c = units[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < units.size())
      c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00);
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      out += "\xEF\xBF\xBD";
    else if (c == 0xFFFE || c == 0xFFFF)
      out += "\xEF\xBF\xBD";
    else
      utf8::append(out, c);
  }
  return out;
}

std::string info_string(HPDF_Dict info, const char* key) { return Haru::string_bytes(find(info, key)); }

}  // namespace

HPDF_Dict ColourProfiles::profile(const char* path, int components) {
  auto it = streams_.find(path);
  if (it != streams_.end()) return it->second;
  HPDF_Dict stream = haru_.new_stream(read_profile(path), true);
  haru_.check(HPDF_Dict_AddNumber(stream, "N", components), "ICC profile /N");
  streams_.emplace(path, stream);
  return stream;
}

void ColourProfiles::add_output_intent() {
  HPDF_Dict intent = haru_.need(HPDF_Dict_New(haru_.mmgr()), "output intent");
  haru_.check(HPDF_Dict_AddName(intent, "Type", "OutputIntent"), "output intent");
  haru_.check(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"), "output intent");
  haru_.add_ascii(intent, "OutputConditionIdentifier", "sRGB IEC61966-2.1");
  haru_.add_ascii(intent, "Info", "sRGB IEC61966-2.1");
  haru_.check(HPDF_Dict_Add(intent, "DestOutputProfile", profile(kSrgbProfile, 3)), "output intent profile");
  HPDF_Array intents = haru_.need(HPDF_Array_New(haru_.mmgr()), "output intents");
  haru_.check(HPDF_Array_Add(intents, intent), "output intents");
  haru_.check(HPDF_Dict_Add(haru_.catalog(), "OutputIntents", intents), "output intents");
}

bool ColourProfiles::make_device_independent(HPDF_Dict image) {
  void* space = find(image, "ColorSpace");
  const char* path = is_name(space, "DeviceGray")   ? kGrayProfile
                     : is_name(space, "DeviceCMYK") ? kCmykProfile
                                                    : nullptr;
  if (path) {
    HPDF_Array icc = haru_.need(HPDF_Array_New(haru_.mmgr()), "ICC colour space");
    haru_.check(HPDF_Array_AddName(icc, "ICCBased"), "ICC colour space");
    haru_.check(HPDF_Array_Add(icc, profile(path, path == kGrayProfile ? 1 : 4)), "ICC colour space");
    // Replaces the device colour space: HPDF_Dict_Add frees the old value of an existing key.
    haru_.check(HPDF_Dict_Add(image, "ColorSpace", icc), "ICC colour space");
  }
  return find(image, "SMask") != nullptr;
}

void add_transparency_group(Haru& haru, HPDF_Page page) {
  if (find(page, "Group")) return;
  HPDF_Dict group = haru.need(HPDF_Dict_New(haru.mmgr()), "transparency group");
  haru.check(HPDF_Dict_AddName(group, "Type", "Group"), "transparency group");
  haru.check(HPDF_Dict_AddName(group, "S", "Transparency"), "transparency group");
  haru.check(HPDF_Dict_AddName(group, "CS", "DeviceRGB"), "transparency group");
  haru.check(HPDF_Dict_Add(page, "Group", group), "transparency group");
}

void write_xmp(Haru& haru, const layout::Metadata& metadata) {
  HPDF_Dict info = haru.need(haru.info(), "info dictionary");
  std::string x;
  // The packet wrapper and its id are fixed by XMP part 1, 7.3; "w": the packet may be rewritten.
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "  <rdf:Description rdf:about=\"\"\n";
  x += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
  x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
  x += "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n";
  x += "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
  x += "   <pdfaid:part>3</pdfaid:part>\n";
  x += "   <pdfaid:conformance>U</pdfaid:conformance>\n";
  x += "   <dc:format>application/pdf</dc:format>\n";
  // Each Info entry has its XMP twin (ISO 19005-3 6.6.2.3.1, Table 3); an empty one is in neither.
  if (!metadata.title.empty())
    x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_text(metadata.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
  if (!metadata.author.empty())
    x +=
        "   <dc:creator><rdf:Seq><rdf:li>" + xml_text(metadata.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!metadata.subject.empty())
    x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_text(metadata.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  if (!metadata.keywords.empty())
    x += "   <pdf:Keywords>" + xml_text(metadata.keywords) + "</pdf:Keywords>\n";
  if (!metadata.creator.empty())
    x += "   <xmp:CreatorTool>" + xml_text(metadata.creator) + "</xmp:CreatorTool>\n";
  if (std::string producer = info_string(info, "Producer"); !producer.empty())
    x += "   <pdf:Producer>" + xml_text(producer) + "</pdf:Producer>\n";
  if (metadata.creation_date) {
    const std::string date = format_rfc3339(*metadata.creation_date);
    x += "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
    x += "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
    x += "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
  }
  // Where the thread came from and when it was captured, in Dublin Core's own terms, so no
  // extension schema is needed (ISO 19005-3 6.6.2.3.2).
  if (!metadata.source_url.empty()) x += "   <dc:source>" + xml_text(metadata.source_url) + "</dc:source>\n";
  if (metadata.captured_at) {
    x += "   <dc:date><rdf:Seq><rdf:li>" + format_rfc3339(*metadata.captured_at) +
         "</rdf:li></rdf:Seq></dc:date>\n";
  }
  x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";

  // Uncompressed, so tools that do not parse PDF still find the packet (XMP part 3, 1.1.2).
  HPDF_Dict stream = haru.new_stream(x, false);
  haru.check(HPDF_Dict_AddName(stream, "Type", "Metadata"), "XMP metadata");
  haru.check(HPDF_Dict_AddName(stream, "Subtype", "XML"), "XMP metadata");
  haru.check(HPDF_Dict_Add(haru.catalog(), "Metadata", stream), "XMP metadata");
}

struct DocumentId::State {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~State() { EVP_MD_CTX_free(ctx); }
};

DocumentId::DocumentId() : state_(std::make_unique<State>()) {
  if (!state_->ctx || EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) != 1)
    throw Error(ErrorCode::Internal, "pdf", "cannot start the document ID's SHA-256");
}

DocumentId::~DocumentId() = default;

void DocumentId::update(std::string_view bytes) {
  if (EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size()) != 1)
    throw Error(ErrorCode::Internal, "pdf", "cannot hash the document");
}

std::string DocumentId::entry() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(state_->ctx, digest, &size) != 1 || size < 16)
    throw Error(ErrorCode::Internal, "pdf", "cannot hash the document");
  std::string hex;
  char buf[3];
  for (int i = 0; i < 16; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return "/ID [<" + hex + "> <" + hex + ">]\n";
}

}  // namespace tp::render::pdf

// PDF/A-3u by construction (src/render/pdf/pdfa.h): each clause threadpdf claims, read back from the
// written file with libqpdf, the XMP packet parsed with libxml2. README "Keeping a thread as
// evidence" lists the same clauses.
#include <doctest/doctest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <set>

#include "render/pdf/pdf.h"
#include "render/pdf_tools.h"

using namespace tp;

namespace {

std::shared_ptr<const Raster> raster(Raster::Encoding encoding, int channels_alpha) {
  auto r = std::make_shared<Raster>();
  r->encoding = encoding;
  r->width = r->height = 8;
  for (int i = 0; i < 64 * channels_alpha; ++i) r->data += static_cast<char>(i % 2 ? 200 : 30);
  return r;
}

// One page: text, a link, an RGB picture with a soft mask, a grey picture; one attachment.
layout::Document sample() {
  layout::Document doc = test::one_page({{test::kRegular, 0}}, {});
  doc.pages[0].items.push_back(test::shape(test::kRegular, 0, "Evidence & <proof>", 12, {72, 100}));
  doc.images = {raster(Raster::Encoding::Rgba8, 4), raster(Raster::Encoding::Gray8, 1)};
  doc.pages[0].items.push_back(layout::ImageItem{{72, 200, 64, 64}, 0});
  doc.pages[0].items.push_back(layout::ImageItem{{150, 200, 64, 64}, 1});
  doc.pages[0].items.push_back(layout::LinkItem{{72, 90, 100, 14}, "https://example.org/a", -1, 0});
  doc.metadata.title = "Notes on \"paper\" & <sizes>";
  doc.metadata.author = "Ada Example (@ada.example.org)";
  doc.metadata.subject = "https://example.org/post/1";
  doc.metadata.keywords = "Bluesky";
  doc.metadata.creator = "threadpdf 9.9";
  doc.metadata.creation_date = 1700000000;
  doc.metadata.source_url = "https://example.org/post/1?a=1&b=2";
  doc.metadata.captured_at = 1800000000;
  doc.attachments.push_back({"thread.json", "application/json", "The thread", "Source", "{\"posts\": []}\n"});
  return doc;
}

struct Xmp {
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc{nullptr, xmlFreeDoc};
  // The text of the first node `xpath` selects ("" when none).
  std::string at(const std::string& xpath) const {
    std::unique_ptr<xmlXPathContext, void (*)(xmlXPathContextPtr)> ctx(xmlXPathNewContext(doc.get()),
                                                                       xmlXPathFreeContext);
    const std::pair<const char*, const char*> ns[] = {{"x", "adobe:ns:meta/"},
                                                      {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
                                                      {"dc", "http://purl.org/dc/elements/1.1/"},
                                                      {"xmp", "http://ns.adobe.com/xap/1.0/"},
                                                      {"pdf", "http://ns.adobe.com/pdf/1.3/"},
                                                      {"pdfaid", "http://www.aiim.org/pdfa/ns/id/"}};
    for (auto [p, u] : ns) xmlXPathRegisterNs(ctx.get(), BAD_CAST p, BAD_CAST u);
    std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObjectPtr)> r(
        xmlXPathEvalExpression(BAD_CAST xpath.c_str(), ctx.get()), xmlXPathFreeObject);
    if (!r || !r->nodesetval || r->nodesetval->nodeNr == 0) return {};
    xmlChar* s = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
    std::string out = reinterpret_cast<const char*>(s);
    xmlFree(s);
    return out;
  }
};

Xmp parse_xmp(const std::string& bytes) {
  Xmp x;
  x.doc.reset(
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "xmp.xml", nullptr, XML_PARSE_NONET));
  return x;
}

std::string bytes_of(QPDFObjectHandle stream) {
  return stream.getStreamData(qpdf_dl_all)->getSize() ? [&] {
    auto b = stream.getStreamData(qpdf_dl_all);
    return std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize());
  }() : std::string();
}

// Every object reachable from the trailer, visited once.
void walk(QPDFObjectHandle h, std::set<QPDFObjGen>& seen, const std::function<void(QPDFObjectHandle)>& f) {
  if (h.isIndirect()) {
    if (!seen.insert(h.getObjGen()).second) return;
  }
  f(h);
  if (h.isArray()) {
    for (auto& item : h.aitems()) walk(item, seen, f);
  } else if (h.isDictionary() || h.isStream()) {
    QPDFObjectHandle d = h.isStream() ? h.getDict() : h;
    for (auto& [key, value] : d.ditems()) walk(value, seen, f);
  }
}

}  // namespace

TEST_CASE("PDF/A-3u: every clause threadpdf claims holds in the written file") {
  const std::string pdf = render::write_pdf(sample());
  const std::string path = test::write_file("pdfa.pdf", pdf);

  SUBCASE("qpdf --check finds nothing wrong") {
    auto r = test::run("qpdf --check '" + path + "'", true);
    CHECK(r.status == 0);
    CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
  }

  QPDF q;
  q.processMemoryFile("pdfa.pdf", pdf.data(), pdf.size());
  QPDFObjectHandle root = q.getRoot();
  QPDFObjectHandle info = q.getTrailer().getKey("/Info");

  SUBCASE("6.1.2: header %PDF-1.n and a binary comment line") {
    CHECK(pdf.rfind("%PDF-1.", 0) == 0);
    CHECK(static_cast<unsigned char>(pdf[10]) > 127);
  }

  SUBCASE("6.1.3: a trailer /ID of two strings, the same for the same document") {
    QPDFObjectHandle id = q.getTrailer().getKey("/ID");
    REQUIRE(id.isArray());
    REQUIRE(id.getArrayNItems() == 2);
    CHECK(id.getArrayItem(0).getStringValue().size() == 16);
    CHECK(id.getArrayItem(0).getStringValue() == id.getArrayItem(1).getStringValue());
    CHECK(render::write_pdf(sample()) == pdf);
    layout::Document other = sample();
    other.metadata.title = "Another title";
    QPDF q2;
    const std::string pdf2 = render::write_pdf(other);
    q2.processMemoryFile("other.pdf", pdf2.data(), pdf2.size());
    CHECK(q2.getTrailer().getKey("/ID").getArrayItem(0).getStringValue() !=
          id.getArrayItem(0).getStringValue());
  }

  SUBCASE("6.6.2: an uncompressed XMP packet that parses, identifies PDF/A-3U and matches /Info") {
    QPDFObjectHandle meta = root.getKey("/Metadata");
    REQUIRE(meta.isStream());
    CHECK(meta.getDict().getKey("/Type").getName() == "/Metadata");
    CHECK(meta.getDict().getKey("/Subtype").getName() == "/XML");
    CHECK(!meta.getDict().hasKey("/Filter"));
    const std::string xml = bytes_of(meta);
    CHECK(xml.find("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>") == 0);
    Xmp x = parse_xmp(xml);
    REQUIRE(x.doc);
    CHECK(x.at("//pdfaid:part") == "3");
    CHECK(x.at("//pdfaid:conformance") == "U");
    CHECK(x.at("//dc:title/rdf:Alt/rdf:li[@xml:lang='x-default']") == info.getKey("/Title").getUTF8Value());
    CHECK(x.at("//dc:title/rdf:Alt/rdf:li") == "Notes on \"paper\" & <sizes>");
    CHECK(x.at("//dc:creator/rdf:Seq/rdf:li") == info.getKey("/Author").getUTF8Value());
    CHECK(x.at("//dc:description/rdf:Alt/rdf:li") == info.getKey("/Subject").getUTF8Value());
    CHECK(x.at("//pdf:Keywords") == info.getKey("/Keywords").getUTF8Value());
    CHECK(x.at("//xmp:CreatorTool") == info.getKey("/Creator").getUTF8Value());
    CHECK(x.at("//pdf:Producer") == info.getKey("/Producer").getUTF8Value());
    CHECK(info.getKey("/CreationDate").getUTF8Value() == "D:20231114221320Z");
    CHECK(x.at("//xmp:CreateDate") == "2023-11-14T22:13:20Z");
    CHECK(info.getKey("/ModDate").getUTF8Value() == "D:20231114221320Z");
    CHECK(x.at("//xmp:ModifyDate") == "2023-11-14T22:13:20Z");
    CHECK(x.at("//dc:source") == "https://example.org/post/1?a=1&b=2");
    CHECK(x.at("//dc:date/rdf:Seq/rdf:li") == "2027-01-15T08:00:00Z");
  }

  SUBCASE("6.2.3: a GTS_PDFA1 output intent carrying the sRGB profile of icc-profiles-free") {
    QPDFObjectHandle intents = root.getKey("/OutputIntents");
    REQUIRE(intents.isArray());
    REQUIRE(intents.getArrayNItems() == 1);
    QPDFObjectHandle intent = intents.getArrayItem(0);
    CHECK(intent.getKey("/S").getName() == "/GTS_PDFA1");
    CHECK(intent.getKey("/OutputConditionIdentifier").getUTF8Value() == "sRGB IEC61966-2.1");
    QPDFObjectHandle profile = intent.getKey("/DestOutputProfile");
    REQUIRE(profile.isStream());
    CHECK(profile.getDict().getKey("/N").getIntValue() == 3);
    CHECK(bytes_of(profile) == test::read_file("/usr/share/color/icc/sRGB.icc"));
  }

  SUBCASE(
      "6.2.4: every image is DeviceRGB or ICC-based (soft masks DeviceGray), 6.2.10: a group where masked") {
    int images = 0, masked = 0;
    for (QPDFObjectHandle page : q.getAllPages()) {
      bool has_mask = false;
      for (auto& [name, xobject] : page.getKey("/Resources").getKey("/XObject").ditems()) {
        QPDFObjectHandle d = xobject.getDict();
        if (d.getKey("/Subtype").getName() != "/Image") continue;
        ++images;
        QPDFObjectHandle cs = d.getKey("/ColorSpace");
        const bool ok =
            (cs.isName() && cs.getName() == "/DeviceRGB") ||
            (cs.isArray() && cs.getArrayItem(0).getName() == "/ICCBased" && cs.getArrayItem(1).isStream());
        CHECK_MESSAGE(ok, name);
        if (d.hasKey("/SMask")) {
          has_mask = true;
          ++masked;
          CHECK(d.getKey("/SMask").getDict().getKey("/ColorSpace").getName() == "/DeviceGray");
        }
      }
      if (has_mask) {
        REQUIRE(page.hasKey("/Group"));
        CHECK(page.getKey("/Group").getKey("/S").getName() == "/Transparency");
        CHECK(page.getKey("/Group").getKey("/CS").getName() == "/DeviceRGB");
      }
    }
    CHECK(images == 2);
    CHECK(masked == 1);
  }

  SUBCASE("6.3.2: annotations are printed; 6.2.11: fonts embedded; 6.1.7/6.6.1: nothing forbidden") {
    std::set<QPDFObjGen> seen;
    int annots = 0, fonts = 0;
    walk(q.getTrailer(), seen, [&](QPDFObjectHandle h) {
      QPDFObjectHandle d = h.isStream() ? h.getDict() : h;
      if (!d.isDictionary()) return;
      for (const char* key : {"/JS", "/JavaScript", "/AA", "/XFA", "/Encrypt", "/OpenAction", "/RichMedia"})
        CHECK_MESSAGE(!d.hasKey(key), key);
      if (d.hasKey("/S") && d.getKey("/S").isName()) {
        const std::string s = d.getKey("/S").getName();
        for (const char* action : {"/Launch", "/JavaScript", "/ImportData", "/GoToR", "/SubmitForm",
                                   "/ResetForm", "/Sound", "/Movie"})
          CHECK_MESSAGE(s != action, action);
      }
      // A file specification without the file inside would point outside the PDF.
      if (d.hasKey("/Type") && d.getKey("/Type").isName() && d.getKey("/Type").getName() == "/Filespec")
        CHECK(d.hasKey("/EF"));
      if (d.hasKey("/Subtype") && d.getKey("/Subtype").isName() &&
          d.getKey("/Subtype").getName() == "/Link") {
        ++annots;
        CHECK((d.getKey("/F").getIntValue() & 4) == 4);
      }
      if (d.hasKey("/Type") && d.getKey("/Type").isName() &&
          d.getKey("/Type").getName() == "/FontDescriptor") {
        ++fonts;
        CHECK((d.hasKey("/FontFile2") || d.hasKey("/FontFile3") || d.hasKey("/FontFile")));
      }
    });
    CHECK(annots == 1);
    CHECK(fonts >= 1);
  }

  SUBCASE("6.8: attachments are associated files with a relationship, a MIME type and a date") {
    QPDFObjectHandle af = root.getKey("/AF");
    REQUIRE(af.isArray());
    REQUIRE(af.getArrayNItems() == 1);
    QPDFObjectHandle spec = af.getArrayItem(0);
    CHECK(spec.getKey("/AFRelationship").getName() == "/Source");
    CHECK(spec.getKey("/F").getUTF8Value() == "thread.json");
    CHECK(spec.getKey("/UF").getUTF8Value() == "thread.json");
    QPDFObjectHandle file = spec.getKey("/EF").getKey("/F");
    CHECK(file.getDict().getKey("/Subtype").getName() == "/application/json");
    CHECK(file.getDict().getKey("/Params").getKey("/ModDate").getUTF8Value() == "D:20231114221320Z");
    CHECK(bytes_of(file) == "{\"posts\": []}\n");
    auto r = test::run("pdfdetach -list '" + path + "'");
    CHECK(r.out.find("thread.json") != std::string::npos);
  }
}

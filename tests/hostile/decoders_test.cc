// Pictures made to cost a decoder far more than their size (issue 8, defect 8): each is built here
// byte by byte, named by a thread JSON, and converted by the real binary under a CPU and a memory
// limit on the child (run_limited; 160 MiB of address space, where threadpdf needs about 100 and the
// old decoders tried to take 220 MB to 1 GB). The picture must become a placeholder with a warning
// naming why, and the PDF must be written (exit 3: incomplete): a limit hit would kill the child
// or turn into "not enough memory".
#include <doctest/doctest.h>
#include <webp/encode.h>
#include <zlib.h>

#include <cstdint>
#include <sstream>
#include <string>

#include "../app/process.h"
#include "core/raster.h"

using namespace tp::test;

namespace {

std::string le16(unsigned v) { return {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8 & 0xFF)}; }
std::string le24(unsigned v) { return le16(v) + static_cast<char>(v >> 16 & 0xFF); }
std::string le32(std::uint32_t v) { return le16(v & 0xFFFF) + le16(v >> 16); }
std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16 & 0xFF), static_cast<char>(v >> 8 & 0xFF),
          static_cast<char>(v & 0xFF)};
}

// A PNG chunk whose length field says `claimed` (normally the data's size), with its CRC.
std::string chunk(const std::string& type, const std::string& data, std::uint32_t claimed) {
  std::string body = type + data;
  return be32(claimed) + body + be32(crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size()));
}
std::string chunk(const std::string& type, const std::string& data) { return chunk(type, data, data.size()); }

std::string png_start(std::uint32_t width, std::uint32_t height, char color_type) {
  return std::string("\x89PNG\r\n\x1a\n", 8) +
         chunk("IHDR", be32(width) + be32(height) + std::string{'\x08', color_type, '\0', '\0', '\0'});
}

// A GIF89a with a two-colour global table and one frame of one pixel (LZW: clear, 0, end).
std::string gif(unsigned screen_w, unsigned screen_h, unsigned frame_w, unsigned frame_h) {
  return std::string("GIF89a") + le16(screen_w) + le16(screen_h) + std::string("\x80\0\0", 3) +
         std::string("\0\0\0\xff\xff\xff", 6) + "," + le16(0) + le16(0) + le16(frame_w) + le16(frame_h) +
         std::string("\0\x02\x02\x44\x01\0;", 7);
}

// A thread of one post showing `name`; what threadpdf printed on stderr converting it.
std::string warnings_for(const std::string& name, const std::string& bytes) {
  TempDir dir;
  write_file(dir / name, bytes);
  std::string thread = R"({"format": "threadpdf-thread/1", "source": {"platform": "json"},
    "author": {"name": "Ada", "handle": "@ada"}, "posts": [{"id": "1", "text": "",
    "media": [{"kind": "image", "src": "NAME", "alt": "a hostile picture"}]}]})";
  thread.replace(thread.find("NAME"), 4, name);
  write_file(dir / "thread.json", thread);
  Ran r = run_limited(threadpdf() + " '" + (dir / "thread.json") + "' -o '" + (dir / "thread.pdf") + "'",
                      Limits{20, 160});
  // A PDF written without one of its pictures exits 3 ("the capture is incomplete").
  const bool warned = r.err.find("warning: ") != std::string::npos;
  CHECK_MESSAGE(r.status == (warned ? 3 : 0), r.err);
  CHECK(read_file(dir / "thread.pdf").rfind("%PDF-", 0) == 0);
  // The warnings, without the folder so that the expected lines can be written out.
  std::string out;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("warning: ", 0) != 0) continue;
    for (size_t at; (at = line.find(dir.path() + "/")) != std::string::npos;)
      line.erase(at, dir.path().size() + 1);
    out += line + "\n";
  }
  return out;
}

std::string warning(const std::string& name, const std::string& why) {
  return "warning: thread.json: post 1 image 1: " + name + ": " + why + "\n";
}

}  // namespace

TEST_CASE("png: a 1 KB file whose text chunk claims 1 GB") {
  std::string png = png_start(1, 1, '\0') + chunk("tEXt", std::string(1000, 'a'), 1u << 30);
  CHECK(png.size() < 1100);
  // What the chunk claims is never allocated: reading it runs out of file.
  CHECK(warnings_for("text.png", png) == warning("text.png", "truncated PNG data"));
  // The same for a chunk libpng keeps (an ICC profile).
  std::string icc = png_start(1, 1, '\0') + chunk("iCCP", std::string(1000, 'a'), 1u << 30);
  CHECK(warnings_for("icc.png", icc) == warning("icc.png", "truncated PNG data"));
}

TEST_CASE("png: 20000 x 5000 RGBA declared by a few hundred bytes") {
  std::string png = png_start(20000, 5000, '\x06') +
                    chunk("IDAT", std::string("\x78\x9c\x03\0\0\0\0\x01", 8)) + chunk("IEND", "");
  CHECK(warnings_for("big.png", png) == warning("big.png", "truncated PNG data"));
}

TEST_CASE("webp: a 44-byte file declaring an empty 10000 x 10000 animation") {
  std::string body = std::string("WEBP") + "VP8X" + le32(10) + std::string("\x02\0\0\0", 4) + le24(9999) +
                     le24(9999) + "ANIM" + le32(6) + std::string(6, '\0');
  std::string webp = "RIFF" + le32(body.size()) + body;
  CHECK(webp.size() == 44);
  // Damage, not an animation; and nothing of its canvas is allocated.
  CHECK(warnings_for("anim.webp", webp) == warning("anim.webp", "corrupt WebP data"));
}

TEST_CASE("webp: a lossy frame that claims 16383 x 6000 pixels") {
  std::string rgb(16 * 16 * 3, '\x80');
  uint8_t* out = nullptr;
  size_t n = WebPEncodeRGB(reinterpret_cast<const uint8_t*>(rgb.data()), 16, 16, 48, 80, &out);
  REQUIRE(n > 30);
  std::string webp(reinterpret_cast<const char*>(out), n);
  WebPFree(out);
  REQUIRE(webp.substr(12, 4) == "VP8 ");
  // The key frame's width and height (14 bits each, no scaling) follow its start code.
  webp.replace(26, 4, le16(16383) + le16(6000));
  CHECK(warnings_for("lossy.webp", webp) == warning("lossy.webp", "truncated WebP data"));
}

TEST_CASE("webp: 53 lossless bytes whose one-symbol codes paint 15881 x 6000 pixels for free") {
  // Found by fuzz_webp: libwebp decoded it (800 MB, 18 s under the sanitizers).
  const std::string head("RIFF,\0\0\0WEBPVP8L\x1f\0\0\0/\x08\x7e\x01\x12\xcd\x64\x44\xff\x03", 30);
  const std::string webp = head + std::string(14, '\x99') + "'" + std::string(8, '\0');
  REQUIRE(webp.size() == 53);
  CHECK(warnings_for("flat.webp", webp)
            .starts_with("warning: thread.json: post 1 image 1: flat.webp: implausible WebP data (15881 x "));
}

TEST_CASE("gif: a 7500 x 7500 screen or frame from a few dozen bytes") {
  std::string screen = gif(7500, 7500, 1, 1);
  CHECK(warnings_for("screen.gif", screen) ==
        warning("screen.gif", "corrupt GIF data (a 7500 x 7500 pixel screen in a file of " +
                                  std::to_string(screen.size()) + " bytes)"));
  CHECK(warnings_for("frame.gif", gif(1, 1, 7500, 7500)) == warning("frame.gif", "truncated GIF data"));
  CHECK(warnings_for("huge_frame.gif", gif(1, 1, 65535, 65535)) ==
        warning("huge_frame.gif",
                "corrupt GIF data (frame: image too large (65535 x 65535 pixels; at most 20000 a "
                "side and 100 megapixels are accepted))"));
  // The same file at a size its bytes can paint decodes.
  CHECK(warnings_for("small.gif", gif(1, 1, 1, 1)) == "");
}

// `threadpdf verify`: exit 0 when everything holds; 1 naming the first difference when one byte of
// the embedded thread, of a page, or after the signature changed.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <qpdf/QPDF.hh>

#include "app/process.h"

using namespace tp::test;

namespace {

const std::string kInput = TP_SOURCE_DIR "/examples/paper-sizes.json";
const std::string kEpoch = "SOURCE_DATE_EPOCH=1795512600 ";

Ran verify(const std::string& pdf, const std::string& extra = "") {
  return run(threadpdf() + " verify " + pdf + extra);
}

// A signed capture of the example, with a fresh self-signed certificate.
std::string signed_capture(const TempDir& dir) {
  REQUIRE(run("cd " + dir.path() + " && openssl req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem " +
              "-days 30 -subj '/CN=Verify Test' 2>/dev/null")
              .status == 0);
  Ran r = run(kEpoch + threadpdf() + " " + kInput + " -o " + (dir / "signed.pdf") + " --sign " +
              (dir / "k.pem") + " --cert " + (dir / "c.pem"));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return dir / "signed.pdf";
}

// The file offset of the first byte of page `n`'s (1-based) first content stream's data, by libqpdf.
size_t page_stream_data(const std::string& path, int n) {
  QPDF q;
  q.processFile(path.c_str());
  QPDFObjectHandle page = q.getAllPages().at(static_cast<size_t>(n - 1));
  QPDFObjectHandle contents = page.getKey("/Contents");
  if (contents.isArray()) contents = contents.getArrayItem(0);
  const qpdf_offset_t at = q.getXRefTable().at(contents.getObjGen()).getOffset();
  const std::string bytes = read_file(path);
  return bytes.find("stream", bytes.find(">>", static_cast<size_t>(at))) + 7;
}

}  // namespace

TEST_CASE("verify: a capture, signed or not, holds; --json says the same for machines") {
  TempDir dir;
  Ran plain_pdf = run(kEpoch + threadpdf() + " " + kInput + " -o " + (dir / "plain.pdf"));
  REQUIRE(plain_pdf.status == 0);
  Ran plain = verify(dir / "plain.pdf");
  CAPTURE(plain.out);
  CHECK(plain.status == 0);
  CHECK(plain.out.find("a threadpdf capture (threadpdf ") != std::string::npos);
  CHECK(plain.out.find("source: https://bsky.app/profile/ada.example.org/post/3kexample01\n") !=
        std::string::npos);
  CHECK(plain.out.find("captured: 2026-11-24T09:30:00Z\n") != std::string::npos);
  CHECK(plain.out.find("thread and pictures: match the manifest\n") != std::string::npos);
  CHECK(plain.out.find("signature: none\n") != std::string::npos);
  CHECK(plain.out.find("result: everything holds\n") != std::string::npos);

  const std::string pdf = signed_capture(dir);
  Ran s = verify(pdf);
  CAPTURE(s.out);
  CHECK(s.status == 0);
  CHECK(s.out.find("signature: valid, by Verify Test, at 2026-11-24T09:30:00Z\n") != std::string::npos);
  CHECK(s.out.find("signed bytes: the whole file\n") != std::string::npos);

  Ran j = verify(pdf, " --json");
  CHECK(j.status == 0);
  const nlohmann::json report = nlohmann::json::parse(j.out);
  CHECK(report["ok"] == true);
  CHECK(report["signature"]["signer"] == "Verify Test");
  CHECK(report["signature"]["covers_whole_file"] == true);
  CHECK(report["first_difference"].is_null());
}

TEST_CASE("verify: one byte after the signature, in a page, or in the embedded thread is named") {
  TempDir dir;
  const std::string pdf = signed_capture(dir);
  const std::string original = read_file(pdf);

  write_file(dir / "appended.pdf", original + "\n");
  Ran appended = verify(dir / "appended.pdf");
  CHECK(appended.status == 1);
  CHECK(appended.out.find("result: ALTERED: signed range: 1 bytes were added after the signed range") !=
        std::string::npos);

  std::string page = original;
  const size_t at = page_stream_data(pdf, 1) + 20;
  page[at] = static_cast<char>(page[at] ^ 0x01);
  write_file(dir / "page.pdf", page);
  Ran p = verify(dir / "page.pdf");
  CAPTURE(p.out);
  CHECK(p.status == 1);
  const bool named =
      p.out.find("result: ALTERED: page 1: its content no longer decodes") != std::string::npos ||
      p.out.find("result: ALTERED: signature: the signed bytes were changed after signing") !=
          std::string::npos;
  CHECK(named);
  CHECK(p.out.find("signature: INVALID") != std::string::npos);

  // The embedded thread, edited in the uncompressed (QDF) form of an unsigned capture: one letter of
  // post 2 changed, lengths repaired by fix-qdf, so the file itself is sound.
  REQUIRE(run(kEpoch + threadpdf() + " " + kInput + " -o " + (dir / "plain.pdf")).status == 0);
  REQUIRE(
      run("qpdf --qdf --object-streams=disable " + (dir / "plain.pdf") + " " + (dir / "qdf.pdf")).status ==
      0);
  std::string qdf = read_file(dir / "qdf.pdf");
  const nlohmann::json thread = nlohmann::json::parse(read_file(kInput));
  const std::string words = thread["posts"][1]["text"].get<std::string>().substr(0, 12);
  const size_t in_json = qdf.find("\"text\": \"" + words);
  REQUIRE(in_json != std::string::npos);
  qdf[in_json + 9] = static_cast<char>(qdf[in_json + 9] == 'X' ? 'Y' : 'X');
  write_file(dir / "edited.qdf", qdf);
  REQUIRE(run("fix-qdf " + (dir / "edited.qdf") + " > " + (dir / "edited.pdf")).status == 0);
  Ran edited = verify(dir / "edited.pdf");
  CAPTURE(edited.out);
  CHECK(edited.status == 1);
  CHECK(edited.out.find("thread and pictures: DO NOT match the manifest") != std::string::npos);
  CHECK(edited.out.find("result: ALTERED: post 2: differs from the manifest") != std::string::npos);
  Ran ej = verify(dir / "edited.pdf", " --json");
  CHECK(nlohmann::json::parse(ej.out)["first_difference"]["what"] == "post 2");

  // Not a capture at all.
  REQUIRE(run("qpdf --empty " + (dir / "empty.pdf")).status == 0);
  Ran empty = verify(dir / "empty.pdf");
  CHECK(empty.status == 1);
  CHECK(empty.out.find("result: not a threadpdf capture") != std::string::npos);
  CHECK(verify("").status == 2);
}

// libqpdf is called from threadpdf-qpdf.so, opened with dlopen when a PDF is first read back
// (evidence/qpdf_reader.h): converting thread JSON must not pay for loading it and the GnuTLS
// stack it links. The dynamic loader's trace (LD_DEBUG=files) names every object it maps.
TEST_CASE("libqpdf is loaded by verify and by a PDF input, never by a conversion of thread JSON") {
  TempDir dir;
  Ran convert = run(kEpoch + "LD_DEBUG=files " + threadpdf() + " " + kInput + " -o " + (dir / "a.pdf"));
  REQUIRE_MESSAGE(convert.status == 0, convert.err);
  CHECK(convert.err.find("file=libhpdf") != std::string::npos);  // the trace is there, and read
  CHECK(convert.err.find("qpdf") == std::string::npos);

  Ran checked = run("LD_DEBUG=files " + threadpdf() + " verify " + (dir / "a.pdf"));
  CHECK(checked.status == 0);
  CHECK(checked.err.find("file=libqpdf.so.29") != std::string::npos);
  Ran again =
      run(kEpoch + "LD_DEBUG=files " + threadpdf() + " " + (dir / "a.pdf") + " -o " + (dir / "b.pdf"));
  CHECK(std::filesystem::exists(dir / "b.pdf"));  // rendered again from the capture inside
  CHECK(again.err.find("file=libqpdf.so.29") != std::string::npos);
}

// A copy of the program moved away from its build tree and its ../lib/threadpdf/ finds no module:
// one line naming it and the package that provides libqpdf, exit 1, no PDF; thread JSON still converts.
TEST_CASE("a program without its threadpdf-qpdf.so reads no PDF back, in one line, and still converts") {
  TempDir dir;
  REQUIRE(run("mkdir -p " + (dir / "bin") + " && cp " + threadpdf() + " " + (dir / "bin/threadpdf")).status ==
          0);
  const std::string moved = "THREADPDF_DATA_DIR=" TP_SOURCE_DIR " " + (dir / "bin/threadpdf");
  Ran convert = run(kEpoch + moved + " " + kInput + " -o " + (dir / "a.pdf"));
  REQUIRE_MESSAGE(convert.status == 0, convert.err);
  Ran r = run(kEpoch + moved + " " + (dir / "a.pdf") + " -o " + (dir / "b.pdf"));
  CHECK(r.status == 1);
  CHECK(r.err.starts_with("threadpdf-qpdf.so: cannot be loaded ("));
  CHECK(r.err.find("libqpdf29") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(std::filesystem::exists(dir / "b.pdf"));
}

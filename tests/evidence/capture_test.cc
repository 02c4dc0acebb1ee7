// The thread inside the PDF, end to end: what threadpdf embeds, and what it gets back from the PDF
// alone (re-rendering, --json), read with the tools a user has (pdfdetach) and libqpdf.
#include "evidence/capture.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <qpdf/QPDF.hh>

#include "app/process.h"
#include "model/thread.h"
#include "parse/parse.h"

using namespace tp;
using namespace tp::test;

namespace {

const std::string kExamples = TP_SOURCE_DIR "/examples";
const std::string kEpoch = "SOURCE_DATE_EPOCH=1795512600 ";

Ran threadpdf_run(const std::string& args) { return run(kEpoch + threadpdf() + " " + args); }

std::string convert(const TempDir& dir, const std::string& input, const std::string& name,
                    const std::string& extra = "") {
  const std::string pdf = dir / (name + ".pdf");
  Ran r = threadpdf_run(input + " -o " + pdf + " " + extra);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return pdf;
}

}  // namespace

TEST_CASE("the thread JSON, its manifest and (with --embed-media) the pictures are inside the PDF") {
  TempDir dir;
  const std::string input = kExamples + "/world-scripts.json";
  const std::string pdf = convert(dir, input, "with", "--embed-media");
  Ran list = run("pdfdetach -list " + pdf);
  REQUIRE(list.status == 0);
  CHECK(list.out.find("thread.json") != std::string::npos);
  CHECK(list.out.find("manifest.json") != std::string::npos);
  CHECK(list.out.find("media-") != std::string::npos);

  // What pdfdetach saves is what --json writes for the same input.
  Ran json = threadpdf_run(input + " --dump model --json " + (dir / "expected.json"));
  REQUIRE(json.status == 0);
  REQUIRE(run("cd " + dir.path() + " && pdfdetach -saveall " + pdf).status == 0);
  CHECK(read_file(dir / "thread.json") == read_file(dir / "expected.json"));

  // Each embedded picture is the file the thread names, byte for byte (not the PDF's scaled copy).
  evidence::Capture c = evidence::read_capture(read_file(pdf), pdf);
  REQUIRE(!c.media_by_src.empty());
  for (const auto& [src, bytes] : c.media_by_src)
    CHECK_MESSAGE(bytes == read_file(kExamples + "/" + src), src);

  // Without --embed-media the pictures stay out; the thread and manifest are always in.
  const std::string plain = convert(dir, input, "plain");
  Ran plain_list = run("pdfdetach -list " + plain);
  CHECK(plain_list.out.find("thread.json") != std::string::npos);
  CHECK(plain_list.out.find("media-") == std::string::npos);
}

TEST_CASE("a PDF renders again from its own thread: the same bytes, or another layout, with no network") {
  TempDir dir;
  const std::string first = convert(dir, kExamples + "/world-scripts.json", "first", "--embed-media");
  const std::string again = convert(dir, first, "again", "--embed-media");
  CHECK(read_file(again) == read_file(first));

  // Another layout, from a copy of the PDF in a folder with nothing else: the pictures come from
  // inside it (pdfimages counts the same pictures as in the first PDF).
  TempDir alone;
  run("cp " + first + " " + (alone / "saved.pdf"));
  Ran book = threadpdf_run((alone / "saved.pdf") + " -o " + (alone / "book.pdf") + " --layout book");
  REQUIRE_MESSAGE(book.status == 0, book.err);
  CHECK(book.err.find("warning") == std::string::npos);
  auto images = [](const std::string& pdf) {
    return run("pdfimages -list " + pdf + " | tail -n +3 | wc -l").out;
  };
  CHECK(images(alone / "book.pdf") == images(first));
  const nlohmann::json thread = nlohmann::json::parse(read_file(kExamples + "/world-scripts.json"));
  const std::string text = squash(run("pdftotext -enc UTF-8 " + (alone / "book.pdf") + " -").out);
  const std::string n = std::to_string(thread["posts"].size());
  for (size_t i = 1; i <= thread["posts"].size(); ++i)
    CHECK_MESSAGE(text.find(std::to_string(i) + "/" + n) != std::string::npos, i);
}

TEST_CASE("--json gets the embedded thread back byte for byte") {
  TempDir dir;
  const std::string input = kExamples + "/paper-sizes.json";
  const std::string pdf = convert(dir, input, "saved");
  Ran r = threadpdf_run(pdf + " --json " + (dir / "back.json"));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  Ran direct = threadpdf_run(input + " --dump model --json " + (dir / "direct.json"));
  REQUIRE(direct.status == 0);
  CHECK(read_file(dir / "back.json") == read_file(dir / "direct.json"));
  CHECK(!run("ls " + (dir / "saved.pdf")).out.empty());
}

TEST_CASE("a PDF input: clear errors, and it is never overwritten") {
  TempDir dir;
  REQUIRE(run("qpdf --empty " + (dir / "foreign.pdf")).status == 0);
  Ran foreign = threadpdf_run((dir / "foreign.pdf") + " -o " + (dir / "out.pdf"));
  CHECK(foreign.status == 1);
  CHECK(foreign.err.find("foreign.pdf: is a PDF without an embedded thread") != std::string::npos);
  CHECK(read_file(dir / "out.pdf").empty());

  write_file(dir / "broken.pdf", "%PDF-1.5\nnot really\n");
  Ran broken = threadpdf_run((dir / "broken.pdf") + " -o " + (dir / "out.pdf"));
  CHECK(broken.status == 1);
  CHECK(broken.err.find("broken.pdf: not a PDF that can be read: ") != std::string::npos);

  const std::string pdf = convert(dir, kExamples + "/paper-sizes.json", "saved");
  const std::string before = read_file(pdf);
  Ran no_output = threadpdf_run(pdf);
  CHECK(no_output.status == 2);
  CHECK(no_output.err.find("give -o FILE") != std::string::npos);
  CHECK(read_file(pdf) == before);
}

TEST_CASE("a thread from a PDF may not name local files: without embedded pictures they are missing") {
  TempDir dir;
  // paper-sizes.json names img/... files beside it; the PDF is re-rendered in another folder.
  const std::string pdf = convert(dir, kExamples + "/paper-sizes.json", "saved");
  run("mkdir -p " + (dir / "img") + " && cp " + kExamples + "/img/* " + (dir / "img"));
  Ran r = threadpdf_run(pdf + " -o " + (dir / "again.pdf"));
  CHECK_MESSAGE(r.status == 3, r.err);  // written, with the pictures missing
  CHECK(r.err.find("not an http or https URL") != std::string::npos);
}

TEST_CASE("manifest: each post's canonical JSON, each picture's bytes and the thread JSON, by SHA-256") {
  // The canonical form docs/manifest.md defines, on a post small enough to write out by hand.
  model::Post small;
  small.id = "1";
  small.text = "Hi \"you\" é";
  CHECK(parse::write_post_json(small) == "{\"id\":\"1\",\"text\":\"Hi \\\"you\\\" é\"}");

  TempDir dir;
  const std::string input = kExamples + "/paper-sizes.json";
  const std::string pdf = convert(dir, input, "saved", "--embed-media");
  REQUIRE(run("cd " + dir.path() + " && pdfdetach -saveall " + pdf).status == 0);
  const nlohmann::json manifest = nlohmann::json::parse(read_file(dir / "manifest.json"));
  auto sha256sum = [&](const std::string& path) {
    return run("sha256sum < '" + path + "'").out.substr(0, 64);
  };

  CHECK(manifest["format"] == "threadpdf-manifest/1");
  CHECK(manifest["tool"].get<std::string>().rfind("threadpdf ", 0) == 0);
  CHECK(manifest["thread"]["sha256"] == sha256sum(dir / "thread.json"));
  CHECK(manifest["captured_at"] == "2026-11-24T09:30:00Z");

  const model::Thread thread = parse::read_thread_json(read_file(input), input);
  REQUIRE(manifest["posts"].size() == thread.posts.size());
  for (size_t i = 0; i < thread.posts.size(); ++i) {
    write_file(dir / "post.json", parse::write_post_json(thread.posts[i]));
    CHECK(manifest["posts"][i]["id"] == thread.posts[i].id);
    CHECK(manifest["posts"][i]["sha256"] == sha256sum(dir / "post.json"));
  }
  REQUIRE(manifest["media"].size() >= 3);
  for (const auto& m : manifest["media"]) {
    const std::string src = m["src"];
    CHECK_MESSAGE(m["sha256"] == sha256sum(kExamples + "/" + src), src);
    CHECK(m["sha256"] == sha256sum(dir / m["file"].get<std::string>()));
  }
}

TEST_CASE("the provenance appendix: in the briefing layout, with --provenance, and not otherwise") {
  TempDir dir;
  const std::string input = kExamples + "/paper-sizes.json";
  auto text = [&](const std::string& extra, const std::string& name) {
    return squash(run("pdftotext -enc UTF-8 " + convert(dir, input, name, extra) + " -").out);
  };
  const std::string plain = text("", "plain");
  CHECK(plain.find("Provenance") == std::string::npos);
  for (const std::string& extra : {std::string("--provenance"), std::string("--layout briefing")}) {
    const std::string t = text(extra, "with");
    CHECK_MESSAGE(t.find("Provenance Captured: 2026-11-24T09:30:00Z") != std::string::npos, extra);
    CHECK(t.find("Made by: threadpdf ") != std::string::npos);
    REQUIRE(run("cd " + dir.path() + " && pdfdetach -saveall " + (dir / "with.pdf")).status == 0);
    const nlohmann::json manifest = nlohmann::json::parse(read_file(dir / "manifest.json"));
    CHECK(t.find(manifest["thread"]["sha256"].get<std::string>()) != std::string::npos);
    for (const auto& p : manifest["posts"])
      CHECK(t.find(p["sha256"].get<std::string>()) != std::string::npos);
  }
}

TEST_CASE("the examples are PDF/A-3u with their threads inside") {
  TempDir dir;
  for (const char* example : {"paper-sizes.json", "night-trains.txt", "world-scripts.json"}) {
    CAPTURE(example);
    const std::string pdf = convert(dir, kExamples + "/" + example, "example", "--embed-media");
    QPDF q;
    q.processFile(pdf.c_str());
    auto xmp = q.getRoot().getKey("/Metadata").getStreamData(qpdf_dl_all);
    const std::string x(reinterpret_cast<const char*>(xmp->getBuffer()), xmp->getSize());
    CHECK(x.find("<pdfaid:part>3</pdfaid:part>") != std::string::npos);
    CHECK(x.find("<pdfaid:conformance>U</pdfaid:conformance>") != std::string::npos);
    CHECK(q.getRoot().getKey("/OutputIntents").isArray());
    CHECK(run("qpdf --check " + pdf).status == 0);
    const evidence::Capture c = evidence::read_capture(read_file(pdf), pdf);
    Ran json = threadpdf_run(kExamples + "/" + example + " --dump model --json " + (dir / "direct.json"));
    REQUIRE(json.status == 0);
    CHECK(c.thread_json == read_file(dir / "direct.json"));
    CHECK(run(threadpdf() + " verify " + pdf).status == 0);
  }
}

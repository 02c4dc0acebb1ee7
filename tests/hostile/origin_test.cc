// Remote content never makes threadpdf read a local file: a loopback server playing a Mastodon
// instance sends a status whose avatar, picture, poster and card image are paths of a file on this
// machine. The real binary must print none of it, say why, and keep it out of an --archive too.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "app/process.h"
#include "media/write.h"
#include "support/http_server.h"

using namespace tp;
using namespace tp::test;
using nlohmann::json;

namespace {

// A picture of a size nothing else in these threads has, so pdfimages can tell it apart.
std::string secret_png() {
  Raster r;
  r.encoding = Raster::Encoding::Rgb8;
  r.width = 97;
  r.height = 61;
  r.data.assign(static_cast<size_t>(r.width * r.height * 3), '\x7f');
  return media::write_png(r);
}

// One Mastodon status (no replies) whose every picture names `path`; a relative name too.
json status_naming(const std::string& path) {
  json account = {{"id", "1"},
                  {"username", "ana"},
                  {"acct", "ana"},
                  {"display_name", "Ana"},
                  {"url", "https://social.example/@ana"},
                  {"avatar", path},
                  {"avatar_static", path}};
  json image = {
      {"id", "7"}, {"type", "image"}, {"url", path}, {"preview_url", path}, {"description", "a picture"}};
  json video = {{"id", "8"},
                {"type", "video"},
                {"url", "https://files.social.example/v.mp4"},
                {"preview_url", "secret.png"}};
  return {{"id", "112000000000000020"},
          {"created_at", "2026-11-20T08:00:00.000Z"},
          {"in_reply_to_id", nullptr},
          {"url", "https://social.example/@ana/112000000000000020"},
          {"content", "<p>Hello</p>"},
          {"spoiler_text", ""},
          {"account", account},
          {"media_attachments", json::array({image, video})},
          {"mentions", json::array()},
          {"tags", json::array()},
          {"emojis", json::array()},
          {"card", {{"url", "https://example.org/a"}, {"title", "A"}, {"image", path}}}};
}

// Images of the secret's size (pdfimages -list: page num type width height ...).
int secret_images(const std::string& pdf) {
  Ran listed = run("pdfimages -list " + pdf);
  REQUIRE(listed.status == 0);
  std::istringstream lines(listed.out);
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string page, num, type, width, height;
    fields >> page >> num >> type >> width >> height;
    n += width == "97" && height == "61";
  }
  return n;
}

}  // namespace

TEST_CASE("a fetched thread that names local files gets none of them, nor does its archive") {
  TempDir dir;
  const std::string secret = dir / "secret.png";
  write_file(secret, secret_png());
  // The file is readable and a valid picture: only the origin check keeps it out.

  HttpServer server;
  const json status = status_naming(secret);
  server.route("/api/v1/statuses/112000000000000020",
               HttpReply{200, {{"Content-Type", "application/json"}}, status.dump()});
  server.route(
      "/api/v1/statuses/112000000000000020/context",
      HttpReply{200, {{"Content-Type", "application/json"}}, R"({"ancestors":[],"descendants":[]})"});
  const std::string env = "cd " + dir.path() + " && XDG_CACHE_HOME=" + (dir / "cache") +
                          " SOURCE_DATE_EPOCH=1795512600 THREADPDF_HTTP_TIMEOUT=5 THREADPDF_HTTP_RETRIES=1 ";
  const std::string url = server.url("/@ana/112000000000000020");

  Ran ran = run_limited(env + threadpdf() + " '" + url + "' -o " + (dir / "out.pdf"));
  INFO(ran.err);
  CHECK((ran.status == 0 || ran.status == 3));  // written; the pictures are a loss, not an error
  CHECK(ran.err.find(secret +
                     ": not an http or https URL (a thread from the network may not name local files)") !=
        std::string::npos);
  CHECK(ran.err.find(": secret.png: not an http or https URL") != std::string::npos);  // the relative poster
  CHECK(secret_images(dir / "out.pdf") == 0);
  // Nothing but the status and its context was asked of the server either.
  CHECK(server.requests().size() == 2);

  // With --archive the thread is rendered from the archive's folder, which holds only what was
  // fetched: the absolute path lies outside it, the relative one names nothing the archive wrote.
  Ran archived = run_limited(env + threadpdf() + " '" + url + "' -o " + (dir / "out2.pdf") + " --archive " +
                             (dir / "saved"));
  INFO(archived.err);
  CHECK((archived.status == 0 || archived.status == 3));
  CHECK(archived.err.find("not archived: " + secret + ": not an http or https URL") != std::string::npos);
  CHECK(secret_images(dir / "out2.pdf") == 0);

  // The archive keeps the sources as the server sent them, but rendering it reads none of them:
  // they lie outside the archive's folder.
  Ran again =
      run_limited(env + threadpdf() + " " + (dir / "saved/thread.json") + " -o " + (dir / "again.pdf"));
  INFO(again.err);
  CHECK((again.status == 0 || again.status == 3));
  CHECK(again.err.find("outside the thread's folder") != std::string::npos);
  CHECK(secret_images(dir / "again.pdf") == 0);
}

TEST_CASE("a Thread Reader App page whose pictures name local files gets none of them") {
  TempDir dir;
  const std::string secret = dir / "secret.png";
  write_file(secret, secret_png());
  std::string page = read_file(std::string(TP_TEST_DATA) + "/sources/threadreader_page.html");
  for (const std::string from : {"https://pbs.twimg.com/media/GAbCdEf1.jpg",
                                 "https://pbs.twimg.com/profile_images/1111/leila_bigger.jpg"}) {
    const size_t at = page.find(from);
    REQUIRE(at != std::string::npos);
    page.replace(at, from.size(), secret);
  }
  HttpServer server;
  const std::string root = "1874097816571961000";
  server.route(
      "/api/v0/ping/" + root + ".json",
      HttpReply{200, {{"Content-Type", "application/json"}}, R"({"code":200,"pong":")" + root + "\"}"});
  server.route("/thread/" + root + ".html",
               HttpReply{200, {{"Content-Type", "text/html; charset=utf-8"}}, page});
  const std::string env = "cd " + dir.path() + " && XDG_CACHE_HOME=" + (dir / "cache") +
                          " SOURCE_DATE_EPOCH=1795512600 THREADPDF_HTTP_TIMEOUT=5 THREADPDF_HTTP_RETRIES=1 ";
  Ran ran = run_limited(env + threadpdf() + " https://threadreaderapp.com/thread/" + root + ".html -o " +
                        (dir / "out.pdf") + " --api-base threadreader=" + server.url(""));
  INFO(ran.err);
  REQUIRE((ran.status == 0 || ran.status == 3));
  CHECK(ran.err.find(secret + ": not an http or https URL") != std::string::npos);
  CHECK(secret_images(dir / "out.pdf") == 0);
}

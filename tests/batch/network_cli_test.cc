// The network options end to end, the threadpdf binary against loopback servers: an access token
// reaches its own site and nothing else and is never written anywhere, a Bluesky login and its
// saved session, --proxy, --no-cache, --clear-cache, --cache-max-mb, the pictures count of the
// progress line, and --merge-reports.
#include <doctest/doctest.h>
#include <poll.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <mutex>

#include "batch/e2e_support.h"
#include "support/fake_web.h"

using namespace tp::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kToken = "tok-7Qz9-never-printed";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// Every file under `dir`, read whole (the cache, an archive, a report).
std::string all_files(const std::string& dir) {
  std::string out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out += read_file(e.path().string());
  return out;
}

// A Mastodon thread of one post with two pictures on another machine (127.0.0.2): one linked
// directly, one through a redirect from the instance.
struct TokenWorld {
  HttpServer instance{"127.0.0.1"};
  HttpServer elsewhere{"127.0.0.2"};
  FakeMastodon fake{instance};
  std::string url;
  std::string site;  // 127.0.0.1:PORT

  TokenWorld() {
    FakePicture png{FakeWeb::png_small(), "image/png", 64, 48, "a picture"};
    const size_t t = fake.add_thread("tok", {FakePost{"A post that needs a token.", {png, png}}});
    const std::string id = fake.id(t);
    std::string status = fake.status_json(t, 0);
    status = replace_all(status, instance.url("/media/" + id + "-0.png"), elsewhere.url("/direct.png"));
    status = replace_all(status, instance.url("/media/" + id + "-1.png"), instance.url("/hop.png"));
    instance.route("/api/v1/statuses/" + id, HttpReply{200, {{"Content-Type", "application/json"}}, status});
    instance.route("/hop.png", HttpReply{302, {{"Location", elsewhere.url("/redirected.png")}}, ""});
    elsewhere.route("/direct.png", HttpReply{200, {{"Content-Type", "image/png"}}, FakeWeb::png_small()});
    elsewhere.route("/redirected.png", HttpReply{200, {{"Content-Type", "image/png"}}, FakeWeb::png_small()});
    url = fake.url(t);
    site = "127.0.0.1:" + std::to_string(instance.port());
  }
};

// Runs `command` on a pseudo-terminal of its own; once it has printed `prompt`, types `answer`.
// Returns what appeared on the terminal (as `out`) and the exit status.
Ran run_on_pty(const std::string& command, const std::string& prompt, const std::string& answer) {
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  Ran r;
  if (pid < 0) return r;
  bool answered = false;
  char buf[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 30000) <= 0) break;  // a program that stops talking for 30 s has hung
    const ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO: the child closed the terminal
    r.out.append(buf, static_cast<size_t>(n));
    if (!answered && r.out.find(prompt) != std::string::npos) {
      answered = ::write(master, answer.data(), answer.size()) == static_cast<ssize_t>(answer.size());
    }
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("--token reaches its own site only, never a redirect elsewhere, and is written nowhere") {
  TokenWorld w;
  TempDir dir;
  const std::string env = batch_env(dir);
  const std::string pdf = dir / "out.pdf";
  Ran r =
      run(env + threadpdf() + " -v '" + w.url + "' -o " + pdf + " --json " + dir / "out.json" +
          " --archive " + dir / "archive" + " --provenance --embed-media --token " + w.site + "=" + kToken);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  size_t api = 0;
  for (const HttpRequest& q : w.instance.requests()) {
    CHECK_MESSAGE(q.header("authorization") == std::string("Bearer ") + kToken, q.target);
    api += q.path.rfind("/api/", 0) == 0;
  }
  CHECK(api >= 2);  // the status and its context
  const auto elsewhere = w.elsewhere.requests();
  CHECK(w.elsewhere.count("/direct.png") == 1);
  CHECK(w.elsewhere.count("/redirected.png") == 1);  // followed, but without the token
  for (const HttpRequest& q : elsewhere) CHECK_MESSAGE(q.header("authorization").empty(), q.target);

  // Whatever the run wrote or printed: the PDF (also decompressed), the JSON, the archive, the cache.
  const std::string qdf = dir / "qdf.pdf";
  run("qpdf --qdf --object-streams=disable " + pdf + " " + qdf);
  REQUIRE(fs::exists(qdf));
  const std::string everything = r.out + r.err + read_file(pdf) + read_file(qdf) +
                                 read_file(dir / "out.json") + all_files(dir / "archive") +
                                 all_files(dir / "cache");
  CHECK(everything.find(kToken) == std::string::npos);
  CHECK(everything.find("tok-7Qz9") == std::string::npos);

  // The same from the environment, in a batch with a report and a dump.
  const std::string var = "THREADPDF_TOKEN_127_0_0_1_" + std::to_string(w.instance.port());
  TempDir batch;
  write_file(batch / "list.txt", w.url + "\n");
  const size_t before = w.instance.requests().size();
  Ran b = run(batch_env(batch) + var + "=" + kToken + " " + threadpdf() + " -v --batch " +
              batch / "list.txt" + " -o " + batch / "pdfs" + " --report " + batch / "report.jsonl");
  REQUIRE_MESSAGE(b.status == 0, b.err);
  const auto seen = w.instance.requests();
  REQUIRE(seen.size() > before);
  for (size_t i = before; i < seen.size(); ++i)
    CHECK(seen[i].header("authorization") == std::string("Bearer ") + kToken);
  Ran dump = run(batch_env(batch) + var + "=" + kToken + " " + threadpdf() + " --dump model '" + w.url + "'");
  CHECK(dump.status == 0);
  CHECK((b.out + b.err + all_files(batch.path()) + dump.out + dump.err).find(kToken) == std::string::npos);
}

TEST_CASE("a refused token fails with the URL the user typed, not the token") {
  HttpServer instance;
  instance.route(
      "/api/v1/statuses/109999999999999999",
      HttpReply{401, {{"Content-Type", "application/json"}}, R"({"error":"The access token is invalid"})"});
  TempDir dir;
  const std::string url = instance.url("/@someone/109999999999999999");
  Ran r = run(batch_env(dir) + threadpdf() + " -v '" + url + "' -o " + dir / "x.pdf" +
              " --token 127.0.0.1:" + std::to_string(instance.port()) + "=" + kToken);
  CHECK(r.status == 1);
  CHECK_MESSAGE(r.err.rfind(url + ": not public", 0) == 0, r.err);
  CHECK((r.out + r.err).find(kToken) == std::string::npos);
  // A malformed token is refused before anything is sent, without showing it.
  Ran bad = run(batch_env(dir) + threadpdf() + " '" + url + "' --token '127.0.0.1=has space " + kToken + "'");
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--token") != std::string::npos);
  CHECK(bad.err.find(kToken) == std::string::npos);
}

TEST_CASE("--login: createSession with the app password, the session saved 0600 and reused") {
  FakeWeb web;
  web.serve_bluesky();
  HttpServer& s = web.server();
  auto sessions = std::make_shared<std::atomic<int>>(0);
  s.route("/xrpc/com.atproto.server.createSession", [sessions](const HttpRequest& q) {
    json body = json::parse(q.body, nullptr, false);
    if (q.method != "POST" || !body.is_object() || body.value("identifier", "") != "reader.example.com" ||
        body.value("password", "") != "abcd-efgh-ijkl-mnop")
      return HttpReply{401,
                       {{"Content-Type", "application/json"}},
                       R"({"error":"AuthenticationRequired","message":"Invalid identifier or password"})"};
    ++*sessions;
    return HttpReply{200,
                     {{"Content-Type", "application/json"}},
                     json{{"accessJwt", "jwt-access-secret"},
                          {"refreshJwt", "jwt-refresh-secret"},
                          {"handle", "reader.example.com"},
                          {"did", "did:plc:reader"}}
                         .dump()};
  });
  auto refreshes = std::make_shared<std::atomic<int>>(0);
  s.route("/xrpc/com.atproto.server.refreshSession", [refreshes](const HttpRequest& q) {
    if (q.method != "POST" || q.header("authorization") != "Bearer jwt-refresh-secret")
      return HttpReply{400, {{"Content-Type", "application/json"}}, R"({"error":"ExpiredToken"})"};
    ++*refreshes;
    return HttpReply{200,
                     {{"Content-Type", "application/json"}},
                     json{{"accessJwt", "jwt-access-renewed"}, {"refreshJwt", "jwt-refresh-renewed"}}.dump()};
  });
  TempDir dir;
  const std::string post = "https://bsky.app/profile/zofia.example.com/post/3kp4a22222222";
  const std::string cmd = threadpdf() + " -v '" + post + "' --api-base bluesky=" + web.base() +
                          " --login reader.example.com --no-cache -o ";

  Ran wrong = run(batch_env(dir) + "THREADPDF_APP_PASSWORD=wrong-pass-word " + cmd + dir / "a.pdf");
  CHECK(wrong.status == 1);
  CHECK_MESSAGE(wrong.err.find("--login reader.example.com: Bluesky refused the handle or app password") == 0,
                wrong.err);
  CHECK(wrong.err.find("wrong-pass-word") == std::string::npos);

  Ran none = run(batch_env(dir) + cmd + dir / "a.pdf");
  CHECK(none.status == 1);
  CHECK_MESSAGE(none.err.find("THREADPDF_APP_PASSWORD") != std::string::npos, none.err);

  Ran first = run(batch_env(dir) + "THREADPDF_APP_PASSWORD=abcd-efgh-ijkl-mnop " + cmd + dir / "a.pdf");
  REQUIRE_MESSAGE(first.status == 0, first.err);
  CHECK(sessions->load() == 1);
  size_t api = 0;
  for (const HttpRequest& q : s.requests())
    if (q.path.rfind("/xrpc/app.bsky.", 0) == 0) {
      ++api;
      CHECK(q.header("authorization") == "Bearer jwt-access-secret");
    }
  CHECK(api >= 1);
  // The session file: in the cache folder, readable and writable by its owner only.
  fs::path folder = fs::path(dir / "cache") / "threadpdf" / "sessions";
  REQUIRE(fs::is_directory(folder));
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path());
  REQUIRE(files.size() == 1);
  struct stat st {};
  REQUIRE(::stat(files[0].c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(::stat(folder.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  CHECK((first.out + first.err + read_file(dir / "a.pdf")).find("jwt-access-secret") == std::string::npos);

  // The next run needs no password: the saved session is used.
  Ran second = run(batch_env(dir) + cmd + dir / "b.pdf");
  CHECK_MESSAGE(second.status == 0, second.err);
  CHECK(sessions->load() == 1);
  // A session more than an hour old is renewed with its refresh token, not with the password.
  json saved = json::parse(read_file(files[0].string()));
  saved["created"] = 1000;
  write_file(files[0].string(), saved.dump());
  Ran renewed = run(batch_env(dir) + cmd + dir / "b.pdf");
  CHECK_MESSAGE(renewed.status == 0, renewed.err);
  CHECK(sessions->load() == 1);
  CHECK(refreshes->load() == 1);
  CHECK(json::parse(read_file(files[0].string()))["accessJwt"] == "jwt-access-renewed");
  for (const HttpRequest& q : s.requests())
    if (q.path == "/xrpc/com.atproto.server.refreshSession")
      CHECK(q.header("authorization") == "Bearer jwt-refresh-secret");
  // --clear-cache alone forgets it.
  Ran clear = run(batch_env(dir) + threadpdf() + " --clear-cache");
  CHECK_MESSAGE(clear.status == 0, clear.err);
  CHECK(clear.out.empty());
  CHECK(fs::is_empty(folder));
  CHECK(run(batch_env(dir) + cmd + dir / "c.pdf").status == 1);
  // On a terminal the password is asked for, and not echoed.
  Ran asked = run_on_pty(batch_env(dir) + cmd + dir / "d.pdf",
                         "Bluesky app password for reader.example.com: ", "abcd-efgh-ijkl-mnop\n");
  CHECK_MESSAGE(asked.status == 0, asked.out);
  CHECK(asked.out.find("Bluesky app password for reader.example.com: ") != std::string::npos);
  CHECK(asked.out.find("abcd-efgh") == std::string::npos);
  CHECK(sessions->load() == 2);
  // An app password on the command line is refused, without echoing it.
  Ran inline_pw =
      run(batch_env(dir) + threadpdf() + " '" + post + "' --login reader.example.com:abcd-efgh-ijkl-mnop");
  CHECK(inline_pw.status == 2);
  CHECK(inline_pw.err.find("abcd-efgh") == std::string::npos);
  // Whatever shape the password has.
  Ran short_pw = run(batch_env(dir) + threadpdf() + " '" + post + "' --login reader.example.com:hunter2");
  CHECK(short_pw.status == 2);
  CHECK(short_pw.err.find("hunter2") == std::string::npos);
}

TEST_CASE("--proxy: requests go through the proxy, which answers for a host nobody else can reach") {
  HttpServer proxy;
  // A proxy is asked in absolute form: the whole URL is the target.
  proxy.route("http://pictures.invalid/p.png",
              HttpReply{200, {{"Content-Type", "image/png"}}, FakeWeb::png_small()});
  TempDir dir;
  const json thread = {
      {"format", "threadpdf-thread/1"},
      {"source",
       {{"platform", "mastodon"},
        {"url", "https://social.example/@ana/1"},
        {"captured_at", "2026-11-24T09:30:00Z"}}},
      {"author", {{"name", "Ana"}, {"handle", "@ana@social.example"}}},
      {"posts",
       {{{"id", "1"},
         {"created_at", "2026-11-20T08:00:00Z"},
         {"text", "A picture behind a proxy."},
         {"media",
          {{{"kind", "image"}, {"src", "http://pictures.invalid/p.png"}, {"alt", "a gradient"}}}}}}}};
  write_file(dir / "t.json", thread.dump());
  Ran r = run(batch_env(dir) + threadpdf() + " " + dir / "t.json" + " -o " + dir / "t.pdf" + " --proxy " +
              proxy.url(""));
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  CHECK(proxy.count("http://pictures.invalid/p.png") == 1);
}

TEST_CASE("--no-cache keeps nothing; --cache-max-mb keeps the cache under its size") {
  HttpServer server;
  FakeMastodon fake(server);
  FakePicture png{FakeWeb::png_small(), "image/png", 64, 48, ""};
  const size_t t = fake.add_thread("big", {FakePost{"Three large pictures.", {png, png, png}}});
  // Each picture is 600 kB (not a picture a decoder takes: the PDF shows placeholders).
  const std::string id = fake.id(t);
  for (int k = 0; k < 3; ++k)
    server.route(
        "/media/" + id + "-" + std::to_string(k) + ".png",
        HttpReply{200, {{"Content-Type", "image/png"}}, std::string(600 * 1024, static_cast<char>('a' + k))});
  auto entries_bytes = [](const std::string& dir) {
    std::uintmax_t n = 0;
    if (fs::exists(dir))
      for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().filename().string().size() == 64) n += e.file_size();
    return n;
  };
  TempDir dir;
  const std::string cache = dir / "cache" + "/threadpdf";
  const std::string cmd =
      batch_env(dir) + threadpdf() + " -q --incomplete-ok '" + fake.url(t) + "' -o " + dir / "x.pdf";

  Ran none = run(cmd + " --no-cache");
  CHECK_MESSAGE(none.status == 0, none.err);
  CHECK(entries_bytes(cache) == 0);
  CHECK(run(cmd + " --offline").status == 1);  // nothing to answer from

  Ran limited = run(cmd + " --cache-max-mb 1");
  CHECK_MESSAGE(limited.status == 0, limited.err);
  CHECK(entries_bytes(cache) > 0);
  CHECK(entries_bytes(cache) <= 1024 * 1024);

  Ran unlimited = run(cmd + " --cache-max-mb 0");
  CHECK(unlimited.status == 0);
  CHECK(entries_bytes(cache) > 3 * 600 * 1024);
  // The default, 512 MB, keeps all of it too; --clear-cache with an INPUT empties it before the run.
  Ran cleared = run(cmd + " --clear-cache --no-cache");
  CHECK(cleared.status == 0);
  CHECK(entries_bytes(cache) == 0);
  CHECK(run(cmd + " --no-cache --offline").status == 2);
}

TEST_CASE("progress on a terminal counts the pictures loaded") {
  HttpServer server;
  FakeMastodon fake(server);
  FakePicture png{FakeWeb::png_small(), "image/png", 64, 48, ""};
  const size_t t =
      fake.add_thread("pics", {FakePost{"Two pictures.", {png}}, FakePost{"And one more.", {png, png}}});
  TempDir dir;
  const std::string inner = batch_env(dir) + threadpdf() + " '" + fake.url(t) + "' -o " + dir / "p.pdf";
  Ran tty = run("script -qfec \"" + inner + "\" /dev/null");
  CHECK_MESSAGE(tty.status == 0, tty.out);
  CHECK_MESSAGE(tty.out.find("0 of 3 pictures loaded") != std::string::npos, tty.out);
  CHECK(tty.out.find("1 of 3 pictures loaded") != std::string::npos);
  CHECK(tty.out.find("3 of 3 pictures loaded") != std::string::npos);
  // Not on a pipe.
  Ran plain = run(inner);
  CHECK(plain.status == 0);
  CHECK(plain.err.find("pictures loaded") == std::string::npos);
}

TEST_CASE("--merge-reports: the reports of four shards make the report of one run") {
  HttpServer server;
  FakeMastodon fake(server);
  add_generated_threads(fake, 12, false);
  TempDir dir;
  std::string list = "# twelve threads\n";
  for (size_t t = 0; t < 12; ++t) list += fake.url(t) + "\n";
  list += "/nonexistent/thread.json\n";
  write_file(dir / "list.txt", list);
  std::string reports;
  for (int k = 0; k < 4; ++k) {
    const std::string r = dir / ("r" + std::to_string(k) + ".jsonl");
    run(batch_env(dir) + threadpdf() + " -q --batch " + dir / "list.txt" + " -o " + dir / "pdfs" +
        " --shard " + std::to_string(k) + "/4 --report " + r);
    reports += " " + r;
  }
  Ran merged = run(threadpdf() + " --merge-reports" + reports + " -o " + dir / "all.jsonl");
  REQUIRE_MESSAGE(merged.status == 0, merged.err);
  Report m = read_report(dir / "all.jsonl");
  REQUIRE(m.entries.size() == 13);
  for (size_t i = 0; i < 13; ++i) CHECK(m.entries[i]["line"] == i + 2);  // in list order
  CHECK(m.summary["total"] == 13);
  CHECK(m.summary["ok"] == 12);
  CHECK(m.summary["failed"] == 1);
  CHECK(m.summary["not_run"] == 0);
  CHECK(m.summary["reports"] == 4);
  CHECK(m.summary["interrupted"] == false);

  // One run of the whole list says the same of every input (its report in the order inputs ended).
  TempDir whole;
  run(batch_env(whole) + threadpdf() + " -q --batch " + dir / "list.txt" + " -o " + whole / "pdfs" +
      " --report " + whole / "r.jsonl");
  Report one = read_report(whole / "r.jsonl");
  REQUIRE(one.entries.size() == 13);
  for (size_t i = 0; i < 13; ++i) {
    const json* same = one.line(i + 2);
    REQUIRE(same);
    CHECK((*same)["input"] == m.entries[i]["input"]);
    CHECK((*same)["status"] == m.entries[i]["status"]);
  }

  // A shard killed before its summary: its lines count, and the merge says it is unfinished.
  std::string cut = read_file(dir / "r0.jsonl");
  cut = cut.substr(0, cut.rfind("{\"summary\""));
  write_file(dir / "cut.jsonl", cut);
  Ran partial = run(threadpdf() + " --merge-reports " + dir / "cut.jsonl" + " " + dir / "r1.jsonl");
  REQUIRE(partial.status == 0);
  write_file(dir / "p.jsonl", partial.out);
  Report p = read_report(dir / "p.jsonl");
  CHECK(p.summary["unfinished"] == 1);
  CHECK(p.summary["interrupted"] == true);

  write_file(dir / "bad.jsonl", read_file(dir / "r1.jsonl") + "not json\n");
  Ran bad = run(threadpdf() + " --merge-reports " + dir / "bad.jsonl");
  CHECK(bad.status == 1);
  CHECK_MESSAGE(bad.err.find(dir / "bad.jsonl:") == 0, bad.err);
  Ran mixed = run(threadpdf() + " --merge-reports " + dir / "r1.jsonl --layout book");
  CHECK(mixed.status == 2);
  CHECK(mixed.err == "--layout: not with --merge-reports\n");
}

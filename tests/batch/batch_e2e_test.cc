// End to end: `threadpdf --batch` against the loopback FakeWeb (recorded Bluesky, X, Thread Reader
// App and Mastodon answers) and generated Mastodon threads; the report, the folder of PDFs, the
// progress on stderr and Ctrl-C read back as a user would. Nothing contacts any address but 127.0.0.1.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>

#include "batch/e2e_support.h"
#include "support/fake_web.h"

using namespace tp::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using namespace std::chrono_literals;

std::string bases(FakeWeb& web) {
  return " --api-base bluesky=" + web.base() + " --api-base x=" + web.base() +
         " --api-base threadreader=" + web.base();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One line of a list and what the report must say about it.
struct Expect {
  std::string input;
  std::string status;                 // ok, skipped or failed
  std::string reason;                 // a part of the error (failed) or reason (skipped)
  std::optional<std::size_t> thread;  // the generated thread it converts, for post counts
};

std::string list_text(const std::vector<Expect>& expects) {
  std::string s = "# threads to keep\n\n";  // the first input is on line 3
  for (const auto& e : expects) s += e.input + "\n";
  return s;
}

}  // namespace

TEST_CASE(
    "a batch of 35: every input ends with the right status; a rerun skips what is done; --force redoes it") {
  FakeWeb web;
  web.serve_bluesky();
  web.serve_mastodon();
  web.serve_x();
  web.serve_threadreader();
  HttpServer& server = web.server();
  FakeMastodon fake(server, 40ms);
  const std::vector<std::size_t> generated = add_generated_threads(fake, 26);

  // The last generated thread is rate limited once: 429 with Retry-After 1, then its status.
  const std::size_t limited = generated.back();
  auto limited_calls = std::make_shared<std::atomic<int>>(0);
  server.route("/api/v1/statuses/" + fake.id(limited),
               [limited_calls, body = fake.status_json(limited, 0)](const HttpRequest&) {
                 if ((*limited_calls)++ == 0)
                   return HttpReply{429, {{"Retry-After", "1"}}, R"({"error":"Too many requests"})"};
                 return HttpReply{200, {{"Content-Type", "application/json"}}, body};
               });
  const std::string missing = "115999999999999404", slow = "115999999999999001",
                    corrupt = "115999999999999002";
  server.route("/api/v1/statuses/" + missing, HttpReply{404, {}, R"({"error":"Record not found"})"});
  server.route("/api/v1/statuses/" + slow,
               HttpReply{200, {{"Content-Type", "application/json"}}, "{}", 4500ms});
  server.route("/api/v1/statuses/" + corrupt,
               HttpReply{200, {{"Content-Type", "application/json"}}, "{\"id\": \"1\", "});

  std::vector<Expect> expects;
  for (std::size_t t : generated) expects.push_back({fake.url(t), "ok", "", t});
  expects.push_back({"https://bsky.app/profile/zofia.example.com/post/3kroot2222222", "ok", "", {}});
  expects.push_back({"https://x.com/leila_example/status/1874097816571961839", "ok", "", {}});
  expects.push_back({"https://threadreaderapp.com/thread/1874097816571961000.html", "ok", "", {}});
  expects.push_back({web.base() + "/@ana/112000000000000030", "ok", "", {}});
  expects.push_back({TP_SOURCE_DIR "/examples/night-trains.txt", "ok", "", {}});
  expects.push_back({web.base() + "/@ghost/" + missing, "failed", "not found or deleted", {}});
  expects.push_back({web.base() + "/@sloth/" + slow, "failed", "timed out", {}});
  expects.push_back({web.base() + "/@broken/" + corrupt, "failed", "invalid JSON", {}});
  // The first generated thread again, by its other URL form.
  expects.push_back({fake.url(generated[0], 0, true), "skipped", "duplicate of line 3", {}});
  REQUIRE(expects.size() >= 30);

  TempDir dir;
  write_file(dir / "list.txt", list_text(expects));
  const std::string out = dir / "pdfs", report = dir / "report.jsonl";
  const std::string command = batch_env(dir) + threadpdf() + " --batch " + dir / "list.txt" + " -o " + out +
                              " --report " + report + " -j 4 --per-host 2" + bases(web);

  auto start = std::chrono::steady_clock::now();
  Ran first = run(command);
  MESSAGE("first run: " << seconds_since(start) << " s");
  CHECK(first.status == 1);
  Report r = read_report(report);
  REQUIRE_MESSAGE(r.entries.size() == expects.size(), first.err);
  CHECK(r.summary["total"] == expects.size());
  CHECK(r.summary["ok"] == expects.size() - 4);
  CHECK(r.summary["skipped"] == 1);
  CHECK(r.summary["failed"] == 3);
  CHECK(r.summary["not_run"] == 0);
  CHECK(r.summary["interrupted"] == false);

  std::set<std::string> expected_files;
  for (std::size_t i = 0; i < expects.size(); ++i) {
    const Expect& e = expects[i];
    CAPTURE(e.input);
    const json* entry = r.line(i + 3);
    REQUIRE(entry);
    CHECK((*entry)["input"] == e.input);
    CHECK((*entry)["status"] == e.status);
    if (e.status == "ok") {
      CHECK((*entry)["error"].is_null());
      const std::string pdf = (*entry)["output"].get<std::string>();
      CHECK(fs::path(pdf).parent_path() == fs::path(out));
      expected_files.insert(fs::path(pdf).filename().string());
      std::string check;
      CHECK_MESSAGE(qpdf_check(pdf, &check), check);
      CHECK((*entry)["pages"] == pdf_pages(pdf));
      CHECK((*entry)["bytes"] == fs::file_size(pdf));
      if (e.thread) {
        CHECK((*entry)["posts"] == fake.posts(*e.thread).size());
        // {platform}-{handle}-{post id}.pdf, the handle user@instance ('@' written '_'), the same name a
        // single conversion of the URL writes.
        const std::string expected =
            "mastodon-" + fake.user(*e.thread) + "_127.0.0.1-" + fake.id(*e.thread) + ".pdf";
        CHECK(fs::path(pdf).filename().string() == expected);
      }
    } else {
      const std::string reason = (*entry)["error"].is_string() ? (*entry)["error"].get<std::string>() : "";
      CHECK_MESSAGE(reason.find(e.reason) != std::string::npos, reason);
    }
    if (e.status == "failed") CHECK((*entry)["output"].is_null());
  }
  // The duplicate names the first line's PDF and writes nothing of its own.
  CHECK(r.line(expects.size() + 2)->at("output") == r.line(3)->at("output"));
  CHECK(limited_calls->load() == 2);
  // The folder holds the good PDFs and nothing else: no temporary file, nothing for a failure.
  CHECK(files_in(out) == std::vector<std::string>(expected_files.begin(), expected_files.end()));

  // A rerun converts nothing that is done: the finished inputs get no request at all.
  std::map<std::string, fs::file_time_type> written;
  for (const auto& f : expected_files) written[f] = fs::last_write_time(out + "/" + f);
  std::vector<std::size_t> requests_before;
  for (std::size_t t : generated) requests_before.push_back(fake.requests(t));
  const std::size_t seen_before = server.requests().size();
  const int limited_before = limited_calls->load();
  Ran second = run(command);
  CHECK(second.status == 1);
  Report r2 = read_report(report);
  REQUIRE_MESSAGE(r2.entries.size() == expects.size(), second.err);
  for (std::size_t i = 0; i < expects.size(); ++i) {
    CAPTURE(expects[i].input);
    const json& entry = *r2.line(i + 3);
    if (expects[i].status == "ok") {
      CHECK(entry["status"] == "skipped");
      CHECK(entry["error"] == "already done");
    } else {
      CHECK(entry["status"] == expects[i].status);
    }
  }
  CHECK(r2.summary["ok"] == 0);
  CHECK(r2.summary["failed"] == 3);
  for (std::size_t i = 0; i < generated.size(); ++i) CHECK(fake.requests(generated[i]) == requests_before[i]);
  CHECK(limited_calls->load() == limited_before);
  // Every request of the rerun was for one of the inputs that failed.
  const auto seen = server.requests();
  for (std::size_t i = seen_before; i < seen.size(); ++i) {
    CAPTURE(seen[i].target);
    CHECK((seen[i].path.find(missing) != std::string::npos || seen[i].path.find(slow) != std::string::npos ||
           seen[i].path.find(corrupt) != std::string::npos));
  }
  for (const auto& [f, when] : written) CHECK(fs::last_write_time(out + "/" + f) == when);

  // --force converts the finished ones again.
  std::this_thread::sleep_for(20ms);  // so that a rewritten file's time differs
  Ran third = run(command + " --force");
  CHECK(third.status == 1);
  Report r3 = read_report(report);
  CHECK(r3.summary["ok"] == expects.size() - 4);
  CHECK(r3.summary["skipped"] == 1);
  CHECK(r3.summary["failed"] == 3);
  for (const auto& [f, when] : written) CHECK(fs::last_write_time(out + "/" + f) != when);
  CHECK(files_in(out) == std::vector<std::string>(expected_files.begin(), expected_files.end()));
}

namespace {

// Ten generated threads through `-j 6 --per-host N` with 150 ms per answer: the most requests the
// server answered at once, for N = 1 and N = 3.
void check_per_host(bool pictures) {
  for (int per_host : {1, 3}) {
    CAPTURE(per_host);
    FakeWeb web;
    FakeMastodon fake(web.server(), 150ms);
    std::string list;
    for (std::size_t t : add_generated_threads(fake, 10, pictures)) list += fake.url(t) + "\n";
    TempDir dir;
    write_file(dir / "list.txt", list);
    Ran r = run(batch_env(dir) + threadpdf() + " --batch " + dir / "list.txt" + " -o " +
                dir / "pdfs -j 6 --per-host " + std::to_string(per_host));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(files_in(dir / "pdfs").size() == 10);
    CHECK(web.server().max_in_flight() <= per_host);
    // ...and is used: six workers keep every allowed connection busy at some point.
    CHECK(web.server().max_in_flight() == per_host);
  }
}

}  // namespace

TEST_CASE("the per-host limit holds: the server never answers more requests at once than --per-host") {
  check_per_host(false);
}

// A thread's pictures come in one get_all: under the shared limiter each worker's curl runs one
// request per host, so the permits count requests.
TEST_CASE("the per-host limit holds for threads with several pictures") { check_per_host(true); }

TEST_CASE(
    "progress: one line per input when stderr is not a terminal; --quiet prints only the failure summary") {
  FakeWeb web;
  FakeMastodon fake(web.server());
  const auto generated = add_generated_threads(fake, 4);
  std::string good;
  for (std::size_t t : generated) good += fake.url(t) + "\n";
  const std::string bad =
      web.base() + "/@ghost/115999999999999404\n" + fake.url(generated[1], 0, true) + "\n";
  TempDir dir;
  write_file(dir / "good.txt", good);
  write_file(dir / "mixed.txt", good + bad);
  auto batch = [&](const std::string& list, const std::string& folder, const std::string& extra) {
    return batch_env(dir) + threadpdf() + " --batch " + dir / list + " -o " + dir / folder + " -j 2 " + extra;
  };

  Ran lines = run(batch("mixed.txt", "a", ""));
  CHECK(lines.status == 1);
  const auto err = split_lines(lines.err);
  CHECK_MESSAGE(err.size() == 7, lines.err);  // six inputs and the summary
  CHECK(lines_starting(lines.err, "ok       line ") == 4);
  CHECK(lines_starting(lines.err, "failed   line 5: ") == 1);
  CHECK(lines_starting(lines.err, "skipped  line 6: ") == 1);
  CHECK(lines.err.find("(duplicate of line 2)") != std::string::npos);
  CHECK(err.back() == "4 ok, 1 skipped, 1 failed of 6");
  CHECK(lines.err.find('\r') == std::string::npos);

  Ran quiet = run(batch("mixed.txt", "b", "--quiet"));
  CHECK(quiet.status == 1);
  CHECK(quiet.err == "4 ok, 1 skipped, 1 failed of 6\n");
  Ran quiet_good = run(batch("good.txt", "c", "--quiet"));
  CHECK(quiet_good.status == 0);
  CHECK(quiet_good.err == "");
  CHECK(files_in(dir / "c").size() == 4);

  if (run("command -v script").status != 0) {
    MESSAGE("script (util-linux) is missing: the terminal progress bar is not checked");
    return;
  }
  // On a terminal (script gives the command a pseudo-terminal): a bar redrawn in place.
  Ran tty = run("script -qfec \"" + batch("mixed.txt", "d", "") + "\" /dev/null");
  CHECK(tty.status == 1);
  const std::string shown = tty.out + tty.err;
  CHECK(shown.find("\r\033[K[") != std::string::npos);
  CHECK(shown.find(" done") != std::string::npos);
  CHECK(shown.find("/6 done") != std::string::npos);
  CHECK(shown.find("failed   line 5: ") != std::string::npos);  // failures scroll above the bar
  CHECK(shown.find("ok       line") == std::string::npos);      // successes only move it
  CHECK(shown.find("4 ok, 1 skipped, 1 failed of 6") != std::string::npos);
  CHECK(files_in(dir / "d").size() == 4);
}

TEST_CASE(
    "Ctrl-C: the batch stops soon, leaves only whole PDFs, says how to resume, and a rerun completes it") {
  FakeWeb web;
  FakeMastodon fake(web.server(), 400ms);  // every answer slow: each thread takes about a second
  const auto generated = add_generated_threads(fake, 8);
  std::string list;
  for (std::size_t t : generated) list += fake.url(t) + "\n";
  TempDir dir;
  write_file(dir / "list.txt", list);
  const std::string out = dir / "pdfs";
  const std::string command = batch_env(dir) + threadpdf() + " --batch " + dir / "list.txt" + " -o " + out +
                              " --report " + dir / "report.jsonl -j 2";

  auto pdfs = [&] {
    std::vector<std::string> v;
    if (fs::is_directory(out))
      for (const auto& f : files_in(out))
        if (f.size() > 4 && f.compare(f.size() - 4, 4, ".pdf") == 0 && f[0] != '.') v.push_back(f);
    return v;
  };
  Child child(command, dir / "stdout", dir / "stderr");
  const auto start = std::chrono::steady_clock::now();
  while (pdfs().empty() && seconds_since(start) < 30) std::this_thread::sleep_for(20ms);
  REQUIRE_MESSAGE(!pdfs().empty(), read_file(dir / "stderr"));
  child.signal(SIGINT);
  const auto stopped = std::chrono::steady_clock::now();
  std::optional<int> status = child.wait(15);
  REQUIRE_MESSAGE(status.has_value(), "still running 15 s after Ctrl-C");
  MESSAGE("stopped " << seconds_since(stopped) << " s after Ctrl-C");
  CHECK(seconds_since(stopped) < 10);
  CHECK(*status == 1);
  const std::string err = read_file(dir / "stderr");
  CHECK_MESSAGE(err.find("run the same command again") != std::string::npos, err);
  CHECK(err.find("(interrupted)") != std::string::npos);

  // Only whole PDFs: every file in the folder is a PDF qpdf accepts, and none is a temporary.
  const auto done = pdfs();
  CHECK(files_in(out) == done);
  CHECK(done.size() < generated.size());
  for (const auto& f : done) CHECK_MESSAGE(qpdf_check(out + "/" + f), f);
  Report r = read_report(dir / "report.jsonl");
  CHECK(r.summary["interrupted"] == true);
  CHECK(r.summary["not_run"].get<std::size_t>() + r.entries.size() == generated.size());
  for (const auto& e : r.entries) CHECK(e["status"] == "ok");
  CHECK(r.entries.size() == done.size());

  // The same command again converts the rest.
  Ran again = run(command);
  CHECK_MESSAGE(again.status == 0, again.err);
  Report r2 = read_report(dir / "report.jsonl");
  CHECK(r2.summary["skipped"] == done.size());
  CHECK(r2.summary["ok"] == generated.size() - done.size());
  CHECK(r2.summary["failed"] == 0);
  CHECK(files_in(out).size() == generated.size());
  for (const auto& f : files_in(out)) CHECK_MESSAGE(qpdf_check(out + "/" + f), f);
}

TEST_CASE(
    "a resumed batch says its done inputs in one line; --failed-list feeds the failures back to --batch") {
  FakeWeb web;
  FakeMastodon fake(web.server());
  const auto generated = add_generated_threads(fake, 3);
  std::string good;
  for (std::size_t t : generated) good += fake.url(t) + "\n";
  const std::string bad = web.base() + "/@ghost/115999999999999404";
  TempDir dir;
  write_file(dir / "mixed.txt", good + bad + "\n");
  auto batch = [&](const std::string& list, const std::string& failed) {
    return batch_env(dir) + threadpdf() + " --batch " + dir / list + " -o " +
           dir / "out -j 2 --failed-list " + dir / failed;
  };

  Ran first = run(batch("mixed.txt", "failed.txt"));
  CHECK(first.status == 1);
  CHECK(read_file(dir / "failed.txt") == bad + "\n");

  Ran resumed = run(batch("mixed.txt", "failed.txt"));
  CHECK(resumed.status == 1);
  CHECK_MESSAGE(lines_starting(resumed.err, "skipped  3 inputs already done (each one's PDF exists)") == 1,
                resumed.err);
  CHECK(lines_starting(resumed.err, "skipped  line") == 0);
  CHECK(split_lines(resumed.err).back() == "0 ok, 3 skipped, 1 failed of 4");

  // The list of failures is a batch list: run again, it converts only them.
  Ran again = run(batch("failed.txt", "failed2.txt"));
  CHECK(again.status == 1);
  CHECK(lines_starting(again.err, "failed   line 1: ") == 1);
  CHECK(split_lines(again.err).back() == "0 ok, 0 skipped, 1 failed of 1");
  CHECK(read_file(dir / "failed2.txt") == bad + "\n");
}

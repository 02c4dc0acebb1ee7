#include "app/batch.h"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "app/progress.h"

using namespace tp::app;
namespace fs = std::filesystem;

namespace {

// Inputs "good-N", "bad-N" (fails), "slow-N"; the key is the name without any "dup:" prefix.
std::pair<std::string, std::string> name_of(const std::string& input) {
  std::string key = input.rfind("dup:", 0) == 0 ? input.substr(4) : input;
  return {key, key + ".pdf"};
}

struct Fake {
  std::atomic<int> running{0}, max_running{0}, calls{0};
  Converted operator()(const BatchInput& in) {
    int now = ++running;
    for (int m = max_running; now > m && !max_running.compare_exchange_weak(m, now);) {
    }
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(in.input.rfind("slow", 0) == 0 ? 30 : 2));
    Converted c;
    if (in.input.rfind("bad", 0) == 0) {
      c.error = in.input + ": not found or deleted";
    } else {
      std::ofstream(in.output) << "%PDF-1.5 fake";
      c.ok = true;
      c.pages = 3;
      c.posts = 7;
      c.bytes = 13;
    }
    --running;
    return c;
  }
};

struct Dir {
  fs::path path = fs::temp_directory_path() / ("tp_batch_" + std::to_string(::getpid()));
  Dir() { fs::create_directories(path); }
  ~Dir() { fs::remove_all(path); }
};

std::string list_of(int n) {
  std::string s = "# a comment\n\n";
  for (int i = 1; i <= n; ++i)
    s += (i % 7 == 0 ? "bad-" : i % 5 == 0 ? "slow-" : "good-") + std::to_string(i) + "\n";
  s += "dup:good-1\n   \n";
  return s;
}

}  // namespace

TEST_CASE("the list: comments and blank lines skipped, duplicates share an output, clashing names numbered") {
  auto in = parse_list("# c\n\n  a  \r\nb\ndup:a\n# x\na2\n", "out",
                       [](const std::string& s) -> std::pair<std::string, std::string> {
                         if (s == "a2") return {"other", "a.pdf"};
                         return name_of(s);
                       });
  REQUIRE(in.size() == 4);
  CHECK(in[0].input == "a");
  CHECK(in[0].line == 3);
  CHECK(in[2].key == "a");
  CHECK(in[2].output == in[0].output);
  CHECK(in[3].output == (fs::path("out") / "a-2.pdf").string());
}

TEST_CASE("every input ends ok, skipped or failed; a rerun skips what is done; --force redoes it") {
  Dir dir;
  auto inputs = parse_list(list_of(30), dir.path.string(), name_of);
  REQUIRE(inputs.size() == 31);
  Fake fake;
  std::atomic<bool> stop{false};
  BatchOptions options;
  options.jobs = 4;
  auto results = run_batch(inputs, options, std::ref(fake), {}, stop);
  REQUIRE(results.size() == 31);
  size_t ok = 0, failed = 0, skipped = 0;
  for (const auto& r : results) {
    if (r.status == Status::Ok) {
      ++ok;
      CHECK(fs::exists(r.input.output));
    } else if (r.status == Status::Failed) {
      ++failed;
      CHECK(r.reason.find("not found or deleted") != std::string::npos);
    } else {
      ++skipped;
      CHECK(r.reason == "duplicate of line 3");
    }
  }
  CHECK(failed == 4);  // 7, 14, 21, 28
  CHECK(ok == 26);
  CHECK(skipped == 1);  // the duplicate of good-1
  CHECK(fake.max_running.load() >= 2);
  CHECK(fake.max_running.load() <= 4);
  for (size_t i = 0; i < results.size(); ++i) CHECK(results[i].input.line == inputs[i].line);  // list order

  Fake again;
  auto rerun = run_batch(inputs, options, std::ref(again), {}, stop);
  CHECK(again.calls.load() == 4);  // only the failed ones
  size_t done = 0;
  for (const auto& r : rerun) done += r.status == Status::Skipped && r.reason == "already done";
  CHECK(done == 26);

  options.force = true;
  Fake forced;
  run_batch(inputs, options, std::ref(forced), {}, stop);
  CHECK(forced.calls.load() == 30);
}

TEST_CASE("an interruption stops taking inputs; what ran is reported") {
  Dir dir;
  auto inputs = parse_list(list_of(30), dir.path.string(), name_of);
  std::atomic<bool> stop{false};
  int finished = 0;
  BatchObserver obs;
  obs.finished = [&](const BatchResult&) {
    if (++finished == 5) stop = true;
  };
  Fake fake;
  BatchOptions options;
  options.jobs = 2;
  auto results = run_batch(inputs, options, std::ref(fake), obs, stop);
  CHECK(results.size() >= 5);
  CHECK(results.size() <= 7);  // the ones already running when the flag went up finish
  auto report = batch_report(results, inputs.size(), true);
  auto last = nlohmann::json::parse(report.substr(report.rfind('\n', report.size() - 2) + 1));
  CHECK(last["interrupted"] == true);
  CHECK(last["not_run"] == inputs.size() - results.size());
}

TEST_CASE("the report has one JSON object per input and a summary") {
  Dir dir;
  auto inputs = parse_list("good-1\nbad-2\ndup:good-1\n", dir.path.string(), name_of);
  Fake fake;
  std::atomic<bool> stop{false};
  auto results = run_batch(inputs, {}, std::ref(fake), {}, stop);
  std::istringstream lines(batch_report(results, inputs.size(), false));
  std::vector<nlohmann::json> objs;
  for (std::string l; std::getline(lines, l);) objs.push_back(nlohmann::json::parse(l));
  REQUIRE(objs.size() == 4);
  CHECK(objs[0]["status"] == "ok");
  CHECK(objs[0]["pages"] == 3);
  CHECK(objs[0]["posts"] == 7);
  CHECK(objs[0]["error"].is_null());
  CHECK(objs[1]["status"] == "failed");
  CHECK(objs[1]["output"].is_null());
  CHECK(objs[1]["error"] == "bad-2: not found or deleted");
  CHECK(objs[2]["status"] == "skipped");
  CHECK(objs[3]["summary"] == true);
  CHECK(objs[3]["ok"] == 1);
  CHECK(objs[3]["failed"] == 1);
  CHECK(objs[3]["skipped"] == 1);
}

TEST_CASE("the progress bar shows done, failed and total, and what is running") {
  BatchInput a{1, "https://example.org/a", "a", "a.pdf"}, b{2, "b.json", "b", "b.pdf"};
  std::ostringstream drawn;
  Progress q(Progress::Mode::Bar, drawn, 10, false, 200);
  q.started(a);
  q.started(b);
  BatchResult ra{a, Status::Ok, "", 2, 100, 3, {}, {}, 0.1},
      rb{b, Status::Failed, "b.json: invalid JSON", 0, 0, 0, {}, {}, 0.1};
  q.finished(ra);
  q.finished(rb);
  std::string bar = q.bar_line();
  CHECK(bar.rfind("[####................] 2/10 done, 1 failed", 0) == 0);
  // Redrawn in place on the terminal: the failure scrolls above the bar.
  CHECK(drawn.str().find("\r\033[Kfailed   line 2: b.json: invalid JSON\n\r\033[K[####") !=
        std::string::npos);
  q.started(BatchInput{3, "https://example.org/c", "c", "c.pdf"});
  CHECK(q.bar_line().find("https://example.org/c") != std::string::npos);
  Progress narrow(Progress::Mode::Bar, drawn, 10, false, 30);
  narrow.started(a);
  CHECK(narrow.bar_line().size() <= 29 * 3);
}

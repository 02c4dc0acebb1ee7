// --shard K/N: every input of one list in exactly one shard, two forms of one thread in the same.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "process.h"

using namespace tp::test;

TEST_CASE(
    "--shard K/N partitions the list: each input in exactly one shard for N = 1..5, duplicates together") {
  TempDir dir;
  // Inputs that fail at once without network (missing files, URLs with --offline and an empty
  // cache): what is checked is which shard reports them, not their conversion.
  std::string list;
  for (int i = 0; i < 9; ++i) list += dir / ("missing-" + std::to_string(i) + ".json") + "\n";
  list +=
      "https://x.com/ada/status/1234\nhttps://mastodon.example/@ana/77\nhttps://twitter.com/ADA/status/"
      "1234\n";
  write_file(dir / "list.txt", list);
  const size_t lines = 12;
  for (size_t n = 1; n <= 5; ++n) {
    CAPTURE(n);
    std::map<size_t, std::set<size_t>> shards_of_line;  // list line -> shards that reported it
    std::map<size_t, std::string> status_of_line;
    for (size_t k = 0; k < n; ++k) {
      const std::string report = dir / ("r" + std::to_string(n) + "-" + std::to_string(k) + ".jsonl");
      Ran r = run("XDG_CACHE_HOME=" + (dir / "cache") + " " + threadpdf() + " --batch " + (dir / "list.txt") +
                  " -o " + (dir / "out") + " --offline -q --shard " + std::to_string(k) + "/" +
                  std::to_string(n) + " --report " + report);
      CHECK(r.status != 2);
      std::istringstream in(read_file(report));
      for (std::string line; std::getline(in, line);) {
        auto j = nlohmann::json::parse(line);
        if (!j.contains("line")) continue;  // the summary
        shards_of_line[j["line"].get<size_t>()].insert(k);
        status_of_line[j["line"].get<size_t>()] = j["status"].get<std::string>();
      }
    }
    CHECK(shards_of_line.size() == lines);
    for (const auto& [line, shards] : shards_of_line) CHECK_MESSAGE(shards.size() == 1, "line ", line);
    CHECK(shards_of_line[10] == shards_of_line[12]);  // x.com and twitter.com, one thread
    CHECK(status_of_line[12] == "skipped");           // the duplicate, found inside its shard
  }
}

TEST_CASE("--shard auto/N reads the index of a Kubernetes Indexed Job or a Slurm array") {
  TempDir dir;
  write_file(dir / "list.txt", dir / "a.json\n");
  const std::string cmd =
      threadpdf() + " --batch " + (dir / "list.txt") + " -o " + (dir / "out") + " -q --shard auto/3";
  Ran none = run("env -u JOB_COMPLETION_INDEX -u SLURM_ARRAY_TASK_ID " + cmd);
  CHECK(none.status == 2);
  CHECK(none.err == "--shard: auto needs JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID in the environment\n");
  Ran k8s = run("JOB_COMPLETION_INDEX=2 " + cmd);
  CHECK(k8s.status != 2);
  Ran out_of_range = run("SLURM_ARRAY_TASK_ID=3 " + cmd);
  CHECK(out_of_range.status == 2);
  CHECK(out_of_range.err == "--shard: expected a number from 0 to 2, got 3\n");
  Ran single = run(threadpdf() + " " + (dir / "a.json") + " --shard 0/2");
  CHECK(single.err == "--shard: only with --batch and -o DIR (a packet always converts every thread)\n");
}

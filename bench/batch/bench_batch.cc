// threadpdf_bench_batch: times `threadpdf --batch` and `threadpdf --packet` on generated Mastodon
// threads served from a loopback server in this process, with a latency added to every answer.
//
//   threadpdf_bench_batch THREADPDF [--threads N] [--latency-ms N] [-j N] [--per-host N] [--seed N]
//                         [--shards N] [--keep]
//
// Prints, for each run, wall time, threads per second, the child's peak RSS (wait4's ru_maxrss),
// pages and bytes. With --shards N, also the same list as N processes at once (--shard K/N, each
// with its own cache and report, as N machines would run it), their reports merged with
// --merge-reports. Only 127.0.0.1 is contacted: every URL in the list is the in-process server's.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "media/write.h"
#include "pictures.h"
#include "prng.h"
#include "support/fake_mastodon.h"

namespace fs = std::filesystem;
using namespace tp;

namespace {

struct Options {
  std::string threadpdf;
  int threads = 200, latency_ms = 50, jobs = 0, per_host = 2, shards = 0;
  std::uint64_t seed = 1;
  bool keep = false;
};

const std::vector<std::string> kWords = {
    "the",    "river",   "council", "budget",  "station",   "report",    "vote",   "bridge", "harbour",
    "school", "week",    "draft",   "figures", "show",      "again",     "after",  "storm",  "repair",
    "costs",  "rose",    "by",      "percent", "and",       "residents", "asked",  "for",    "a",
    "second", "hearing", "on",      "tuesday", "meanwhile", "ferry",     "service"};

std::string sentence(bench::Prng& rng) {
  std::string s;
  const int n = rng.range(6, 16);
  for (int i = 0; i < n; ++i) s += (i ? " " : "") + rng.pick(kWords);
  s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + ".";
}

// The pictures every thread draws from: half photographs as JPEG, half diagrams as PNG.
std::vector<test::FakePicture> picture_pool(std::uint64_t seed, int count) {
  std::vector<test::FakePicture> out;
  for (int k = 0; k < count; ++k) {
    bench::Prng rng(seed * 0x100000001B3ull + static_cast<std::uint64_t>(k) + 7);
    const int w = rng.range(400, 1400), h = rng.range(300, 1000);
    const bool jpeg = k % 2 == 0;
    bench::Picture p = jpeg ? bench::photo_like(rng, w, h) : bench::diagram_like(rng, w, h);
    out.push_back({jpeg ? media::write_jpeg(p.raster, 82) : media::write_png(p.raster),
                   jpeg ? "image/jpeg" : "image/png", w, h, p.alt});
  }
  return out;
}

struct Measured {
  int status = -1;
  double seconds = 0;
  double cpu = 0;  // user + system seconds of the child
  long peak_kib = 0;
};

// Starts `argv` with `env` added to this process's environment; stdout and stderr to `log`.
pid_t start_child(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                  const std::string& log) {
  std::fflush(nullptr);  // or the child would print this process's buffered output again
  pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "w", stdout);
    ::dup2(::fileno(stdout), 2);
    for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// Waits for a child started at `start`.
Measured wait_child(pid_t pid, std::chrono::steady_clock::time_point start) {
  Measured m;
  int raw = 0;
  rusage usage{};
  if (pid > 0 && ::wait4(pid, &raw, 0, &usage) == pid) {
    m.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    m.peak_kib = usage.ru_maxrss;  // kilobytes on Linux
    m.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
            usage.ru_stime.tv_usec / 1e6;
  }
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m;
}

Measured run_child(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                   const std::string& log) {
  const auto start = std::chrono::steady_clock::now();
  return wait_child(start_child(argv, env, log), start);
}

int pdf_pages(const std::string& pdf) {
  FILE* p = ::popen(("pdfinfo '" + pdf + "' 2>/dev/null").c_str(), "r");
  if (!p) return -1;
  char line[512];
  int pages = -1;
  while (std::fgets(line, sizeof line, p))
    if (std::sscanf(line, "Pages: %d", &pages) == 1) break;
  ::pclose(p);
  return pages;
}

void print(const char* what, const Measured& m, int threads, long pages, std::uintmax_t bytes) {
  std::printf(
      "%-8s wall %7.2f s   %6.1f threads/s   CPU %7.2f s   peak RSS %5ld MiB   %6ld pages   %7.1f MiB   exit "
      "%d\n",
      what, m.seconds, threads / m.seconds, m.cpu, m.peak_kib / 1024, pages, bytes / 1048576.0, m.status);
}

// The pages and bytes of the ok inputs of a report, and how many there are.
struct Tally {
  int ok = 0;
  long pages = 0;
  std::uintmax_t bytes = 0;
  nlohmann::json summary;
};
Tally tally(const fs::path& report_path) {
  Tally t;
  std::ifstream report(report_path);
  for (std::string line; std::getline(report, line);) {
    auto j = nlohmann::json::parse(line);
    if (j.contains("summary")) {
      t.summary = j;
      continue;
    }
    if (j["status"] != "ok") continue;
    ++t.ok;
    t.pages += j["pages"].get<long>();
    t.bytes += j["bytes"].get<std::uintmax_t>();
  }
  return t;
}

int run(const Options& o) {
  test::HttpServer server;
  test::FakeMastodon fake(server, std::chrono::milliseconds(o.latency_ms));
  const auto pool = picture_pool(o.seed, 24);
  bench::Prng rng(o.seed);
  std::string list;
  std::size_t posts = 0, pictures = 0;
  for (int t = 0; t < o.threads; ++t) {
    std::vector<test::FakePost> thread;
    const int n = rng.range(3, 30);
    for (int p = 0; p < n; ++p) {
      test::FakePost post;
      for (int s = rng.range(1, 3); s > 0; --s) post.text += (post.text.empty() ? "" : " ") + sentence(rng);
      if (rng.chance(0.06)) post.pictures.push_back(rng.pick(pool));
      pictures += post.pictures.size();
      thread.push_back(std::move(post));
    }
    posts += thread.size();
    char user[16];
    std::snprintf(user, sizeof user, "desk%03d", t % 40);
    list += fake.url(fake.add_thread(user, std::move(thread))) + "\n";
  }
  char tmpl[] = "/tmp/threadpdf-bench-batch.XXXXXX";
  if (!::mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl;
  std::ofstream(dir / "list.txt") << list;
  std::printf("%d threads, %zu posts, %zu pictures; %d ms per answer; -j %s --per-host %d; in %s\n",
              o.threads, posts, pictures, o.latency_ms, o.jobs ? std::to_string(o.jobs).c_str() : "(cores)",
              o.per_host, tmpl);

  std::vector<std::string> common{"--per-host", std::to_string(o.per_host), "--quiet"};
  if (o.jobs) common.insert(common.end(), {"-j", std::to_string(o.jobs)});
  // Each run its own empty cache, so both fetch everything.
  auto env = [&](const std::string& cache) {
    return std::vector<std::string>{"XDG_CACHE_HOME=" + (dir / cache).string(),
                                    "SOURCE_DATE_EPOCH=1767225600"};
  };

  std::vector<std::string> batch{o.threadpdf,
                                 "--batch",
                                 (dir / "list.txt").string(),
                                 "-o",
                                 (dir / "pdfs").string(),
                                 "--report",
                                 (dir / "report.jsonl").string()};
  batch.insert(batch.end(), common.begin(), common.end());
  const std::size_t before = server.requests().size();
  Measured b = run_child(batch, env("cache1"), (dir / "batch.log").string());
  const std::size_t batch_requests = server.requests().size() - before;
  const Tally one = tally(dir / "report.jsonl");
  print("batch", b, o.threads, one.pages, one.bytes);
  std::printf("         %d of %d PDFs written, %zu requests\n", one.ok, o.threads, batch_requests);

  bool shards_ok = true;
  if (o.shards > 1) {
    // N workers at once, as N machines sharing one list: each its own cache, report and shard.
    const std::size_t before_shards = server.requests().size();
    std::vector<pid_t> pids;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> merge{o.threadpdf, "--merge-reports"};
    for (int k = 0; k < o.shards; ++k) {
      const std::string report = (dir / ("shard" + std::to_string(k) + ".jsonl")).string();
      std::vector<std::string> argv{o.threadpdf,
                                    "--batch",
                                    (dir / "list.txt").string(),
                                    "-o",
                                    (dir / "shard-pdfs").string(),
                                    "--report",
                                    report,
                                    "--shard",
                                    std::to_string(k) + "/" + std::to_string(o.shards)};
      argv.insert(argv.end(), common.begin(), common.end());
      pids.push_back(start_child(argv, env("shard-cache" + std::to_string(k)),
                                 (dir / ("shard" + std::to_string(k) + ".log")).string()));
      merge.push_back(report);
    }
    Measured all;
    all.status = 0;
    for (pid_t pid : pids) {
      Measured m = wait_child(pid, start);
      all.seconds = std::max(all.seconds, m.seconds);
      all.cpu += m.cpu;
      all.peak_kib = std::max(all.peak_kib, m.peak_kib);
      if (m.status != 0) all.status = m.status;
      std::printf("         shard: wall %.2f s, CPU %.2f s, peak RSS %ld MiB, exit %d\n", m.seconds, m.cpu,
                  m.peak_kib / 1024, m.status);
    }
    merge.insert(merge.end(), {"-o", (dir / "merged.jsonl").string()});
    Measured merged = run_child(merge, {}, (dir / "merge.log").string());
    const Tally t = tally(dir / "merged.jsonl");
    char label[32];
    std::snprintf(label, sizeof label, "%d shards", o.shards);
    print(label, all, o.threads, t.pages, t.bytes);
    std::printf("         merged report: %s; %zu requests; merge exit %d\n", t.summary.dump().c_str(),
                server.requests().size() - before_shards, merged.status);
    shards_ok = all.status == 0 && merged.status == 0;
  }

  const std::string packet = (dir / "packet.pdf").string();
  std::vector<std::string> pk{o.threadpdf, "--batch", (dir / "list.txt").string(), "--packet", packet};
  pk.insert(pk.end(), common.begin(), common.end());
  Measured p = run_child(pk, env("cache2"), (dir / "packet.log").string());
  std::error_code ec;
  print("packet", p, o.threads, pdf_pages(packet), fs::file_size(packet, ec));

  if (b.status != 0 || p.status != 0 || !shards_ok)
    std::fprintf(stderr, "a run failed: see %s/batch.log and packet.log\n", tmpl);
  if (!o.keep && b.status == 0 && p.status == 0 && shards_ok) fs::remove_all(dir, ec);
  return b.status == 0 && p.status == 0 && shards_ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> long {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "threadpdf_bench_batch: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return std::atol(argv[++i]);
    };
    if (a == "--threads")
      o.threads = static_cast<int>(value());
    else if (a == "--latency-ms")
      o.latency_ms = static_cast<int>(value());
    else if (a == "-j")
      o.jobs = static_cast<int>(value());
    else if (a == "--per-host")
      o.per_host = static_cast<int>(value());
    else if (a == "--seed")
      o.seed = static_cast<std::uint64_t>(value());
    else if (a == "--shards")
      o.shards = static_cast<int>(value());
    else if (a == "--keep")
      o.keep = true;
    else if (a[0] != '-' && o.threadpdf.empty())
      o.threadpdf = a;
    else {
      std::fprintf(stderr,
                   "usage: threadpdf_bench_batch THREADPDF [--threads N] [--latency-ms N] [-j N] "
                   "[--per-host N] [--seed N] [--shards N] [--keep]\n");
      return 2;
    }
  }
  if (o.threadpdf.empty() || o.threads < 1 || o.latency_ms < 0 || o.per_host < 1) {
    std::fprintf(stderr,
                 "usage: threadpdf_bench_batch THREADPDF [--threads N] [--latency-ms N] [-j N] "
                 "[--per-host N] [--seed N] [--shards N] [--keep]\n");
    return 2;
  }
  o.threadpdf = fs::absolute(o.threadpdf).string();
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "threadpdf_bench_batch: %s\n", e.what());
    return 1;
  }
}

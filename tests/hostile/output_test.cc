// Outputs that must never destroy a file: an output that is the input or another output is refused
// before anything is written (compared by device and inode), devices and FIFOs are written in place
// instead of being renamed over, a full disk or a closed pipe is one line and exit 1, and a batch's
// report keeps every finished input even when the process is killed. The real binary, under
// process.h's CPU and memory limits.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/process.h"
#include "support/http_server.h"

extern char** environ;

using namespace tp::test;
namespace fs = std::filesystem;

namespace {

// Two posts of copied unroll text: the smallest input the CLI converts.
const std::string kUnroll = "1/ A first post about night trains.\n2/ A second post about ferries.\n• • •\n";

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  for (size_t pos = 0; pos < s.size();) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

bool is_pdf(const std::string& bytes) {
  return bytes.rfind("%PDF-", 0) == 0 && bytes.find("%%EOF") != std::string::npos &&
         bytes.size() - bytes.rfind("%%EOF") <= 6;
}

mode_t kind_of(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 ? (st.st_mode & S_IFMT) : 0;
}

// Runs argv with standard output on a pipe whose reading end is already closed, standard error
// into `err_path`, and SIGPIPE at its default action (as in a shell pipeline whose reader quit).
int run_into_closed_pipe(const std::vector<std::string>& args, const std::string& err_path) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::close(fds[0]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(fds[1]);
  REQUIRE(rc == 0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("an output that is the input is refused, however it is named; the input is unchanged") {
  TempDir dir;
  const std::string in = dir / "thread.txt";
  write_file(in, kUnroll);
  ::link(in.c_str(), (dir / "hard.txt").c_str());
  fs::create_symlink(in, dir / "soft.pdf");
  for (const std::string& out :
       {in, dir.path() + "/./sub/../thread.txt", dir / "hard.txt", dir / "soft.pdf"}) {
    CAPTURE(out);
    fs::create_directories(dir / "sub");
    Ran r = run_limited(threadpdf() + " " + in + " -o " + out);
    CHECK(r.status == 2);
    CHECK(r.err == out + ": -o would overwrite the input; nothing written\n");
    CHECK(read_file(in) == kUnroll);
    CHECK(kind_of(dir / "soft.pdf") == S_IFLNK);
  }
}

TEST_CASE("an unroll file named x.pdf is not replaced by its own default output") {
  TempDir dir;
  write_file(dir / "x.pdf", kUnroll);
  Ran r = run_limited(threadpdf() + " " + dir / "x.pdf");
  CHECK(r.status == 2);
  CHECK(r.err == dir / "x.pdf" + ": the PDF would overwrite the input; nothing written\n");
  CHECK(read_file(dir / "x.pdf") == kUnroll);
}

TEST_CASE("--json X -o X, and outputs inside the --archive folder, are refused before anything is written") {
  TempDir dir;
  write_file(dir / "thread.txt", kUnroll);
  Ran same = run_limited(threadpdf() + " " + dir / "thread.txt --json " + dir / "out" + " -o " + dir / "out");
  CHECK(same.status == 2);
  CHECK(same.err == dir / "out" + ": --json and -o name the same file; nothing written\n");
  CHECK_FALSE(fs::exists(dir / "out"));

  Ran inside = run_limited(threadpdf() + " " + dir / "thread.txt --archive " + dir / "arch -o " +
                           dir / "arch/mine.pdf");
  CHECK(inside.status == 2);
  CHECK(inside.err ==
        dir / "arch/mine.pdf" +
            ": -o is inside the --archive folder, which is replaced as a whole; nothing written\n");
  CHECK_FALSE(fs::exists(dir / "arch"));

  // An archive rendered again into its own folder would lose the pictures it refers to.
  REQUIRE(run_limited(threadpdf() + " " + dir / "thread.txt --archive " + dir / "arch").status == 0);
  const std::string before = read_file(dir / "arch/thread.json");
  Ran again = run_limited(threadpdf() + " " + dir / "arch/thread.json --archive " + dir / "arch");
  CHECK(again.status == 2);
  CHECK(again.err.find("--archive would overwrite the input; nothing written") != std::string::npos);
  CHECK(read_file(dir / "arch/thread.json") == before);
}

TEST_CASE("a batch whose report, packet or PDFs would overwrite its list or inputs is refused") {
  TempDir dir;
  write_file(dir / "a.txt", kUnroll);
  write_file(dir / "b.pdf", kUnroll);  // an unroll text whose PDF in its own folder is itself
  const std::string list = dir / "a.txt\n" + dir / "b.pdf\n";
  write_file(dir / "list", list);

  Ran report =
      run_limited(threadpdf() + " --batch " + dir / "list -o " + dir / "pdfs --report " + dir / "list");
  CHECK(report.status == 2);
  CHECK(report.err == dir / "list" + ": --report would overwrite the --batch list; nothing written\n");
  CHECK(read_file(dir / "list") == list);

  Ran packet = run_limited(threadpdf() + " --batch " + dir / "list --packet " + dir / "a.txt");
  CHECK(packet.status == 2);
  CHECK(packet.err == dir / "a.txt" + ": --packet would overwrite the input on line 1; nothing written\n");

  Ran given = run_limited(threadpdf() + " " + dir / "a.txt " + dir / "b.pdf --packet " + dir / "b.pdf");
  CHECK(given.status == 2);
  CHECK(given.err == dir / "b.pdf" + ": --packet would overwrite input 2; nothing written\n");

  Ran own = run_limited(threadpdf() + " --batch " + dir / "list -o " + dir.path() + " --force");
  CHECK(own.status == 2);
  CHECK(own.err ==
        dir / "b.pdf" + ": the PDF of line 2 would overwrite the input on line 2; nothing written\n");
  CHECK(read_file(dir / "b.pdf") == kUnroll);
  CHECK(read_file(dir / "a.txt") == kUnroll);
  CHECK_FALSE(fs::exists(dir / "a.pdf"));
  // Into another folder, or only into a packet, the same inputs are fine.
  Ran elsewhere = run_limited(threadpdf() + " --batch " + dir / "list -o " + dir / "pdfs -q");
  CHECK(elsewhere.status == 0);
  CHECK(is_pdf(read_file(dir / "pdfs/b.pdf")));
  Ran packet_only = run_limited(threadpdf() + " --batch " + dir / "list --packet " + dir / "packet.pdf -q");
  CHECK(packet_only.status == 0);
  CHECK(is_pdf(read_file(dir / "packet.pdf")));
  CHECK(read_file(dir / "b.pdf") == kUnroll);
}

TEST_CASE("a FIFO, /dev/stdout and /dev/null are written into, never renamed over") {
  TempDir dir;
  write_file(dir / "thread.txt", kUnroll);
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  // The reader's timeout only unblocks a broken run: the assertions are about the bytes.
  Ran fifo = run_limited("timeout 60 cat " + dir / "fifo > " + dir / "got & " + threadpdf() + " " +
                         dir / "thread.txt -o " + dir / "fifo; s=$?; wait; exit $s");
  CHECK(fifo.status == 0);
  CHECK(kind_of(dir / "fifo") == S_IFIFO);
  CHECK(is_pdf(read_file(dir / "got")));

  Ran out = run_limited(threadpdf() + " " + dir / "thread.txt -o /dev/stdout > " + dir / "stdout.pdf");
  CHECK(out.status == 0);
  CHECK(kind_of("/dev/stdout") == S_IFLNK);
  CHECK(is_pdf(read_file(dir / "stdout.pdf")));  // the PDF alone: no file name printed after it

  Ran null = run_limited(threadpdf() + " " + dir / "thread.txt -o /dev/null --json /dev/null");
  CHECK(null.status == 0);
  CHECK(kind_of("/dev/null") == S_IFCHR);
}

TEST_CASE("a full device is one line and exit 1, and stays a device") {
  TempDir dir;
  write_file(dir / "thread.txt", kUnroll);
  Ran pdf = run_limited(threadpdf() + " " + dir / "thread.txt -o /dev/full");
  CHECK(pdf.status == 1);
  CHECK(pdf.err == "/dev/full: cannot write: No space left on device\n");
  CHECK(kind_of("/dev/full") == S_IFCHR);

  write_file(dir / "list", dir / "thread.txt\n");
  Ran report = run_limited(threadpdf() + " --batch " + dir / "list -o " + dir / "pdfs -q --report /dev/full");
  CHECK(report.status == 1);
  CHECK(report.err == "/dev/full: cannot write: No space left on device\n");
  CHECK(kind_of("/dev/full") == S_IFCHR);
  CHECK(is_pdf(read_file(dir / "pdfs/thread.pdf")));  // the conversion itself went on
}

TEST_CASE("-o - into a closed pipe: 'standard output: Broken pipe', exit 1, no death by SIGPIPE") {
  TempDir dir;
  write_file(dir / "thread.txt", kUnroll);
  int status = run_into_closed_pipe({TP_THREADPDF, dir / "thread.txt", "-o", "-"}, dir / "err");
  CHECK(status == 1);
  CHECK(read_file(dir / "err") == "standard output: Broken pipe\n");

  // --dump writes to standard output the same way.
  status = run_into_closed_pipe({TP_THREADPDF, dir / "thread.txt", "--dump", "model"}, dir / "err");
  CHECK(status == 1);
  CHECK(read_file(dir / "err") == "standard output: Broken pipe\n");
}

TEST_CASE("a batch killed with SIGKILL leaves the report lines of the inputs it finished") {
  HttpServer server;
  // The third input's server accepts the request and never answers, so the batch is surely
  // still running when it is killed, with the first two inputs finished.
  const std::string stalled = "/api/v1/statuses/113000000000000003";
  server.route(stalled, HttpReply{200, {}, "{}", std::chrono::minutes(10)});
  TempDir dir;
  write_file(dir / "a.txt", kUnroll);
  write_file(dir / "b.txt", kUnroll);
  write_file(dir / "list", dir / "a.txt\n" + dir / "b.txt\n" + server.url("/@ana/113000000000000003") + "\n");
  std::vector<std::string> args = {"/usr/bin/env",
                                   "XDG_CACHE_HOME=" + dir / "cache",
                                   "THREADPDF_HTTP_TIMEOUT=600",
                                   TP_THREADPDF,
                                   "--batch",
                                   dir / "list",
                                   "-o",
                                   dir / "pdfs",
                                   "--report",
                                   dir / "report.jsonl",
                                   "-j",
                                   "1",
                                   "-q"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
  // Waits for the stalled request (bounded, in case the batch never gets there); no time is asserted.
  for (int i = 0; i < 6000 && server.count(stalled) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(server.count(stalled) == 1);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));

  std::vector<std::string> got = lines_of(read_file(dir / "report.jsonl"));
  REQUIRE(got.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    auto j = nlohmann::json::parse(got[i]);
    CHECK(j["line"] == i + 1);
    CHECK(j["status"] == "ok");
    CHECK(j["pages"] == 1);
  }
  CHECK(is_pdf(read_file(dir / "pdfs/a.pdf")));
  CHECK(is_pdf(read_file(dir / "pdfs/b.pdf")));
}

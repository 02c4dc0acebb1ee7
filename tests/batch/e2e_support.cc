#include "batch/e2e_support.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/fake_web.h"

namespace tp::test {

namespace fs = std::filesystem;
using nlohmann::json;

std::string batch_env(const TempDir& dir) {
  return "XDG_CACHE_HOME=" + dir / "cache" +
         " SOURCE_DATE_EPOCH=1795512600 THREADPDF_HTTP_TIMEOUT=2 "
         "THREADPDF_HTTP_RETRIES=1 THREADPDF_HTTP_BACKOFF=0.05 THREADPDF_HTTP_MAX_WAIT=5 ";
}

std::string generated_text(std::size_t thread, std::size_t post) {
  static const char* const kWords[] = {"harbour", "lantern", "meadow",  "copper", "orchard",
                                       "glacier", "violet",  "thunder", "pebble", "saffron",
                                       "timber",  "marble",  "willow",  "ember"};
  constexpr std::size_t n = sizeof kWords / sizeof *kWords;
  std::string s = "Thread " + std::to_string(thread) + " post " + std::to_string(post + 1) + ":";
  for (std::size_t w = 0; w < 6 + (thread + post) % 5; ++w)
    s += std::string(" ") + kWords[(thread * 7 + post * 3 + w) % n];
  return s + ".";
}

std::vector<std::size_t> add_generated_threads(FakeMastodon& fake, std::size_t count, bool pictures) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t t = fake.threads();
    std::vector<FakePost> posts;
    for (std::size_t p = 0; p < 2 + t % 5; ++p) posts.push_back({generated_text(t, p), {}});
    if (pictures && t % 3 == 0) {
      posts[0].pictures.push_back({FakeWeb::png_small(), "image/png", 64, 48, "A small gradient"});
      posts.back().pictures.push_back({FakeWeb::jpeg_wide(), "image/jpeg", 2400, 1200, "A wide gradient"});
    }
    char user[16];
    std::snprintf(user, sizeof user, "u%02zu", t);
    out.push_back(fake.add_thread(user, std::move(posts)));
  }
  return out;
}

const json* Report::line(std::size_t n) const {
  for (const auto& e : entries)
    if (e["line"] == n) return &e;
  return nullptr;
}

Report read_report(const std::string& path) {
  Report r;
  for (const auto& l : split_lines(read_file(path))) {
    if (l.empty()) continue;
    json j = json::parse(l);
    if (j.contains("summary"))
      r.summary = j;
    else
      r.entries.push_back(j);
  }
  return r;
}

int pdf_pages(const std::string& pdf) {
  Ran r = run("pdfinfo '" + pdf + "' | sed -n 's/^Pages: *//p'");
  return std::atoi(r.out.c_str());
}

bool qpdf_check(const std::string& pdf, std::string* output) {
  Ran r = run("qpdf --check '" + pdf + "'");
  if (output) *output = r.out + r.err;
  return r.status == 0 && r.out.find("No syntax or stream encoding errors found") != std::string::npos;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (!e.is_directory()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::size_t lines_starting(const std::string& s, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& l : split_lines(s)) n += l.rfind(prefix, 0) == 0;
  return n;
}

Child::Child(const std::string& command, const std::string& out_path, const std::string& err_path) {
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    // The test runner may have Ctrl-C ignored; the child must see it as a user's terminal would.
    std::signal(SIGINT, SIG_DFL);
    // env, so that the child's pid is threadpdf's own after both execs.
    ::execl("/bin/sh", "sh", "-c", ("exec env " + command).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
}

Child::~Child() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

void Child::signal(int sig) const { ::kill(pid_, sig); }

std::optional<int> Child::wait(double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    int raw = 0;
    pid_t r = ::waitpid(pid_, &raw, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    }
    if (std::chrono::steady_clock::now() > end) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

namespace {

OutlineEntry outline_entry(const json& j) {
  OutlineEntry e;
  e.title = j.value("title", "");
  e.page = j.value("destpageposfrom1", 0) - 1;
  for (const auto& k : j["kids"]) e.kids.push_back(outline_entry(k));
  return e;
}

}  // namespace

PdfStructure pdf_structure(const std::string& pdf) {
  Ran r = run("qpdf --json '" + pdf + "'");
  if (r.status != 0) throw std::runtime_error("qpdf --json failed: " + r.err);
  json j = json::parse(r.out);
  PdfStructure s;
  std::map<std::string, int> page_of;  // "12 0 R" -> index
  for (const auto& p : j["pages"]) page_of[p["object"].get<std::string>()] = p["pageposfrom1"].get<int>() - 1;
  s.pages = static_cast<int>(j["pages"].size());
  for (const auto& o : j["outlines"]) s.outline.push_back(outline_entry(o));
  for (const auto& l : j["pagelabels"])
    s.labels.emplace_back(l["index"].get<int>(), l["label"].value("/S", ""));
  const json& objects = j["qpdf"][1];
  s.links.resize(static_cast<std::size_t>(s.pages));
  for (const auto& p : j["pages"]) {
    const json& page = objects.at("obj:" + p["object"].get<std::string>())["value"];
    if (!page.contains("/Annots")) continue;
    json annots = page["/Annots"];
    if (annots.is_string()) annots = objects.at("obj:" + annots.get<std::string>())["value"];
    auto& out = s.links[static_cast<std::size_t>(p["pageposfrom1"].get<int>() - 1)];
    for (const auto& ref : annots) {
      const json& a = ref.is_string() ? objects.at("obj:" + ref.get<std::string>())["value"] : ref;
      if (a.value("/Subtype", "") != "/Link") continue;
      LinkAnnot link;
      link.top = std::max(a["/Rect"][1].get<double>(), a["/Rect"][3].get<double>());
      if (a.contains("/Dest") && a["/Dest"].is_array() && a["/Dest"][0].is_string())
        link.dest_page = page_of.count(a["/Dest"][0]) ? page_of[a["/Dest"][0]] : -2;
      if (a.contains("/A") && a["/A"].is_object() && a["/A"].contains("/URI"))
        link.uri = a["/A"]["/URI"].get<std::string>();
      out.push_back(link);
    }
    std::sort(out.begin(), out.end(), [](const LinkAnnot& a, const LinkAnnot& b) { return a.top > b.top; });
  }
  return s;
}

std::string pdf_text(const std::string& pdf, int page, bool layout) {
  std::string range = page < 0 ? "" : " -f " + std::to_string(page + 1) + " -l " + std::to_string(page + 1);
  return run("pdftotext -enc UTF-8" + std::string(layout ? " -layout" : "") + range + " '" + pdf + "' -").out;
}

}  // namespace tp::test

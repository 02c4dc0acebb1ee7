#include "app/batch.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace tp::app {

namespace fs = std::filesystem;

const char* status_name(Status s) {
  switch (s) {
    case Status::Ok:
      return "ok";
    case Status::Incomplete:
      return "incomplete";
    case Status::Skipped:
      return "skipped";
    case Status::Failed:
      return "failed";
  }
  return "failed";
}

size_t shard_of(const std::string& key, size_t count) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  return static_cast<size_t>(h % count);
}

std::vector<BatchInput> parse_list(
    const std::string& text, const std::string& out_dir,
    const std::function<std::pair<std::string, std::string>(const std::string&)>& name_of) {
  std::vector<BatchInput> out;
  std::map<std::string, int> names;  // output names in use, so two files called thread.json do not collide
  size_t line_no = 0, pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    const size_t a = line.find_first_not_of(" \t\r\xEF\xBB\xBF");
    if (a == std::string::npos) {
      if (end == text.size()) break;
      continue;
    }
    const size_t b = line.find_last_not_of(" \t\r");
    line = line.substr(a, b - a + 1);
    if (line[0] == '#') continue;
    BatchInput in;
    in.line = line_no;
    in.input = line;
    auto [key, name] = name_of(line);
    in.key = key;
    // The same key is the same thread and so the same output; another key with a name already
    // taken gets a numbered name.
    bool duplicate = false;
    for (const auto& prev : out) duplicate |= prev.key == in.key;
    if (!duplicate) {
      fs::path p(name);
      int n = ++names[name];
      if (n > 1) name = p.stem().string() + "-" + std::to_string(n) + p.extension().string();
    }
    in.output = (fs::path(out_dir) / name).string();
    if (duplicate)
      for (const auto& prev : out)
        if (prev.key == in.key) in.output = prev.output;
    out.push_back(in);
    if (end == text.size()) break;
  }
  return out;
}

std::vector<BatchResult> run_batch(const std::vector<BatchInput>& inputs, const BatchOptions& options,
                                   const Convert& convert, const BatchObserver& observer,
                                   const std::atomic<bool>& interrupted) {
  std::vector<std::optional<BatchResult>> results(inputs.size());
  std::map<std::string, size_t> first_of_key;
  for (size_t i = 0; i < inputs.size(); ++i) first_of_key.try_emplace(inputs[i].key, i);

  std::mutex mu;  // guards `next` and the observer calls
  size_t next = 0;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::lock_guard lock(mu);
        if (interrupted.load() || next >= inputs.size()) return;
        i = next++;
      }
      const BatchInput& in = inputs[i];
      BatchResult r;
      r.input = in;
      const auto start = std::chrono::steady_clock::now();
      if (first_of_key[in.key] != i) {
        r.status = Status::Skipped;
        r.reason = "duplicate of line " + std::to_string(inputs[first_of_key[in.key]].line);
      } else if (!options.force && !in.output.empty() && fs::exists(in.output)) {
        // Outputs are written atomically, so a PDF that exists is complete.
        r.status = Status::Skipped;
        r.reason = "already done";
      } else {
        {
          std::lock_guard lock(mu);
          if (observer.started) observer.started(in);
        }
        Converted c = convert(in);
        r.status = !c.ok                ? Status::Failed
                   : !c.skipped.empty() ? Status::Skipped
                   : c.losses.empty()   ? Status::Ok
                                        : Status::Incomplete;
        r.reason = c.ok ? c.skipped : c.error;
        if (!c.output.empty()) r.input.output = c.output;
        r.pages = c.pages;
        r.bytes = c.bytes;
        r.posts = c.posts;
        r.warnings = std::move(c.warnings);
        r.losses = std::move(c.losses);
      }
      r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::lock_guard lock(mu);
      if (observer.finished) observer.finished(r);
      results[i] = std::move(r);
    }
  };
  const size_t n = std::max<size_t>(1, std::min(options.jobs, inputs.size()));
  std::vector<std::thread> pool;
  for (size_t w = 1; w < n; ++w) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  std::vector<BatchResult> out;
  for (auto& r : results)
    if (r) out.push_back(std::move(*r));
  return out;
}

std::string report_line(const BatchResult& r) {
  nlohmann::ordered_json j;
  j["input"] = r.input.input;
  j["line"] = r.input.line;
  j["status"] = status_name(r.status);
  j["output"] = r.status == Status::Failed || r.input.output.empty() ? nlohmann::ordered_json()
                                                                     : nlohmann::ordered_json(r.input.output);
  j["pages"] = r.pages;
  j["bytes"] = r.bytes;
  j["posts"] = r.posts;
  j["warnings"] = r.warnings;
  const bool written = r.status == Status::Ok || r.status == Status::Incomplete;
  j["error"] = written ? nlohmann::ordered_json() : nlohmann::ordered_json(r.reason);
  j["duration_s"] = std::round(r.seconds * 1000) / 1000;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string report_summary(const std::vector<BatchResult>& results, size_t total, bool interrupted) {
  size_t ok = 0, incomplete = 0, skipped = 0, failed = 0;
  for (const auto& r : results)
    (r.status == Status::Ok           ? ok
     : r.status == Status::Incomplete ? incomplete
     : r.status == Status::Skipped    ? skipped
                                      : failed) += 1;
  nlohmann::ordered_json summary;
  summary["summary"] = true;
  summary["total"] = total;
  summary["ok"] = ok;
  summary["incomplete"] = incomplete;
  summary["skipped"] = skipped;
  summary["failed"] = failed;
  summary["not_run"] = total - results.size();
  summary["interrupted"] = interrupted;
  return summary.dump();
}

std::string batch_report(const std::vector<BatchResult>& results, size_t total, bool interrupted) {
  std::string out;
  for (const auto& r : results) out += report_line(r) + "\n";
  return out + report_summary(results, total, interrupted) + "\n";
}

}  // namespace tp::app

#include "app/merge_reports.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"

namespace tp::app {

using ordered = nlohmann::ordered_json;

std::string merge_reports(const std::vector<ReportFile>& files) {
  // (line, input) -> the object kept; std::map sorts them as the list had them.
  std::map<std::pair<long long, std::string>, ordered> inputs;
  long long total = 0;
  bool interrupted = false;
  size_t unfinished = 0;
  for (const ReportFile& f : files) {
    std::istringstream in(f.text);
    std::string line;
    size_t n = 0;
    bool summary_seen = false;
    long long entries = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const std::string where = f.name + ":" + std::to_string(n);
      ordered j = ordered::parse(line, nullptr, false);
      if (!j.is_object())
        throw Error(ErrorCode::Input, where, "not a line of a threadpdf report (expected a JSON object)");
      if (j.contains("summary")) {
        if (!j.value("total", ordered()).is_number_unsigned())
          throw Error(ErrorCode::Input, where, "a summary without its \"total\"");
        total += j["total"].get<long long>();
        interrupted = interrupted || j.value("interrupted", false);
        summary_seen = true;
        continue;
      }
      if (!j.value("input", ordered()).is_string() || !j.value("line", ordered()).is_number_unsigned() ||
          !j.value("status", ordered()).is_string())
        throw Error(ErrorCode::Input, where,
                    "not an input of a threadpdf report (no input, line and status)");
      ++entries;
      auto key = std::make_pair(j["line"].get<long long>(), j["input"].get<std::string>());
      auto it = inputs.find(key);
      if (it != inputs.end() && j["status"] == "skipped" && it->second["status"] != "skipped") continue;
      inputs[key] = std::move(j);
    }
    if (!summary_seen) {
      ++unfinished;
      total += entries;  // the inputs it never reached are unknown
    }
  }
  size_t ok = 0, incomplete = 0, skipped = 0, failed = 0;
  std::string out;
  for (const auto& [key, j] : inputs) {
    const std::string status = j["status"];
    (status == "ok" ? ok : status == "incomplete" ? incomplete : status == "skipped" ? skipped : failed) += 1;
    out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  ordered summary;
  summary["summary"] = true;
  summary["total"] = std::max<long long>(total, static_cast<long long>(inputs.size()));
  summary["ok"] = ok;
  summary["incomplete"] = incomplete;
  summary["skipped"] = skipped;
  summary["failed"] = failed;
  summary["not_run"] = std::max<long long>(0, total - static_cast<long long>(inputs.size()));
  summary["interrupted"] = interrupted || unfinished > 0;
  summary["reports"] = files.size();
  summary["unfinished"] = unfinished;
  return out + summary.dump() + "\n";
}

}  // namespace tp::app

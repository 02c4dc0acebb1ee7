// A sink for recoverable problems (a missing image, a glyph no font has). Stages report here and go
// on; the caller decides where warnings go (stderr for the CLI, a report for batches). Identical
// warnings are kept once, so a font gap seen on every line is reported a single time.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace tp {

struct Warning {
  std::string where;    // the input, and what inside it ("thread.json: post 3 image 1")
  std::string message;  // one sentence
  std::string line() const { return where.empty() ? message : where + ": " + message; }
};

class Diagnostics {
 public:
  // `on_warning`, when set, is called once for each new (not repeated) warning as it arrives.
  explicit Diagnostics(std::function<void(const Warning&)> on_warning = {});

  void warn(std::string where, std::string message);
  const std::vector<Warning>& warnings() const { return warnings_; }

 private:
  std::function<void(const Warning&)> on_warning_;
  std::vector<Warning> warnings_;
  std::set<std::string> seen_;
};

}  // namespace tp

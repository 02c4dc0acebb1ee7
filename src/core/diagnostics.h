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
  // Something of the thread is missing from the output (a picture, a post, the end of a text):
  // the capture is incomplete, which the CLI says with exit status 3.
  bool loss = false;
  std::string line() const { return where.empty() ? message : where + ": " + message; }
};

class Diagnostics {
 public:
  // `on_warning`, when set, is called once for each new (not repeated) warning as it arrives.
  explicit Diagnostics(std::function<void(const Warning&)> on_warning = {});

  // A remark: the output still holds everything the source gave (a font fallback, a cache that
  // cannot be written, a malformed link range).
  void warn(std::string where, std::string message);
  // A loss, decided where it happens: a picture, avatar, card image or custom emoji that could not be
  // loaded, a text the source cut, a post that could not be fetched, a thread cut short.
  void warn_loss(std::string where, std::string message);
  const std::vector<Warning>& warnings() const { return warnings_; }
  // True once any loss was reported.
  bool incomplete() const { return losses_ > 0; }

 private:
  std::function<void(const Warning&)> on_warning_;
  std::vector<Warning> warnings_;
  std::set<std::string> seen_;
  size_t losses_ = 0;

  void add(Warning w);
};

}  // namespace tp

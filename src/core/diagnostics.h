// A sink for recoverable problems (a missing image, a glyph no font has). Stages report here and go
// on; the caller decides where warnings go (stderr for the CLI, a report for batches). Identical
// warnings are kept once, so a font gap seen on every line is reported a single time; warnings that
// differ only in numbers, addresses and quoted text ("post 7 image 1: … https://…/a.jpg …") are
// kept kShownPerShape times, and summarize() says how many more there were in one line.
#pragma once

#include <functional>
#include <map>
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

  // Warnings of one shape passed on before the rest are only counted.
  static constexpr size_t kShownPerShape = 10;

  // A remark: the output still holds everything the source gave (a font fallback, a cache that
  // cannot be written, a malformed link range).
  void warn(std::string where, std::string message);
  // A loss, decided where it happens: a picture, avatar, card image or custom emoji that could not be
  // loaded, a text the source cut, a post that could not be fetched, a thread cut short.
  void warn_loss(std::string where, std::string message);
  // For each shape with warnings held back since the last call, one more warning (passed on like
  // the others): "… and 212 more like it: <the first line of that shape>", a loss when any held
  // back one was. Call it once the work is done, before reading warnings().
  void summarize();
  const std::vector<Warning>& warnings() const { return warnings_; }
  // True once any loss was reported.
  bool incomplete() const { return losses_ > 0; }
  // Distinct losses reported, those held back included.
  size_t losses() const { return losses_; }

 private:
  struct Shape {
    std::string first;  // the first line of this shape
    size_t count = 0;   // distinct warnings of this shape
    size_t said = 0;    // of them, passed on or summarised
    bool held_loss = false;
  };
  std::function<void(const Warning&)> on_warning_;
  std::vector<Warning> warnings_;
  std::set<std::string> seen_;
  std::map<std::string, Shape> shapes_;
  std::vector<std::string> shape_order_;  // shapes in order of their first warning
  size_t losses_ = 0;

  void add(Warning w);
};

}  // namespace tp

#include "core/diagnostics.h"

#include <cctype>

namespace tp {

namespace {

// A line with what varies between warnings of one kind set aside: web addresses, quoted text, runs
// of digits (and hexadecimal code points, "U+0E01").
std::string shape_of(const std::string& line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (line.compare(i, 7, "http://") == 0 || line.compare(i, 8, "https://") == 0) {
      while (i < line.size() && line[i] != ' ' && line[i] != '"') ++i;
      out += "<url>";
    } else if (line[i] == '"') {
      size_t end = line.find('"', i + 1);
      if (end == std::string::npos) end = line.size() - 1;
      out += "\"\"";
      i = end + 1;
    } else if (line.compare(i, 2, "U+") == 0) {
      i += 2;
      while (i < line.size() && std::isxdigit(static_cast<unsigned char>(line[i]))) ++i;
      out += "U+#";
    } else if (line[i] >= '0' && line[i] <= '9') {
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
      out += '#';
    } else {
      out += line[i++];
    }
  }
  return out;
}

}  // namespace

Diagnostics::Diagnostics(std::function<void(const Warning&)> on_warning)
    : on_warning_(std::move(on_warning)) {}

void Diagnostics::warn(std::string where, std::string message) {
  add(Warning{std::move(where), std::move(message), false});
}

void Diagnostics::warn_loss(std::string where, std::string message) {
  add(Warning{std::move(where), std::move(message), true});
}

void Diagnostics::add(Warning w) {
  if (!seen_.insert(w.line()).second) return;
  losses_ += w.loss ? 1 : 0;
  const std::string key = shape_of(w.line());
  auto [it, fresh] = shapes_.try_emplace(key);
  Shape& shape = it->second;
  if (fresh) {
    shape.first = w.line();
    shape_order_.push_back(key);
  }
  if (++shape.count > kShownPerShape) {
    // Hundreds of one kind (a picture host that is down) would bury every other warning.
    shape.held_loss |= w.loss;
    return;
  }
  ++shape.said;
  warnings_.push_back(w);
  if (on_warning_) on_warning_(warnings_.back());
}

void Diagnostics::summarize() {
  for (const std::string& key : shape_order_) {
    Shape& shape = shapes_[key];
    if (shape.count == shape.said) continue;
    const size_t more = shape.count - shape.said;
    warnings_.push_back(
        Warning{"", "\u2026 and " + std::to_string(more) + " more like it: " + shape.first, shape.held_loss});
    shape.said = shape.count;
    shape.held_loss = false;
    if (on_warning_) on_warning_(warnings_.back());
  }
}

}  // namespace tp

#include "core/diagnostics.h"

namespace tp {

Diagnostics::Diagnostics(std::function<void(const Warning&)> on_warning)
    : on_warning_(std::move(on_warning)) {}

void Diagnostics::warn(std::string where, std::string message) {
  Warning w{std::move(where), std::move(message)};
  if (!seen_.insert(w.line()).second) return;
  warnings_.push_back(w);
  if (on_warning_) on_warning_(warnings_.back());
}

}  // namespace tp

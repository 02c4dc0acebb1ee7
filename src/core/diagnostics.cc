#include "core/diagnostics.h"

namespace tp {

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
  warnings_.push_back(w);
  if (on_warning_) on_warning_(warnings_.back());
}

}  // namespace tp

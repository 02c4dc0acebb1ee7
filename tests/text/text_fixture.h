// The project's real font chain, loaded once per test binary.
#pragma once

#include "core/diagnostics.h"
#include "text/font_set.h"

namespace tp::test {

inline Diagnostics& font_diagnostics() {
  static Diagnostics diag;
  return diag;
}

inline const text::FontSet& fonts() {
  static auto set = text::FontSet::load(TP_SOURCE_DIR "/fonts/chain.json", font_diagnostics());
  return *set;
}

}  // namespace tp::test

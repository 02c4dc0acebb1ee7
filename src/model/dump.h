// A canonical, line-oriented text dump of a thread, for golden tests and `--dump model`.
// Stable: field order fixed, strings JSON-escaped, one post per block.
#pragma once

#include <string>

#include "model/thread.h"

namespace tp::model {

std::string dump(const Thread& thread);

}  // namespace tp::model

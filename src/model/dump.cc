#include "model/dump.h"
// Filled in by the parse work (see parse/).
namespace tp::model {
std::string dump(const Thread&) { return {}; }
}  // namespace tp::model

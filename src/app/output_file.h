// Writing an output so that it is either whole or absent: the bytes go to a temporary file in the
// same folder, which is renamed over the target only once complete. Throws Error(Output).
#pragma once

#include <string>

namespace tp::app {

// `path` "-" writes to standard output.
void write_atomically(const std::string& path, const std::string& bytes);

}  // namespace tp::app

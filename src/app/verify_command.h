// `threadpdf verify FILE.pdf [--json]` (evidence/verify.h) as a command: what it prints and its
// exit status (0 everything holds, 1 anything altered or not a capture, 2 usage).
#pragma once

#include <ostream>

namespace tp::app {

// argv from "verify" on. Writes the report to `out`, a usage error or unreadable file to `err`.
int run_verify(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace tp::app

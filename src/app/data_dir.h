// Where threadpdf's data (layouts/, fonts/) is: the program is relocatable, so it looks beside
// itself before it looks at the folder the build was configured with.
#pragma once

#include <string>

#include "app/environment.h"

namespace tp::app {

// The data folder, in this order: THREADPDF_DATA_DIR of `env` when set (it must then hold layouts/ and
// fonts/), PROGRAM_DIR/../share/threadpdf (an installed tree), PROGRAM_DIR/.. and PROGRAM_DIR,
// then `built_in` (the source tree of a build). "" when none holds both folders; Error(Input) when
// THREADPDF_DATA_DIR names a folder without them.
// `built_in` is used only by a program still inside `build_dir` (the build tree it was made in):
// an installed or moved copy never depends on where it was built.
std::string find_data_dir(const Environment& env, const std::string& built_in,
                          const std::string& build_dir = "");

// The one-line message for "" from find_data_dir.
inline constexpr const char* kNoDataMessage =
    "cannot find threadpdf's data (layouts/, fonts/) next to the program or in THREADPDF_DATA_DIR";

}  // namespace tp::app

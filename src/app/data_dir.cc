#include "app/data_dir.h"

#include <cstdlib>
#include <filesystem>

#include "core/error.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

bool holds_data(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "layouts", ec) && fs::is_directory(dir / "fonts", ec);
}

}  // namespace

std::string find_data_dir(const Environment& env, const std::string& built_in, const std::string& build_dir) {
  if (const std::string given = env.get("THREADPDF_DATA_DIR"); !given.empty()) {
    if (!holds_data(given))
      throw Error(ErrorCode::Input, "threadpdf",
                  std::string(kNoDataMessage) + " (THREADPDF_DATA_DIR is \"" + given + "\")");
    return given;
  }
  std::error_code ec;
  // /proc/self/exe, not argv[0]: a program found through PATH has no folder in argv[0].
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir / ".." / "share" / "threadpdf", dir / "..", dir})
      if (holds_data(candidate)) return candidate.lexically_normal().string();
  }
  const std::string exe_path = exe.lexically_normal().string();
  const bool in_build_tree =
      build_dir.empty() ||
      (!ec && exe_path.rfind(fs::path(build_dir).lexically_normal().string() + "/", 0) == 0);
  if (in_build_tree && !built_in.empty() && holds_data(built_in)) return built_in;
  return "";
}

}  // namespace tp::app

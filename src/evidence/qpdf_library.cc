#include <dlfcn.h>

#include <filesystem>

#include "core/error.h"
#include "evidence/qpdf_reader.h"

namespace tp::evidence {

namespace {

namespace fs = std::filesystem;

struct Loaded {
  const QpdfReader* reader = nullptr;
  std::string failure;  // empty when the table was found
};

// Where the module may be, in the order qpdf_reader.h gives.
std::vector<fs::path> candidates() {
  std::vector<fs::path> out;
  std::error_code ec;
  // /proc/self/exe, not argv[0]: a program found through PATH has no folder in argv[0].
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return out;
  out.push_back(exe.parent_path() / ".." / "lib" / "threadpdf" / kQpdfModule);
  // An installed or moved copy never depends on where it was built (as app/data_dir.h).
  const std::string build_dir = fs::path(THREADPDF_BUILD_DIR).lexically_normal().string();
  if (exe.lexically_normal().string().rfind(build_dir + "/", 0) == 0) out.push_back(THREADPDF_QPDF_MODULE);
  return out;
}

Loaded load() {
  Loaded l;
  std::string why;
  for (const fs::path& path : candidates()) {
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    // RTLD_LOCAL: nothing else in the process resolves symbols against libqpdf's dependencies.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* error = dlerror();
      why = error ? error : "unknown reason";
      break;
    }
    using Entry = const QpdfReader* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, kQpdfEntry));
    if (!entry) {
      why = path.string() + " has no function " + kQpdfEntry;
      break;
    }
    // Never dlclose: what the module returned may live until exit.
    l.reader = entry();
    return l;
  }
  if (why.empty()) why = "not beside the program in ../lib/threadpdf/";
  l.failure = "cannot be loaded (" + why + "); reading PDFs needs it and Debian's libqpdf29";
  return l;
}

}  // namespace

const QpdfReader& qpdf_reader() {
  static const Loaded loaded = load();  // thread-safe initialisation (C++11 statics)
  if (!loaded.reader) throw Error(ErrorCode::Internal, kQpdfModule, loaded.failure);
  return *loaded.reader;
}

}  // namespace tp::evidence

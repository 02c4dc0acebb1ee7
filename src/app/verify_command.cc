#include "app/verify_command.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "evidence/verify.h"

namespace tp::app {

int run_verify(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string file;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json")
      json = true;
    else if (a.rfind("-", 0) == 0 || !file.empty())
      return err << "verify: usage: threadpdf verify FILE.pdf [--json]\n", 2;
    else
      file = a;
  }
  if (file.empty()) return err << "verify: usage: threadpdf verify FILE.pdf [--json]\n", 2;
  std::ifstream in(file, std::ios::binary);
  if (!in) return err << file << ": cannot read: " << std::strerror(errno) << "\n", 1;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const evidence::Verification v = evidence::verify(bytes.str(), file);
  out << (json ? evidence::format_json(v, file) : evidence::format_text(v, file));
  return v.ok() ? 0 : 1;
}

}  // namespace tp::app

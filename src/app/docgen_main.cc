// threadpdf-docgen: writes what the build makes from the option table (option_table.h).
//   threadpdf-docgen man DATA_DIR           the man page threadpdf.1 (of this version, core/version.h)
//   threadpdf-docgen bash|zsh|fish          a completion script
//   threadpdf-docgen help DATA_DIR          what threadpdf --help prints
#include <iostream>
#include <stdexcept>
#include <string>

#include "app/help.h"
#include "core/version.h"

int main(int argc, char** argv) {
  using namespace tp::app;
  const std::string what = argc > 1 ? argv[1] : "";
  try {
    if (what == "man" && argc == 3)
      std::cout << man_page(layout_names(std::string(argv[2]) + "/layouts"), tp::kVersion);
    else if (what == "help" && argc == 3)
      std::cout << help_text(layout_names(std::string(argv[2]) + "/layouts"));
    else if (argc == 2)
      std::cout << completion_script(what);
    else
      throw std::invalid_argument("usage: threadpdf-docgen man DATA_DIR | help DATA_DIR | bash | zsh | fish");
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return std::cout.flush() ? 0 : 1;
}

// threadpdf: the process around app::run (run.h), which does everything the command line does.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "app/run.h"

int main(int argc, char** argv) {
  // A closed pipe on standard output is then a write error (EPIPE) that becomes one line and exit
  // status 1, instead of a silent death. (curl is told not to touch signals: CURLOPT_NOSIGNAL.)
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string> args(argv, argv + argc);
  return tp::app::run(args, tp::app::process_environment(), std::cin, std::cout, std::cerr);
}

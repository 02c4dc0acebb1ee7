// A source file that reads the environment itself instead of being given it: the checker must
// name both lines, and not this comment's getenv or environ.
#include <cstdlib>

const char* home() { return std::getenv("HOME"); }
extern char** environ;

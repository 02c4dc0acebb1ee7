// Writing bytes to a file descriptor whole: the loop every writer of threadpdf's files needs.
#pragma once

#include <string_view>

namespace tp {

// Writes all of `bytes` to `fd`, going on after short writes and interrupted calls. Returns 0, or
// the error that stopped it (errno's value; ENOSPC for a write that wrote nothing).
int write_all(int fd, std::string_view bytes);

}  // namespace tp

#include "core/error.h"

namespace tp {

namespace {
std::string join(const std::string& where, const std::string& message) {
  return where.empty() ? message : where + ": " + message;
}
}  // namespace

Error::Error(ErrorCode code, std::string where, std::string message)
    : std::runtime_error(join(where, message)),
      code_(code),
      where_(std::move(where)),
      message_(std::move(message)) {}

int Error::exit_status() const { return code_ == ErrorCode::Usage ? 2 : 1; }

}  // namespace tp

// The one fatal error type. Every stage throws Error when it cannot go on; the CLI prints it as one
// line ("where: message") and exits with the code's exit status. Recoverable damage is never thrown:
// it goes to a Diagnostics sink (diagnostics.h).
#pragma once

#include <stdexcept>
#include <string>

namespace tp {

enum class ErrorCode {
  Input,    // the input cannot be converted (bad JSON, unreadable file, empty thread): exit 1
  Usage,    // the command line is wrong: exit 2
  Output,   // the output cannot be written: exit 1
  Internal  // a bug or a library failure we did not expect: exit 1
};

class Error : public std::runtime_error {
 public:
  // `where` names the input (a file name, "-", a URL) and, when known, a position inside it
  // ("thread.json: posts[3].text"); `message` says what is wrong, in words a user understands.
  Error(ErrorCode code, std::string where, std::string message);

  ErrorCode code() const { return code_; }
  const std::string& where() const { return where_; }
  const std::string& message() const { return message_; }

  // The exit status the CLI uses for this error (1 or 2).
  int exit_status() const;

 private:
  ErrorCode code_;
  std::string where_;
  std::string message_;
};

}  // namespace tp

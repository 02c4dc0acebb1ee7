#include "parse/input.h"
#include "parse/parse.h"

namespace tp::parse {

Format sniff(const std::string& bytes) {
  if (bytes.rfind("%PDF-", 0) == 0) return Format::Pdf;
  for (char c : strip_bom(bytes)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' ? Format::ThreadJson : Format::UnrollText;
  }
  return Format::UnrollText;
}

model::Thread read_any(const std::string& bytes, const std::string& input, Diagnostics* diag) {
  if (sniff(bytes) == Format::Pdf)
    throw Error(ErrorCode::Input, input, "is a PDF; only a PDF threadpdf made carries a thread to read");
  // Checked here as well as in each reader so the message does not depend on the sniffed format.
  require_utf8(bytes, input);
  if (sniff(bytes) == Format::ThreadJson) return read_thread_json(bytes, input);
  return read_unroll_text(bytes, input, diag);
}

}  // namespace tp::parse

#include "core/error.h"
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

namespace {

// Every line that is not blank or a "#" comment is one http(s) URL, and there is at least one.
bool is_url_list(std::string_view text) {
  size_t urls = 0, pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    const size_t a = line.find_first_not_of(" \t\r"), b = line.find_last_not_of(" \t\r");
    if (a == std::string_view::npos || line[a] == '#') continue;
    line = line.substr(a, b - a + 1);
    const bool url = (line.rfind("https://", 0) == 0 || line.rfind("http://", 0) == 0) &&
                     line.find_first_of(" \t") == std::string_view::npos;
    if (!url) return false;
    ++urls;
  }
  return urls > 0;
}

}  // namespace

model::Thread read_as(Format format, const std::string& bytes, const std::string& input, Diagnostics* diag) {
  // Checked here as well as in each reader so the message does not depend on the format.
  require_utf8(bytes, input);
  if (format == Format::ThreadJson) return read_thread_json(bytes, input);
  return read_unroll_text(bytes, input, diag);
}

model::Thread read_any(const std::string& bytes, const std::string& input, Diagnostics* diag) {
  if (sniff(bytes) == Format::Pdf)
    throw Error(ErrorCode::Input, input, "is a PDF; only a PDF threadpdf made carries a thread to read");
  require_utf8(bytes, input);
  const Format format = sniff(bytes);
  // An unroll page always holds words besides links; a file of nothing but URLs is a batch list.
  if (format == Format::UnrollText && is_url_list(strip_bom(bytes)))
    throw Error(ErrorCode::Usage, input, "this looks like a list of URLs: use --batch FILE");
  // Any text would split into "posts", one a line: only a copy that shows the page's marks is
  // taken for one, so a stray notes file is not printed as a thread.
  if (format == Format::UnrollText && !looks_like_unroll_text(bytes))
    throw Error(ErrorCode::Input, input,
                "not a thread: neither thread JSON nor the copied text of an unroll page (no author "
                "block, no \"• • •\" end line, no page chrome); --from unroll reads it one post a line");
  return read_as(format, bytes, input, diag);
}

}  // namespace tp::parse

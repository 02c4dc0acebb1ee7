// Reader of the text copied from a Thread Reader App page (docs/platforms/threadreaderapp.md,
// section 3): [author block] posts, one per line, `• • •`, page chrome. The copy has no markup, so
// the structure comes from lines alone: a line is a post, an empty line joins the next line to the
// same post as a new paragraph, and nothing after the `• • •` line is a post.
#include <unicode/uchar.h>

#include <optional>
#include <regex>

#include "core/error.h"
#include "core/utf8.h"
#include "parse/input.h"
#include "parse/parse.h"
#include "parse/text_spans.h"

namespace tp::parse {

namespace {

bool is_blank(char32_t c) { return c == 0xFEFF || u_isUWhiteSpace(static_cast<UChar32>(c)); }

// Browsers pad copied lines with spaces and no-break spaces; neither end of a line carries meaning.
std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t pos = b;
    if (!is_blank(utf8::next(s, pos))) break;
    b = pos;
  }
  while (e > b) {
    size_t start = e - 1;
    while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t pos = start;
    if (!is_blank(utf8::next(s, pos))) break;
    e = start;
  }
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
      lines.push_back(trim(text.substr(start, i - start)));
      if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  return lines;
}

// `• • •`, however the browser spaced it.
bool is_thread_end(const std::string& line) {
  size_t bullets = 0, pos = 0;
  while (pos < line.size()) {
    char32_t c = utf8::next(line, pos);
    if (c == U'•')
      ++bullets;
    else if (!is_blank(c))
      return false;
  }
  return bullets >= 3;
}

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_handle_line(const std::string& line) {
  static const std::regex re("@[A-Za-z0-9_]{1,15}");
  return std::regex_match(line, re);
}

bool is_date_line(const std::string& line) {
  static const std::regex re("(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{1,2}(, [0-9]{4})? ?•");
  return std::regex_match(line, re);
}

// "10 tweets • 8 min read •" -> 10
std::optional<size_t> count_line(const std::string& line) {
  static const std::regex re("([0-9]+) (tweets?|posts?) • [0-9]+ min read( ?•)?");
  std::smatch m;
  if (!std::regex_match(line, m, re)) return std::nullopt;
  return std::stoul(m[1].str());
}

bool is_block_link(const std::string& line) {
  static constexpr std::string_view kLinks[] = {"Read on X", "Read on Twitter", "Scrolly",  "Bookmark",
                                                "Gift Link", "Save as PDF",     "Subscribe"};
  for (auto l : kLinks)
    if (line == l) return true;
  return false;
}

bool is_app_line(const std::string& line) { return line == "Thread Reader" || line == "Thread Reader App"; }

constexpr std::string_view kProfilePicture = " Profile picture";

struct Page {
  size_t first = 0, end = 0;  // the lines of the posts
  std::string name, handle;   // handle without '@'
  std::optional<size_t> count;
};

// The author block, when the copy starts above the first post. Its lines are only taken as chrome
// after something that cannot be a post's text (the app's name, "Subscribe" on the second line,
// the "Jun 22 •" or "10 tweets • 8 min read •" lines), so a thread copied from its first post keeps
// every line.
void read_header(const std::vector<std::string>& lines, Page& page) {
  size_t i = 0;
  auto skip_empty = [&] {
    while (i < page.end && lines[i].empty()) ++i;
  };
  skip_empty();
  bool block = false;
  if (i < page.end && is_app_line(lines[i])) ++i, block = true, skip_empty();
  if (i < page.end && ends_with(lines[i], kProfilePicture) && lines[i].size() > kProfilePicture.size()) {
    page.name = lines[i].substr(0, lines[i].size() - kProfilePicture.size());
    ++i, block = true, skip_empty();
  }
  if (i < page.end && lines[i] == "Subscribe") {
    block = true;
  } else if (i + 1 < page.end && lines[i + 1] == "Subscribe") {
    page.name = lines[i];
    ++i, block = true;
  }
  if (i < page.end && (is_date_line(lines[i]) || count_line(lines[i]))) block = true;
  if (!block) {
    page.first = i;
    return;
  }
  bool dated = false;
  for (; i < page.end; ++i) {
    const std::string& line = lines[i];
    if (line.empty() || is_block_link(line)) continue;
    if (!dated && page.handle.empty() && is_handle_line(line)) {
      page.handle = line.substr(1);
    } else if (is_date_line(line)) {
      dated = true;
    } else if (auto n = count_line(line)) {
      dated = true, page.count = n;
    } else {
      break;
    }
  }
  page.first = i;
}

// The chrome after `• • •` names the author again; the page's own words are more reliable than the
// block above the thread, which a copy often leaves out.
void read_chrome(const std::vector<std::string>& lines, Page& page) {
  std::string name, handle;
  for (size_t i = page.end; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (name.empty() && starts_with(line, "Keep Current with ")) {
      name = line.substr(18);
    } else if (name.empty() && ends_with(line, kProfilePicture) && line.size() > kProfilePicture.size()) {
      name = line.substr(0, line.size() - kProfilePicture.size());
    } else if (handle.empty() && starts_with(line, "More from @") && is_handle_line(line.substr(10))) {
      handle = line.substr(11);
    }
  }
  if (!name.empty()) page.name = name;
  if (!handle.empty()) page.handle = handle;
}

size_t find_end(const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size(); ++i)
    if (is_thread_end(lines[i])) return i;
  // A copy that lost the `• • •` line but kept the chrome below it.
  for (size_t i = 0; i < lines.size(); ++i)
    if (starts_with(lines[i], "Missing some Tweet in this thread?")) return i;
  return lines.size();
}

std::vector<std::string> post_texts(const std::vector<std::string>& lines, const Page& page) {
  std::vector<std::string> texts;
  bool paragraph = false;
  for (size_t i = page.first; i < page.end; ++i) {
    if (lines[i].empty()) {
      paragraph = !texts.empty();
      continue;
    }
    if (paragraph)
      texts.back() += "\n\n" + lines[i];
    else
      texts.push_back(lines[i]);
    paragraph = false;
  }
  return texts;
}

// "3/ text" or "3/12 text" -> {3, 12}; {3, 0} without a total.
std::optional<std::pair<size_t, size_t>> leading_number(const std::string& text) {
  static const std::regex re("([0-9]{1,3})/([0-9]{1,3})?(\\s[^]*)?");
  std::smatch m;
  if (!std::regex_match(text, m, re)) return std::nullopt;
  return std::make_pair(std::stoul(m[1].str()), m[2].matched ? std::stoul(m[2].str()) : 0);
}

// Copied text cannot tell a line break inside a post from the break between two posts. When the
// author numbered every post ("1/", "2/12") and the page or the numbering says how many there are,
// the numbers can: a line that does not start with the next number belongs to the post above.
// Anything less certain keeps one post per line, as the format page says.
void join_numbered(std::vector<std::string>& texts, std::optional<size_t> expected) {
  size_t numbered = 0, total = 0;
  for (const auto& text : texts) {
    auto n = leading_number(text);
    if (!n) continue;
    if (n->first != numbered + 1 || (n->second && total && n->second != total)) return;
    if (n->second) total = n->second;
    ++numbered;
  }
  if (!leading_number(texts.front())) return;
  if (!expected) expected = total;
  if (numbered < 2 || numbered != expected || numbered >= texts.size()) return;
  std::vector<std::string> joined;
  for (auto& text : texts) {
    if (leading_number(text))
      joined.push_back(std::move(text));
    else
      joined.back() += "\n" + text;
  }
  texts = std::move(joined);
}

// Lines of the page's chrome below the thread that no post is likely to be.
bool is_chrome_line(const std::string& line) {
  static constexpr std::string_view kStarts[] = {"Missing some Tweet in this thread?",
                                                 "Keep Current with ",
                                                 "Stay in touch and get notified",
                                                 "This Thread may be Removed Anytime!",
                                                 "Twitter may remove this content at anytime!",
                                                 "Try unrolling a thread yourself!"};
  for (auto s : kStarts)
    if (starts_with(line, s)) return true;
  return starts_with(line, "More from @") && is_handle_line(line.substr(10));
}

}  // namespace

bool looks_like_unroll_text(std::string_view text) {
  const std::vector<std::string> lines = split_lines(strip_bom(text));
  for (const auto& line : lines)
    if (is_thread_end(line) || is_chrome_line(line)) return true;
  Page page;
  page.end = lines.size();
  read_header(lines, page);
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  return page.first > first;  // the author block was read above the first post
}

model::Thread read_unroll_text(const std::string& bytes, const std::string& input, Diagnostics* diag) {
  require_utf8(bytes, input);
  const std::vector<std::string> lines = split_lines(strip_bom(bytes));
  Page page;
  page.end = find_end(lines);
  read_header(lines, page);
  read_chrome(lines, page);

  std::vector<std::string> texts = post_texts(lines, page);
  if (texts.empty()) throw Error(ErrorCode::Input, input, "no posts found");
  join_numbered(texts, page.count);

  model::Thread thread;
  thread.source.platform = model::Platform::Text;
  thread.author.name = page.name;
  if (!page.handle.empty()) {
    thread.author.handle = "@" + page.handle;
    thread.author.url = "https://x.com/" + page.handle;
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    model::Post post;
    post.id = std::to_string(i + 1);
    post.text = texts[i];
    post.spans = find_spans(post.text);
    thread.posts.push_back(std::move(post));
  }

  if (diag && page.count && *page.count != texts.size()) {
    const std::string said = "the page says " + std::to_string(*page.count) + " tweets but the text ";
    if (texts.size() > *page.count)
      diag->warn(input, said + "splits into " + std::to_string(texts.size()) +
                            " posts; a post with a single line break inside reads as two in copied text");
    else
      diag->warn(input,
                 said + "holds " + std::to_string(texts.size()) + " posts; some are missing from the copy");
  }
  return thread;
}

}  // namespace tp::parse

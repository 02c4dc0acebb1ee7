// Reader of thread JSON (docs/thread-json.md). Every check names the JSON path of the
// value it rejects; fields are checked in the order the format page lists them, so the first error
// reported is the first a reader of the page would find.
#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"
#include "core/format.h"
#include "core/utf8.h"
#include "parse/format_rules.h"
#include "parse/input.h"
#include "parse/parse.h"

namespace tp::parse {

namespace {

using json = nlohmann::json;

// What a value was, for "got …": strings quoted as JSON (shortened when long), containers named.
std::string describe(const json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    constexpr size_t kMax = 60;
    if (utf8::length(s) > kMax) return json(s.substr(0, utf8::byte_offset(s, kMax)) + "…").dump();
  }
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<std::int64_t> as_whole(const json& v) {
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return INT64_MAX;
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  // JSON has one number type: writers in languages without integers write 800.0 for 800.
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

bool is_absolute_http_url(std::string_view s) {
  size_t host;
  if (starts_with_ci(s, "http://"))
    host = 7;
  else if (starts_with_ci(s, "https://"))
    host = 8;
  else
    return false;
  if (host >= s.size() || s[host] == '/' || s[host] == '?' || s[host] == '#') return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7F) return false;
  return true;
}

std::string join_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string index_path(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

class Reader {
 public:
  explicit Reader(const std::string& input) : input_(input) {}

  model::Thread document(const json& doc) {
    object(doc, "");
    const json& format = required(doc, "", "format");
    if (!format.is_string() || format.get_ref<const std::string&>() != "threadpdf-thread/1")
      fail("format", "must be \"threadpdf-thread/1\", got " + describe(format));

    model::Thread t;
    t.source = source(required(doc, "", "source"), "source");
    t.title = optional_string(doc, "", "title");
    // An extension of ours: other readers ignore unknown fields, as the format says.
    t.notice = optional_string(doc, "", "notice");
    t.author = author(required(doc, "", "author"), "author");
    const json& posts = array(required(doc, "", "posts"), "posts");
    if (posts.empty()) fail("posts", "at least one post is required");
    t.posts.reserve(posts.size());
    for (size_t i = 0; i < posts.size(); ++i) t.posts.push_back(post(posts[i], index_path("posts", i), 0));
    return t;
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw Error(ErrorCode::Input, path.empty() ? input_ : input_ + ": " + path, message);
  }

  const json& object(const json& v, const std::string& path) const {
    if (!v.is_object()) fail(path, "expected an object, got " + describe(v));
    return v;
  }

  const json& array(const json& v, const std::string& path) const {
    if (!v.is_array()) fail(path, "expected an array, got " + describe(v));
    return v;
  }

  // The value of `key`, or nullptr when the key is absent or null.
  static const json* present(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }

  const json& required(const json& obj, const std::string& path, const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end()) fail(path, std::string("missing required field \"") + key + "\"");
    return *it;
  }

  std::string string(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, "expected a string, got " + describe(v));
    return v.get<std::string>();
  }

  std::string required_string(const json& obj, const std::string& path, const char* key) const {
    return string(required(obj, path, key), join_path(path, key));
  }

  std::optional<std::string> optional_string(const json& obj, const std::string& path,
                                             const char* key) const {
    const json* v = present(obj, key);
    if (!v) return std::nullopt;
    return string(*v, join_path(path, key));
  }

  std::optional<std::string> optional_date(const json& obj, const std::string& path, const char* key) const {
    auto s = optional_string(obj, path, key);
    if (s && !parse_rfc3339(*s))
      fail(join_path(path, key), "expected an RFC 3339 date-time, got " + describe(json(*s)));
    return s;
  }

  std::int64_t whole(const json& v, const std::string& path, std::int64_t min, std::int64_t max) const {
    auto n = as_whole(v);
    if (!n || *n < min)
      fail(path, "expected a whole number >= " + std::to_string(min) + ", got " + describe(v));
    if (*n > max) fail(path, "expected a whole number <= " + std::to_string(max) + ", got " + describe(v));
    return *n;
  }

  // Names are compared exactly: the format page spells them in lower case.
  // The value of `values` whose name() is v; the names come from the model (thread.h).
  template <typename Enum, size_t N>
  Enum one_of(const json& v, const std::string& path, const Enum (&values)[N],
              const char* (*name)(Enum)) const {
    if (v.is_string())
      for (Enum value : values)
        if (v.get_ref<const std::string&>() == name(value)) return value;
    std::string list;
    for (Enum value : values) list += std::string(list.empty() ? "" : ", ") + name(value);
    fail(path, "expected one of " + list + ", got " + describe(v));
  }

  model::Source source(const json& v, const std::string& path) const {
    object(v, path);
    model::Source s;
    s.platform = one_of(required(v, path, "platform"), join_path(path, "platform"), model::kPlatforms,
                        model::platform_name);
    s.url = optional_string(v, path, "url");
    if (s.url && !is_absolute_http_url(*s.url))
      fail(join_path(path, "url"), "expected an absolute http or https URL, got " + describe(json(*s.url)));
    s.captured_at = optional_date(v, path, "captured_at");
    return s;
  }

  model::Author author(const json& v, const std::string& path) const {
    object(v, path);
    model::Author a;
    a.name = required_string(v, path, "name");
    a.handle = required_string(v, path, "handle");
    a.avatar = optional_string(v, path, "avatar");
    a.url = optional_string(v, path, "url");
    if (auto it = v.find("emoji"); it != v.end()) a.emoji = emoji(*it, join_path(path, "emoji"));
    return a;
  }

  bool boolean(const json& obj, const std::string& path, const char* key, bool absent) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return absent;
    if (!it->is_boolean()) fail(join_path(path, key), "expected true or false, got " + describe(*it));
    return it->get<bool>();
  }

  std::optional<std::int64_t> optional_count(const json& obj, const std::string& path,
                                             const char* key) const {
    const json* v = present(obj, key);
    if (!v) return std::nullopt;
    return whole(*v, join_path(path, key), 0, INT64_MAX);
  }

  std::vector<model::Emoji> emoji(const json& v, const std::string& path) const {
    array(v, path);
    std::vector<model::Emoji> out;
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string epath = index_path(path, i);
      object(v[i], epath);
      model::Emoji e;
      e.shortcode = required_string(v[i], epath, "shortcode");
      // The shortcode is matched between colons in the text, so it can hold neither a colon nor a space.
      if (e.shortcode.empty() || e.shortcode.find_first_of(": \t\n\r") != std::string::npos)
        fail(epath + ".shortcode",
             "expected a name without colons or spaces, got " + describe(json(e.shortcode)));
      e.src = required_string(v[i], epath, "src");
      if (e.src.empty()) fail(epath + ".src", "expected a path or an http or https URL, got \"\"");
      out.push_back(std::move(e));
    }
    return out;
  }

  std::optional<std::string> language(const json& obj, const std::string& path, const char* key) const {
    auto s = optional_string(obj, path, key);
    if (s && !is_language_tag(*s))
      fail(join_path(path, key), "expected a BCP 47 language tag, got " + describe(json(*s)));
    return s;
  }

  model::Poll poll(const json& v, const std::string& path) const {
    object(v, path);
    model::Poll p;
    const std::string opath = join_path(path, "options");
    const json& options = array(required(v, path, "options"), opath);
    if (options.empty()) fail(opath, "at least one option is required");
    for (size_t i = 0; i < options.size(); ++i) {
      const std::string ipath = index_path(opath, i);
      object(options[i], ipath);
      model::PollOption o;
      o.title = required_string(options[i], ipath, "title");
      o.votes = optional_count(options[i], ipath, "votes");
      p.options.push_back(std::move(o));
    }
    p.multiple = boolean(v, path, "multiple", false);
    p.voters = optional_count(v, path, "voters");
    p.closes_at = optional_date(v, path, "closes_at");
    p.closed = boolean(v, path, "closed", false);
    return p;
  }

  model::Counts counts(const json& v, const std::string& path) const {
    object(v, path);
    model::Counts c;
    c.replies = optional_count(v, path, "replies");
    c.reposts = optional_count(v, path, "reposts");
    c.likes = optional_count(v, path, "likes");
    c.quotes = optional_count(v, path, "quotes");
    return c;
  }

  model::Post post(const json& v, const std::string& path, int depth) {
    object(v, path);
    model::Post p;
    p.id = required_string(v, path, "id");
    if (!ids_.insert(p.id).second) fail(join_path(path, "id"), "duplicate post id " + describe(json(p.id)));
    p.url = optional_string(v, path, "url");
    p.created_at = optional_date(v, path, "created_at");
    if (const json* a = present(v, "author")) p.author = author(*a, join_path(path, "author"));
    p.text = required_string(v, path, "text");
    if (auto it = v.find("spans"); it != v.end()) p.spans = spans(*it, join_path(path, "spans"), p.text);
    if (auto it = v.find("media"); it != v.end()) {
      const std::string mpath = join_path(path, "media");
      for (size_t i = 0; i < array(*it, mpath).size(); ++i)
        p.media.push_back(media((*it)[i], index_path(mpath, i)));
    }
    if (const json* q = present(v, "quote")) {
      if (depth > 0) fail(join_path(path, "quote"), "must not quote again (quotes have depth 1)");
      p.quote.push_back(post(*q, join_path(path, "quote"), depth + 1));
    }
    if (const json* c = present(v, "card")) p.card = card(*c, join_path(path, "card"));
    if (boolean(v, path, "deleted", false)) p.unavailable = model::Unavailable::Deleted;
    // The reason given by name is the more precise of the two.
    if (const json* u = present(v, "unavailable")) {
      p.unavailable =
          one_of(*u, join_path(path, "unavailable"), model::kUnavailableReasons, model::unavailable_name);
    }
    p.lang = language(v, path, "lang");
    p.content_warning = optional_string(v, path, "content_warning");
    if (auto it = v.find("emoji"); it != v.end()) p.emoji = emoji(*it, join_path(path, "emoji"));
    if (const json* pl = present(v, "poll")) p.poll = poll(*pl, join_path(path, "poll"));
    p.edited_at = optional_date(v, path, "edited_at");
    p.truncated = boolean(v, path, "truncated", false);
    if (const json* c = present(v, "counts")) p.counts = counts(*c, join_path(path, "counts"));
    if (nothing_to_show(p))
      fail(join_path(path, "text"), "must not be empty in a post without media, quote, card or poll");
    return p;
  }

  std::vector<model::Span> spans(const json& v, const std::string& path, const std::string& text) const {
    array(v, path);
    const auto length = static_cast<std::int64_t>(utf8::length(text));
    std::vector<std::pair<model::Span, size_t>> found;  // span and its index in the document
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string spath = index_path(path, i);
      const json& s = object(v[i], spath);
      model::Span span;
      auto start = whole(required(s, spath, "start"), spath + ".start", 0, INT64_MAX);
      auto end = whole(required(s, spath, "end"), spath + ".end", 0, INT64_MAX);
      if (end > length)
        fail(spath + ".end", "span end " + std::to_string(end) + " is past the end of the text (" +
                                 std::to_string(length) + " code points)");
      if (start >= end)
        fail(spath, "span start " + std::to_string(start) + " must be before its end " + std::to_string(end));
      span.start = static_cast<size_t>(start);
      span.end = static_cast<size_t>(end);
      span.kind =
          one_of(required(s, spath, "kind"), spath + ".kind", model::kSpanKinds, model::span_kind_name);
      span.href = optional_string(s, spath, "href");
      found.emplace_back(span, i);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
    std::vector<model::Span> out;
    for (size_t k = 0; k < found.size(); ++k) {
      // Sorted by start, any overlap shows between neighbours.
      if (k > 0 && found[k - 1].first.end > found[k].first.start) {
        auto range = [](const model::Span& s) {
          std::string r = "[";
          return r.append(std::to_string(s.start)).append(",").append(std::to_string(s.end)).append(")");
        };
        fail(index_path(path, found[k].second),
             "spans overlap: " + range(found[k - 1].first) + " and " + range(found[k].first));
      }
      out.push_back(found[k].first);
    }
    return out;
  }

  model::Media media(const json& v, const std::string& path) const {
    object(v, path);
    model::Media m;
    m.kind = one_of(required(v, path, "kind"), join_path(path, "kind"), model::kMediaKinds,
                    model::media_kind_name);
    // Audio and other attachments are printed as a line of words, so a picture is optional for them.
    const bool needs_picture = m.kind != model::MediaKind::Audio && m.kind != model::MediaKind::Other;
    if (needs_picture || present(v, "src")) {
      m.src = required_string(v, path, "src");
      if (m.src.empty()) fail(join_path(path, "src"), "expected a path or an http or https URL, got \"\"");
    }
    m.alt = optional_string(v, path, "alt");
    if (const json* w = present(v, "width"))
      m.width = static_cast<int>(whole(*w, join_path(path, "width"), 1, INT_MAX));
    if (const json* h = present(v, "height"))
      m.height = static_cast<int>(whole(*h, join_path(path, "height"), 1, INT_MAX));
    m.url = optional_string(v, path, "url");
    return m;
  }

  model::Card card(const json& v, const std::string& path) const {
    object(v, path);
    model::Card c;
    c.url = required_string(v, path, "url");
    c.title = optional_string(v, path, "title");
    c.description = optional_string(v, path, "description");
    c.image = optional_string(v, path, "image");
    c.site = optional_string(v, path, "site");
    return c;
  }

  const std::string& input_;
  std::set<std::string> ids_;
};

// nlohmann reports the byte after the last one it read; people want a line and a column.
std::string position(std::string_view text, size_t byte) {
  size_t offset = std::min(byte == 0 ? 0 : byte - 1, text.size());
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') ++line, line_start = i + 1;
  size_t column = 1 + utf8::length(text.substr(line_start, offset - line_start));
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing
// value - invalid literal; last read: 'tru,'; expected …" -> "syntax error while parsing value -
// invalid literal; expected …". The position is ours; "last read" can quote a whole long string.
std::string reason(const std::string& what) {
  std::string r = what;
  size_t at = r.find("parse error");
  if (at != std::string::npos) {
    size_t colon = r.find(": ", at);
    if (colon != std::string::npos) r = r.substr(colon + 2);
  }
  size_t last = r.find("; last read: '");
  if (last != std::string::npos) {
    size_t expected = r.rfind("'; expected ");
    r = expected != std::string::npos && expected > last ? r.substr(0, last) + r.substr(expected + 1)
                                                         : r.substr(0, last);
  }
  return r;
}

}  // namespace

model::Thread read_thread_json(const std::string& bytes, const std::string& input) {
  require_utf8(bytes, input);
  std::string_view text = strip_bom(bytes);
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::Input, input,
                "invalid JSON at " + position(text, e.byte) + ": " + reason(e.what()));
  }
  return Reader(input).document(doc);
}

}  // namespace tp::parse

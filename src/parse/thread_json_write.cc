// Writer of thread JSON: the inverse of thread_json.cc. Each post is written once, without
// whitespace, which is its canonical form for the manifest (docs/manifest.md); the document is that
// text indented. The bytes are those nlohmann's ordered_json gives with dump(-1) and dump(2) (keys
// in the order of the format page, UTF-8 unescaped), which earlier versions wrote and the manifest
// test checks by parsing them back; here without building a JSON tree first.
#include <charconv>
#include <functional>
#include <string_view>

#include "core/error.h"
#include "core/utf8.h"
#include "parse/parse.h"

namespace tp::parse {

namespace {

void put_string(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, plain, i - plain);
    plain = i + 1;
    out += '\\';
    switch (c) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '\b':
        out += 'b';
        break;
      case '\t':
        out += 't';
        break;
      case '\n':
        out += 'n';
        break;
      case '\f':
        out += 'f';
        break;
      case '\r':
        out += 'r';
        break;
      default:
        out += "u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s, plain, s.size() - plain);
  out += '"';
}

template <typename Number>
void put_number(std::string& out, Number n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

// `items` as a JSON array, each written by put(out, item).
template <typename T, typename Put>
void put_array(std::string& out, const std::vector<T>& items, Put put) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    put(out, items[i]);
  }
  out += ']';
}

// The members of one object, written in the order they are added.
class Object {
 public:
  explicit Object(std::string& out) : out_(out) { out_ += '{'; }
  void close() { out_ += '}'; }

  std::string& key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += name;
    out_ += "\":";
    return out_;
  }
  void string(std::string_view name, std::string_view value) { put_string(key(name), value); }
  void string_or_null(std::string_view name, const std::optional<std::string>& value) {
    if (value)
      string(name, *value);
    else
      key(name) += "null";
  }
  void string_if(std::string_view name, const std::optional<std::string>& value) {
    if (value) string(name, *value);
  }
  template <typename Number>
  void number_if(std::string_view name, const std::optional<Number>& value) {
    if (value) put_number(key(name), *value);
  }
  void boolean_if(std::string_view name, bool value) {
    if (value) key(name) += "true";
  }

 private:
  std::string& out_;
  bool first_ = true;
};

void put_emoji(std::string& out, const std::vector<model::Emoji>& list) {
  put_array(out, list, [](std::string& json, const model::Emoji& e) {
    Object o(json);
    o.string("shortcode", e.shortcode);
    o.string("src", e.src);
    o.close();
  });
}

void put_author(std::string& out, const model::Author& a) {
  Object o(out);
  o.string("name", a.name);
  o.string("handle", a.handle);
  o.string_or_null("avatar", a.avatar);
  o.string_or_null("url", a.url);
  if (!a.emoji.empty()) put_emoji(o.key("emoji"), a.emoji);
  o.close();
}

void put_poll(std::string& out, const model::Poll& p) {
  Object o(out);
  put_array(o.key("options"), p.options, [](std::string& json, const model::PollOption& opt) {
    Object option(json);
    option.string("title", opt.title);
    if (opt.votes)
      put_number(option.key("votes"), *opt.votes);
    else
      option.key("votes") += "null";
    option.close();
  });
  o.boolean_if("multiple", p.multiple);
  o.number_if("voters", p.voters);
  o.string_if("closes_at", p.closes_at);
  o.boolean_if("closed", p.closed);
  o.close();
}

void put_counts(std::string& out, const model::Counts& c) {
  Object o(out);
  o.number_if("replies", c.replies);
  o.number_if("reposts", c.reposts);
  o.number_if("likes", c.likes);
  o.number_if("quotes", c.quotes);
  o.close();
}

void put_span(std::string& out, const model::Span& s) {
  Object o(out);
  put_number(o.key("start"), s.start);
  put_number(o.key("end"), s.end);
  o.string("kind", model::span_kind_name(s.kind));
  o.string_if("href", s.href);
  o.close();
}

void put_media(std::string& out, const model::Media& m) {
  Object o(out);
  o.string("kind", model::media_kind_name(m.kind));
  if (!m.src.empty()) o.string("src", m.src);
  o.string_if("alt", m.alt);
  o.number_if("width", m.width);
  o.number_if("height", m.height);
  o.string_if("url", m.url);
  o.close();
}

void put_card(std::string& out, const model::Card& c) {
  Object o(out);
  o.string("url", c.url);
  o.string_if("title", c.title);
  o.string_if("description", c.description);
  o.string_if("image", c.image);
  o.string_if("site", c.site);
  o.close();
}

void put_post(std::string& out, const model::Post& p) {
  Object o(out);
  o.string("id", p.id);
  o.string_if("url", p.url);
  o.string_if("created_at", p.created_at);
  if (p.author) put_author(o.key("author"), *p.author);
  o.string("text", p.text);
  if (!p.spans.empty()) put_array(o.key("spans"), p.spans, put_span);
  if (!p.media.empty()) put_array(o.key("media"), p.media, put_media);
  if (const model::Post* q = p.quoted()) put_post(o.key("quote"), *q);
  if (p.card) put_card(o.key("card"), *p.card);
  // "deleted" is what version 1 readers before the revision know; other reasons are named.
  if (p.unavailable == model::Unavailable::Deleted)
    o.key("deleted") += "true";
  else if (p.unavailable)
    o.string("unavailable", model::unavailable_name(*p.unavailable));
  o.string_if("lang", p.lang);
  o.string_if("content_warning", p.content_warning);
  if (!p.emoji.empty()) put_emoji(o.key("emoji"), p.emoji);
  if (p.poll) put_poll(o.key("poll"), *p.poll);
  o.string_if("edited_at", p.edited_at);
  o.boolean_if("truncated", p.truncated);
  if (p.counts) put_counts(o.key("counts"), *p.counts);
  o.close();
}

// Every reader checks that the model holds UTF-8; a string that is not would make JSON no reader takes.
void check_utf8(std::string_view json) {
  if (utf8::find_invalid(json))
    throw Error(ErrorCode::Internal, "thread JSON", "a string of the thread is not UTF-8");
}

// `compact` (one value without whitespace outside its strings) indented as dump(2) indents it: two
// spaces a level, ": " after keys, empty containers kept as "{}" and "[]".
void append_indented(std::string& out, std::string_view compact, int depth) {
  for (size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    switch (c) {
      case '"': {
        // A string is copied as it is, up to its closing quote: the first one after an even number
        // of backslashes (an odd number escapes it).
        size_t end = i;
        for (;;) {
          end = compact.find('"', end + 1);
          if (end == std::string_view::npos) {
            end = compact.size() - 1;
            break;
          }
          size_t backslashes = 0;
          while (compact[end - 1 - backslashes] == '\\') ++backslashes;
          if (backslashes % 2 == 0) break;
        }
        out.append(compact, i, end + 1 - i);
        i = end;
        break;
      }
      case '{':
      case '[':
        // Empty containers stay "{}" and "[]".
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out += c;
          out += compact[++i];
          break;
        }
        out += c;
        out += '\n';
        out.append(static_cast<size_t>(2 * ++depth), ' ');
        break;
      case '}':
      case ']':
        out += '\n';
        out.append(static_cast<size_t>(2 * --depth), ' ');
        out += c;
        break;
      case ',':
        out += ",\n";
        out.append(static_cast<size_t>(2 * depth), ' ');
        break;
      case ':':
        out += ": ";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

std::string write_thread_json(const model::Thread& thread,
                              const std::function<void(const model::Post&, std::string_view)>& each_post) {
  std::string compact;
  // Most of it is the posts' text; a post's other fields take about 200 bytes. Reserved once, as
  // the string would otherwise be copied at each doubling, into pages fresh each time.
  size_t text_bytes = 0;
  for (const model::Post& post : thread.posts) text_bytes += post.text.size();
  compact.reserve(text_bytes + 256 * thread.posts.size() + 1024);
  Object doc(compact);
  doc.string("format", "threadpdf-thread/1");
  Object source(doc.key("source"));
  source.string("platform", model::platform_name(thread.source.platform));
  source.string_or_null("url", thread.source.url);
  source.string_or_null("captured_at", thread.source.captured_at);
  source.close();
  doc.string_or_null("title", thread.title);
  doc.string_if("notice", thread.notice);
  put_author(doc.key("author"), thread.author);
  put_array(doc.key("posts"), thread.posts, [&](std::string& json, const model::Post& post) {
    const size_t start = json.size();
    put_post(json, post);
    if (each_post) each_post(post, std::string_view(json).substr(start));
  });
  doc.close();
  check_utf8(compact);
  std::string out;
  // Indenting adds about a quarter to a long thread's JSON (26% to the 1,000-post bench thread's).
  out.reserve(compact.size() + compact.size() / 3);
  append_indented(out, compact, 0);
  out += '\n';
  // The caller holds the text until the PDF is written: a doubling's slack is not kept.
  if (out.capacity() - out.size() > out.size() / 3) out.shrink_to_fit();
  return out;
}

std::string write_post_json(const model::Post& p) {
  std::string out;
  put_post(out, p);
  check_utf8(out);
  return out;
}

}  // namespace tp::parse

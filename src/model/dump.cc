// One field per line, in the order of the thread JSON format; a post is a block indented by two
// spaces, its quote by four. A span line also shows the text it covers, so offsets can be checked
// by eye. Strings are JSON string literals with non-ASCII kept as UTF-8.
#include "model/dump.h"

#include <cstdio>

#include "core/utf8.h"

namespace tp::model {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string quoted(const std::optional<std::string>& s) { return s ? quoted(*s) : "null"; }

class Dumper {
 public:
  std::string out;

  void line(const std::string& indent, const std::string& key, const std::string& value) {
    out += indent + key + " " + value + "\n";
  }

  void author(const std::string& indent, const std::string& key, const Author& a) {
    line(indent, key + ".name", quoted(a.name));
    line(indent, key + ".handle", quoted(a.handle));
    line(indent, key + ".avatar", quoted(a.avatar));
    line(indent, key + ".url", quoted(a.url));
    emoji(indent, key + ".emoji", a.emoji);
  }

  // Fields added by the format's revision are dumped only when set, so a dump of a thread that has
  // none of them reads as before.
  void emoji(const std::string& indent, const std::string& key, const std::vector<Emoji>& list) {
    for (size_t i = 0; i < list.size(); ++i)
      line(indent, key + "[" + std::to_string(i) + "]", ":" + list[i].shortcode + ": " + quoted(list[i].src));
  }

  static std::string count(const std::optional<std::int64_t>& n) { return n ? std::to_string(*n) : "null"; }

  void post(const std::string& indent, const Post& p) {
    line(indent, "id", quoted(p.id));
    line(indent, "url", quoted(p.url));
    line(indent, "created_at", quoted(p.created_at));
    if (p.author)
      author(indent, "author", *p.author);
    else
      line(indent, "author", "null");
    line(indent, "text", quoted(p.text));
    if (p.spans.empty()) line(indent, "spans", "[]");
    utf8::CodePointCursor offsets(p.text);
    for (size_t i = 0; i < p.spans.size(); ++i) {
      const Span& s = p.spans[i];
      // Offsets come from the model as they are; a bad span shows as an empty covered text.
      std::string covered;
      if (s.start < s.end) {
        size_t b = offsets.byte_offset(s.start), e = offsets.byte_offset(s.end);
        covered = p.text.substr(b, e - b);
      }
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on a long chain of operator+.
      std::string value = "[";
      value.append(std::to_string(s.start)).append(",").append(std::to_string(s.end)).append(") ");
      value.append(span_kind_name(s.kind)).append(" ").append(quoted(covered));
      value.append(" href ").append(quoted(s.href));
      line(indent, "spans[" + std::to_string(i) + "]", value);
    }
    if (p.media.empty()) line(indent, "media", "[]");
    for (size_t i = 0; i < p.media.size(); ++i) {
      const Media& m = p.media[i];
      const std::string key = "media[" + std::to_string(i) + "]";
      line(indent, key + ".kind", media_kind_name(m.kind));
      line(indent, key + ".src", m.src.empty() ? "null" : quoted(m.src));
      line(indent, key + ".alt", quoted(m.alt));
      line(indent, key + ".width", m.width ? std::to_string(*m.width) : "null");
      line(indent, key + ".height", m.height ? std::to_string(*m.height) : "null");
      line(indent, key + ".url", quoted(m.url));
    }
    if (const Post* q = p.quoted()) {
      out += indent + "quote\n";
      post(indent + "  ", *q);
    } else {
      line(indent, "quote", "null");
    }
    if (p.card) {
      line(indent, "card.url", quoted(p.card->url));
      line(indent, "card.title", quoted(p.card->title));
      line(indent, "card.description", quoted(p.card->description));
      line(indent, "card.image", quoted(p.card->image));
      if (p.card->site) line(indent, "card.site", quoted(p.card->site));
    } else {
      line(indent, "card", "null");
    }
    line(indent, "deleted", p.unavailable == Unavailable::Deleted ? "true" : "false");
    if (p.unavailable && *p.unavailable != Unavailable::Deleted)
      line(indent, "unavailable", unavailable_name(*p.unavailable));
    if (p.lang) line(indent, "lang", quoted(p.lang));
    if (p.content_warning) line(indent, "content_warning", quoted(p.content_warning));
    emoji(indent, "emoji", p.emoji);
    if (p.poll) {
      const Poll& poll = *p.poll;
      for (size_t i = 0; i < poll.options.size(); ++i)
        line(indent, "poll.options[" + std::to_string(i) + "]",
             quoted(poll.options[i].title) + " votes " + count(poll.options[i].votes));
      line(indent, "poll.multiple", poll.multiple ? "true" : "false");
      line(indent, "poll.voters", count(poll.voters));
      line(indent, "poll.closes_at", quoted(poll.closes_at));
      line(indent, "poll.closed", poll.closed ? "true" : "false");
    }
    if (p.edited_at) line(indent, "edited_at", quoted(p.edited_at));
    if (p.truncated) line(indent, "truncated", "true");
    if (p.counts)
      line(indent, "counts",
           "replies " + count(p.counts->replies) + " reposts " + count(p.counts->reposts) + " likes " +
               count(p.counts->likes) + " quotes " + count(p.counts->quotes));
  }
};

}  // namespace

std::string dump(const Thread& thread) {
  Dumper d;
  d.line("", "source.platform", platform_name(thread.source.platform));
  d.line("", "source.url", quoted(thread.source.url));
  d.line("", "source.captured_at", quoted(thread.source.captured_at));
  d.line("", "title", quoted(thread.title));
  if (thread.notice) d.line("", "notice", quoted(thread.notice));
  d.author("", "author", thread.author);
  d.line("", "posts", std::to_string(thread.posts.size()));
  for (size_t i = 0; i < thread.posts.size(); ++i) {
    d.out += "post[" + std::to_string(i) + "]\n";
    d.post("  ", thread.posts[i]);
  }
  return d.out;
}

}  // namespace tp::model

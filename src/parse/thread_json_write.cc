// Writer of thread JSON: the inverse of thread_json.cc. ordered_json keeps the keys in the order of
// the format page, so the same thread always gives the same bytes.
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "parse/parse.h"

namespace tp::parse {

namespace {

using json = nlohmann::ordered_json;

json or_null(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

void put_if(json& obj, const char* key, const std::optional<std::string>& s) {
  if (s) obj[key] = *s;
}

void put_if(json& obj, const char* key, const std::optional<std::int64_t>& n) {
  if (n) obj[key] = *n;
}

json emoji(const std::vector<model::Emoji>& list) {
  json a = json::array();
  for (const auto& e : list) {
    json j = json::object();
    j["shortcode"] = e.shortcode;
    j["src"] = e.src;
    a.push_back(std::move(j));
  }
  return a;
}

json author(const model::Author& a) {
  json j = json::object();
  j["name"] = a.name;
  j["handle"] = a.handle;
  j["avatar"] = or_null(a.avatar);
  j["url"] = or_null(a.url);
  if (!a.emoji.empty()) j["emoji"] = emoji(a.emoji);
  return j;
}

json poll(const model::Poll& p) {
  json j = json::object();
  json& options = j["options"] = json::array();
  for (const auto& o : p.options) {
    json jo = json::object();
    jo["title"] = o.title;
    jo["votes"] = o.votes ? json(*o.votes) : json(nullptr);
    options.push_back(std::move(jo));
  }
  if (p.multiple) j["multiple"] = true;
  put_if(j, "voters", p.voters);
  put_if(j, "closes_at", p.closes_at);
  if (p.closed) j["closed"] = true;
  return j;
}

json counts(const model::Counts& c) {
  json j = json::object();
  put_if(j, "replies", c.replies);
  put_if(j, "reposts", c.reposts);
  put_if(j, "likes", c.likes);
  put_if(j, "quotes", c.quotes);
  return j;
}

json span(const model::Span& s) {
  json j = json::object();
  j["start"] = s.start;
  j["end"] = s.end;
  j["kind"] = model::span_kind_name(s.kind);
  put_if(j, "href", s.href);
  return j;
}

json media(const model::Media& m) {
  json j = json::object();
  j["kind"] = model::media_kind_name(m.kind);
  if (!m.src.empty()) j["src"] = m.src;
  put_if(j, "alt", m.alt);
  if (m.width) j["width"] = *m.width;
  if (m.height) j["height"] = *m.height;
  put_if(j, "url", m.url);
  return j;
}

json card(const model::Card& c) {
  json j = json::object();
  j["url"] = c.url;
  put_if(j, "title", c.title);
  put_if(j, "description", c.description);
  put_if(j, "image", c.image);
  put_if(j, "site", c.site);
  return j;
}

json post(const model::Post& p) {
  json j = json::object();
  j["id"] = p.id;
  put_if(j, "url", p.url);
  put_if(j, "created_at", p.created_at);
  if (p.author) j["author"] = author(*p.author);
  j["text"] = p.text;
  if (!p.spans.empty()) {
    json& a = j["spans"] = json::array();
    for (const auto& s : p.spans) a.push_back(span(s));
  }
  if (!p.media.empty()) {
    json& a = j["media"] = json::array();
    for (const auto& m : p.media) a.push_back(media(m));
  }
  if (const model::Post* q = p.quoted()) j["quote"] = post(*q);
  if (p.card) j["card"] = card(*p.card);
  // "deleted" is what version 1 readers before the revision know; other reasons are named.
  if (p.unavailable == model::Unavailable::Deleted)
    j["deleted"] = true;
  else if (p.unavailable)
    j["unavailable"] = model::unavailable_name(*p.unavailable);
  put_if(j, "lang", p.lang);
  put_if(j, "content_warning", p.content_warning);
  if (!p.emoji.empty()) j["emoji"] = emoji(p.emoji);
  if (p.poll) j["poll"] = poll(*p.poll);
  put_if(j, "edited_at", p.edited_at);
  if (p.truncated) j["truncated"] = true;
  if (p.counts) j["counts"] = counts(*p.counts);
  return j;
}

// `compact` (one value as dump(-1) writes it: no whitespace outside strings) as dump(2) writes it at
// `depth` levels of nesting. The two differ only outside strings, so the post objects are serialised
// once, compact for the manifest's hash, and indented here for the thread JSON.
void append_indented(std::string& out, std::string_view compact, int depth) {
  bool in_string = false;
  for (size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out += c;
      if (c == '\\')
        out += compact[++i];
      else if (c == '"')
        in_string = false;
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
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
  json doc = json::object();
  doc["format"] = "threadpdf-thread/1";
  json& source = doc["source"] = json::object();
  source["platform"] = model::platform_name(thread.source.platform);
  source["url"] = or_null(thread.source.url);
  source["captured_at"] = or_null(thread.source.captured_at);
  doc["title"] = or_null(thread.title);
  if (thread.notice) doc["notice"] = *thread.notice;
  doc["author"] = author(thread.author);
  // "posts" is the last key: written as "[]" here and its entries spliced in below.
  doc["posts"] = json::array();
  // The model holds valid UTF-8 (every reader checks), so the strict error handler never fires.
  std::string out = doc.dump(2, ' ', false);
  if (thread.posts.empty()) return out + "\n";
  constexpr std::string_view kEmptyPosts = "[]\n}";
  out.resize(out.size() - kEmptyPosts.size());
  out += "[\n";
  for (size_t i = 0; i < thread.posts.size(); ++i) {
    const std::string compact = write_post_json(thread.posts[i]);
    if (each_post) each_post(thread.posts[i], compact);
    out.append(i ? ",\n    " : "    ");
    append_indented(out, compact, 2);
  }
  out += "\n  ]\n}\n";
  return out;
}

std::string write_post_json(const model::Post& p) { return post(p).dump(-1, ' ', false); }

}  // namespace tp::parse

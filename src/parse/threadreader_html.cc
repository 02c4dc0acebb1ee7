#include "parse/threadreader_html.h"

#include <gumbo.h>

#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/utf8.h"
#include "parse/format_rules.h"
#include "parse/input.h"

namespace tp::parse {

namespace {

using Node = const GumboNode;

const char* attr(Node* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string attr_or(Node* n, const char* name) {
  const char* v = attr(n, name);
  return v ? v : "";
}

bool has_class(Node* n, std::string_view cls) {
  const char* v = attr(n, "class");
  if (!v) return false;
  std::string_view all(v);
  size_t pos = 0;
  while (pos < all.size()) {
    size_t start = all.find_first_not_of(" \t\r\n\f", pos);
    if (start == std::string_view::npos) break;
    size_t end = all.find_first_of(" \t\r\n\f", start);
    if (end == std::string_view::npos) end = all.size();
    if (all.substr(start, end - start) == cls) return true;
    pos = end;
  }
  return false;
}

bool is_tag(Node* n, GumboTag tag) { return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag; }

template <class F>
void each_element(Node* n, F&& f) {
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
  const GumboVector& kids = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    Node* k = static_cast<Node*>(kids.data[i]);
    if (k->type != GUMBO_NODE_ELEMENT) continue;
    if (!f(k)) continue;  // f returns false: do not descend
    each_element(k, f);
  }
}

Node* find_first(Node* root, const std::function<bool(Node*)>& pred) {
  Node* found = nullptr;
  each_element(root, [&](Node* n) {
    if (found) return false;
    if (pred(n)) {
      found = n;
      return false;
    }
    return true;
  });
  return found;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Text with spans, built the way a browser lays out inline text: runs of white space become one
// space, none at the start of a line, <br> a line break.
struct TextBuilder {
  std::string text;
  std::vector<model::Span> spans;
  bool pending_space = false;

  size_t length() const { return utf8::length(text); }
  bool at_line_start() const { return text.empty() || text.back() == '\n'; }

  void add(std::string_view s) {
    for (char c : s) {
      if (is_space(c)) {
        pending_space = true;
        continue;
      }
      if (pending_space && !at_line_start()) text += ' ';
      pending_space = false;
      text += c;
    }
  }
  void line_break() {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    text += '\n';
    pending_space = false;
  }
  std::string finish() {
    size_t end = text.find_last_not_of(" \n");
    text.erase(end == std::string::npos ? 0 : end + 1);
    size_t n = utf8::length(text);
    std::vector<model::Span> kept;
    for (auto s : spans) {
      if (s.end > n) s.end = n;
      if (s.start < s.end) kept.push_back(s);
    }
    spans = std::move(kept);
    return text;
  }
};

std::string plain_text(Node* n) {
  std::string out;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) return n->v.text.text;
  if (n->type != GUMBO_NODE_ELEMENT) return out;
  for (unsigned i = 0; i < n->v.element.children.length; ++i)
    out += plain_text(static_cast<Node*>(n->v.element.children.data[i]));
  return out;
}

std::string trimmed(std::string s) {
  TextBuilder b;
  b.add(s);
  return b.finish();
}

bool is_http(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

struct PostReader {
  const std::string& url;
  Diagnostics& diag;
  model::Post* post;

  void image(Node* img) {
    std::string src = attr_or(img, "data-src");
    if (src.empty()) src = attr_or(img, "src");
    if (src.empty()) return;
    model::Media m;
    m.src = src;
    std::string alt = attr_or(img, "alt");
    // The page shows a generic "Image" for every picture; it is not the author's alt text.
    if (!alt.empty() && alt != "Image") m.alt = alt;
    post->media.push_back(std::move(m));
  }

  void video(Node* box) {
    Node* v = find_first(box, [](Node* n) { return is_tag(n, GUMBO_TAG_VIDEO); });
    std::string poster = v ? attr_or(v, "poster") : "";
    std::string mp4;
    each_element(box, [&](Node* n) {
      if (is_tag(n, GUMBO_TAG_SOURCE) && attr_or(n, "type") == "video/mp4") mp4 = attr_or(n, "src");
      return true;
    });
    if (poster.empty()) {
      diag.warn_loss(url, "post " + post->id + ": a video without a poster image is not shown");
      return;
    }
    model::Media m;
    m.kind = model::MediaKind::Video;
    m.src = poster;
    if (!mp4.empty()) m.url = mp4;
    post->media.push_back(std::move(m));
  }

  void quote(Node* box) {
    model::Post q;
    TextBuilder b;
    std::string link;
    each_element(box, [&](Node* n) {
      std::string href = attr_or(n, "href");
      if (is_tag(n, GUMBO_TAG_A) && href.find("/status/") != std::string::npos) link = href;
      return true;
    });
    walk(box, b, /*in_quote=*/true);
    q.text = b.finish();
    q.spans = std::move(b.spans);
    if (!link.empty()) {
      q.url = link;
      std::string tail = link.substr(link.find("/status/") + 8);
      q.id = tail.substr(0, tail.find_first_not_of("0123456789"));
    }
    if (q.id.empty()) q.id = post->id + "-quote";
    if (q.text.empty()) {
      diag.warn_loss(url, "post " + post->id + ": an embedded post without text is left out");
      return;
    }
    post->quote.push_back(std::move(q));
  }

  void anchor(Node* a, TextBuilder& b) {
    std::string href = attr_or(a, "href");
    std::string preview = attr_or(a, "data-preview");
    size_t start = b.length() + (b.pending_space && !b.at_line_start() ? 1 : 0);
    walk(a, b, true);
    size_t end = b.length();
    if (end <= start) return;
    std::string shown =
        utf8::length(b.text) ? b.text.substr(utf8::byte_offset(b.text, start)) : std::string();
    model::Span s{start, end, model::SpanKind::Link, std::nullopt};
    if (!shown.empty() && shown[0] == '@') {
      s.kind = model::SpanKind::Mention;
      s.href = is_http(href) ? href : "https://x.com/" + shown.substr(1);
    } else if (!shown.empty() && shown[0] == '#') {
      s.kind = model::SpanKind::Hashtag;
      s.href = is_http(href) ? href : "https://x.com/hashtag/" + shown.substr(1);
    } else if (is_http(href)) {
      s.href = href;
    } else if (is_http(preview)) {
      s.href = preview;
    } else {
      return;  // keyword and advert anchors (href "#"): the word stays, the link does not
    }
    s.href = encode_non_ascii(*s.href);
    b.spans.push_back(s);
  }

  void walk(Node* n, TextBuilder& b, bool inline_only) {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      Node* k = static_cast<Node*>(kids.data[i]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) {
        b.add(k->v.text.text);
        continue;
      }
      if (k->type != GUMBO_NODE_ELEMENT) continue;
      GumboTag tag = k->v.element.tag;
      if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_BUTTON) continue;
      if (has_class(k, "tw-permalink") || has_class(k, "row")) continue;
      if (tag == GUMBO_TAG_BR) {
        b.line_break();
        continue;
      }
      if (!inline_only) {
        if (has_class(k, "entity-image")) {
          each_element(k, [&](Node* e) {
            if (is_tag(e, GUMBO_TAG_IMG)) image(e);
            return true;
          });
          continue;
        }
        if (has_class(k, "entity-video")) {
          video(k);
          continue;
        }
        if (has_class(k, "entity-embed")) {
          quote(k);
          continue;
        }
      } else if (has_class(k, "entity-image") || has_class(k, "entity-video")) {
        continue;
      }
      if (tag == GUMBO_TAG_IMG) {
        // An emoji drawn as a picture carries the character in its alt text.
        std::string alt = attr_or(k, "alt");
        if (!alt.empty() && utf8::length(alt) <= 8) b.add(alt);
        continue;
      }
      if (tag == GUMBO_TAG_A) {
        anchor(k, b);
        continue;
      }
      bool block = tag == GUMBO_TAG_P || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_BLOCKQUOTE;
      if (block && !b.at_line_start()) b.line_break();
      walk(k, b, inline_only);
      if (block && !b.at_line_start()) b.line_break();
    }
  }
};

bool is_main_column(Node* n) {
  return has_class(n, "t-main") || has_class(n, "hide-mentions") ||
         attr_or(n, "data-controller") == "mentions";
}

bool is_post(Node* n) { return has_class(n, "content-tweet") && attr(n, "data-tweet"); }

}  // namespace

model::Thread threadreader_html(const std::string& html, const std::string& url, Diagnostics& diag) {
  require_utf8(html, url);
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  Node* root = out->root;

  Node* column = find_first(root, is_main_column);
  std::vector<Node*> nodes;
  each_element(column ? column : root, [&](Node* n) {
    if (is_post(n)) {
      nodes.push_back(n);
      return false;
    }
    return true;
  });
  if (nodes.empty()) throw Error(ErrorCode::Input, url, "not an unrolled thread page (no posts found)");

  model::Thread t;
  t.source.platform = model::Platform::ThreadReader;
  t.source.url = url;
  const std::string screen_name = attr_or(nodes.front(), "data-screenname");
  for (Node* n : nodes) {
    std::string name = attr_or(n, "data-screenname");
    if (!screen_name.empty() && !name.empty() && name != screen_name) {
      diag.warn(url, "post " + attr_or(n, "data-tweet") + " is by @" + name +
                         ", not the thread's author; left out");
      continue;
    }
    model::Post p;
    p.id = attr_or(n, "data-tweet");
    if (p.id.empty() || p.id.find_first_not_of("0123456789") != std::string::npos) {
      diag.warn_loss(url, "a post with the id \"" + p.id + "\" is left out");
      continue;
    }
    p.url = "https://x.com/" + (screen_name.empty() ? std::string("i") : screen_name) + "/status/" + p.id;
    TextBuilder b;
    PostReader reader{url, diag, &p};
    reader.walk(n, b, false);
    p.text = b.finish();
    p.spans = std::move(b.spans);
    if (p.text.empty() && p.media.empty() && p.quote.empty()) {
      diag.warn(url, "post " + p.id + " has no text or media; left out");
      continue;
    }
    t.posts.push_back(std::move(p));
  }
  if (t.posts.empty()) throw Error(ErrorCode::Input, url, "not an unrolled thread page (no posts found)");
  // A page may list a post twice, or a post may quote another of the same thread.
  meet_format_rules(t, url, diag);

  if (!screen_name.empty()) {
    t.author.handle = "@" + screen_name;
    t.author.url = "https://x.com/" + screen_name;
  }
  const std::string user_path = "/user/" + screen_name;
  Node* avatar = find_first(root, [](Node* n) {
    return is_tag(n, GUMBO_TAG_IMG) && attr_or(n, "data-action").find("twitter-profile") != std::string::npos;
  });
  if (avatar) {
    std::string src = attr_or(avatar, "data-src");
    if (src.empty()) src = attr_or(avatar, "src");
    if (is_http(src)) t.author.avatar = src;
  }
  each_element(root, [&](Node* n) {
    if (!t.author.name.empty()) return false;
    std::string href = attr_or(n, "href");
    bool to_user = !screen_name.empty() && is_tag(n, GUMBO_TAG_A) &&
                   (href == user_path ||
                    (href.size() > user_path.size() &&
                     href.compare(href.size() - user_path.size(), user_path.size(), user_path) == 0));
    if (!to_user) return true;
    std::string text = trimmed(plain_text(n));
    if (!text.empty() && text[0] != '@' && text.rfind("Keep Current", 0) != 0 &&
        text.rfind("More from", 0) != 0 && text.rfind("Read all", 0) != 0)
      t.author.name = text;
    return false;
  });
  const std::string suffix = " Profile picture";
  if (t.author.name.empty() && avatar) {
    std::string alt = attr_or(avatar, "alt");
    if (alt.size() > suffix.size() && alt.compare(alt.size() - suffix.size(), suffix.size(), suffix) == 0)
      t.author.name = alt.substr(0, alt.size() - suffix.size());
  }
  if (t.author.handle.empty()) t.author.handle = "@unknown";
  return t;
}

}  // namespace tp::parse

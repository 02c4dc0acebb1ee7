// A tokenizer for Mastodon's sanitized status HTML (app/lib/text_formatter.rb and the sanitizer
// config produce a tiny subset): tags, attributes and text runs; character references are decoded by
// gumbo, which knows all of HTML5's.
#include "parse/mastodon_html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <utility>

#include "core/utf8.h"
#include "parse/input.h"

namespace tp::parse {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

struct Tag {
  std::string name;  // lower case
  bool closing = false, self_closing = false;
  std::vector<std::pair<std::string, std::string>> attrs;  // names lower case, values decoded

  std::string attr(std::string_view key) const {
    for (const auto& [k, v] : attrs)
      if (k == key) return v;
    return {};
  }
  bool has(std::string_view key) const {
    return std::any_of(attrs.begin(), attrs.end(), [&](const auto& a) { return a.first == key; });
  }
  // Whether the space-separated list in attribute `key` holds `word`.
  bool in_list(std::string_view key, std::string_view word) const {
    std::string list = attr(key);
    size_t i = 0;
    while (i < list.size()) {
      while (i < list.size() && is_space(list[i])) ++i;
      size_t j = i;
      while (j < list.size() && !is_space(list[j])) ++j;
      if (std::string_view(list).substr(i, j - i) == word) return true;
      i = j;
    }
    return false;
  }
};

// Reads the tag starting at `s[i] == '<'`; returns the index after it, or nullopt when `<` does not
// start a tag (then it is text). `tag.name` stays empty for comments and declarations.
std::optional<size_t> read_tag(std::string_view s, size_t i, Tag& tag) {
  size_t j = i + 1;
  if (j >= s.size()) return std::nullopt;
  if (s[j] == '!') {
    if (s.substr(j, 3) == "!--") {
      size_t end = s.find("-->", j + 3);
      return end == std::string_view::npos ? s.size() : end + 3;
    }
    size_t end = s.find('>', j);
    return end == std::string_view::npos ? s.size() : end + 1;
  }
  if (s[j] == '/') {
    tag.closing = true;
    ++j;
  }
  if (j >= s.size() || !is_alpha(s[j])) return std::nullopt;
  while (j < s.size() && (is_alnum(s[j]) || s[j] == '-')) tag.name += lower(s[j++]);
  for (;;) {
    while (j < s.size() && (is_space(s[j]) || s[j] == '/')) {
      tag.self_closing = s[j] == '/';
      ++j;
    }
    if (j >= s.size()) return s.size();  // an unterminated tag at the end is dropped
    if (s[j] == '>') return j + 1;
    tag.self_closing = false;
    std::string name;
    while (j < s.size() && !is_space(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/')
      name += lower(s[j++]);
    while (j < s.size() && is_space(s[j])) ++j;
    std::string value;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && is_space(s[j])) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        char quote = s[j++];
        size_t end = s.find(quote, j);
        if (end == std::string_view::npos) end = s.size();
        value = decode_html_entities(s.substr(j, end - j));
        j = std::min(end + 1, s.size());
      } else {
        size_t start = j;
        while (j < s.size() && !is_space(s[j]) && s[j] != '>') ++j;
        value = decode_html_entities(s.substr(start, j - start));
      }
    }
    if (!name.empty()) tag.attrs.emplace_back(std::move(name), std::move(value));
  }
}

bool is_void(const std::string& name) {
  return name == "br" || name == "img" || name == "hr" || name == "wbr" || name == "input" ||
         name == "meta" || name == "link";
}
bool is_block(const std::string& name) {
  return name == "p" || name == "blockquote" || name == "pre" || name == "ul" || name == "ol" ||
         name == "div" || name == "h1" || name == "h2" || name == "h3" || name == "h4" || name == "h5" ||
         name == "h6";
}

class Builder {
 public:
  explicit Builder(const MastodonHtmlOptions& options) : options_(options) {}

  void run(std::string_view html) {
    size_t i = 0;
    while (i < html.size()) {
      size_t lt = html.find('<', i);
      if (lt == std::string_view::npos) lt = html.size();
      if (lt > i) text(decode_html_entities(html.substr(i, lt - i)));
      if (lt == html.size()) break;
      Tag tag;
      auto end = read_tag(html, lt, tag);
      if (!end) {
        text("<");
        i = lt + 1;
        continue;
      }
      i = *end;
      if (!tag.name.empty()) this->tag(tag);
    }
  }

  MastodonText finish() {
    // Trim blank space around the whole text; spans only ever start on visible characters.
    size_t lead = 0;
    while (lead < out_.size() && (out_[lead] == ' ' || out_[lead] == '\n')) ++lead;
    size_t trail = out_.size();
    while (trail > lead && (out_[trail - 1] == ' ' || out_[trail - 1] == '\n')) --trail;
    MastodonText r;
    r.text = out_.substr(lead, trail - lead);
    size_t length = utf8::length(r.text);
    for (model::Span s : spans_) {
      s.start = s.start >= lead ? s.start - lead : 0;
      s.end = std::min(s.end >= lead ? s.end - lead : 0, length);
      if (s.start < s.end) r.spans.push_back(std::move(s));
    }
    return r;
  }

 private:
  struct SpanEl {
    bool invisible, ellipsis;
  };
  struct List {
    bool ordered, reversed;
    long next;
  };
  struct Link {
    std::optional<size_t> start;  // code point of the first visible character
    model::SpanKind kind;
    std::string href;
  };

  void tag(const Tag& t) {
    if (skip_depth_ > 0) {
      if (t.name == skip_name_ && !is_void(t.name)) skip_depth_ += t.closing ? -1 : 1;
      return;
    }
    if (!t.closing && options_.drop_quote_inline && t.in_list("class", "quote-inline") && !is_void(t.name) &&
        !t.self_closing) {
      skip_name_ = t.name;
      skip_depth_ = 1;
      return;
    }
    if (t.name == "br") {
      if (!t.closing) line_break();
      return;
    }
    if (is_block(t.name)) block_break();
    if (t.name == "pre") pre_depth_ = std::max(0, pre_depth_ + (t.closing ? -1 : 1));
    if (t.name == "ul" || t.name == "ol") {
      if (t.closing) {
        if (!lists_.empty()) lists_.pop_back();
      } else {
        long start = 1;
        bool reversed = t.has("reversed");
        if (std::string s = t.attr("start"); !s.empty()) start = std::strtol(s.c_str(), nullptr, 10);
        lists_.push_back({t.name == "ol", reversed, start});
      }
    } else if (t.name == "li" && !t.closing) {
      pending_break_ = std::max(pending_break_, 1);
      if (lists_.empty() || !lists_.back().ordered) {
        text("• ");
      } else {
        List& l = lists_.back();
        if (std::string v = t.attr("value"); !v.empty()) l.next = std::strtol(v.c_str(), nullptr, 10);
        text(std::to_string(l.next) + ". ");
        l.next += l.reversed ? -1 : 1;
      }
    } else if (t.name == "span") {
      if (t.closing) {
        if (spans_open_.empty()) return;
        SpanEl el = spans_open_.back();
        spans_open_.pop_back();
        if (el.invisible) --invisible_;
        if (el.ellipsis) text("…");
      } else if (!t.self_closing) {
        SpanEl el{t.in_list("class", "invisible"), t.in_list("class", "ellipsis")};
        if (el.invisible) ++invisible_;
        spans_open_.push_back(el);
      }
    } else if (t.name == "a") {
      if (t.closing) {
        if (link_ && link_->start && cps_ > *link_->start)
          spans_.push_back({*link_->start, cps_, link_->kind, link_->href});
        link_.reset();
      } else if (!link_ && !t.self_closing) {  // nested anchors are invalid HTML: the outer one wins
        model::SpanKind kind = model::SpanKind::Link;
        if (t.in_list("class", "hashtag") || t.in_list("rel", "tag"))
          kind = model::SpanKind::Hashtag;
        else if (t.in_list("class", "mention"))
          kind = model::SpanKind::Mention;
        if (!t.attr("href").empty()) link_ = Link{std::nullopt, kind, encode_non_ascii(t.attr("href"))};
      }
    }
  }

  void block_break() {
    pending_break_ = 2;
    pending_space_ = false;
  }

  void line_break() {
    flush();
    out_ += '\n';
    ++cps_;
    pending_space_ = false;
  }

  // Writes the paragraph or line break, or the collapsed space, waiting before the next character.
  void flush() {
    if (pending_break_ > 0 && !out_.empty()) {
      int have = 0;
      for (size_t k = out_.size(); k > 0 && out_[k - 1] == '\n'; --k) ++have;
      for (int k = have; k < pending_break_; ++k) {
        out_ += '\n';
        ++cps_;
      }
    } else if (pending_space_ && !out_.empty() && out_.back() != '\n' && out_.back() != ' ') {
      out_ += ' ';
      ++cps_;
    }
    pending_break_ = 0;
    pending_space_ = false;
  }

  void text(const std::string& s) {
    if (skip_depth_ > 0 || invisible_ > 0) return;
    size_t pos = 0;
    while (pos < s.size()) {
      size_t from = pos;
      char32_t c = utf8::next(s, pos);
      if (pre_depth_ == 0 && c < 0x80 && is_space(static_cast<char>(c))) {
        pending_space_ = true;
        continue;
      }
      flush();
      if (link_ && !link_->start) link_->start = cps_;
      out_.append(s, from, pos - from);
      ++cps_;
    }
  }

  const MastodonHtmlOptions& options_;
  std::string out_;
  size_t cps_ = 0;
  int pending_break_ = 0;
  bool pending_space_ = false;
  int invisible_ = 0, pre_depth_ = 0;
  std::string skip_name_;
  int skip_depth_ = 0;
  std::vector<SpanEl> spans_open_;
  std::vector<List> lists_;
  std::optional<Link> link_;
  std::vector<model::Span> spans_;
};

}  // namespace

std::string decode_html_entities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  // gumbo decodes references as a browser does (every HTML5 name, numeric references, the legacy
  // names without ";"), so the text reads as it did on the instance. A '<' would start a tag in the
  // document built here, so it is written as a reference of its own.
  std::string doc = "<body>";
  for (char c : text) doc += c == '<' ? std::string("&lt;") : std::string(1, c);
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, doc.data(), doc.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  std::string decoded;
  const GumboNode* body = nullptr;
  const GumboVector& html = out->root->v.element.children;
  for (unsigned i = 0; i < html.length && !body; ++i) {
    auto* n = static_cast<const GumboNode*>(html.data[i]);
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY) body = n;
  }
  if (!body) return std::string(text);
  for (unsigned i = 0; i < body->v.element.children.length; ++i) {
    auto* n = static_cast<const GumboNode*>(body->v.element.children.data[i]);
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) decoded += n->v.text.text;
  }
  // gumbo turns a NUL into U+FFFD and CR LF into LF like a browser; text from JSON has neither
  // meaning, so nothing is lost.
  return decoded;
}

MastodonText mastodon_html_to_text(std::string_view html, const MastodonHtmlOptions& options) {
  Builder b(options);
  b.run(html);
  return b.finish();
}

}  // namespace tp::parse

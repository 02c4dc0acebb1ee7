#include "parse/text_spans.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "core/utf8.h"
#include "parse/input.h"

namespace tp::parse {

namespace {

using Text = std::u32string;

bool is_ascii_alnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_alnum(char32_t c) { return u_isalnum(static_cast<UChar32>(c)); }
bool is_space(char32_t c) { return c < 0x20 || u_isUWhiteSpace(static_cast<UChar32>(c)); }
bool is_mark(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0; }

char32_t lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool starts_with_ci(const Text& t, size_t i, std::u32string_view prefix) {
  if (i + prefix.size() > t.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k)
    if (lower(t[i + k]) != prefix[k]) return false;
  return true;
}

std::string to_utf8(const Text& t, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) utf8::append(out, t[i]);
  return out;
}

// Generic top-level domains a bare domain may end in without a path. Two-letter country domains
// that are mostly used as generic ones are here too; the rest need a path (twitter-text's rule,
// which keeps file names like README.md from becoming links).
constexpr std::array<std::u32string_view, 36> kGenericTlds = {
    U"com",    U"net",  U"org",  U"edu", U"gov",  U"mil",   U"int",  U"info",   U"biz",
    U"name",   U"pro",  U"mobi", U"app", U"dev",  U"page",  U"blog", U"news",   U"site",
    U"online", U"tech", U"xyz",  U"art", U"wiki", U"cloud", U"shop", U"social", U"studio",
    U"world",  U"io",   U"ai",   U"co",  U"me",   U"tv",    U"fm",   U"gg",     U"ly"};

// Characters that end a URL even without a space (quotes and brackets around it in prose).
bool ends_url(char32_t c) {
  return is_space(c) || c == '<' || c == '>' || c == '"' || c == U'«' || c == U'»' || c == U'“' ||
         c == U'”' || c == U'„' || c == U'、' || c == U'。';
}

bool is_trailing_punct(char32_t c) {
  return c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?' || c == '\'' || c == U'’' ||
         c == '*';
}

struct Found {
  size_t start, end;
  model::SpanKind kind;
  std::string href;
};

// End of a host name (labels of [A-Za-z0-9-] separated by dots) starting at `i`, and its labels.
size_t host_end(const Text& t, size_t i, std::vector<std::pair<size_t, size_t>>& labels) {
  size_t j = i;
  for (;;) {
    size_t a = j;
    while (j < t.size() && (is_ascii_alnum(t[j]) || t[j] == '-')) ++j;
    if (j == a || t[a] == '-' || t[j - 1] == '-') {
      labels.clear();
      return i;
    }
    labels.emplace_back(a, j);
    if (j + 1 < t.size() && t[j] == '.' && is_ascii_alnum(t[j + 1]))
      ++j;
    else
      return j;
  }
}

bool bare_domain_ok(const Text& t, const std::vector<std::pair<size_t, size_t>>& labels, bool has_path) {
  if (labels.size() < 2) return false;
  auto [a, b] = labels.back();
  for (size_t k = a; k < b; ++k)
    if (!((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z'))) return false;
  Text tld;
  for (size_t k = a; k < b; ++k) tld += lower(t[k]);
  if (std::find(kGenericTlds.begin(), kGenericTlds.end(), tld) != kGenericTlds.end()) return true;
  return tld.size() == 2 && (has_path || labels.size() > 2);
}

// A link starting at `i`, or nothing.
std::optional<Found> link_at(const Text& t, size_t i) {
  if (i > 0 &&
      (is_alnum(t[i - 1]) || std::u32string_view(U"@._/-#$&").find(t[i - 1]) != std::u32string_view::npos))
    return std::nullopt;
  size_t scheme = starts_with_ci(t, i, U"https://") ? 8 : starts_with_ci(t, i, U"http://") ? 7 : 0;
  std::vector<std::pair<size_t, size_t>> labels;
  size_t host = i + scheme;
  size_t h = host_end(t, host, labels);
  if (h == host) return std::nullopt;
  if (h < t.size() && (is_alnum(t[h]) || t[h] == '@' || t[h] == '_')) return std::nullopt;

  // The host is followed by a port, path, query or fragment, or the link ends with it.
  size_t end = h;
  if (h < t.size()) {
    bool port = t[h] == ':' && h + 1 < t.size() && t[h + 1] >= '0' && t[h + 1] <= '9';
    if (port || t[h] == '/' || t[h] == '?' || t[h] == '#')
      while (end < t.size() && !ends_url(t[end])) ++end;
  }
  // X cuts long display URLs with "…"; the "…" stays in the span, and the link goes to the last
  // complete path segment. Cut inside the host name, nothing complete is left: no link.
  bool truncated = false;
  size_t target_end = end;
  for (size_t k = h; k < end; ++k)
    if (t[k] == U'…') {
      end = k + 1, truncated = true;
      break;
    }
  if (truncated) {
    size_t slash = end - 1;
    while (slash > h && t[slash] != '/') --slash;
    if (t[slash] != '/') return std::nullopt;
    target_end = slash + 1;
  } else if (h < t.size() && t[h] == U'…') {
    return std::nullopt;
  } else {
    while (end > h) {
      char32_t c = t[end - 1];
      auto unbalanced = [&](char32_t open, char32_t close) {
        return c == close && std::count(t.begin() + i, t.begin() + end, open) <
                                 std::count(t.begin() + i, t.begin() + end, close);
      };
      if (is_trailing_punct(c) || unbalanced('(', ')') || unbalanced('[', ']') || unbalanced('{', '}'))
        --end;
      else
        break;
    }
    target_end = end;
  }
  if (!scheme && !bare_domain_ok(t, labels, end > h)) return std::nullopt;

  std::string href = (scheme ? "" : "https://") + to_utf8(t, i, target_end);
  return Found{i, end, model::SpanKind::Link, encode_non_ascii(href)};
}

std::optional<Found> mention_at(const Text& t, size_t i) {
  if (t[i] != '@') return std::nullopt;
  if (i > 0 &&
      (is_alnum(t[i - 1]) || std::u32string_view(U"_!#$%&*@").find(t[i - 1]) != std::u32string_view::npos))
    return std::nullopt;
  size_t j = i + 1;
  while (j < t.size() && (is_ascii_alnum(t[j]) || t[j] == '_')) ++j;
  if (j == i + 1 || j - i - 1 > 15) return std::nullopt;
  if (j < t.size() && (is_alnum(t[j]) || t[j] == '@')) return std::nullopt;
  return Found{i, j, model::SpanKind::Mention, "https://x.com/" + to_utf8(t, i + 1, j)};
}

std::optional<Found> hashtag_at(const Text& t, size_t i) {
  if (t[i] != '#') return std::nullopt;
  if (i > 0 &&
      (is_alnum(t[i - 1]) || std::u32string_view(U"_&#").find(t[i - 1]) != std::u32string_view::npos))
    return std::nullopt;
  size_t j = i + 1;
  // "#️⃣" is an emoji: a tag starts with a letter, digit or '_', never with a mark.
  if (j >= t.size() || !(is_alnum(t[j]) || t[j] == '_')) return std::nullopt;
  bool letter = false;
  while (j < t.size() && (is_alnum(t[j]) || is_mark(t[j]) || t[j] == '_')) {
    if (!u_isdigit(static_cast<UChar32>(t[j]))) letter = true;
    ++j;
  }
  if (!letter) return std::nullopt;
  return Found{i, j, model::SpanKind::Hashtag,
               encode_non_ascii("https://x.com/hashtag/" + to_utf8(t, i + 1, j))};
}

}  // namespace

std::vector<model::Span> find_spans(const std::string& text) {
  Text t;
  for (size_t pos = 0; pos < text.size();) t += utf8::next(text, pos);

  std::vector<model::Span> spans;
  for (size_t i = 0; i < t.size();) {
    // Links first: a mention or hashtag inside a URL (medium.com/@name, page#part) is the URL's.
    std::optional<Found> f = link_at(t, i);
    if (!f) f = mention_at(t, i);
    if (!f) f = hashtag_at(t, i);
    if (!f) {
      ++i;
      continue;
    }
    spans.push_back(model::Span{f->start, f->end, f->kind, f->href});
    i = f->end;
  }
  return spans;
}

}  // namespace tp::parse

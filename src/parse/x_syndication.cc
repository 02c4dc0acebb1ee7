// Reader of X's embed endpoint `tweet-result` (docs/platforms/x-syndication.md) and the entity-text
// recipe it shares with the archive reader.
#include "parse/x_syndication.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "core/format.h"
#include "core/utf8.h"
#include "parse/format_rules.h"
#include "parse/input.h"
#include "parse/json_access.h"
#include "parse/mastodon_html.h"

namespace tp::parse {

namespace {

using json = nlohmann::json;
using json_access::fail;
using json_access::member;
using json_access::nonempty;
using json_access::str;

// A whole number written as a JSON number or as a string of digits (the archive writes every number
// as a string); 64-bit values never pass through a double.
std::optional<std::int64_t> whole(const json* v) {
  if (!v) return std::nullopt;
  if (v->is_number_unsigned())
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v->get<std::uint64_t>(), INT64_MAX));
  if (v->is_number_integer()) return v->get<std::int64_t>();
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty() || s.size() > 18 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    return std::stoll(s);
  }
  return std::nullopt;
}

std::optional<std::pair<size_t, size_t>> indices(const json& entity) {
  const json* ix = member(entity, "indices");
  if (!ix || !ix->is_array() || ix->size() != 2) return std::nullopt;
  auto a = whole(&(*ix)[0]), b = whole(&(*ix)[1]);
  if (!a || !b || *a < 0 || *b <= *a) return std::nullopt;
  return std::make_pair(static_cast<size_t>(*a), static_cast<size_t>(*b));
}

// Parsed tweet-result, or nullopt for an unavailable post; `why` then holds the tombstone text.
std::optional<json> parse_result(const std::string& bytes, const std::string& where, std::string* why) {
  std::optional<json> parsed = json_access::parse_api_body(bytes, where, "X");
  if (!parsed) return std::nullopt;  // an empty answer: the post is unavailable
  json doc = std::move(*parsed);
  if (!doc.is_object()) fail(where, "X answered with JSON that is not a post");
  if (const json* error = member(doc, "error"); error && error->is_string())
    fail(where, "X answered with the error \"" + error->get<std::string>() + "\"");
  if (str(doc, "__typename") == "TweetTombstone") {
    if (why) {
      const json* t = member(doc, "tombstone");
      const json* text = t ? member(*t, "text") : nullptr;
      *why = text ? str(*text, "text") : std::string();
    }
    return std::nullopt;
  }
  if (doc.empty() || !member(doc, "user") || str(doc, "id_str").empty()) return std::nullopt;
  return doc;
}

std::string screen_name(const json& tweet) { return str(tweet.value("user", json::object()), "screen_name"); }
std::string author_id(const json& tweet) { return str(tweet.value("user", json::object()), "id_str"); }

// The next post up, when the tweet answers its own author.
std::optional<std::string> self_parent(const json& tweet) {
  std::string parent = str(tweet, "in_reply_to_status_id_str");
  std::string to_user = str(tweet, "in_reply_to_user_id_str");
  if (parent.empty() || (!to_user.empty() && to_user != author_id(tweet))) return std::nullopt;
  return parent;
}

model::Author author_of(const json& user) {
  model::Author a;
  std::string handle = str(user, "screen_name");
  a.name = str(user, "name");
  a.handle = "@" + handle;
  if (std::string avatar = str(user, "profile_image_url_https"); !avatar.empty()) {
    // `_normal` is 48 px; `_400x400` is the largest square variant.
    if (size_t n = avatar.rfind("_normal."); n != std::string::npos) avatar.replace(n, 7, "_400x400");
    a.avatar = avatar;
  }
  if (!handle.empty()) a.url = "https://x.com/" + handle;
  return a;
}

std::optional<std::string> mp4_variant(const json& media) {
  const json* variants = member(media, "video_info") ? member(media["video_info"], "variants") : nullptr;
  if (!variants || !variants->is_array()) return std::nullopt;
  std::optional<std::string> best;
  std::int64_t best_rate = -1;
  for (const json& v : *variants) {
    if (str(v, "content_type") != "video/mp4" || str(v, "url").empty()) continue;
    std::int64_t rate = whole(member(v, "bitrate")).value_or(0);
    if (rate > best_rate) best_rate = rate, best = str(v, "url");
  }
  return best;
}

// The host a URL names, lower-cased, without "www."; "" when it has none.
std::string site_of(std::string_view url) {
  size_t a = url.find("://");
  if (a == std::string_view::npos) return {};
  a += 3;
  std::string host(url.substr(a, url.find_first_of("/?#:", a) - a));
  for (char& c : host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return host.rfind("www.", 0) == 0 ? host.substr(4) : host;
}

// A card's `domain` or `vanity_url` value when it is a plain host name ("www.example.org").
std::optional<std::string> card_host(const std::optional<std::string>& value) {
  if (!value || value->size() > 253 || value->find('.') == std::string::npos) return std::nullopt;
  for (char c : *value)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'))
      return std::nullopt;
  return value;
}

// The card names the site of the page X previewed (`domain`, `vanity_url`); the link it carries may
// be a t.co redirect or a shortener's address, whose host says nothing of where it leads. That
// site becomes Card::site (printed on the card) when it is not already the link's host; the card
// keeps linking the exact address it was given.
std::optional<model::Card> card_of(const json& tweet) {
  const json* card = member(tweet, "card");
  const json* values = card ? member(*card, "binding_values") : nullptr;
  if (!values) return std::nullopt;
  auto string_value = [&](const char* key) -> std::optional<std::string> {
    const json* v = member(*values, key);
    return v ? nonempty(*v, "string_value") : std::nullopt;
  };
  auto title = string_value("title");
  if (!title) return std::nullopt;  // polls and other cards that are no link preview
  model::Card c;
  c.title = title;
  c.description = string_value("description");
  std::string tco = str(*card, "url");
  if (const json* urls = member(tweet, "entities") ? member(tweet["entities"], "urls") : nullptr;
      urls && urls->is_array())
    for (const json& u : *urls)
      if (!tco.empty() && str(u, "url") == tco) c.url = str(u, "expanded_url");
  if (c.url.empty()) c.url = string_value("card_url").value_or(tco);
  std::optional<std::string> host = card_host(string_value("domain"));
  if (!host) host = card_host(string_value("vanity_url"));
  if (host) {
    const std::string site = site_of("https://" + *host), linked = site_of(c.url);
    const bool same_site =
        linked == site || (linked.size() > site.size() && linked.compare(linked.size() - site.size() - 1,
                                                                         std::string::npos, "." + site) == 0);
    if (!same_site) c.site = site;
  }
  if (c.url.empty()) return std::nullopt;
  for (const char* key : {"thumbnail_image_large", "summary_photo_image_large", "photo_image_full_size_large",
                          "thumbnail_image", "summary_photo_image", "thumbnail_image_original"}) {
    const json* v = member(*values, key);
    const json* image = v ? member(*v, "image_value") : nullptr;
    if (image && !str(*image, "url").empty()) {
      c.image = str(*image, "url");
      break;
    }
  }
  return c;
}

model::Post post_of(const json& tweet, bool quoted, const std::string& where, Diagnostics& diag) {
  model::Post p;
  p.id = str(tweet, "id_str");
  std::string name = screen_name(tweet);
  p.url = "https://x.com/" + (name.empty() ? std::string("i") : name) + "/status/" + p.id;
  std::string created = str(tweet, "created_at");
  // A date that is no date (malformed, or a day its month does not have) is left out; the post stays.
  if (parse_rfc3339(created))
    p.created_at = created;
  else if (!created.empty())
    diag.warn(where, "post " + p.id + ": created_at \"" + created + "\" is not a date; left out");
  // X writes "und" (undetermined), "zxx" and private "q…" codes for posts without words in a language.
  if (std::string lang = str(tweet, "lang");
      is_language_tag(lang) && lang != "und" && lang != "zxx" && !(lang.size() == 3 && lang[0] == 'q'))
    p.lang = lang;
  if (const json* s = member(tweet, "possibly_sensitive"); s && s->is_boolean() && s->get<bool>())
    p.content_warning = "Marked by X as possibly sensitive";
  // A long post: the public endpoint gives only the start of its text.
  if (member(tweet, "note_tweet")) p.truncated = true;
  auto count = [&](const char* key) -> std::optional<std::int64_t> {
    auto n = whole(member(tweet, key));
    if (n && *n >= 0) return n;
    return std::nullopt;
  };
  model::Counts counts{count("conversation_count"), count("retweet_count"), count("favorite_count"),
                       count("quote_count")};
  if (!counts.replies) counts.replies = count("reply_count");
  if (counts.replies || counts.reposts || counts.likes || counts.quotes) p.counts = counts;
  if (quoted) p.author = author_of(tweet.value("user", json::object()));
  std::string escaped = str(tweet, "text");
  auto [a, b] = x_display_range(tweet, escaped);
  XText text = x_entity_text(escaped, a, b, x_entities(tweet));
  p.text = std::move(text.text);
  p.spans = std::move(text.spans);

  if (const json* details = member(tweet, "mediaDetails"); details && details->is_array()) {
    for (const json& d : *details) {
      std::string type = str(d, "type");
      model::Media m;
      m.src = str(d, "media_url_https");
      m.alt = nonempty(d, "ext_alt_text");
      const json* info = member(d, "original_info");
      if (info) {
        auto w = whole(member(*info, "width")), h = whole(member(*info, "height"));
        if (w && h && *w >= 1 && *h >= 1 && *w <= INT32_MAX && *h <= INT32_MAX)
          m.width = static_cast<int>(*w), m.height = static_cast<int>(*h);
      }
      if (type == "video" || type == "animated_gif") {
        m.kind = type == "video" ? model::MediaKind::Video : model::MediaKind::Gif;
        m.url = mp4_variant(d);
        if (!m.url) m.url = nonempty(d, "expanded_url");
      } else if (type != "photo") {
        diag.warn_loss(where, "post " + p.id + ": media of type \"" + type + "\" is not shown");
        continue;
      }
      if (!m.src.empty()) p.media.push_back(std::move(m));
    }
  }
  p.card = card_of(tweet);
  if (const json* q = member(tweet, "quoted_tweet"); q && !quoted) {
    if (q->is_object() && member(*q, "user") && !str(*q, "id_str").empty()) {
      p.quote.push_back(post_of(*q, true, where, diag));
    } else {
      model::Post gone;
      gone.id = str(*q, "id_str").empty() ? p.id + "-quote" : str(*q, "id_str");
      gone.unavailable = model::Unavailable::Deleted;
      p.quote.push_back(std::move(gone));
    }
  }
  return p;
}

}  // namespace

std::pair<size_t, size_t> x_display_range(const json& tweet, std::string_view text) {
  size_t length = utf8::length(text);
  const json* r = member(tweet, "display_text_range");
  if (r && r->is_array() && r->size() == 2) {
    auto a = whole(&(*r)[0]), b = whole(&(*r)[1]);
    if (a && b && *a >= 0 && *b >= *a) return {std::min<size_t>(*a, length), std::min<size_t>(*b, length)};
  }
  return {0, length};
}

std::vector<XEntity> x_entities(const json& tweet) {
  std::vector<XEntity> out;
  auto list = [&](const json& owner, const char* key) -> const json* {
    const json* l = member(owner, key);
    return l && l->is_array() ? l : nullptr;
  };
  auto add = [&](XEntity::Kind kind, const json& e, std::string display, std::string href) {
    if (auto ix = indices(e))
      out.push_back({kind, ix->first, ix->second, std::move(display), std::move(href)});
  };
  const json* entities = member(tweet, "entities");
  if (entities) {
    if (const json* l = list(*entities, "urls"))
      for (const json& e : *l) {
        std::string href = str(e, "expanded_url").empty() ? str(e, "url") : str(e, "expanded_url");
        std::string display = str(e, "display_url").empty() ? href : str(e, "display_url");
        if (!href.empty()) add(XEntity::Kind::Url, e, display, encode_non_ascii(href));
      }
    if (const json* l = list(*entities, "user_mentions"))
      for (const json& e : *l)
        if (!str(e, "screen_name").empty())
          add(XEntity::Kind::Mention, e, {}, "https://x.com/" + str(e, "screen_name"));
    if (const json* l = list(*entities, "hashtags"))
      for (const json& e : *l)
        if (!str(e, "text").empty())
          add(XEntity::Kind::Hashtag, e, {}, encode_non_ascii("https://x.com/hashtag/" + str(e, "text")));
    if (const json* l = list(*entities, "symbols"))
      for (const json& e : *l)
        if (!str(e, "text").empty())
          add(XEntity::Kind::Symbol, e, {}, encode_non_ascii("https://x.com/search?q=%24" + str(e, "text")));
    if (const json* l = list(*entities, "media"))
      for (const json& e : *l) add(XEntity::Kind::Media, e, {}, {});
  }
  if (const json* ext = member(tweet, "extended_entities"))
    if (const json* l = list(*ext, "media"))
      for (const json& e : *l) add(XEntity::Kind::Media, e, {}, {});
  return out;
}

XText x_entity_text(std::string_view escaped, size_t range_start, size_t range_end,
                    std::vector<XEntity> entities) {
  std::u32string cps;
  for (size_t pos = 0; pos < escaped.size();) cps += utf8::next(escaped, pos);
  size_t end = std::min(range_end, cps.size());
  size_t start = std::min(range_start, end);
  auto slice = [&](size_t a, size_t b) {
    std::string s;
    for (size_t i = a; i < b; ++i) utf8::append(s, cps[i]);
    return s;
  };
  std::stable_sort(entities.begin(), entities.end(),
                   [](const XEntity& a, const XEntity& b) { return a.start < b.start; });

  XText out;
  size_t length = 0;  // code points of out.text
  auto append = [&](const std::string& s) {
    out.text += s;
    length += utf8::length(s);
  };
  size_t pos = start;
  for (const XEntity& e : entities) {
    if (e.start < pos || e.end > end || e.start >= e.end) continue;  // overlapping, or outside the range
    append(decode_html_entities(slice(pos, e.start)));
    size_t span_start = length;
    switch (e.kind) {
      case XEntity::Kind::Media:
        break;
      case XEntity::Kind::Url:
        append(e.display);
        break;
      default:
        append(decode_html_entities(slice(e.start, e.end)));
    }
    if (e.kind != XEntity::Kind::Media && length > span_start) {
      model::SpanKind kind = e.kind == XEntity::Kind::Url       ? model::SpanKind::Link
                             : e.kind == XEntity::Kind::Mention ? model::SpanKind::Mention
                                                                : model::SpanKind::Hashtag;
      out.spans.push_back({span_start, length, kind, e.href});
    }
    pos = e.end;
  }
  append(decode_html_entities(slice(pos, end)));

  // Trim the space a removed media link or reply prefix leaves behind.
  auto is_blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  size_t lead = 0;
  while (lead < out.text.size() && is_blank(out.text[lead])) ++lead;
  size_t trail = out.text.size();
  while (trail > lead && is_blank(out.text[trail - 1])) --trail;
  out.text = out.text.substr(lead, trail - lead);
  size_t total = utf8::length(out.text);
  std::vector<model::Span> spans;
  for (model::Span s : out.spans) {
    s.start = s.start >= lead ? s.start - lead : 0;
    s.end = std::min(s.end >= lead ? s.end - lead : 0, total);
    if (s.start < s.end) spans.push_back(std::move(s));
  }
  out.spans = std::move(spans);
  return out;
}

std::string x_author_id(const std::string& tweet_result_json) {
  auto doc = parse_result(tweet_result_json, "X", nullptr);
  return doc ? author_id(*doc) : std::string();
}

std::optional<std::string> x_parent_id(const std::string& tweet_result_json) {
  auto doc = parse_result(tweet_result_json, "X", nullptr);
  return doc ? self_parent(*doc) : std::nullopt;
}

model::Thread x_thread(const std::vector<std::string>& tweet_results_newest_first,
                       const std::string& source_url, Diagnostics& diag) {
  if (tweet_results_newest_first.empty()) fail(source_url, "no X response to read");
  std::string why;
  auto last = parse_result(tweet_results_newest_first.front(), source_url, &why);
  if (!last) fail(source_url, "X answered that the post is unavailable" + (why.empty() ? "" : ": " + why));
  std::string author = author_id(*last);
  std::string name = screen_name(*last);

  std::vector<model::Post> newest_first{post_of(*last, false, source_url, diag)};
  std::optional<std::string> parent = self_parent(*last);
  for (size_t i = 1; i < tweet_results_newest_first.size() && parent; ++i) {
    why.clear();
    auto doc = parse_result(tweet_results_newest_first[i], source_url, &why);
    if (!doc) {
      model::Post gone;
      gone.id = *parent;
      gone.url = "https://x.com/" + name + "/status/" + *parent;
      gone.unavailable = model::Unavailable::Deleted;
      newest_first.push_back(std::move(gone));
      diag.warn_loss(source_url, "post " + *parent + " is unavailable" +
                                     (why.empty() ? "" : " (" + why + ")") +
                                     "; the posts above it could not be reached");
      parent.reset();
      break;
    }
    if (str(*doc, "id_str") != *parent || author_id(*doc) != author) {
      diag.warn(source_url, "response " + std::to_string(i + 1) + " is not post " + *parent +
                                " by the thread's author; left out");
      parent.reset();
      break;
    }
    newest_first.push_back(post_of(*doc, false, source_url, diag));
    parent = self_parent(*doc);
  }
  if (parent)
    diag.warn_loss(source_url,
                   "the thread continues above post " + newest_first.back().id + " (not fetched)");

  model::Thread t;
  t.source.platform = model::Platform::X;
  t.source.url = source_url;
  t.author = author_of(last->value("user", json::object()));
  t.posts.assign(newest_first.rbegin(), newest_first.rend());
  std::set<std::string> ids;
  for (const auto& p : t.posts) ids.insert(p.id);
  for (auto& p : t.posts)
    for (auto& q : p.quote)
      while (!ids.insert(q.id).second) q.id += "#quote";
  meet_format_rules(t, source_url, diag);
  return t;
}

}  // namespace tp::parse

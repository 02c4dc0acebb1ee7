// Reader of Mastodon statuses and their context (docs/platforms/mastodon.md).
#include "parse/mastodon.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

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

json parse_body(const std::string& bytes, const std::string& where, const char* what) {
  std::optional<json> parsed = json_access::parse_api_body(bytes, where, "Mastodon", what);
  if (!parsed) fail(where, std::string("Mastodon answered with an empty ") + what);
  json doc = std::move(*parsed);
  if (!doc.is_object()) fail(where, std::string("Mastodon answered with JSON that is not a ") + what);
  if (auto it = doc.find("error"); it != doc.end() && it->is_string())
    fail(where, "Mastodon answered with the error \"" + it->get<std::string>() + "\"");
  return doc;
}

// Ids are strings on Mastodon; servers that send integers get their exact digits, never a double.
std::string id_of(const json& v, const char* key) {
  const json* m = member(v, key);
  if (!m) return {};
  if (m->is_string()) return m->get<std::string>();
  if (m->is_number_unsigned()) return std::to_string(m->get<std::uint64_t>());
  if (m->is_number_integer()) return std::to_string(m->get<std::int64_t>());
  return {};
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Numeric ids compare as numbers (by length, then digits), others as text.
bool id_less(const std::string& a, const std::string& b) {
  if (all_digits(a) && all_digits(b) && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

std::optional<int> dimension(const json& meta, const char* key) {
  const json* m = member(meta, key);
  if (m && m->is_number_integer() && m->get<std::int64_t>() >= 1 && m->get<std::int64_t>() <= INT32_MAX)
    return static_cast<int>(m->get<std::int64_t>());
  return std::nullopt;
}

// "https://host:port/path" -> "host".
std::string host_of(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (size_t colon = authority.rfind(':');
      colon != std::string::npos && authority.find(']') == std::string::npos)
    authority.erase(colon);
  return authority;
}

class Converter {
 public:
  Converter(const std::string& where, const std::string& host, Diagnostics& diag)
      : where_(where), host_(host), diag_(diag) {}

  model::Author author(const json& account) const {
    model::Author a;
    a.name = str(account, "display_name");
    if (a.name.empty()) a.name = str(account, "username");
    std::string acct = str(account, "acct");
    if (acct.empty()) acct = str(account, "username");
    std::string host = host_.empty() ? host_of(str(account, "url")) : host_;
    a.handle = "@" + acct + (acct.find('@') == std::string::npos && !host.empty() ? "@" + host : "");
    a.avatar = nonempty(account, "avatar_static");
    if (!a.avatar) a.avatar = nonempty(account, "avatar");
    a.url = nonempty(account, "url");
    a.emoji = emoji(account);
    return a;
  }

  model::Post post(const json& status, bool quoted) {
    model::Post p;
    p.id = id_of(status, "id");
    p.url = nonempty(status, "url");
    if (!p.url) p.url = nonempty(status, "uri");
    p.created_at = date(status, "created_at", p.id);
    p.edited_at = date(status, "edited_at", p.id);
    if (quoted) p.author = author(status.value("account", json::object()));

    const json* quote = member(status, "quote");
    MastodonHtmlOptions options;
    // The "RE: <link>" fallback is the only reference to a quoted post that is not shown: kept then.
    options.drop_quote_inline = quote != nullptr && quote_shown(*quote);
    MastodonText body = mastodon_html_to_text(str(status, "content"), options);
    p.text = std::move(body.text);
    p.spans = std::move(body.spans);
    if (std::string cw = str(status, "spoiler_text"); !cw.empty()) p.content_warning = cw;
    if (std::string lang = str(status, "language"); is_language_tag(lang)) p.lang = lang;
    p.emoji = emoji(status);
    poll(status, p);
    p.counts = counts(status);

    if (const json* media = member(status, "media_attachments"); media && media->is_array())
      for (const json& m : *media) attachment(m, p);
    if (const json* card = member(status, "card"); card && !str(*card, "url").empty())
      p.card = model::Card{str(*card, "url"), nonempty(*card, "title"), nonempty(*card, "description"),
                           nonempty(*card, "image")};
    if (quote && !quoted) this->quote(*quote, p);
    return p;
  }

  model::Post tombstone(const std::string& id, model::Unavailable why = model::Unavailable::Deleted) const {
    model::Post p;
    p.id = id;
    p.unavailable = why;
    return p;
  }

 private:
  // A date that is no date (malformed, or a day its month does not have) is left out with a
  // warning; the post itself stays.
  std::optional<std::string> date(const json& status, const char* key, const std::string& id) const {
    std::string value = str(status, key);
    if (value.empty()) return std::nullopt;
    if (parse_rfc3339(value)) return value;
    diag_.warn(where_, "status " + id + ": " + key + " \"" + value + "\" is not a date; left out");
    return std::nullopt;
  }

  std::vector<model::Emoji> emoji(const json& owner) const {
    std::vector<model::Emoji> out;
    const json* list = member(owner, "emojis");
    if (!list || !list->is_array()) return out;
    for (const json& e : *list) {
      std::string code = str(e, "shortcode"), src = str(e, "static_url");
      // The still picture: a PDF shows one frame, and the animated one may be a GIF or APNG.
      if (src.empty()) src = str(e, "url");
      if (code.empty() || src.empty() || code.find_first_of(": \t\n\r") != std::string::npos) continue;
      out.push_back({code, src});
    }
    return out;
  }

  static std::optional<std::int64_t> count(const json& v, const char* key) {
    const json* m = member(v, key);
    if (m && m->is_number_integer() && m->get<std::int64_t>() >= 0) return m->get<std::int64_t>();
    return std::nullopt;
  }

  static std::optional<model::Counts> counts(const json& status) {
    model::Counts c{count(status, "replies_count"), count(status, "reblogs_count"),
                    count(status, "favourites_count"), count(status, "quotes_count")};
    if (!c.replies && !c.reposts && !c.likes && !c.quotes) return std::nullopt;
    return c;
  }

  void poll(const json& status, model::Post& p) const {
    const json* poll = member(status, "poll");
    const json* options = poll ? member(*poll, "options") : nullptr;
    if (!options || !options->is_array() || options->empty()) return;
    model::Poll out;
    for (const json& o : *options) out.options.push_back({str(o, "title"), count(o, "votes_count")});
    const json* multiple = member(*poll, "multiple");
    out.multiple = multiple && multiple->is_boolean() && multiple->get<bool>();
    out.voters = count(*poll, "voters_count");
    out.closes_at = date(*poll, "expires_at", p.id);
    const json* expired = member(*poll, "expired");
    out.closed = expired && expired->is_boolean() && expired->get<bool>();
    p.poll = std::move(out);
  }

  void attachment(const json& m, model::Post& p) const {
    std::string type = str(m, "type");
    model::Media media;
    media.alt = nonempty(m, "description");
    const json* original = member(m, "meta") ? member(m["meta"], "original") : nullptr;
    if (original) {
      media.width = dimension(*original, "width");
      media.height = dimension(*original, "height");
      if (!media.width || !media.height) media.width = media.height = std::nullopt;
    }
    std::string url = str(m, "url");
    if (url.empty()) url = str(m, "remote_url");
    std::string preview = str(m, "preview_url");
    if (preview.empty()) preview = str(m, "preview_remote_url");
    if (type == "image" && !url.empty()) {
      media.src = url;
    } else if ((type == "gifv" || type == "video") && !preview.empty()) {
      media.kind = type == "gifv" ? model::MediaKind::Gif : model::MediaKind::Video;
      media.src = preview;
      if (!url.empty()) media.url = url;
    } else {
      // Audio, "unknown" (remote media the instance has not fetched: remote_url and a description)
      // and anything newer: never dropped. A preview, or a remote file that names a picture, is
      // tried as a picture; the rest is printed as a line with the description and the link.
      media.kind = type == "audio" ? model::MediaKind::Audio : model::MediaKind::Other;
      media.src = !preview.empty() ? preview : looks_like_picture(url) ? url : "";
      if (!url.empty()) media.url = url;
      if (media.src.empty() && !media.url && !media.alt) {
        diag_.warn_loss(where_, "status " + p.id + ": an attachment of type \"" + type +
                                    "\" with no link and no description");
        return;
      }
    }
    p.media.push_back(std::move(media));
  }

  static bool looks_like_picture(const std::string& url) {
    std::string path = url.substr(0, url.find_first_of("?#"));
    for (const char* ext : {".jpg", ".jpeg", ".png", ".webp", ".gif"})
      if (path.size() > std::string(ext).size() &&
          std::equal(path.end() - static_cast<long>(std::string(ext).size()), path.end(), ext,
                     [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
        return true;
    return false;
  }

  static bool quote_shown(const json& q) {
    if (member(q, "content")) return true;  // a fork's inline quoted status
    std::string state = str(q, "state");
    const json* quoted = member(q, "quoted_status");
    return (state == "accepted" || state == "blocked_account" || state == "blocked_domain" ||
            state == "muted_account") &&
           quoted && quoted->is_object();
  }

  // Quote states (docs/platforms/mastodon.md, section 5) in the model's words.
  static model::Unavailable quote_state(const std::string& state) {
    if (state == "revoked" || state == "rejected") return model::Unavailable::Revoked;
    if (state == "deleted") return model::Unavailable::Deleted;
    if (state == "pending") return model::Unavailable::Pending;
    if (state == "unauthorized") return model::Unavailable::Private;
    if (state.rfind("blocked", 0) == 0 || state == "muted_account") return model::Unavailable::Blocked;
    return model::Unavailable::NotFound;
  }

  void quote(const json& q, model::Post& p) {
    // Forks that predate Mastodon 4.4 put the quoted status itself in `quote`.
    if (member(q, "content")) {
      p.quote.push_back(post(q, true));
      return;
    }
    const json* quoted = member(q, "quoted_status");
    if (quote_shown(q)) {
      p.quote.push_back(post(*quoted, true));
      return;
    }
    std::string id = quoted ? id_of(*quoted, "id") : id_of(q, "quoted_status_id");
    model::Post gone = tombstone(id.empty() ? p.id + "-quote" : id, quote_state(str(q, "state")));
    if (quoted) gone.url = nonempty(*quoted, "url");
    // Otherwise the "RE:" link kept in the text is where the quoted post was.
    if (!gone.url)
      for (const auto& s : p.spans)
        if (s.kind == model::SpanKind::Link && s.href && p.text.rfind("RE: ", 0) == 0) {
          gone.url = s.href;
          break;
        }
    p.quote.push_back(std::move(gone));
  }

  const std::string& where_;
  std::string host_;
  Diagnostics& diag_;
};

}  // namespace

namespace {

// The author's chain over the statuses of one or more context responses.
struct Chain {
  json status_doc;
  std::vector<json> contexts;
  const json* status = nullptr;  // the pasted status, or the status it boosts
  std::string author_id;
  std::vector<const json*> posts;
  std::optional<std::string> gap;
  std::map<std::string, size_t> replies_seen;  // in_reply_to_id -> statuses of anyone replying to it
};

void build_chain(Chain& c, const std::string& status_json, const std::vector<std::string>& context_jsons,
                 const std::string& source_url) {
  c.status_doc = parse_body(status_json, source_url, "status");
  for (const std::string& bytes : context_jsons)
    c.contexts.push_back(bytes.find_first_not_of(" \t\r\n") == std::string::npos
                             ? json::object()
                             : parse_body(bytes, source_url, "status context"));
  c.status = &c.status_doc;
  if (const json* reblog = member(c.status_doc, "reblog"); reblog && reblog->is_object()) c.status = reblog;
  const json* status = c.status;
  c.author_id = id_of(status->value("account", json::object()), "id");
  const std::string& author_id = c.author_id;
  if (id_of(*status, "id").empty() || author_id.empty())
    fail(source_url, "Mastodon answered with JSON that is not a status (no id or account)");

  // Several contexts (one per round of a long chain) overlap; the first copy of a status counts.
  std::map<std::string, const json*> by_id;
  std::multimap<std::string, const json*> replies;  // in_reply_to_id -> the author's replies
  for (const json& context : c.contexts)
    for (const char* key : {"ancestors", "descendants"}) {
      const json* list = member(context, key);
      if (list && !list->is_array())
        fail(source_url, std::string("Mastodon answered with a context whose ") + key + " is not an array");
      if (!list) continue;
      for (const json& s : *list) {
        if (id_of(s, "id").empty()) continue;
        by_id.emplace(id_of(s, "id"), &s);
      }
    }
  by_id[id_of(*status, "id")] = status;
  for (const auto& [id, s] : by_id) {
    std::string parent = id_of(*s, "in_reply_to_id");
    if (parent.empty()) continue;
    ++c.replies_seen[parent];
    if (id_of(s->value("account", json::object()), "id") == author_id) replies.emplace(parent, s);
  }

  std::vector<const json*>& chain = c.posts;
  chain.push_back(status);
  std::set<std::string> seen{id_of(*status, "id")};
  for (const json* cur = status;;) {
    std::string parent_id = id_of(*cur, "in_reply_to_id");
    if (parent_id.empty() || seen.count(parent_id)) break;
    auto it = by_id.find(parent_id);
    if (it == by_id.end()) {
      // The author's own parent is gone (deleted or not visible): its number stays.
      if (id_of(*cur, "in_reply_to_account_id") == author_id) c.gap = parent_id;
      break;
    }
    if (id_of(it->second->value("account", json::object()), "id") != author_id) break;
    chain.insert(chain.begin(), it->second);
    seen.insert(parent_id);
    cur = it->second;
  }
  for (const json* cur = status;;) {
    auto [from, to] = replies.equal_range(id_of(*cur, "id"));
    const json* best = nullptr;
    for (auto it = from; it != to; ++it)
      if (!seen.count(id_of(*it->second, "id")) &&
          (!best || id_less(id_of(*it->second, "id"), id_of(*best, "id"))))
        best = it->second;
    if (!best) break;
    chain.push_back(best);
    seen.insert(id_of(*best, "id"));
    cur = best;
  }
}

}  // namespace

MastodonChainInfo mastodon_chain_info(const std::string& status_json,
                                      const std::vector<std::string>& context_jsons,
                                      const std::string& source_url) {
  Chain c;
  build_chain(c, status_json, context_jsons, source_url);
  const json& last = *c.posts.back();
  MastodonChainInfo info;
  info.status_id = id_of(*c.status, "id");
  info.first_id = id_of(*c.posts.front(), "id");
  info.more_above = c.gap.has_value();
  info.last_id = id_of(last, "id");
  const json* count = member(last, "replies_count");
  auto seen = c.replies_seen.find(info.last_id);
  size_t have = seen == c.replies_seen.end() ? 0 : seen->second;
  info.more_below = count && count->is_number_integer() && count->get<std::int64_t>() > 0 &&
                    static_cast<std::uint64_t>(count->get<std::int64_t>()) > have;
  return info;
}

model::Thread mastodon_thread(const std::string& status_json, const std::string& context_json,
                              const std::string& source_url, Diagnostics& diag) {
  return mastodon_thread(status_json, std::vector<std::string>{context_json}, source_url, diag);
}

model::Thread mastodon_thread(const std::string& status_json, const std::vector<std::string>& context_jsons,
                              const std::string& source_url, Diagnostics& diag) {
  Chain c;
  build_chain(c, status_json, context_jsons, source_url);
  const json* status = c.status;
  const std::vector<const json*>& chain = c.posts;
  const std::optional<std::string>& gap = c.gap;

  Converter convert(source_url, host_of(source_url), diag);
  model::Thread t;
  t.source.platform = model::Platform::Mastodon;
  t.source.url = source_url;
  t.author = convert.author(status->value("account", json::object()));
  if (gap) {
    diag.warn_loss(source_url, "the thread continues a deleted or hidden post (" + *gap +
                                   "); the posts above it could not be reached");
    t.posts.push_back(convert.tombstone(*gap));
  }
  for (const json* s : chain) t.posts.push_back(convert.post(*s, false));
  // A post may quote another post of its own thread; a status may be empty but for an attachment.
  meet_format_rules(t, source_url, diag);
  return t;
}

}  // namespace tp::parse

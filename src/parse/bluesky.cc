// Reader of Bluesky getPostThread responses (docs/platforms/bluesky.md).
#include "parse/bluesky.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/format.h"
#include "core/utf8.h"
#include "parse/format_rules.h"
#include "parse/input.h"
#include "parse/json_access.h"

namespace tp::parse {

namespace {

using json = nlohmann::json;
using json_access::fail;
using json_access::member;
using json_access::nonempty;
using json_access::str;

json parse_body(const std::string& bytes, const std::string& where) {
  std::optional<json> doc = json_access::parse_api_body(bytes, where, "Bluesky");
  if (!doc) fail(where, "Bluesky answered with an empty body, expected JSON");
  return std::move(*doc);
}

const json& at_path(const json& v, std::initializer_list<const char*> keys) {
  static const json kNull;
  const json* cur = &v;
  for (const char* k : keys) {
    cur = member(*cur, k);
    if (!cur) return kNull;
  }
  return *cur;
}

std::optional<int> positive_int(const json& v, const char* key) {
  const json* m = member(v, key);
  if (m && m->is_number_integer() && m->get<std::int64_t>() >= 1 && m->get<std::int64_t>() <= INT32_MAX)
    return static_cast<int>(m->get<std::int64_t>());
  return std::nullopt;
}

// `at://<authority>/<collection>/<rkey>` parts.
std::string uri_authority(const std::string& uri) {
  if (uri.rfind("at://", 0) != 0) return {};
  size_t end = uri.find('/', 5);
  return uri.substr(5, end == std::string::npos ? std::string::npos : end - 5);
}
std::string uri_rkey(const std::string& uri) {
  size_t slash = uri.rfind('/');
  return slash == std::string::npos ? uri : uri.substr(slash + 1);
}

const std::string kDefs = "app.bsky.feed.defs#";

class Converter {
 public:
  Converter(const std::string& where, Diagnostics& diag) : where_(where), diag_(diag) {}

  model::Author author(const json& profile) const {
    model::Author a;
    std::string handle = str(profile, "handle");
    std::string did = str(profile, "did");
    a.name = str(profile, "displayName");
    if (a.name.empty()) a.name = handle.empty() ? did : handle;
    a.handle = "@" + (handle.empty() ? did : handle);
    a.avatar = nonempty(profile, "avatar");
    a.url = "https://bsky.app/profile/" + profile_key(profile);
    return a;
  }

  // A chain post (postView) or a quoted post (embed#viewRecord: `value` and `embeds[]`).
  model::Post post(const json& view, bool quoted) {
    model::Post p;
    p.id = str(view, "uri");
    const json& profile = at_path(view, {"author"});
    p.url = "https://bsky.app/profile/" + profile_key(profile) + "/post/" + uri_rkey(p.id);
    const json& record = at_path(view, {quoted ? "value" : "record"});
    std::string created = str(record, "createdAt");
    // A date that is no date (malformed, or a day its month does not have) is left out; the post stays.
    if (parse_rfc3339(created))
      p.created_at = created;
    else if (!created.empty())
      diag_.warn(where_, "post " + p.id + ": createdAt \"" + created + "\" is not a date; left out");
    if (quoted) p.author = author(profile);
    p.text = str(record, "text");
    p.spans = facets(p.text, at_path(record, {"facets"}), p.id);
    if (const json* langs = member(record, "langs"); langs && langs->is_array() && !langs->empty() &&
                                                     (*langs)[0].is_string() &&
                                                     is_language_tag((*langs)[0].get<std::string>()))
      p.lang = (*langs)[0].get<std::string>();
    p.content_warning = self_labels(record);
    model::Counts c{count(view, "replyCount"), count(view, "repostCount"), count(view, "likeCount"),
                    count(view, "quoteCount")};
    if (c.replies || c.reposts || c.likes || c.quotes) p.counts = c;
    if (quoted) {
      if (const json* embeds = member(view, "embeds"); embeds && embeds->is_array())
        for (const json& e : *embeds) embed(e, p, true);
    } else if (const json* e = member(view, "embed")) {
      embed(*e, p, false);
    }
    return p;
  }

  model::Post tombstone(const std::string& uri, model::Unavailable why = model::Unavailable::Deleted) const {
    model::Post p;
    p.id = uri;
    std::string authority = uri_authority(uri);
    if (!authority.empty()) p.url = "https://bsky.app/profile/" + authority + "/post/" + uri_rkey(uri);
    p.unavailable = why;
    return p;
  }

 private:
  static std::optional<std::int64_t> count(const json& v, const char* key) {
    const json* m = member(v, key);
    if (m && m->is_number_integer() && m->get<std::int64_t>() >= 0) return m->get<std::int64_t>();
    return std::nullopt;
  }

  // The author's self-labels (docs/platforms/bluesky.md, section 7) in words; "bot" and
  // "!no-unauthenticated" warn about nothing in the post.
  static std::optional<std::string> self_labels(const json& record) {
    const json* values = member(at_path(record, {"labels"}), "values");
    if (!values || !values->is_array()) return std::nullopt;
    static const std::pair<const char*, const char*> kWords[] = {
        {"porn", "adult content"},          {"sexual", "sexual content"}, {"nudity", "nudity"},
        {"graphic-media", "graphic media"}, {"gore", "graphic media"},    {"!warn", "content warning"}};
    std::string out;
    for (const json& v : *values) {
      std::string val = str(v, "val");
      if (val.empty() || val == "bot" || val == "!no-unauthenticated") continue;
      std::string words = val;
      for (const auto& [name, text] : kWords)
        if (val == name) words = text;
      if (out.find(words) == std::string::npos) out += (out.empty() ? "" : ", ") + words;
    }
    if (out.empty()) return std::nullopt;
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
  }
  // Handles that no longer verify show as `handle.invalid`; the DID still leads to the profile.
  static std::string profile_key(const json& profile) {
    std::string handle = str(profile, "handle");
    return handle.empty() || handle == "handle.invalid" ? str(profile, "did") : handle;
  }

  static bool on_boundary(const std::string& s, std::int64_t b) {
    return b == static_cast<std::int64_t>(s.size()) || (static_cast<unsigned char>(s[b]) & 0xC0) != 0x80;
  }

  std::vector<model::Span> facets(const std::string& text, const json& list, const std::string& id) {
    struct Found {
      std::int64_t start, end;
      model::Span span;
    };
    std::vector<Found> found;
    if (!list.is_array()) return {};
    for (const json& f : list) {
      const json& start = at_path(f, {"index", "byteStart"});
      const json& end = at_path(f, {"index", "byteEnd"});
      if (!start.is_number_integer() || !end.is_number_integer()) continue;
      std::int64_t b = start.get<std::int64_t>(), e = end.get<std::int64_t>();
      if (b < 0 || e <= b || e > static_cast<std::int64_t>(text.size()) || !on_boundary(text, b) ||
          !on_boundary(text, e)) {
        diag_.warn(where_, "post " + id + ": a facet at bytes " + std::to_string(b) + ".." +
                               std::to_string(e) + " does not fit the text; left out");
        continue;
      }
      std::optional<model::Span> span;
      if (const json* features = member(f, "features"); features && features->is_array()) {
        for (const json& feature : *features) {
          std::string type = str(feature, "$type");
          if (type == "app.bsky.richtext.facet#link" && !str(feature, "uri").empty())
            span = model::Span{0, 0, model::SpanKind::Link, str(feature, "uri")};
          else if (type == "app.bsky.richtext.facet#mention" && !str(feature, "did").empty())
            span = model::Span{0, 0, model::SpanKind::Mention,
                               "https://bsky.app/profile/" + str(feature, "did")};
          else if (type == "app.bsky.richtext.facet#tag" && !str(feature, "tag").empty())
            span = model::Span{0, 0, model::SpanKind::Hashtag,
                               encode_non_ascii("https://bsky.app/hashtag/" + str(feature, "tag"))};
          if (span) break;
        }
      }
      if (span) found.push_back({b, e, *span});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Found& a, const Found& b) { return a.start < b.start; });
    std::vector<model::Span> spans;
    std::int64_t covered = 0;
    for (Found& f : found) {
      if (f.start < covered) {
        diag_.warn(where_, "post " + id + ": overlapping facets at byte " + std::to_string(f.start) +
                               "; one left out");
        continue;
      }
      covered = f.end;
      f.span.start = utf8::length(std::string_view(text).substr(0, f.start));
      f.span.end = f.span.start + utf8::length(std::string_view(text).substr(f.start, f.end - f.start));
      spans.push_back(f.span);
    }
    return spans;
  }

  static void add_image(const json& image, const char* src_key, model::Post& p) {
    std::string src = str(image, src_key);
    if (src.empty()) src = str(image, "thumb");
    if (src.empty()) return;
    model::Media m;
    m.src = src;
    m.alt = nonempty(image, "alt");
    // Only the aspect ratio is published; it is usually the pixel size, and the layout needs the shape.
    const json& ratio = at_path(image, {"aspectRatio"});
    m.width = positive_int(ratio, "width");
    m.height = positive_int(ratio, "height");
    if (!m.width || !m.height) m.width = m.height = std::nullopt;
    p.media.push_back(std::move(m));
  }

  void embed(const json& view, model::Post& p, bool inside_quote) {
    std::string type = str(view, "$type");
    if (type == "app.bsky.embed.images#view") {
      if (const json* images = member(view, "images"); images && images->is_array())
        for (const json& image : *images) add_image(image, "fullsize", p);
    } else if (type == "app.bsky.embed.gallery#view") {
      if (const json* items = member(view, "items"); items && items->is_array())
        for (const json& item : *items) add_image(item, "fullsize", p);
    } else if (type == "app.bsky.embed.video#view") {
      model::Media m;
      m.kind = str(view, "presentation") == "gif" ? model::MediaKind::Gif : model::MediaKind::Video;
      m.url = nonempty(view, "playlist");
      m.src = str(view, "thumbnail");
      if (m.src.empty()) {
        // No poster: the playlist stands in so the PDF still shows a placeholder with the link.
        diag_.warn(where_, "post " + p.id + ": a video without a thumbnail");
        m.src = m.url.value_or("");
      }
      m.alt = nonempty(view, "alt");
      const json& ratio = at_path(view, {"aspectRatio"});
      m.width = positive_int(ratio, "width");
      m.height = positive_int(ratio, "height");
      if (!m.width || !m.height) m.width = m.height = std::nullopt;
      if (!m.src.empty()) p.media.push_back(std::move(m));
    } else if (type == "app.bsky.embed.external#view") {
      const json& ext = at_path(view, {"external"});
      if (str(ext, "uri").empty()) return;
      p.card = model::Card{str(ext, "uri"), nonempty(ext, "title"), nonempty(ext, "description"),
                           nonempty(ext, "thumb")};
    } else if (type == "app.bsky.embed.record#view") {
      if (!inside_quote) quote(at_path(view, {"record"}), p);
    } else if (type == "app.bsky.embed.recordWithMedia#view") {
      embed(at_path(view, {"media"}), p, inside_quote);
      if (!inside_quote) quote(at_path(view, {"record", "record"}), p);
    } else if (!type.empty()) {
      diag_.warn_loss(where_, "post " + p.id + ": embed " + type + " is not shown");
    }
  }

  void quote(const json& record, model::Post& p) {
    std::string type = str(record, "$type");
    if (type == "app.bsky.embed.record#viewRecord") {
      p.quote.push_back(post(record, true));
    } else if (type == "app.bsky.embed.record#viewNotFound") {
      p.quote.push_back(tombstone(str(record, "uri"), model::Unavailable::NotFound));
    } else if (type == "app.bsky.embed.record#viewBlocked") {
      p.quote.push_back(tombstone(str(record, "uri"), model::Unavailable::Blocked));
    } else if (type == "app.bsky.embed.record#viewDetached") {
      p.quote.push_back(tombstone(str(record, "uri"), model::Unavailable::Detached));
    } else if (!type.empty()) {
      // Feed generators, lists, labelers and starter packs are not posts.
      diag_.warn_loss(where_, "post " + p.id + ": quoted " + type + " is not shown");
    }
  }

  const std::string& where_;
  Diagnostics& diag_;
};

// The author's chain found in one response.
struct Piece {
  std::string author_did, root_uri;
  std::vector<const json*> posts;  // postViews, oldest first
  std::optional<std::string> gap_uri;
  bool more_below = false;
};

std::string created_at(const json& post_view) { return str(at_path(post_view, {"record"}), "createdAt"); }

// Earlier `createdAt` first (as instants when they parse), then the smaller URI.
bool earlier(const json& a, const json& b) {
  auto ta = parse_rfc3339(created_at(a)), tb = parse_rfc3339(created_at(b));
  auto key = [](const std::optional<UnixTime>& t) {
    return t.value_or(std::numeric_limits<UnixTime>::max());
  };
  if (key(ta) != key(tb)) return key(ta) < key(tb);
  if (created_at(a) != created_at(b)) return created_at(a) < created_at(b);
  return str(a, "uri") < str(b, "uri");
}

Piece walk(const json& doc, const std::string& where) {
  if (!doc.is_object()) fail(where, "Bluesky answered with JSON that is not an object");
  if (doc.contains("error"))
    fail(where, "Bluesky answered with the error " + str(doc, "error") +
                    (str(doc, "message").empty() ? "" : ": " + str(doc, "message")));
  const json* thread = member(doc, "thread");
  if (!thread) fail(where, "Bluesky answered with JSON that is not a post thread (no \"thread\")");
  std::string type = str(*thread, "$type");
  if (type == kDefs + "notFoundPost") fail(where, "Bluesky answered that the post was not found");
  if (type == kDefs + "blockedPost") fail(where, "Bluesky answered that the post is blocked");
  const json* anchor = member(*thread, "post");
  if (!anchor || str(*anchor, "uri").empty() || str(at_path(*anchor, {"author"}), "did").empty())
    fail(where, "Bluesky answered with a thread whose post has no uri or author");

  Piece piece;
  piece.author_did = str((*anchor)["author"], "did");
  piece.root_uri = str(at_path(*anchor, {"record", "reply", "root"}), "uri");
  if (piece.root_uri.empty()) piece.root_uri = str(*anchor, "uri");

  std::vector<const json*> up;
  const json* cur = thread;
  while (const json* parent = member(*cur, "parent")) {
    std::string ptype = str(*parent, "$type");
    std::string expected = str(at_path(*cur, {"post", "record", "reply", "parent"}), "uri");
    if (ptype == kDefs + "threadViewPost") {
      const json& post = at_path(*parent, {"post"});
      if (str(at_path(post, {"author"}), "did") != piece.author_did || str(post, "uri") != expected) break;
      up.push_back(&post);
      cur = parent;
    } else {
      // A deleted (or, for logged-in viewers, blocked) post of the author: a numbered gap. The same of
      // someone else means the thread began as a reply to it: not part of the thread.
      bool authors = ptype == kDefs + "blockedPost"
                         ? str(at_path(*parent, {"author"}), "did") == piece.author_did
                         : uri_authority(str(*parent, "uri")) == piece.author_did;
      if ((ptype == kDefs + "notFoundPost" || ptype == kDefs + "blockedPost") && authors)
        piece.gap_uri = str(*parent, "uri");
      break;
    }
  }
  piece.posts.assign(up.rbegin(), up.rend());
  piece.posts.push_back(anchor);

  cur = thread;
  for (;;) {
    const json* replies = member(*cur, "replies");
    const json& current = at_path(*cur, {"post"});
    if (!replies || !replies->is_array() || replies->empty()) {
      const json* count = member(current, "replyCount");
      piece.more_below = count && count->is_number_integer() && count->get<std::int64_t>() > 0;
      break;
    }
    const json* best = nullptr;
    for (const json& r : *replies) {
      if (str(r, "$type") != kDefs + "threadViewPost") continue;
      const json& post = at_path(r, {"post"});
      if (str(at_path(post, {"author"}), "did") != piece.author_did) continue;
      if (str(at_path(post, {"record", "reply", "parent"}), "uri") != str(current, "uri")) continue;
      if (!best || earlier(post, at_path(*best, {"post"}))) best = &r;
    }
    if (!best) break;
    piece.posts.push_back(&(*best)["post"]);
    cur = best;
  }
  return piece;
}

}  // namespace

BlueskyChainInfo bluesky_chain_info(const std::string& get_post_thread_json, const std::string& source_url) {
  json doc = parse_body(get_post_thread_json, source_url);
  Piece piece = walk(doc, source_url);
  BlueskyChainInfo info;
  info.author_did = piece.author_did;
  info.root_uri = piece.root_uri;
  info.top_uri = str(*piece.posts.front(), "uri");
  info.last_uri = str(*piece.posts.back(), "uri");
  info.last_created_at = created_at(*piece.posts.back());
  for (const json* post : piece.posts) info.uris.push_back(str(*post, "uri"));
  info.gap_above = piece.gap_uri.has_value();
  info.more_below = piece.more_below;
  return info;
}

BlueskyFeedPage bluesky_feed_page(const std::string& get_author_feed_json, const std::string& author_did,
                                  const std::string& root_uri, const std::string& since,
                                  const std::string& source_url) {
  json doc = parse_body(get_author_feed_json, source_url);
  if (doc.is_object() && doc.contains("error"))
    fail(source_url, "Bluesky answered with the error " + str(doc, "error") +
                         (str(doc, "message").empty() ? "" : ": " + str(doc, "message")));
  const json* feed = member(doc, "feed");
  if (!feed || !feed->is_array())
    fail(source_url, "Bluesky answered with JSON that is not an author feed (no \"feed\")");
  BlueskyFeedPage page;
  page.cursor = str(doc, "cursor");
  const std::optional<UnixTime> bound = parse_rfc3339(since);
  for (const json& item : *feed) {
    const json& post = at_path(item, {"post"});
    if (str(at_path(post, {"author"}), "did") != author_did) continue;
    if (!member(item, "reason") && bound) {
      std::optional<UnixTime> t = parse_rfc3339(created_at(post));
      if (t && *t < *bound) page.reached_since = true;
    }
    if (str(at_path(post, {"record", "reply", "root"}), "uri") != root_uri) continue;
    const json& parent = at_path(item, {"reply", "parent"});
    std::string type = str(parent, "$type");
    bool gap = type == kDefs + "notFoundPost"  ? uri_authority(str(parent, "uri")) == author_did
               : type == kDefs + "blockedPost" ? str(at_path(parent, {"author"}), "did") == author_did
                                               : false;
    if (gap && !str(post, "uri").empty()) page.below_gaps.push_back(str(post, "uri"));
  }
  return page;
}

model::Thread bluesky_thread(const std::string& get_post_thread_json, const std::string& source_url,
                             Diagnostics& diag) {
  return bluesky_merge({get_post_thread_json}, source_url, diag);
}

model::Thread bluesky_merge(const std::vector<std::string>& get_post_thread_jsons,
                            const std::string& source_url, Diagnostics& diag) {
  if (get_post_thread_jsons.empty()) fail(source_url, "no Bluesky response to read");
  std::deque<json> docs;  // deque: pieces point into the documents
  std::vector<Piece> pieces;
  for (const std::string& bytes : get_post_thread_jsons) {
    docs.push_back(parse_body(bytes, source_url));
    pieces.push_back(walk(docs.back(), source_url));
  }
  const Piece& first = pieces.front();

  // Every chain post by URI, with the piece tops that sit below a gap.
  std::map<std::string, const json*> posts;
  std::map<std::string, std::string> gap_above;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Piece& p = pieces[i];
    if (p.author_did != first.author_did || p.root_uri != first.root_uri) {
      diag.warn(source_url, "response " + std::to_string(i + 1) + " belongs to another thread; left out");
      continue;
    }
    for (const json* post : p.posts) posts.emplace(str(*post, "uri"), post);
    if (p.gap_uri) gap_above.emplace(str(*p.posts.front(), "uri"), *p.gap_uri);
  }

  // Join the pieces into runs: a post follows its parent when both are known; among several
  // children the earliest wins, as in the walk.
  std::map<std::string, std::string> child;
  std::vector<const json*> tops;
  for (const auto& [uri, post] : posts) {
    std::string parent = str(at_path(*post, {"record", "reply", "parent"}), "uri");
    auto it = posts.find(parent);
    if (it == posts.end()) {
      tops.push_back(post);
      continue;
    }
    auto [c, inserted] = child.emplace(parent, uri);
    if (!inserted && earlier(*post, *posts.at(c->second))) c->second = uri;
  }
  auto starts_thread = [&](const json* top) {
    std::string uri = str(*top, "uri");
    auto gap = gap_above.find(uri);
    return uri == first.root_uri || (gap != gap_above.end() && gap->second == first.root_uri);
  };
  std::sort(tops.begin(), tops.end(), [&](const json* a, const json* b) {
    if (starts_thread(a) != starts_thread(b)) return starts_thread(a);
    return earlier(*a, *b);
  });

  Converter convert(source_url, diag);
  model::Thread t;
  t.source.platform = model::Platform::Bluesky;
  t.source.url = source_url;
  t.author = convert.author(at_path(*first.posts.front(), {"author"}));
  std::set<std::string> seen;
  for (const json* top : tops) {
    std::string uri = str(*top, "uri");
    if (seen.count(uri)) continue;  // reached already as another run's child
    if (auto gap = gap_above.find(uri); gap != gap_above.end())
      t.posts.push_back(convert.tombstone(gap->second));
    while (!uri.empty() && seen.insert(uri).second) {
      t.posts.push_back(convert.post(*posts.at(uri), false));
      auto next = child.find(uri);
      uri = next == child.end() ? std::string() : next->second;
    }
  }
  if (t.posts.front().gone() && t.posts.front().id != first.root_uri)
    diag.warn_loss(source_url,
                   "the thread starts after a deleted post; the posts above it could not be reached");

  // A post may quote another post of its own thread; a status may be empty but for an attachment.
  meet_format_rules(t, source_url, diag);
  return t;
}

}  // namespace tp::parse

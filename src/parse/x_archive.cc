// Reader of the X account archive (docs/platforms/x-archive.md).
#include "parse/x_archive.h"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/format.h"
#include "parse/format_rules.h"
#include "parse/input.h"
#include "parse/json_access.h"
#include "parse/x_syndication.h"

namespace tp::parse {

namespace {

using json = nlohmann::json;
using json_access::fail;
using json_access::member;
using json_access::str;

// The array assigned in a `window.YTD.<name>.partN = [ … ]` file (or a bare array, as older archives
// wrote), parsed. Offsets in errors count bytes of the whole file.
json read_js(const std::string& bytes, const std::string& where) {
  std::string_view text = strip_bom(bytes);
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) fail(where, "the file is empty");
  if (text.substr(start, 11) == "window.YTD.") {
    size_t eq = text.find('=', start);
    if (eq == std::string_view::npos)
      fail(where, "expected \"window.YTD.… = [\" at the start of an X archive file");
    start = eq + 1;
  } else if (text[start] != '[') {
    fail(where, "expected \"window.YTD.… = [\" at the start of an X archive file");
  }
  std::string_view body = text.substr(start);
  size_t end = body.find_last_not_of(" \t\r\n;");
  body = body.substr(0, end == std::string_view::npos ? 0 : end + 1);
  size_t offset = static_cast<size_t>(body.data() - bytes.data());
  try {
    json doc = json::parse(body);
    if (!doc.is_array()) fail(where, "expected an array after \"=\"");
    return doc;
  } catch (const json::parse_error& e) {
    fail(where, "invalid JSON at byte " + std::to_string(offset + (e.byte > 0 ? e.byte - 1 : 0)));
  }
}

// The first element's `key` object of a small archive file, or an empty object for an empty file.
json first_object(const std::string& bytes, const std::string& where, const char* key) {
  if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  json doc = read_js(bytes, where);
  if (doc.empty() || !member(doc[0], key))
    fail(where, std::string("expected [ { \"") + key + "\" : { … } } ]");
  return doc[0][key];
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool id_less(const std::string& a, const std::string& b) {
  if (all_digits(a) && all_digits(b) && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

std::string basename(std::string url) {
  if (size_t q = url.find_first_of("?#"); q != std::string::npos) url.erase(q);
  size_t slash = url.rfind('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

// "Sat Aug 12 16:10:37 +0000 2023" -> "2023-08-12T16:10:37Z".
std::optional<std::string> archive_date(const std::string& s) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // Fixed columns: "Www Mmm dd hh:mm:ss +zzzz yyyy".
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' || s[25] != ' ')
    return std::nullopt;
  auto month = std::find(kMonths.begin(), kMonths.end(), std::string_view(s).substr(4, 3));
  if (month == kMonths.end()) return std::nullopt;
  int n = static_cast<int>(month - kMonths.begin()) + 1;
  std::string m{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
  std::string rfc = s.substr(26, 4) + "-" + m + "-" + s.substr(8, 2) + "T" + s.substr(11, 8) +
                    s.substr(20, 3) + ":" + s.substr(23, 2);
  auto t = parse_rfc3339(rfc);
  if (!t) return std::nullopt;
  return format_rfc3339(*t);
}

struct Archive {
  std::map<std::string, const json*> tweets;  // id -> the tweet object, retweets and old edits left out
  std::map<std::string, std::string> latest;  // any edit version id -> the last version's id
  std::string owner_id, username;

  std::string resolve(const std::string& id) const {
    auto it = latest.find(id);
    return it == latest.end() ? id : it->second;
  }
  std::string parent_of(const json& tweet) const { return resolve(str(tweet, "in_reply_to_status_id_str")); }
  // A reply to the owner (when the owner is known) whose parent is in the archive.
  bool self_reply(const json& tweet) const {
    if (str(tweet, "in_reply_to_status_id_str").empty() || !tweets.count(parent_of(tweet))) return false;
    std::string to = str(tweet, "in_reply_to_user_id_str");
    return owner_id.empty() || to.empty() || to == owner_id;
  }
};

const json* edit_ids(const json& tweet) {
  const json* info = member(tweet, "edit_info");
  if (!info) return nullptr;
  if (const json* initial = member(*info, "initial")) return member(*initial, "editTweetIds");
  if (const json* edit = member(*info, "edit"))
    if (const json* control = member(*edit, "editControlInitial")) return member(*control, "editTweetIds");
  return nullptr;
}

model::Post post_of(const json& tweet, const Archive& archive, const std::string& media_dir,
                    Diagnostics& diag) {
  model::Post p;
  p.id = str(tweet, "id_str");
  p.url =
      "https://x.com/" + (archive.username.empty() ? std::string("i") : archive.username) + "/status/" + p.id;
  std::string created = str(tweet, "created_at");
  p.created_at = archive_date(created);
  if (!p.created_at && !created.empty())
    diag.warn_loss("tweets.js", "post " + p.id + ": created_at \"" + created + "\" is not a date; left out");
  std::string escaped = str(tweet, "full_text");
  if (escaped.empty()) escaped = str(tweet, "text");
  auto [a, b] = x_display_range(tweet, escaped);
  XText text = x_entity_text(escaped, a, b, x_entities(tweet));
  p.text = std::move(text.text);
  p.spans = std::move(text.spans);

  // `entities.media` holds the first item only; `extended_entities.media` all of them.
  const json* media =
      member(tweet, "extended_entities") ? member(tweet["extended_entities"], "media") : nullptr;
  if (!media) media = member(tweet, "entities") ? member(tweet["entities"], "media") : nullptr;
  if (!media || !media->is_array()) return p;
  std::string prefix = media_dir.empty() ? std::string() : media_dir + "/";
  for (const json& m : *media) {
    std::string type = str(m, "type");
    std::string online = str(m, "media_url_https");
    if (online.empty()) online = str(m, "media_url");
    model::Media out;
    if (type == "video" || type == "animated_gif") {
      out.kind = type == "video" ? model::MediaKind::Video : model::MediaKind::Gif;
      out.src = online;
      std::string best;
      long long best_rate = -1;
      const json* variants = member(m, "video_info") ? member(m["video_info"], "variants") : nullptr;
      if (variants && variants->is_array())
        for (const json& v : *variants) {
          if (str(v, "content_type") != "video/mp4" || str(v, "url").empty()) continue;
          std::string rate = str(v, "bitrate");
          long long r = all_digits(rate) && rate.size() < 18 ? std::stoll(rate) : 0;
          if (r > best_rate) best_rate = r, best = str(v, "url");
        }
      if (!best.empty()) out.url = prefix + p.id + "-" + basename(best);
    } else {
      if (online.empty()) continue;
      out.src = prefix + p.id + "-" + basename(online);
      const json* large = member(m, "sizes") ? member(m["sizes"], "large") : nullptr;
      std::string w = large ? str(*large, "w") : std::string(), h = large ? str(*large, "h") : std::string();
      if (all_digits(w) && all_digits(h) && w.size() < 7 && h.size() < 7 && std::stoi(w) > 0 &&
          std::stoi(h) > 0)
        out.width = std::stoi(w), out.height = std::stoi(h);
    }
    if (!out.src.empty()) p.media.push_back(std::move(out));
  }
  return p;
}

}  // namespace

model::Thread x_archive_thread(const std::string& tweets_js, const std::string& account_js,
                               const std::string& profile_js, const std::string& thread_post_id,
                               const std::string& media_dir_rel, Diagnostics& diag) {
  json doc = read_js(tweets_js, "tweets.js");
  json account = first_object(account_js, "account.js", "account");
  json profile = first_object(profile_js, "profile.js", "profile");

  Archive archive;
  archive.owner_id = str(account, "accountId");
  archive.username = str(account, "username");
  for (const json& item : doc) {
    const json* tweet = member(item, "tweet");
    if (!tweet || str(*tweet, "id_str").empty()) continue;
    if (const json* ids = edit_ids(*tweet);
        ids && ids->is_array() && !ids->empty() && ids->back().is_string())
      for (const json& id : *ids)
        if (id.is_string()) archive.latest[id.get<std::string>()] = ids->back().get<std::string>();
  }
  for (const json& item : doc) {
    const json* tweet = member(item, "tweet");
    if (!tweet || str(*tweet, "id_str").empty()) continue;
    std::string id = str(*tweet, "id_str");
    // Retweets are stored as the owner's posts: "RT @user: …".
    if (str(*tweet, "full_text").rfind("RT @", 0) == 0) continue;
    if (archive.resolve(id) != id) continue;  // an earlier version of an edited post
    archive.tweets.emplace(id, tweet);
  }

  std::string wanted = thread_post_id;
  if (size_t s = wanted.find("/status/"); s != std::string::npos) {
    wanted.erase(0, s + 8);
    wanted.erase(std::find_if(wanted.begin(), wanted.end(), [](char c) { return c < '0' || c > '9'; }),
                 wanted.end());
  }
  wanted = archive.resolve(wanted);
  auto found = archive.tweets.find(wanted);
  if (found == archive.tweets.end())
    fail("tweets.js", "post " + wanted + " is not in the archive (or is a retweet)");

  std::vector<const json*> chain{found->second};
  std::set<std::string> seen{wanted};
  while (archive.self_reply(*chain.front()) && !seen.count(archive.parent_of(*chain.front()))) {
    std::string parent = archive.parent_of(*chain.front());
    seen.insert(parent);
    chain.insert(chain.begin(), archive.tweets.at(parent));
  }
  std::multimap<std::string, std::string> children;
  for (const auto& [id, tweet] : archive.tweets)
    if (archive.self_reply(*tweet)) children.emplace(archive.parent_of(*tweet), id);
  for (;;) {
    auto [from, to] = children.equal_range(str(*chain.back(), "id_str"));
    std::optional<std::string> best;
    for (auto it = from; it != to; ++it)
      if (!seen.count(it->second) && (!best || id_less(it->second, *best))) best = it->second;
    if (!best) break;
    seen.insert(*best);
    chain.push_back(archive.tweets.at(*best));
  }

  model::Thread t;
  t.source.platform = model::Platform::XArchive;
  t.author.name = str(account, "accountDisplayName");
  if (archive.username.empty())
    for (const json* tweet : chain)
      if (archive.self_reply(*tweet) && !str(*tweet, "in_reply_to_screen_name").empty())
        archive.username = str(*tweet, "in_reply_to_screen_name");
  if (archive.username.empty())
    diag.warn("account.js", "no account.js and no self-reply naming the author: the author is unknown");
  else
    t.author.handle = "@" + archive.username;
  if (!archive.username.empty()) {
    t.author.url = "https://x.com/" + archive.username;
    t.source.url = "https://x.com/" + archive.username + "/status/" + str(*chain.front(), "id_str");
  }
  if (std::string avatar = str(profile, "avatarMediaUrl"); !avatar.empty() && !archive.owner_id.empty()) {
    size_t slash = media_dir_rel.rfind('/');
    std::string parent = slash == std::string::npos ? std::string() : media_dir_rel.substr(0, slash + 1);
    t.author.avatar = parent + "profile_media/" + archive.owner_id + "-" + basename(avatar);
  }
  for (const json* tweet : chain) t.posts.push_back(post_of(*tweet, archive, media_dir_rel, diag));
  meet_format_rules(t, "tweets.js", diag);
  return t;
}

}  // namespace tp::parse

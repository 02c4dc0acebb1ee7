#include "source/fetch_thread.h"

#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"
#include "core/format.h"
#include "parse/threadreader_html.h"
#include "parse/x_syndication.h"
#include "source/fetch_common.h"

namespace tp::source {

std::string& ApiBases::of(model::Platform platform) {
  switch (platform) {
    case model::Platform::Bluesky:
      return bluesky;
    case model::Platform::X:
      return x;
    case model::Platform::ThreadReader:
      return threadreader;
    default:
      throw Error(ErrorCode::Internal, "api-base",
                  std::string("no API base for ") + model::platform_name(platform));
  }
}

namespace {

using json = nlohmann::json;
using detail::fail;
using detail::get_json;
using detail::get_ok;
using detail::is_not_found;

// --- X (x-syndication.md sections 2 and 6, threadreaderapp.md section 1) ---------------------------

std::string tweet_url(const ApiBases& bases, const std::string& id) {
  return bases.x + "/tweet-result?id=" + id + "&lang=en&token=" + x_syndication_token(id);
}

// The posts Thread Reader App has after `last_id`, or nothing (with the reason) when it has not
// unrolled this thread.
std::vector<model::Post> threadreader_rest(const std::string& last_id, Fetcher& fetcher,
                                           const ApiBases& bases, Diagnostics& diag, std::string& why_not) {
  try {
    std::string ping_url = bases.threadreader + "/api/v0/ping/" + last_id + ".json";
    json ping = json::parse(get_json(fetcher, ping_url));
    auto pong = ping.find("pong");
    if (ping.value("code", 200) != 200 || pong == ping.end() || !pong->is_string()) {
      why_not = "Thread Reader App has not unrolled it";
      return {};
    }
    std::string page_url = bases.threadreader + "/thread/" + pong->get<std::string>() + ".html";
    Response page = get_ok(fetcher, page_url, "text/html");
    model::Thread unrolled = parse::threadreader_html(page.body, page_url, diag);
    for (size_t i = 0; i < unrolled.posts.size(); ++i)
      if (unrolled.posts[i].id == last_id)
        return std::vector<model::Post>(unrolled.posts.begin() + static_cast<long>(i) + 1,
                                        unrolled.posts.end());
    why_not = "Thread Reader App's page does not hold post " + last_id;
  } catch (const Error& e) {
    why_not = is_not_found(e) ? std::string("Thread Reader App has not unrolled it") : std::string(e.what());
  }
  return {};
}

model::Thread fetch_x(const SourceRef& ref, Fetcher& fetcher, const ApiBases& bases, Diagnostics& diag,
                      const std::string& source_url) {
  std::vector<std::string> docs{get_json(fetcher, tweet_url(bases, ref.post_id))};
  std::set<std::string> seen{ref.post_id};
  // A thread of thousands of posts is already unusual; the bound stops a cycle of parents.
  while (docs.size() < 5000) {
    std::optional<std::string> parent = parse::x_parent_id(docs.back());
    if (!parent || !seen.insert(*parent).second) break;
    std::string url = tweet_url(bases, *parent);
    try {
      docs.push_back(get_json(fetcher, url));
    } catch (const Error& e) {
      // A deleted parent is a gap the reader marks; any other failure (timeout, offline miss)
      // would silently shorten the thread, so it stays fatal.
      if (!is_not_found(e)) throw;
      docs.emplace_back();
      break;
    }
  }
  model::Thread thread = parse::x_thread(docs, source_url, diag);

  std::string why_not;
  std::vector<model::Post> rest = threadreader_rest(ref.post_id, fetcher, bases, diag, why_not);
  if (!why_not.empty()) {
    diag.warn_loss(source_url, "X cannot list the replies to a post, so the PDF ends at the given post (" +
                                   why_not + ")");
    thread.notice =
        "X cannot list the replies to a post, so this thread ends at the post that was given; "
        "later posts of the thread, if any, are not included.";
  }
  std::set<std::string> have;
  for (const auto& p : thread.posts) have.insert(p.id);
  for (auto& p : rest)
    if (have.insert(p.id).second) thread.posts.push_back(std::move(p));
  return thread;
}

// --- Thread Reader App (threadreaderapp.md section 2) ---------------------------------------------

model::Thread fetch_threadreader(const SourceRef& ref, Fetcher& fetcher, const ApiBases& bases,
                                 Diagnostics& diag) {
  std::string url = bases.threadreader + "/thread/" + ref.post_id + ".html";
  Response page = get_ok(fetcher, url, "text/html");
  return parse::threadreader_html(page.body, url, diag);
}

}  // namespace

std::string query_escape(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string canonical_url(const SourceRef& ref) {
  switch (ref.platform) {
    case model::Platform::Bluesky:
      return "https://bsky.app/profile/" + ref.user + "/post/" + ref.post_id;
    case model::Platform::Mastodon:
      return ref.base + "/@" + ref.user + "/" + ref.post_id;
    case model::Platform::X:
      return "https://x.com/" + (ref.user.empty() ? std::string("i") : ref.user) + "/status/" + ref.post_id;
    case model::Platform::ThreadReader:
      return "https://threadreaderapp.com/thread/" + ref.post_id + ".html";
    default:
      return ref.at_uri;
  }
}

model::Thread fetch_thread(const SourceRef& ref, Fetcher& fetcher, const ApiBases& bases, Diagnostics& diag,
                           const Clock& now) {
  const std::string source_url = canonical_url(ref);
  model::Thread thread;
  switch (ref.platform) {
    case model::Platform::Bluesky:
      thread = detail::fetch_bluesky(ref, fetcher, bases, diag, source_url);
      break;
    case model::Platform::Mastodon:
      thread = detail::fetch_mastodon(ref, fetcher, diag, source_url);
      break;
    case model::Platform::X:
      thread = fetch_x(ref, fetcher, bases, diag, source_url);
      break;
    case model::Platform::ThreadReader:
      thread = fetch_threadreader(ref, fetcher, bases, diag);
      break;
    default:
      throw Error(ErrorCode::Usage, source_url, "not a platform threadpdf fetches from");
  }
  thread.source.platform = ref.platform;
  thread.source.url = source_url;
  thread.source.captured_at =
      format_rfc3339(std::chrono::system_clock::to_time_t(now ? now() : std::chrono::system_clock::now()));
  return thread;
}

}  // namespace tp::source

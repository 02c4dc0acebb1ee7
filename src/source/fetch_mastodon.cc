// The Mastodon request walk (mastodon.md section 2): the status, its context, and the context of
// the chain's last post again while a context was cut short.
#include <set>

#include "core/error.h"
#include "parse/mastodon.h"
#include "source/fetch_common.h"

namespace tp::source::detail {

namespace {

// Context requests per thread: without a token each reaches 20 levels down, so 20 of them follow a
// chain of about 400 posts. The bound guards against a server that always seems to hold more.
constexpr size_t kMaxContextRequests = 20;

}  // namespace

model::Thread fetch_mastodon(const SourceRef& ref, Fetcher& fetcher, Diagnostics& diag,
                             const std::string& source_url) {
  std::string status_url = ref.base + "/api/v1/statuses/" + query_escape(ref.post_id);
  std::string status = get_json(fetcher, status_url);
  std::vector<std::string> contexts{get_json(fetcher, status_url + "/context")};
  std::set<std::string> asked{ref.post_id};
  for (;;) {
    parse::MastodonChainInfo info = parse::mastodon_chain_info(status, contexts, source_url);
    if (!info.more_below || !asked.insert(info.last_id).second) break;
    if (contexts.size() == kMaxContextRequests) {
      diag.warn_loss(source_url, "the thread may continue after status " + info.last_id + ": stopped after " +
                                     std::to_string(kMaxContextRequests) + " context requests");
      break;
    }
    // A later round that fails costs the posts it would have added, not the thread.
    std::string url = ref.base + "/api/v1/statuses/" + query_escape(info.last_id) + "/context";
    try {
      contexts.push_back(get_json(fetcher, url));
    } catch (const Error& e) {
      diag.warn_loss(source_url,
                     std::string("the thread may continue after status ") + info.last_id + ": " + e.what());
      break;
    }
  }
  return parse::mastodon_thread(status, contexts, source_url, diag);
}

}  // namespace tp::source::detail

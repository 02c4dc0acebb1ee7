// The Mastodon request walk (mastodon.md section 2): the status (a boost is followed to the boosted
// status), its context, and the context of the chain's first or last post again while a context
// was cut short above or below.
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
  auto context_url = [&](const std::string& id) {
    return ref.base + "/api/v1/statuses/" + query_escape(id) + "/context";
  };
  std::string status = get_json(fetcher, ref.base + "/api/v1/statuses/" + query_escape(ref.post_id));
  // A boost has no thread of its own: the context that tells the thread is the boosted status's.
  parse::MastodonChainInfo info = parse::mastodon_chain_info(status, {}, source_url);
  std::vector<std::string> contexts{get_json(fetcher, context_url(info.status_id))};
  std::set<std::string> asked{info.status_id};
  for (;;) {
    info = parse::mastodon_chain_info(status, contexts, source_url);
    // Up first: a context lists at most 40 ancestors, so a long thread pasted at its end is
    // completed from the oldest ancestor known, not shown with a gap that is not there.
    std::string next, where;
    if (info.more_above && !asked.count(info.first_id)) {
      next = info.first_id, where = "the thread may begin before status ";
    } else if (info.more_below && !asked.count(info.last_id)) {
      next = info.last_id, where = "the thread may continue after status ";
    } else {
      break;
    }
    if (contexts.size() == kMaxContextRequests) {
      diag.warn_loss(source_url, where + next + ": stopped after " + std::to_string(kMaxContextRequests) +
                                     " context requests");
      break;
    }
    asked.insert(next);
    // A later round that fails costs the posts it would have added, not the thread.
    try {
      contexts.push_back(get_json(fetcher, context_url(next)));
    } catch (const Error& e) {
      diag.warn_loss(source_url, where + next + ": " + e.what());
      break;
    }
  }
  return parse::mastodon_thread(status, contexts, source_url, diag);
}

}  // namespace tp::source::detail

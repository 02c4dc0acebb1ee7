#include "source/deadline_fetcher.h"

#include <algorithm>

#include "core/error.h"

namespace tp::source {

DeadlineFetcher::DeadlineFetcher(std::function<Fetcher&()> inner, double seconds)
    : inner_(std::move(inner)),
      deadline_(Clock::now() +
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds))) {}

std::optional<Request> DeadlineFetcher::limited(const Request& request) const {
  if (deadline_ <= Clock::now()) return std::nullopt;
  Request r = request;
  r.deadline = std::min(r.deadline, deadline_);
  return r;
}

Response DeadlineFetcher::get(const Request& request) {
  std::optional<Request> r = limited(request);
  if (!r) throw Error(ErrorCode::Input, request.url, cause::kTimedOut);
  return inner_().get(*r);
}

std::vector<Result> DeadlineFetcher::get_all(const std::vector<Request>& requests) {
  std::vector<Request> sent;
  for (const auto& request : requests) {
    std::optional<Request> r = limited(request);
    if (!r) {
      std::vector<Result> out(requests.size());
      for (size_t i = 0; i < requests.size(); ++i)
        out[i].error = Error(ErrorCode::Input, requests[i].url, cause::kTimedOut).what();
      return out;
    }
    sent.push_back(std::move(*r));
  }
  return inner_().get_all(sent);
}

}  // namespace tp::source

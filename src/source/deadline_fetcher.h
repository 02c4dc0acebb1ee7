// One deadline for everything fetched for one thread (its API requests, its pictures, the pictures
// of its archive): a Fetcher in front of another that sets each request's deadline (keeping an
// earlier one of its own), and fails a request "timed out" without sending it once it has passed.
#pragma once

#include <chrono>
#include <functional>

#include "source/fetcher.h"

namespace tp::source {

class DeadlineFetcher : public Fetcher {
 public:
  using Clock = std::chrono::steady_clock;
  // The deadline is `seconds` from now. `inner` is asked for the fetcher on the first request only,
  // so a thread that fetches nothing sets nothing up; it must outlive this object.
  DeadlineFetcher(std::function<Fetcher&()> inner, double seconds);

  // Errors are inner's, plus Error(Input, url, "timed out") once the deadline has passed.
  Response get(const Request& request) override;
  std::vector<Result> get_all(const std::vector<Request>& requests) override;

 private:
  // The request with the deadline; nullopt when it has passed.
  std::optional<Request> limited(const Request& request) const;

  std::function<Fetcher&()> inner_;
  Clock::time_point deadline_;
};

}  // namespace tp::source

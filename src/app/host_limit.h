// Politeness across a batch: every worker's requests pass through one HostLimiter, so no site gets
// more than `per_host` requests at once from the whole process, however many workers run.
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

#include "source/fetcher.h"

namespace tp::app {

class HostLimiter {
 public:
  explicit HostLimiter(size_t per_host) : per_host_(per_host ? per_host : 1) {}
  void acquire(const std::string& host);
  void release(const std::string& host);
  size_t per_host() const { return per_host_; }

 private:
  size_t per_host_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::map<std::string, size_t> in_use_;
};

// A Fetcher that holds a permit for each request's host while `inner` fetches it. For get_all it
// holds one permit per distinct host, and the inner fetcher's own per-host limit spreads the rest.
class LimitedFetcher : public source::Fetcher {
 public:
  LimitedFetcher(source::Fetcher& inner, HostLimiter& limiter) : inner_(inner), limiter_(limiter) {}
  source::Response get(const source::Request& request) override;
  std::vector<source::Result> get_all(const std::vector<source::Request>& requests) override;

 private:
  source::Fetcher& inner_;
  HostLimiter& limiter_;
};

}  // namespace tp::app

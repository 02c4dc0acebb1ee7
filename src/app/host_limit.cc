#include "app/host_limit.h"

#include <set>

#include "source/url_parts.h"

namespace tp::app {

void HostLimiter::acquire(const std::string& host) {
  std::unique_lock lock(mu_);
  freed_.wait(lock, [&] { return in_use_[host] < per_host_; });
  ++in_use_[host];
}

void HostLimiter::release(const std::string& host) {
  {
    std::lock_guard lock(mu_);
    if (in_use_[host] > 0) --in_use_[host];
  }
  freed_.notify_all();
}

namespace {

// Holds permits for a set of hosts (taken in sorted order, so two holders never deadlock).
class Permits {
 public:
  Permits(HostLimiter& limiter, std::set<std::string> hosts) : limiter_(limiter), hosts_(std::move(hosts)) {
    for (const auto& h : hosts_) limiter_.acquire(h);
  }
  ~Permits() {
    for (const auto& h : hosts_) limiter_.release(h);
  }
  Permits(const Permits&) = delete;
  Permits& operator=(const Permits&) = delete;

 private:
  HostLimiter& limiter_;
  std::set<std::string> hosts_;
};

}  // namespace

source::Response LimitedFetcher::get(const source::Request& request) {
  Permits permit(limiter_, {source::host_key(request.url)});
  return inner_.get(request);
}

std::vector<source::Result> LimitedFetcher::get_all(const std::vector<source::Request>& requests) {
  std::set<std::string> hosts;
  for (const auto& r : requests) hosts.insert(source::host_key(r.url));
  Permits permits(limiter_, std::move(hosts));
  return inner_.get_all(requests);
}

}  // namespace tp::app

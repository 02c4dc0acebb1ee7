// The one file that fetches with curl (its functions through curl_library.h). Both get() and
// get_all() run through the same multi-interface loop, so one set of rules (limits, retries, error
// words) covers every transfer.
#include "source/curl_fetcher.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/error.h"
#include "core/version.h"
#include "source/curl_library.h"
#include "source/retry.h"
#include "source/url_parts.h"

namespace tp::source {

std::string default_user_agent() { return std::string("threadpdf/") + kVersion + " (+" + kHomePage + ")"; }

namespace {

using Clock = std::chrono::steady_clock;

// One request's state across its attempts.
struct Transfer {
  const Request* request = nullptr;
  std::string host;  // scheme://host:port, for the per-host limit
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string body;
  std::map<std::string, std::string> headers;
  std::size_t max_bytes = 0;
  bool too_large = false;
  char error_text[CURL_ERROR_SIZE] = {};
  int attempts = 0;
  double wait_left = 0;  // seconds until the next attempt may start
  // Request::deadline, and once the first attempt starts, the earlier of it and Request::time_limit
  // from then.
  Clock::time_point deadline = Clock::time_point::max();
  std::optional<Response> response;
  std::string cause;
  const std::function<AddressScope(const std::string&)>* scope = nullptr;
  int hops = 0;  // requests sent in this attempt: the first, then one per redirect
  AddressScope first_scope = AddressScope::Public;
  std::string refused;  // the cause, when a redirect was refused
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->body.size() + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // curl aborts with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  std::string line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.starts_with("HTTP/")) {
    // A new response (after a redirect or a 1xx): only the final one's headers and body count.
    t->headers.clear();
    t->body.clear();
    return n;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos || colon == 0) return n;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t v = line.find_first_not_of(" \t", colon + 1);
  t->headers[name] = v == std::string::npos ? "" : line.substr(v);
  return n;
}

// Called by curl once a connection is ready for each request of an attempt (the first and every
// redirect), before anything is sent: the redirect rule of address.h.
int on_connected(void* user, char* remote_ip, char*, int, int) {
  auto* t = static_cast<Transfer*>(user);
  const std::string ip = remote_ip ? remote_ip : "";
  AddressScope scope = (*t->scope)(ip);
  if (t->hops++ == 0) {
    t->first_scope = scope;
  } else if (!redirect_allowed(t->first_scope, scope)) {
    t->refused = cause::redirect_refused(ip);
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

std::once_flag curl_global_once;

}  // namespace

struct CurlFetcher::Engine {
  const CurlLibrary& lib = curl();  // loaded here, by the first fetcher, never by a local conversion
  CurlOptions options;
  RetryPolicy policy;
  CURLM* multi = nullptr;
  std::mt19937 random;

  explicit Engine(CurlOptions o) : options(std::move(o)) {
    if (options.per_host_limit < 1 || options.parallelism < 1 || options.retries < 0 ||
        options.max_bytes == 0 || options.low_speed_bytes < 0 || options.low_speed_seconds < 1)
      throw Error(ErrorCode::Usage, "fetcher", "connection limits must be at least 1");
    if (!options.sleep)
      options.sleep = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
    if (!options.now) options.now = [] { return std::chrono::system_clock::now(); };
    if (!options.scope) options.scope = address_scope;
    policy = RetryPolicy{options.retries, options.base_backoff, options.max_backoff, options.max_wait};
    random.seed(options.jitter_seed ? options.jitter_seed : std::random_device{}());
    CURLcode init = CURLE_OK;
    std::call_once(curl_global_once, [&] { init = lib.global_init(CURL_GLOBAL_DEFAULT); });
    if (init != CURLE_OK) throw Error(ErrorCode::Internal, "curl", lib.easy_strerror(init));
    multi = lib.multi_init();
    if (!multi) throw Error(ErrorCode::Internal, "curl", "cannot create a multi handle");
    lib.multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.per_host_limit);
    lib.multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.parallelism);
    // The per-host limit is about requests in flight, so HTTP/2 streams must not multiply them.
    lib.multi_setopt(multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_NOTHING));
  }

  ~Engine() {
    if (multi) lib.multi_cleanup(multi);
  }

  void start(Transfer& t) {
    t.body.clear();
    t.headers.clear();
    t.too_large = false;
    t.error_text[0] = '\0';
    t.scope = &options.scope;
    t.hops = 0;
    t.refused.clear();
    t.max_bytes = options.max_bytes;
    if (t.attempts == 0 && t.request->time_limit > 0)
      t.deadline =
          std::min(t.deadline, Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(t.request->time_limit)));
    t.easy = lib.easy_init();
    if (!t.easy) throw Error(ErrorCode::Internal, "curl", "cannot create an easy handle");
    CURL* e = t.easy;
    lib.easy_setopt(e, CURLOPT_URL, t.request->url.c_str());
    if (t.request->post_body) {
      lib.easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.request->post_body->size()));
      lib.easy_setopt(e, CURLOPT_POSTFIELDS, t.request->post_body->data());
    }
    lib.easy_setopt(e, CURLOPT_PRIVATE, &t);
    lib.easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    lib.easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    lib.easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    lib.easy_setopt(e, CURLOPT_MAXREDIRS, options.max_redirects);
    double timeout = options.total_timeout;
    if (t.deadline != Clock::time_point::max())
      timeout = std::min(timeout, std::chrono::duration<double>(t.deadline - Clock::now()).count());
    lib.easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout * 1000));
    lib.easy_setopt(e, CURLOPT_TIMEOUT_MS, std::max(1L, static_cast<long>(timeout * 1000)));
    if (options.low_speed_bytes > 0) {
      lib.easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
      lib.easy_setopt(e, CURLOPT_LOW_SPEED_TIME, options.low_speed_seconds);
    }
    lib.easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
    lib.easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    lib.easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
    if (!options.proxy.empty()) lib.easy_setopt(e, CURLOPT_PROXY, options.proxy.c_str());
    lib.easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    lib.easy_setopt(e, CURLOPT_ERRORBUFFER, t.error_text);
    lib.easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    lib.easy_setopt(e, CURLOPT_WRITEDATA, &t);
    lib.easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    lib.easy_setopt(e, CURLOPT_HEADERDATA, &t);
    lib.easy_setopt(e, CURLOPT_PREREQFUNCTION, on_connected);
    lib.easy_setopt(e, CURLOPT_PREREQDATA, &t);
    // Refuses an announced Content-Length over the cap before any byte; on_body catches the rest
    // (chunked bodies, and decoded sizes of compressed ones).
    lib.easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
    lib.slist_free_all(t.header_list);
    t.header_list = nullptr;
    for (const auto& [name, value] : t.request->headers)
      t.header_list = lib.slist_append(t.header_list, (name + ": " + value).c_str());
    lib.easy_setopt(e, CURLOPT_HTTPHEADER, t.header_list);
    ++t.attempts;
    if (lib.multi_add_handle(multi, e) != CURLM_OK) {
      lib.easy_cleanup(e);
      t.easy = nullptr;
      throw Error(ErrorCode::Internal, "curl", "cannot add a transfer");
    }
  }

  // Ends the attempt; returns true when the transfer must be tried again.
  bool finish(Transfer& t, CURLcode code) {
    Attempt a;
    switch (code) {
      case CURLE_OK:
        a.transport = Transport::Ok;
        break;
      case CURLE_OPERATION_TIMEDOUT:
        a.transport = Transport::TimedOut;
        break;
      case CURLE_FILESIZE_EXCEEDED:
        a.transport = Transport::TooLarge;
        break;
      case CURLE_WRITE_ERROR:
        a.transport = t.too_large ? Transport::TooLarge : Transport::Failed;
        break;
      case CURLE_TOO_MANY_REDIRECTS:
        a.transport = Transport::TooManyRedirects;
        break;
      case CURLE_PARTIAL_FILE:
        a.transport = Transport::CutShort;
        break;
      case CURLE_BAD_CONTENT_ENCODING:
        a.transport = Transport::BadEncoding;
        break;
      case CURLE_ABORTED_BY_CALLBACK:
        a.transport = t.refused.empty() ? Transport::Failed : Transport::Refused;
        break;
      default:
        a.transport = Transport::Failed;
        break;
    }
    a.reason = !t.refused.empty() ? t.refused : t.error_text[0] ? t.error_text : lib.easy_strerror(code);
    long status = 0;
    lib.easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    a.status = status;
    a.headers = &t.headers;
    char* final_url = nullptr;
    lib.easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &final_url);
    std::string final = final_url ? final_url : t.request->url;
    lib.multi_remove_handle(multi, t.easy);
    lib.easy_cleanup(t.easy);
    t.easy = nullptr;

    double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(random);
    Decision d = decide(policy, t.attempts, a, options.now(), jitter);
    // A retry that could not start before the deadline ends the request as if no retry were left.
    if (d.kind == Decision::Retry &&
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(d.wait)) >=
            t.deadline)
      d = decide(RetryPolicy{0, policy.base_backoff, policy.max_backoff, policy.max_wait}, t.attempts, a,
                 options.now(), jitter);
    std::string site;
    if (options.on_event) {
      auto parts = url_parts(t.request->url);
      site = parts ? parts->host + (parts->port.empty() ? "" : ":" + parts->port) : t.host;
    }
    if (d.kind == Decision::Retry) {
      t.wait_left = d.wait;
      if (options.on_event) {
        FetchEvent e;
        e.kind = FetchEvent::Waiting;
        e.host = site;
        e.seconds = d.wait;
        if (a.transport == Transport::TimedOut)
          e.why = site + " timed out";
        else if (a.status == 429 || (a.headers && a.headers->count("retry-after")))
          e.why = "rate limited by " + site +
                  (a.headers && a.headers->count("retry-after")         ? " (Retry-After)"
                   : a.headers && a.headers->count("ratelimit-reset")   ? " (RateLimit-Reset)"
                   : a.headers && a.headers->count("x-ratelimit-reset") ? " (X-RateLimit-Reset)"
                                                                        : "");
        else if (a.transport == Transport::Ok)
          e.why = site + " answered " + std::to_string(a.status);
        else
          e.why = site + ": " + a.reason;
        options.on_event(e);
      }
      return true;
    }
    if (options.on_event) {
      FetchEvent e;
      e.host = site;
      e.ok = d.kind != Decision::Fail;
      options.on_event(e);
    }
    if (d.kind == Decision::Fail) {
      t.cause = d.cause;
    } else {
      t.response = Response{status, std::move(t.body), std::move(final), std::move(t.headers), false};
    }
    lib.slist_free_all(t.header_list);
    t.header_list = nullptr;
    return false;
  }

  // Runs every transfer to its end. Transfers waiting to retry count down while others run; only
  // when nothing runs does the loop hand the wait to options.sleep.
  void run(std::vector<Transfer>& transfers) {
    std::deque<Transfer*> ready;
    std::vector<Transfer*> waiting;
    std::map<std::string, long> in_flight;
    long active = 0;
    // Hosts an attempt of this call timed out on: the requests still queued for them fail at once
    // (those started go on), so a picture host that never answers costs about one picture's
    // deadline, not one per picture.
    std::set<std::string> stalled;
    for (auto& t : transfers) {
      t.host = host_key(t.request->url);
      t.deadline = t.request->deadline;
      ready.push_back(&t);
    }
    auto elapse = [&](double seconds) {
      for (auto it = waiting.begin(); it != waiting.end();) {
        (*it)->wait_left -= seconds;
        if ((*it)->wait_left <= 0) {
          ready.push_back(*it);
          it = waiting.erase(it);
        } else {
          ++it;
        }
      }
    };
    auto cleanup = [&] {
      for (auto& t : transfers) {
        if (t.easy) {
          lib.multi_remove_handle(multi, t.easy);
          lib.easy_cleanup(t.easy);
          t.easy = nullptr;
        }
        lib.slist_free_all(t.header_list);
        t.header_list = nullptr;
      }
    };
    try {
      while (!ready.empty() || !waiting.empty() || active > 0) {
        for (auto it = ready.begin(); it != ready.end() && active < options.parallelism;) {
          if ((*it)->deadline <= Clock::now() || ((*it)->attempts == 0 && stalled.count((*it)->host))) {
            // Its time went by in the queue or in a wait, or its host has stopped answering.
            (*it)->cause = cause::kTimedOut;
            it = ready.erase(it);
            continue;
          }
          if (in_flight[(*it)->host] >= options.per_host_limit) {
            ++it;
            continue;
          }
          start(**it);
          ++in_flight[(*it)->host];
          ++active;
          it = ready.erase(it);
        }
        if (active == 0) {
          if (waiting.empty()) continue;  // the last ones ran out of time before starting
          double shortest = (*std::min_element(waiting.begin(), waiting.end(), [](auto* a, auto* b) {
                              return a->wait_left < b->wait_left;
                            }))->wait_left;
          shortest = std::max(0.0, shortest);
          options.sleep(shortest);
          elapse(shortest);
          continue;
        }
        auto t0 = Clock::now();
        int running = 0;
        if (lib.multi_perform(multi, &running) != CURLM_OK)
          throw Error(ErrorCode::Internal, "curl", "the transfer loop failed");
        bool any_done = false;
        std::vector<Transfer*> retrying;  // their wait starts now, after this round's elapsed time
        int queued = 0;
        while (CURLMsg* m = lib.multi_info_read(multi, &queued)) {
          if (m->msg != CURLMSG_DONE) continue;
          Transfer* t = nullptr;
          lib.easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
          CURLcode code = m->data.result;
          any_done = true;
          --active;
          --in_flight[t->host];
          if (code == CURLE_OPERATION_TIMEDOUT) stalled.insert(t->host);
          if (finish(*t, code)) retrying.push_back(t);
        }
        if (!any_done) {
          double next = 1.0;
          for (auto* w : waiting) next = std::min(next, w->wait_left);
          int ms = std::max(1, static_cast<int>(next * 1000));
          lib.multi_poll(multi, nullptr, 0, ms, nullptr);
        }
        elapse(std::chrono::duration<double>(Clock::now() - t0).count());
        waiting.insert(waiting.end(), retrying.begin(), retrying.end());
      }
    } catch (...) {
      cleanup();
      throw;
    }
    cleanup();
  }
};

CurlFetcher::CurlFetcher(CurlOptions options) : engine_(std::make_unique<Engine>(std::move(options))) {}
CurlFetcher::~CurlFetcher() = default;

Response CurlFetcher::get(const Request& request) {
  std::vector<Transfer> transfers(1);
  transfers[0].request = &request;
  engine_->run(transfers);
  if (!transfers[0].response) throw Error(ErrorCode::Input, request.url, transfers[0].cause);
  return std::move(*transfers[0].response);
}

std::vector<Result> CurlFetcher::get_all(const std::vector<Request>& requests) {
  std::vector<Transfer> transfers(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) transfers[i].request = &requests[i];
  engine_->run(transfers);
  std::vector<Result> results(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    if (transfers[i].response)
      results[i].response = std::move(transfers[i].response);
    else
      results[i].error = Error(ErrorCode::Input, requests[i].url, transfers[i].cause).what();
  }
  return results;
}

}  // namespace tp::source

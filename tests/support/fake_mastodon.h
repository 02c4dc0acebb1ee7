// Generated Mastodon threads served from a loopback HttpServer, for batch tests and the batch
// benchmark: each thread a chain of posts by one account, every post answering
// /api/v1/statuses/<id> and /api/v1/statuses/<id>/context in the schema a Mastodon server uses
// without a token, and its pictures served from /media/... on the same server. Ids have 18 digits,
// so they sort as numbers and do not meet the recorded ones (112...) or FakeWeb's chain (113...).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "support/http_server.h"

namespace tp::test {

struct FakePicture {
  std::string bytes;         // a PNG or JPEG file
  std::string content_type;  // "image/png" or "image/jpeg"
  int width = 0, height = 0;
  std::string alt;
};

struct FakePost {
  std::string text;  // plain text; sent as one HTML paragraph, escaped
  std::vector<FakePicture> pictures;
};

class FakeMastodon {
 public:
  // Routes go on `server`, which must outlive every request (the routes hold their data
  // themselves). Every answer of this fake waits `latency` first, inside the handler, so the
  // server's count of requests in flight includes the wait.
  explicit FakeMastodon(HttpServer& server, std::chrono::milliseconds latency = std::chrono::milliseconds(0));

  // Adds a thread by @`user`, a chain of `posts` (at least one, at most 40), and serves it.
  // Returns the thread's index.
  std::size_t add_thread(const std::string& user, std::vector<FakePost> posts);

  std::size_t threads() const { return state_->threads.size(); }
  std::string id(std::size_t thread, std::size_t post = 0) const;
  // The URL a person pastes for a post: /@user/<id>, or with `users_form` /users/user/statuses/<id>.
  std::string url(std::size_t thread, std::size_t post = 0, bool users_form = false) const;
  // The status JSON of a post, as served.
  std::string status_json(std::size_t thread, std::size_t post) const;
  const std::vector<FakePost>& posts(std::size_t thread) const { return state_->threads[thread].posts; }
  const std::string& user(std::size_t thread) const { return state_->threads[thread].user; }

  // Requests answered so far for a thread (statuses, contexts and pictures).
  std::size_t requests(std::size_t thread) const { return state_->threads[thread].requests->load(); }
  // The most of this fake's requests being answered at once.
  int max_in_flight() const { return state_->max_in_flight.load(); }

 private:
  // Handlers run on the server's threads while threads are still being added: they hold their own
  // copies and counters, never an index into `threads`.
  struct Thread {
    std::string user;
    std::vector<FakePost> posts;
    std::vector<std::string> statuses;  // JSON, one per post
    std::shared_ptr<std::atomic<std::size_t>> requests = std::make_shared<std::atomic<std::size_t>>(0);
  };
  struct State {
    std::chrono::milliseconds latency{0};
    std::vector<Thread> threads;
    std::atomic<int> in_flight{0}, max_in_flight{0};
  };
  HttpServer& server_;
  std::shared_ptr<State> state_;
};

}  // namespace tp::test

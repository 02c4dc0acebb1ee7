// A fake web for the end-to-end fetch and batch tests: the loopback HttpServer answering like each platform's
// API, from the recorded responses in tests/data/platforms and tests/data/sources. Every "https://" URL (but
// t.co) in a recorded response is rewritten to http://127.0.0.1:<port>/ext/<host>/..., so no test can reach
// any other address; each picture path found that way is served a generated picture.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "support/http_server.h"

namespace tp::test {

std::string read_data_file(const std::string& relative);  // under tests/data

class FakeWeb {
 public:
  FakeWeb();
  HttpServer& server() { return *server_; }
  std::string base() const { return server_->url(""); }
  // `text` with every https:// URL moved onto this server; picture paths in it get routes.
  std::string localise(const std::string& text);

  // Routes for each platform, answering from the recorded responses.
  void serve_bluesky();   // resolveHandle, getPostThread (anchored at 3kroot…, 3kp2a… or 3kp4a…),
                          // getAuthorFeed (two pages)
  void serve_mastodon();  // statuses/<id> and /context computed from the recorded statuses
  // A generated chain of `length` posts by Ana ("Teil 1" .. "Teil <length>", ids 113000000000000101
  // onwards) with Bea's reply under post 5, served like a Mastodon server without a token: /context
  // lists at most 40 ancestors and 60 descendants, at most `max_depth` levels below the status.
  void serve_mastodon_chain(int length, int max_depth);
  static std::string mastodon_chain_id(int n);  // the id of post n (1-based)
  void serve_x();                               // tweet-result for x_post_1..4 (other ids: 404)
  void serve_threadreader();                    // api/v0/ping and thread/<root>.html

  // The picture every `/ext/` image path answers: a wide JPEG for paths containing "wide", a PNG
  // otherwise.
  static const std::string& jpeg_wide();
  static const std::string& png_small();

 private:
  std::unique_ptr<HttpServer> server_;
  std::map<std::string, bool> routed_;
};

}  // namespace tp::test

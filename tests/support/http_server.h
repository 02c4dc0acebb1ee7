// A small HTTP/1.1 server for tests: loopback only (127.0.0.1 or another 127/8 address, an
// ephemeral port), one background thread accepting and one thread per connection, every response
// sent with "Connection: close".
// It answers from a route table and can misbehave on purpose (a cut-short body, no answer (a long
// `delay`), a redirect loop, an endless chunked body, a trickle). Every loop is bounded in count and time;
// the destructor stops the server and joins its threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tp::test {

struct HttpRequest {
  std::string method;
  std::string target;                          // path and query, as sent
  std::string path;                            // target without the query
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;                            // as long as Content-Length said (none: empty)
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

enum class Behaviour {
  Normal,
  Truncate,        // announce the whole body's Content-Length, send only `param` bytes, close
  CloseAtOnce,     // read the request, close without a byte of response
  RedirectToSelf,  // 302 to the same target, forever
  ChunkedHuge,     // 200, chunked, `param` bytes of 'x' (stops early when the client hangs up)
  Trickle,         // 200 announcing `param` bytes, then sending one space every 250 ms (a server
                   // alive but too slow; stops when the client hangs up or the server stops)
};

struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Length is added when absent
  std::string body;
  std::chrono::milliseconds delay{0};  // before the first byte of the response
  Behaviour behaviour = Behaviour::Normal;
  std::size_t param = 0;
  bool gzip = false;  // Content-Encoding: gzip when the request accepts it
};

using Handler = std::function<HttpReply(const HttpRequest&)>;

class HttpServer {
 public:
  // Binds `address` (a loopback one: 127.0.0.1, or another of 127/8 to play a second machine) on a
  // free port and starts serving. Throws std::runtime_error when it cannot.
  explicit HttpServer(const std::string& address = "127.0.0.1");
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Routes match the target exactly (query included) first, then the path alone. Unrouted: 404.
  // Handlers run on connection threads, possibly several at once.
  void route(const std::string& target, Handler handler);
  // The same reply every time.
  void route(const std::string& target, HttpReply reply);

  int port() const { return port_; }
  std::string url(const std::string& target) const;  // "http://<address>:<port>" + target

  // Requests seen so far, in arrival order.
  std::vector<HttpRequest> requests() const;
  std::size_t count(const std::string& path) const;  // requests seen for a path
  // The most requests in flight at once: from a request fully read to the start of its response.
  int max_in_flight() const { return max_in_flight_; }

 private:
  void accept_loop();
  void serve(int fd);
  HttpReply answer(const HttpRequest& request);

  std::string address_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  mutable std::mutex mutex_;
  std::map<std::string, Handler> routes_;
  std::vector<HttpRequest> seen_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

// `data` as a gzip member made of stored (uncompressed) deflate blocks: valid gzip that any decoder
// reads, written without a compression library.
std::string gzip_stored(const std::string& data);

}  // namespace tp::test

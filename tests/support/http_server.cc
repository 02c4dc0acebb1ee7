#include "support/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace tp::test {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxConnections = 4096;         // per server lifetime
constexpr std::size_t kMaxRequestHead = 64 * 1024;    // bytes of request line and headers
constexpr auto kReadLimit = std::chrono::seconds(5);  // to receive a request
constexpr auto kLifetime = std::chrono::minutes(10);  // the accept loop's safety net
constexpr std::size_t kChunk = 64 * 1024;

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 410:
      return "Gone";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}
bool send_all(int fd, const std::string& s) { return send_all(fd, s.data(), s.size()); }

// Waits up to `ms` for `fd` to be readable.
bool readable(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, ms) > 0;
}

// Half-closes, then reads what the client still sends for a moment, so the kernel ends the
// connection with FIN rather than RST (an RST could overtake the last bytes sent).
void close_gently(int fd) {
  ::shutdown(fd, SHUT_WR);
  char buf[4096];
  for (int i = 0; i < 20 && readable(fd, 10); ++i)
    if (::recv(fd, buf, sizeof buf, 0) <= 0) break;
  ::close(fd);
}

uint32_t crc32(const std::string& data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put_le32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

std::string gzip_stored(const std::string& data) {
  // RFC 1952 header: magic, method 8 (deflate), no flags, no time, no extra flags, OS unknown.
  std::string out = {'\x1f', '\x8b', '\x08', '\0', '\0', '\0', '\0', '\0', '\0', '\xff'};
  std::size_t pos = 0;
  do {
    std::size_t len = std::min<std::size_t>(65535, data.size() - pos);
    bool last = pos + len == data.size();
    // RFC 1951 stored block: BFINAL bit, BTYPE 00, byte-aligned LEN and its complement NLEN.
    out += static_cast<char>(last ? 1 : 0);
    out += static_cast<char>(len & 0xFF);
    out += static_cast<char>(len >> 8);
    out += static_cast<char>(~len & 0xFF);
    out += static_cast<char>((~len >> 8) & 0xFF);
    out.append(data, pos, len);
    pos += len;
  } while (pos < data.size());
  put_le32(out, crc32(data));
  put_le32(out, static_cast<uint32_t>(data.size()));
  return out;
}

HttpServer::HttpServer(const std::string& address) : address_(address) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("test server: socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  if (::inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1 ||
      (ntohl(addr.sin_addr.s_addr) >> 24) != 127) {
    ::close(listen_fd_);
    throw std::runtime_error("test server: not a loopback address: " + address);
  }
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 128) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("test server: cannot listen on " + address);
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

HttpServer::~HttpServer() {
  stop_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  for (auto& t : connections_)
    if (t.joinable()) t.join();
  ::close(listen_fd_);
}

void HttpServer::route(const std::string& target, Handler handler) {
  std::lock_guard lock(mutex_);
  routes_[target] = std::move(handler);
}

void HttpServer::route(const std::string& target, HttpReply reply) {
  route(target, [reply](const HttpRequest&) { return reply; });
}

std::string HttpServer::url(const std::string& target) const {
  return "http://" + address_ + ":" + std::to_string(port_) + target;
}

std::vector<HttpRequest> HttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

std::size_t HttpServer::count(const std::string& path) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(seen_.begin(), seen_.end(), [&](const HttpRequest& r) { return r.path == path; }));
}

void HttpServer::accept_loop() {
  auto end = Clock::now() + kLifetime;
  while (!stop_ && Clock::now() < end) {
    if (!readable(listen_fd_, 20)) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    if (connections_.size() >= kMaxConnections) {
      ::close(fd);
      continue;
    }
    connections_.emplace_back([this, fd] { serve(fd); });
  }
}

HttpReply HttpServer::answer(const HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    auto it = routes_.find(request.target);
    if (it == routes_.end()) it = routes_.find(request.path);
    if (it != routes_.end()) handler = it->second;
  }
  if (!handler) return HttpReply{404, {{"Content-Type", "text/plain"}}, "no route\n"};
  return handler(request);
}

void HttpServer::serve(int fd) {
  timeval send_limit{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_limit, sizeof send_limit);

  std::string head;
  auto deadline = Clock::now() + kReadLimit;
  while (head.find("\r\n\r\n") == std::string::npos) {
    if (stop_ || Clock::now() > deadline || head.size() > kMaxRequestHead) return (void)::close(fd);
    if (!readable(fd, 20)) continue;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return (void)::close(fd);
    head.append(buf, static_cast<std::size_t>(n));
  }
  std::string request_body = head.substr(head.find("\r\n\r\n") + 4);
  head.resize(head.find("\r\n\r\n"));

  HttpRequest req;
  std::size_t eol = head.find("\r\n");
  std::string line = head.substr(0, eol);
  std::size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
  if (sp1 == std::string::npos || sp2 == sp1) return (void)::close(fd);
  req.method = line.substr(0, sp1);
  req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  req.path = req.target.substr(0, req.target.find('?'));
  std::size_t pos = eol == std::string::npos ? head.size() : eol + 2;
  while (pos < head.size()) {
    std::size_t end = std::min(head.find("\r\n", pos), head.size());
    std::string h = head.substr(pos, end - pos);
    std::size_t colon = h.find(':');
    if (colon != std::string::npos) {
      std::size_t v = h.find_first_not_of(" \t", colon + 1);
      req.headers[lower(h.substr(0, colon))] = v == std::string::npos ? "" : h.substr(v);
    }
    pos = end + 2;
  }
  // A POST's body (a timestamp request): as long as Content-Length says.
  const std::size_t length = std::strtoul(req.header("content-length").c_str(), nullptr, 10);
  while (request_body.size() < length) {
    if (stop_ || Clock::now() > deadline) return (void)::close(fd);
    if (!readable(fd, 20)) continue;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return (void)::close(fd);
    request_body.append(buf, static_cast<std::size_t>(n));
  }
  req.body = request_body.substr(0, length);
  {
    std::lock_guard lock(mutex_);
    seen_.push_back(req);
  }

  int now_in_flight = ++in_flight_;
  for (int m = max_in_flight_;
       now_in_flight > m && !max_in_flight_.compare_exchange_weak(m, now_in_flight);) {
  }
  HttpReply reply = answer(req);
  for (auto until = Clock::now() + reply.delay; !stop_ && Clock::now() < until;)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  --in_flight_;
  if (stop_) return (void)::close(fd);

  auto status_line = [](int status) {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
  };
  std::string out;
  switch (reply.behaviour) {
    case Behaviour::CloseAtOnce:
      return close_gently(fd);
    case Behaviour::RedirectToSelf:
      send_all(fd, status_line(302) + "Location: " + req.target +
                       "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return close_gently(fd);
    case Behaviour::ChunkedHuge: {
      out = status_line(200) +
            "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
      if (!send_all(fd, out)) return (void)::close(fd);
      std::string chunk(kChunk, 'x');
      char size_line[32];
      std::snprintf(size_line, sizeof size_line, "%zx\r\n", kChunk);
      for (std::size_t sent = 0; sent < reply.param && !stop_; sent += kChunk)
        if (!send_all(fd, size_line + chunk + "\r\n")) return (void)::close(fd);
      send_all(fd, "0\r\n\r\n");
      return close_gently(fd);
    }
    case Behaviour::Trickle: {
      out = status_line(200) +
            "Content-Type: application/octet-stream\r\nContent-Length: " + std::to_string(reply.param) +
            "\r\nConnection: close\r\n\r\n";
      if (!send_all(fd, out)) return (void)::close(fd);
      for (std::size_t sent = 0; sent < reply.param && !stop_; ++sent) {
        if (!send_all(fd, " ", 1)) return (void)::close(fd);
        for (int i = 0; i < 50 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      return close_gently(fd);
    }
    case Behaviour::Normal:
    case Behaviour::Truncate:
      break;
  }
  std::string body = reply.body;
  auto headers = reply.headers;
  if (reply.gzip && req.header("accept-encoding").find("gzip") != std::string::npos) {
    body = gzip_stored(body);
    headers.emplace_back("Content-Encoding", "gzip");
  }
  out = status_line(reply.status);
  bool has_length = false;
  for (const auto& [name, value] : headers) {
    out += name + ": " + value + "\r\n";
    has_length = has_length || lower(name) == "content-length";
  }
  if (!has_length) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n";
  if (reply.behaviour == Behaviour::Truncate) body.resize(std::min(body.size(), reply.param));
  if (send_all(fd, out)) send_all(fd, body);
  close_gently(fd);
}

}  // namespace tp::test

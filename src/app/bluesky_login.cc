#include "app/bluesky_login.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"
#include "core/suggest.h"
#include "source/fetcher.h"
#include "source/sha256.h"

namespace tp::app {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Bluesky's access tokens expire after about two hours; renewing after one leaves a long run room.
constexpr long long kFreshSeconds = 3600;

struct Saved {
  std::string access, refresh;
  long long created = 0;  // Unix seconds
};

long long unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::optional<Saved> read_saved(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  json j = json::parse(ss.str(), nullptr, false);
  if (!j.is_object() || !j.value("accessJwt", json()).is_string() ||
      !j.value("refreshJwt", json()).is_string() || !j.value("created", json()).is_number_integer())
    return std::nullopt;  // damaged or another version: logged in again
  return Saved{j["accessJwt"], j["refreshJwt"], j["created"]};
}

// Written to a temporary file created with mode 0600 (never wider, whatever the umask), then renamed.
void write_saved(const fs::path& path, const json& session, const std::string& who) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (!ec) fs::permissions(path.parent_path(), fs::perms::owner_all, fs::perm_options::replace, ec);
  const fs::path temp = path.string() + ".tmp-" + std::to_string(::getpid());
  const std::string text = session.dump() + "\n";
  int fd = ec ? -1 : ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0 &&
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  if (ok) fs::rename(temp, path, ec);
  if (!ok || ec) {
    fs::remove(temp, ec);
    throw Error(ErrorCode::Input, who, "cannot save the session in " + path.parent_path().string());
  }
}

// The error object of an XRPC answer ("AuthenticationRequired: Invalid identifier or password").
std::string xrpc_error(const source::Response& r) {
  json j = json::parse(r.body, nullptr, false);
  std::string text = "HTTP " + std::to_string(r.status);
  if (j.is_object() && j.value("error", json()).is_string()) {
    text = j["error"].get<std::string>();
    if (j.value("message", json()).is_string()) text += ": " + j["message"].get<std::string>();
  }
  return text;
}

// POSTs to SERVICE/xrpc/<method>; the session object on 200, else nullopt and `error` set.
std::optional<json> call(source::Fetcher& network, const std::string& url, const std::string& body,
                         const std::string& bearer, std::string& error) {
  source::Request q;
  q.url = url;
  q.post_body = body;
  q.headers = {{"Accept", "application/json"}};
  if (!body.empty()) q.headers.emplace_back("Content-Type", "application/json");
  if (!bearer.empty()) q.headers.emplace_back("Authorization", "Bearer " + bearer);
  source::Response r;
  try {
    r = network.get(q);
  } catch (const Error& e) {
    // 401 and 403 come back as the fetcher's "not public"; for a login they mean a refused password.
    error =
        e.message() == source::cause::kNotPublic ? "Bluesky refused the handle or app password" : e.what();
    return std::nullopt;
  }
  json j = json::parse(r.body, nullptr, false);
  if (r.status != 200 || !j.is_object() || !j.value("accessJwt", json()).is_string() ||
      !j.value("refreshJwt", json()).is_string()) {
    error = r.status == 200 ? url + ": not a session" : xrpc_error(r);
    if (r.status == 400 && error.find("AuthenticationRequired") != std::string::npos)
      error = "Bluesky refused the handle or app password (" + error + ")";
    return std::nullopt;
  }
  return j;
}

}  // namespace

fs::path bluesky_session_path(const fs::path& cache_dir, const std::string& service,
                              const std::string& handle) {
  return cache_dir / "sessions" /
         ("bluesky-" + source::sha256_hex(service + "\n" + ascii_lower(handle)).substr(0, 32) + ".json");
}

std::string bluesky_access_token(const BlueskyLogin& login, source::Fetcher& network) {
  const std::string who = "--login " + login.handle;
  const long long now = unix_seconds(login.now ? login.now() : std::chrono::system_clock::now());
  const fs::path path = bluesky_session_path(login.cache_dir, login.service, login.handle);
  auto keep = [&](json session) {
    json saved = {{"service", login.service},
                  {"handle", login.handle},
                  {"did", session.value("did", json())},
                  {"accessJwt", session["accessJwt"]},
                  {"refreshJwt", session["refreshJwt"]},
                  {"created", now}};
    write_saved(path, saved, who);
    return session["accessJwt"].get<std::string>();
  };
  std::string error;
  if (auto saved = read_saved(path)) {
    if (now >= saved->created && now - saved->created < kFreshSeconds) return saved->access;
    if (auto renewed = call(network, login.service + "/xrpc/com.atproto.server.refreshSession", "",
                            saved->refresh, error))
      return keep(*renewed);
  }
  std::optional<std::string> password = login.password ? login.password() : std::nullopt;
  if (!password || password->empty())
    throw Error(ErrorCode::Input, who,
                "no saved session: set THREADPDF_APP_PASSWORD to an app password (Settings, App passwords), "
                "or run on a terminal to be asked for it");
  const json request = {{"identifier", login.handle}, {"password", *password}};
  if (auto session =
          call(network, login.service + "/xrpc/com.atproto.server.createSession", request.dump(), "", error))
    return keep(*session);
  throw Error(ErrorCode::Input, who, error);
}

std::optional<std::string> ask_secret(const std::string& prompt) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  termios old{};
  const bool terminal = ::tcgetattr(fd, &old) == 0;
  if (!terminal) {
    ::close(fd);
    return std::nullopt;
  }
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  // Echo goes off before the prompt appears: an answer typed (or pasted) the moment it shows must
  // not reach the screen. What was typed before the prompt is discarded (TCSAFLUSH), as getpass does.
  ::tcsetattr(fd, TCSAFLUSH, &quiet);
  (void)::write(fd, prompt.data(), prompt.size());
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
  ::tcsetattr(fd, TCSAFLUSH, &old);
  (void)::write(fd, "\n", 1);
  ::close(fd);
  while (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace tp::app

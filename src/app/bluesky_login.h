// --login HANDLE: a Bluesky session (com.atproto.server.createSession with an app password), kept
// between runs in <cache dir>/sessions/ in a file only its owner may read or write (mode 0600, the
// folder 0700). Its access token is then sent, as a bearer token, to the Bluesky service alone.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace tp::source {
class Fetcher;
}

namespace tp::app {

// Where Bluesky requests go when logged in and --api-base bluesky=URL is not given: the entryway
// that holds accounts (the public AppView accepts no login).
inline constexpr const char* kBlueskyLoginService = "https://bsky.social";

struct BlueskyLogin {
  std::string handle;   // as given to --login (a handle, a DID or the account's e-mail)
  std::string service;  // base URL without a trailing slash: createSession goes to SERVICE/xrpc/…
  std::filesystem::path cache_dir;
  // The app password, asked only when no saved session can be used; nullopt when there is none
  // (the caller reads THREADPDF_APP_PASSWORD, or asks on the terminal).
  std::function<std::optional<std::string>()> password;
  std::function<std::chrono::system_clock::time_point()> now;  // default: system_clock::now
};

// The access token to send. A saved session younger than an hour is used as it is (Bluesky's access
// tokens live about two hours); an older one is renewed with refreshSession; when that fails or
// there is none, a new one is made with the password. Requests go through `network` (no cache).
// Throws Error(Input, "--login HANDLE", cause): a refused password ("Bluesky refused the handle or
// app password"), no password to be had, a session file that cannot be written, the service's
// error. No message holds a token or the password.
std::string bluesky_access_token(const BlueskyLogin& login, source::Fetcher& network);

// The session file of `handle` at `service` inside `cache_dir`.
std::filesystem::path bluesky_session_path(const std::filesystem::path& cache_dir, const std::string& service,
                                           const std::string& handle);

// Reads a line from the terminal (/dev/tty) with echo off, after printing `prompt` there; nullopt
// when the process has no terminal.
std::optional<std::string> ask_secret(const std::string& prompt);

}  // namespace tp::app

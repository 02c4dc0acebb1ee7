// What the platform walks of fetch_thread share: GET with the Accept header a platform expects, and
// the one-line causes for answers that are not what was asked for. Internal to src/source.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"
#include "source/fetch_thread.h"
#include "source/fetcher.h"
#include "source/url.h"

namespace tp::source::detail {

// Throws Error(Input, url, cause).
[[noreturn]] void fail(const std::string& url, const std::string& cause);

// A 2xx response, or an Error naming the URL: the Fetcher throws for 401/403/404/410/429/5xx
// itself; what is left (3xx without Location, Bluesky's 400s, 422) is worded here ("not found or
// deleted" for an XRPC NotFound, else "HTTP <status> (<error>: <message>)").
Response get_ok(Fetcher& fetcher, const std::string& url, const char* accept);

// The body of get_ok(..., "application/json") after checking that it is JSON: "empty response,
// expected JSON", "expected JSON, got HTML" or "invalid JSON at byte N" otherwise.
std::string get_json(Fetcher& fetcher, const std::string& url);

// The Error means the resource is gone (cause::kNotFound).
bool is_not_found(const Error& e);

// The platform walks (fetch_bluesky.cc, fetch_mastodon.cc); contracts in fetch_thread.h.
model::Thread fetch_bluesky(const SourceRef& ref, Fetcher& fetcher, const ApiBases& bases, Diagnostics& diag,
                            const std::string& source_url);
model::Thread fetch_mastodon(const SourceRef& ref, Fetcher& fetcher, Diagnostics& diag,
                             const std::string& source_url);

}  // namespace tp::source::detail

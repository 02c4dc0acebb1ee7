// Recognition of the thread URLs a user pastes (docs/platforms/*.md, section 1 of each), and the X
// syndication token. Pure string work: nothing here touches the network.
#pragma once

#include <optional>
#include <string>

#include "model/thread.h"

namespace tp::source {

// What a pasted URL points at. Fields a platform does not use stay empty.
struct SourceRef {
  model::Platform platform = model::Platform::Json;
  // Mastodon only: "https://host" or "http://host:port", the instance the API is called on (the
  // API must be asked on the host the URL came from: mastodon.md section 1). Empty elsewhere: the
  // Bluesky and X API bases are settings, not part of the pasted URL.
  std::string base;
  // Bluesky: the actor, a lower-cased handle or a DID. Mastodon: "user" or "user@domain".
  // X: the screen name as written (empty for /i/status/ forms). Thread Reader App: empty.
  std::string user;
  // Bluesky: the record key. Mastodon: the status id on `base`. X and Thread Reader App: the decimal
  // post id, kept as a string.
  std::string post_id;
  // Bluesky only: "at://<actor>/app.bsky.feed.post/<rkey>", with the actor as in `user` (a handle
  // still has to be resolved to a DID before it is the post's canonical AT-URI).
  std::string at_uri;
};

// Recognises, ignoring surrounding whitespace, query strings, fragments and a trailing slash:
//   Bluesky   https://bsky.app/profile/<handle|did>/post/<rkey> (also its /quotes, /liked-by and
//             /reposted-by pages), at://<did|handle>/app.bsky.feed.post/<rkey>
//   Mastodon  <scheme>://<host[:port]>/@<user>/<id>, /@<user>@<domain>/<id>, /users/<user>/statuses/<id>
//             on any host other than the ones below; http and explicit ports are accepted
//   X         https://x.com/<user>/status/<id> on x.com and twitter.com (bare, www., m., mobile.),
//             /i/status/<id>, /i/web/status/<id>, /<user>/statuses/<id>, with any trailing segments
//             (/photo/1, /video/1, /analytics, ...)
//   Thread Reader App  https://threadreaderapp.com/thread/<id>[.html], /scrolly/<id>
// Returns nullopt for anything else, including a known host with a path it does not use.
std::optional<SourceRef> parse_source_url(const std::string& url);

// One line naming `url` and listing the forms above, for a URL parse_source_url rejected; for a
// profile page (bsky.app/profile/<handle>, <instance>/@<user>, x.com/<user>) it says that a post's
// URL is needed instead.
std::string unsupported_message(const std::string& url);

// What a user pasted without a scheme, as browsers take it: "bsky.app/profile/a.b/post/x" is
// "https://bsky.app/profile/a.b/post/x". Only "host/path" forms whose host is a DNS name ending in
// a letters-only label (and "www." names) gain the scheme; anything else (a file path such as
// "threads/a.json" or "./x.txt") comes back unchanged.
std::string with_default_scheme(const std::string& typed);

// The `token` parameter of X's tweet-result endpoint for a decimal post id (x-syndication.md
// section 2): ((double(id) / 1e15) * pi) written in base 36 as JavaScript's Number#toString(36)
// does, with every '.' and '0' removed. `id` must be all digits; anything else throws
// Error(Input, id, "not an X post id").
std::string x_syndication_token(const std::string& id);

}  // namespace tp::source

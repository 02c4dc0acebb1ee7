// The thread model: exactly the content of the thread JSON format (shared/formats/thread-json.md).
// Every source reader ends here, and nothing after the model knows where a thread came from.
// All text is valid UTF-8. Span offsets are code points of Post::text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/format.h"

namespace tp::model {

enum class Platform { Bluesky, Mastodon, X, ThreadReader, XArchive, Text, Json };

// "bluesky", "mastodon", "x", "threadreader", "x-archive", "text", "json"
const char* platform_name(Platform p);
std::optional<Platform> platform_from_name(const std::string& name);
// What a reader sees: "Bluesky", "Mastodon", "X", "Thread Reader App", "X archive", "Unroll text", "Thread JSON"
const char* platform_label(Platform p);

struct Author {
  std::string name;    // display name, may be empty
  std::string handle;  // "@name", "@user@instance"
  std::optional<std::string> avatar;  // a media source (see Media::src)
  std::optional<std::string> url;     // profile page
};

enum class SpanKind { Link, Mention, Hashtag };
const char* span_kind_name(SpanKind k);

struct Span {
  size_t start = 0;  // code points into Post::text
  size_t end = 0;    // one past the last code point; start < end <= length
  SpanKind kind = SpanKind::Link;
  std::optional<std::string> href;  // a link without href leads to its own text
};

enum class MediaKind { Image, Video, Gif };
const char* media_kind_name(MediaKind k);

struct Media {
  MediaKind kind = MediaKind::Image;
  std::string src;  // relative to the thread file's folder, absolute path, or http(s) URL; for video/gif the poster
  std::optional<std::string> alt;
  std::optional<int> width, height;  // pixels, when known
  std::optional<std::string> url;    // video/gif: where the playable media lives
};

struct Card {
  std::string url;
  std::optional<std::string> title, description, image;
};

struct Post {
  std::string id;
  std::optional<std::string> url;
  std::optional<std::string> created_at;  // RFC 3339 as given
  std::optional<Author> author;           // only when it differs from the thread author
  std::string text;
  std::vector<Span> spans;  // sorted by start, not overlapping (readers sort them)
  std::vector<Media> media;
  std::vector<Post> quote;  // zero or one quoted post (a vector so Post can hold a Post)
  std::optional<Card> card;
  bool deleted = false;

  const Post* quoted() const { return quote.empty() ? nullptr : &quote.front(); }
};

struct Source {
  Platform platform = Platform::Json;
  std::optional<std::string> url;
  std::optional<std::string> captured_at;  // RFC 3339
};

struct Thread {
  Source source;
  std::optional<std::string> title;
  Author author;
  std::vector<Post> posts;  // reading order, at least one
  // What a reader must know about the thread's completeness, printed in the header ("X cannot list
  // replies: this PDF ends at the given post"). A threadpdf extension of the format ("notice").
  std::optional<std::string> notice;
  // The only folder whose files the thread may name as pictures; not part of the format, set by
  // whoever read the thread and checked by media::load_all, the one place that opens picture files.
  // A thread file the user gave (and an archive, an X archive) gets its own folder: relative
  // sources resolve against it, and a source that leads outside it (an absolute path elsewhere,
  // "..", a symbolic link) is refused. Empty for a thread that came from the network: it may name
  // only http(s) URLs, so a hostile server cannot make threadpdf read a local file.
  std::string media_root;
};

}  // namespace tp::model

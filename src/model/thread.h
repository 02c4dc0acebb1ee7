// The thread model: exactly the content of the thread JSON format (docs/thread-json.md).
// Every source reader ends here, and nothing after the model knows where a thread came from.
// All text is valid UTF-8. Span offsets are code points of Post::text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/format.h"

namespace tp::model {

// The enumerations below each list every value again as an array (kPlatforms, ...), in the order
// docs/thread-json.md gives their names: readers of the format look names up through *_name() over
// these, so each name is written once, in thread.cc or beside its enumeration.

enum class Platform { Bluesky, Mastodon, X, ThreadReader, XArchive, Text, Json };
inline constexpr Platform kPlatforms[] = {Platform::Bluesky,      Platform::Mastodon, Platform::X,
                                          Platform::ThreadReader, Platform::XArchive, Platform::Text,
                                          Platform::Json};

// "bluesky", "mastodon", "x", "threadreader", "x-archive", "text", "json"
const char* platform_name(Platform p);
// What a reader sees: "Bluesky", "Mastodon", "X", "Thread Reader App", "X archive", "Unroll text", "Thread
// JSON"
const char* platform_label(Platform p);

// A custom emoji: ":shortcode:" in a text stands for the picture at `src` (a media source).
struct Emoji {
  std::string shortcode;  // without the colons, never empty
  std::string src;
};

struct Author {
  std::string name;                   // display name, may be empty
  std::string handle;                 // "@name", "@user@instance"
  std::optional<std::string> avatar;  // a media source (see Media::src)
  std::optional<std::string> url;     // profile page
  std::vector<Emoji> emoji;           // custom emoji used as ":shortcode:" in name
};

enum class SpanKind { Link, Mention, Hashtag };
inline constexpr SpanKind kSpanKinds[] = {SpanKind::Link, SpanKind::Mention, SpanKind::Hashtag};
const char* span_kind_name(SpanKind k);

struct Span {
  size_t start = 0;  // code points into Post::text
  size_t end = 0;    // one past the last code point; start < end <= length
  SpanKind kind = SpanKind::Link;
  std::optional<std::string> href;  // a link without href leads to its own text
};

// Audio and Other (an attachment the source could not describe, or a file) are printed as a framed
// line with the description and the link; their src, when not empty, is a picture tried first.
enum class MediaKind { Image, Video, Gif, Audio, Other };
inline constexpr MediaKind kMediaKinds[] = {MediaKind::Image, MediaKind::Video, MediaKind::Gif,
                                            MediaKind::Audio, MediaKind::Other};
const char* media_kind_name(MediaKind k);

struct Media {
  MediaKind kind = MediaKind::Image;
  // Relative to the thread file's folder, absolute path, or http(s) URL; for video/gif the poster.
  // Never empty for image, video and gif; empty for audio/other without a picture.
  std::string src;
  std::optional<std::string> alt;
  std::optional<int> width, height;  // pixels, when known
  std::optional<std::string> url;    // video/gif/audio/other: where the media itself lives
};

// Why a post's content is not there ("deleted", "revoked", "blocked", "detached", "pending",
// "private", "not-found"): the PDF says so in those words.
enum class Unavailable { Deleted, Revoked, Blocked, Detached, Pending, Private, NotFound };
inline constexpr Unavailable kUnavailableReasons[] = {
    Unavailable::Deleted, Unavailable::Revoked, Unavailable::Blocked, Unavailable::Detached,
    Unavailable::Pending, Unavailable::Private, Unavailable::NotFound};
// "deleted", "revoked", "blocked", "detached", "pending", "private", "not-found"
const char* unavailable_name(Unavailable u);

struct PollOption {
  std::string title;
  std::optional<std::int64_t> votes;  // >= 0, when the source tells
};

struct Poll {
  std::vector<PollOption> options;       // the source's order, at least one
  bool multiple = false;                 // several choices allowed
  std::optional<std::int64_t> voters;    // people who voted (not the sum of votes when multiple)
  std::optional<std::string> closes_at;  // RFC 3339
  bool closed = false;                   // ended at capture time
};

// Engagement at capture time; each >= 0 when the source tells.
struct Counts {
  std::optional<std::int64_t> replies, reposts, likes, quotes;
};

struct Card {
  std::string url;
  std::optional<std::string> title, description, image;
  // The site the source names for the preview (X's `domain` / `vanity_url`), a host name, printed
  // instead of url's host: a shortener's or t.co address says nothing of where it leads. A thread
  // JSON extension (docs/thread-json.md); null: the host of url.
  std::optional<std::string> site = std::nullopt;
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
  // Set when the post's content is gone; the format's `deleted: true` reads as Unavailable::Deleted.
  std::optional<Unavailable> unavailable;
  std::optional<std::string> lang;             // BCP 47, as the source declares it
  std::optional<std::string> content_warning;  // printed as a banner; the text is still printed in full
  std::vector<Emoji> emoji;                    // custom emoji used as ":shortcode:" in text
  std::optional<Poll> poll;
  std::optional<std::string> edited_at;  // RFC 3339 of the last edit
  bool truncated = false;                // the source gave only the start of the text
  std::optional<Counts> counts;

  const Post* quoted() const { return quote.empty() ? nullptr : &quote.front(); }
  bool gone() const { return unavailable.has_value(); }
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

#include "model/thread.h"

#include <array>
#include <utility>

namespace tp::model {

namespace {
struct PlatformNames {
  Platform platform;
  const char* name;
  const char* label;
};
constexpr std::array<PlatformNames, 7> kPlatformNames = {{
    {Platform::Bluesky, "bluesky", "Bluesky"},
    {Platform::Mastodon, "mastodon", "Mastodon"},
    {Platform::X, "x", "X"},
    {Platform::ThreadReader, "threadreader", "Thread Reader App"},
    {Platform::XArchive, "x-archive", "X archive"},
    {Platform::Text, "text", "Unroll text"},
    {Platform::Json, "json", "Thread JSON"},
}};
}  // namespace

const char* platform_name(Platform p) {
  for (const auto& e : kPlatformNames)
    if (e.platform == p) return e.name;
  return "json";
}

const char* platform_label(Platform p) {
  for (const auto& e : kPlatformNames)
    if (e.platform == p) return e.label;
  return "Thread JSON";
}

const char* span_kind_name(SpanKind k) {
  switch (k) {
    case SpanKind::Link:
      return "link";
    case SpanKind::Mention:
      return "mention";
    case SpanKind::Hashtag:
      return "hashtag";
  }
  return "link";
}

const char* media_kind_name(MediaKind k) {
  switch (k) {
    case MediaKind::Image:
      return "image";
    case MediaKind::Video:
      return "video";
    case MediaKind::Gif:
      return "gif";
    case MediaKind::Audio:
      return "audio";
    case MediaKind::Other:
      return "other";
  }
  return "image";
}

namespace {
constexpr std::array<std::pair<Unavailable, const char*>, 7> kUnavailable = {{
    {Unavailable::Deleted, "deleted"},
    {Unavailable::Revoked, "revoked"},
    {Unavailable::Blocked, "blocked"},
    {Unavailable::Detached, "detached"},
    {Unavailable::Pending, "pending"},
    {Unavailable::Private, "private"},
    {Unavailable::NotFound, "not-found"},
}};
}  // namespace

const char* unavailable_name(Unavailable u) {
  for (const auto& [value, name] : kUnavailable)
    if (value == u) return name;
  return "deleted";
}

}  // namespace tp::model

// The manifest of a capture (docs/manifest.md): SHA-256 of each post's canonical JSON, of each
// picture's bytes as fetched (with its source URL), and of the whole thread JSON, with the capture
// time and the tool. Embedded in the PDF as manifest.json and printed in the provenance appendix.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/thread.h"

namespace tp::evidence {

inline constexpr const char* kThreadFile = "thread.json";
inline constexpr const char* kManifestFile = "manifest.json";

struct Manifest {
  struct Post {
    std::string id;
    std::string sha256;
  };
  struct Media {
    std::string src;     // as the thread JSON names it
    std::string sha256;  // of the bytes as fetched or read
    std::string file;    // the embedded file holding those bytes; "" when not embedded
  };
  std::string tool;                        // "threadpdf 0.1.0"
  std::optional<std::string> source_url;   // where the thread was captured from
  std::optional<std::string> captured_at;  // RFC 3339, as the thread JSON says
  std::string thread_sha256;               // of the embedded thread.json, byte for byte
  std::vector<Post> posts;                 // in thread order
  std::vector<Media> media;                // in the order given to make_manifest
};

// A picture for make_manifest, hashed where it was loaded (the bytes need not be kept for this).
struct MediaInput {
  std::string src;
  std::string sha256;  // 64 lower-case hex digits (source::sha256_hex) of the bytes as fetched or read
  std::string file;    // "" when the picture is not embedded
};

// Hashes the thread and its posts; the pictures come hashed. `thread_json` is the thread JSON exactly as
// embedded (parse::write_thread_json); its posts are hashed in their canonical form (post_hashes). Throws
// Error(Internal) if it is not thread JSON.
Manifest make_manifest(const std::string& thread_json, const std::vector<MediaInput>& media,
                       const std::string& tool);

// The same manifest when `thread_json` is parse::write_thread_json(thread), made without parsing it
// back: `posts` holds each post's id and the SHA-256 of its canonical form, the text the
// re-serialisation above gives (what write_thread_json's each_post is handed; evidence/ may not call
// parse/ itself).
Manifest make_manifest(const model::Thread& thread, const std::string& thread_json,
                       std::vector<Manifest::Post> posts, const std::vector<MediaInput>& media,
                       const std::string& tool);

// The canonical JSON of each post of a thread JSON document (its "posts" entries re-serialised
// without whitespace, keys kept in order) with its id. Throws Error(Input, input, ...) when the
// text is not JSON with a "posts" array of objects.
std::vector<Manifest::Post> post_hashes(const std::string& thread_json, const std::string& input);

// manifest.json: deterministic (fixed key order, two-space indent, final newline).
std::string write_manifest(const Manifest& manifest);
// Throws Error(Input, input, "manifest.json: ...") for a manifest that is not of this format.
Manifest read_manifest(const std::string& json, const std::string& input);

// The provenance appendix, as lines a person reads: capture time, source, tool, the thread's hash,
// then one line per post and per picture.
std::vector<std::string> provenance_lines(const Manifest& manifest);

}  // namespace tp::evidence

// The manifest made from the model (when threadpdf wrote the thread JSON itself) against the one made
// by parsing that JSON back: the same hashes, or a capture would not verify.
#include "evidence/manifest.h"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "parse/parse.h"
#include "source/sha256.h"

using namespace tp;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void check_same_manifest(const model::Thread& thread) {
  std::vector<evidence::Manifest::Post> hashes;
  const std::string json =
      parse::write_thread_json(thread, [&](const model::Post& post, std::string_view canonical) {
        // What write_post_json gives, written once for both.
        CHECK(canonical == parse::write_post_json(post));
        hashes.push_back({post.id, source::sha256_hex(canonical)});
      });
  // Passing each_post changes nothing in the JSON written.
  CHECK(json == parse::write_thread_json(thread));
  // The thread JSON is what nlohmann writes of itself, two-space indented, byte for byte.
  CHECK(json == nlohmann::ordered_json::parse(json).dump(2, ' ', false) + "\n");
  const std::vector<evidence::MediaInput> media = {{"img/a.png", std::string(64, 'a'), "media-a.png"}};
  const evidence::Manifest parsed = evidence::make_manifest(json, media, "threadpdf test");
  const evidence::Manifest from_model =
      evidence::make_manifest(thread, json, hashes, media, "threadpdf test");
  CHECK(evidence::write_manifest(from_model) == evidence::write_manifest(parsed));
  REQUIRE(from_model.posts.size() == thread.posts.size());
  CHECK(from_model.posts.size() == parsed.posts.size());
}

}  // namespace

TEST_CASE("a manifest hashed from the model equals the one hashed from its thread JSON") {
  for (const char* example : {"world-scripts.json", "paper-sizes.json", "night-trains.txt"}) {
    CAPTURE(example);
    const std::string path = std::string(TP_SOURCE_DIR "/examples/") + example;
    check_same_manifest(parse::read_any(read_file(path), path));
  }
  // Strings that JSON escapes, numbers, a poll and counts: whatever write_post_json writes, the
  // re-serialisation of its parse must write too.
  const std::string tricky = R"({"format": "threadpdf-thread/1",
    "source": {"platform": "mastodon", "url": null, "captured_at": null},
    "title": null,
    "author": {"name": "A \"quoted\" \\ name", "handle": "@a@example.org", "avatar": null, "url": null},
    "posts": [
      {"id": "p1", "created_at": "2026-11-22T10:00:00Z", "text": "tab\there, line\nbreak, \u00e9, \ud83e\uddf5, \u0001 and \u007f"},
      {"id": "p2", "created_at": "2026-11-22T10:01:00Z", "text": "a poll",
       "poll": {"options": [{"title": "yes", "votes": 12345678901}, {"title": "no", "votes": null}], "multiple": true},
       "counts": {"replies": 0, "boosts": 3, "likes": 4000000000}}
    ]})";
  check_same_manifest(parse::read_thread_json(tricky, "tricky.json"));
  // Every ASCII byte, the controls JSON must escape among them, in every kind of string field.
  model::Thread all = parse::read_thread_json(tricky, "tricky.json");
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) ascii += static_cast<char>(c);
  all.title = ascii;
  all.author.name = ascii;
  all.posts[0].text = ascii;
  all.posts[0].spans = {{1, 5, model::SpanKind::Link, ascii}};
  all.posts[0].media = {{model::MediaKind::Image, ascii, ascii, 3, 4, std::nullopt}};
  all.posts[1].content_warning = ascii;
  all.posts[1].poll->options[0].title = ascii;
  // Backslashes before a string's closing quote, escaped quotes between them.
  all.author.handle = "ends in a backslash \\";
  all.posts[1].text = "\\\"\\\\\"\\";
  check_same_manifest(all);
}

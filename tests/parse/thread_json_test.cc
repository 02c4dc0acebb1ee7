#include <doctest/doctest.h>

#include "model/dump.h"
#include "parse/parse.h"
#include "parse_test_util.h"

using namespace tp;
using test::error_of;

namespace {

model::Thread read(const std::string& json) { return parse::read_thread_json(json, "thread.json"); }

std::string error(const std::string& json) {
  return error_of([&] { read(json); });
}

// A valid document around `posts` (the JSON text of the posts array).
std::string with_posts(const std::string& posts) {
  return R"({"format": "threadpdf-thread/1", "source": {"platform": "x"},
             "author": {"name": "A", "handle": "@a"}, "posts": )" +
         posts + "}";
}

std::string with_source(const std::string& source) {
  return R"({"format": "threadpdf-thread/1", "source": )" + source +
         R"(, "author": {"name": "A", "handle": "@a"}, "posts": [{"id": "1", "text": "t"}]})";
}

// A valid document whose first post has `text` and the span list `spans`.
std::string with_spans(const std::string& text, const std::string& spans) {
  return with_posts(R"([{"id": "1", "text": ")" + text + R"(", "spans": )" + spans + "}]");
}

std::string with_media(const std::string& media) {
  return with_posts(R"([{"id": "1", "text": "t"}, {"id": "2", "text": "", "media": [)" + media + "]}]");
}

}  // namespace

TEST_CASE("the example of the format page reads as written there") {
  model::Thread t = parse::read_thread_json(test::read_data("example.json"), "example.json");
  CHECK(t.source.platform == model::Platform::Json);
  CHECK_FALSE(t.source.url);
  CHECK(t.source.captured_at == "2026-11-24T09:30:00Z");
  CHECK(t.title == "Notes on paper sizes");
  CHECK(t.author.name == "Ada Example");
  CHECK(t.author.handle == "@ada.example.org");
  CHECK(t.author.avatar == "img/ada.png");
  CHECK_FALSE(t.author.url);
  REQUIRE(t.posts.size() == 2);
  const model::Post& p1 = t.posts[0];
  CHECK(p1.id == "1");
  CHECK(p1.created_at == "2026-11-20T08:00:00Z");
  CHECK(p1.text == "Why A4? A short thread 🧵 #paper");
  REQUIRE(p1.spans.size() == 1);
  CHECK(p1.spans[0].start == 25);
  CHECK(p1.spans[0].end == 31);
  CHECK(p1.spans[0].kind == model::SpanKind::Hashtag);
  CHECK(p1.spans[0].href == "https://example.org/tags/paper");
  CHECK(p1.media.empty());
  CHECK_FALSE(p1.quoted());
  CHECK_FALSE(p1.card);
  CHECK_FALSE(p1.gone());
  const model::Post& p2 = t.posts[1];
  CHECK(p2.text == "The ratio is √2, so halving keeps the shape.");
  REQUIRE(p2.media.size() == 1);
  CHECK(p2.media[0].kind == model::MediaKind::Image);
  CHECK(p2.media[0].src == "img/halving.png");
  CHECK(p2.media[0].alt == "A sheet folded in half");
  CHECK(p2.media[0].width == 800);
  CHECK(p2.media[0].height == 566);
  CHECK_FALSE(p2.media[0].url);
  CHECK(t.media_root.empty());
}

TEST_CASE("every field, nulls, a quote, spans given out of order") {
  model::Thread t = parse::read_thread_json(test::read_data("full.json"), "full.json");
  REQUIRE(t.posts.size() == 3);
  const auto& spans = t.posts[0].spans;
  REQUIRE(spans.size() == 3);
  CHECK(spans[0].start == 40);  // sorted by start
  CHECK_FALSE(spans[0].href);
  CHECK(spans[1].kind == model::SpanKind::Mention);
  CHECK(spans[2].kind == model::SpanKind::Hashtag);
  CHECK(t.posts[0].media[0].width == 1280);  // 1280.0 is a whole number
  CHECK(t.posts[0].media[1].src == "/var/tmp/loop.png");
  REQUIRE(t.posts[1].quoted());
  CHECK(t.posts[1].quoted()->author->handle == "@lee@other.example");
  CHECK(t.posts[2].unavailable == model::Unavailable::Deleted);
  CHECK_FALSE(t.title);
}

TEST_CASE("minimal documents the page allows") {
  CHECK(read(with_posts(R"([{"id": "1", "text": "only text"}])")).posts.size() == 1);
  // Null wherever "or null" is allowed.
  auto t = read(R"({"format": "threadpdf-thread/1", "title": null,
    "source": {"platform": "text", "url": null, "captured_at": null},
    "author": {"name": "", "handle": "", "avatar": null, "url": null},
    "posts": [{"id": "1", "url": null, "created_at": null, "author": null, "text": "x",
               "quote": null, "card": null,
               "media": [{"kind": "image", "src": "a.png", "alt": null, "width": null, "height": null, "url": null}],
               "spans": [{"start": 0, "end": 1, "kind": "link", "href": null}]}]})");
  CHECK(t.author.name.empty());
  CHECK_FALSE(t.posts[0].media[0].width);
  // A byte order mark before the document, and an http URL with upper-case scheme.
  CHECK(
      read("\xEF\xBB\xBF" + with_source(R"({"platform": "x", "url": "HTTPS://x.example/s/1"})")).source.url);
  // Empty text is fine next to media, a quote, a card or a poll, or in a post that is unavailable.
  CHECK_NOTHROW(read(with_posts(R"([{"id": "1", "text": "", "deleted": true}])")));
  CHECK_NOTHROW(read(with_posts(R"([{"id": "1", "text": "", "unavailable": "revoked"}])")));
  CHECK_NOTHROW(read(with_posts(R"([{"id": "1", "text": "", "poll": {"options": [{"title": "x"}]}}])")));
  // Audio and other attachments need no picture.
  CHECK(read(with_posts(
                 R"([{"id": "1", "text": "", "media": [{"kind": "audio", "url": "https://e.example/a.mp3"},
                                                                 {"kind": "other", "src": null}]}])"))
            .posts[0]
            .media[0]
            .src.empty());
  CHECK_NOTHROW(read(with_posts(R"([{"id": "1", "text": "", "card": {"url": "https://e.example"}}])")));
  // Adjacent spans do not overlap; a span may end at the end of the text.
  CHECK(
      read(with_spans("abcdef",
                      R"([{"start": 3, "end": 6, "kind": "link"}, {"start": 0, "end": 3, "kind": "link"}])"))
          .posts[0]
          .spans[0]
          .start == 0);
}

TEST_CASE("bad documents are refused with one line naming the input and the JSON path") {
  struct Case {
    std::string json, message;
  };
  const Case cases[] = {
      // Not JSON, not UTF-8, not an object.
      {"{\"format\": \"threadpdf-thread/1\",\n  \"source\": tru,\n}",
       "thread.json: invalid JSON at line 2, column 16: syntax error while parsing value - invalid literal"},
      {"{\n\"title\": \"Κόλλα\" x}",
       "thread.json: invalid JSON at line 2, column 18: syntax error while parsing object - invalid literal; "
       "expected '}'"},
      {"{\"text\": \"a\tb\"}",
       "thread.json: invalid JSON at line 1, column 12: syntax error while parsing value - invalid string: "
       "control character U+0009 (HT) must be escaped to \\u0009 or \\t"},
      {"{\"format\": ",
       "thread.json: invalid JSON at line 1, column 12: syntax error while parsing value - "
       "unexpected end of input; expected '[', '{', or a literal"},
      {"{\"a\": \"caf\xC3\"}", "thread.json: invalid UTF-8 at byte 10"},
      {"\xEF\xBB\xBF{\"a\": \"\xFF\"}", "thread.json: invalid UTF-8 at byte 10"},
      {"[]", "thread.json: expected an object, got an array"},
      // The document.
      {"{}", "thread.json: missing required field \"format\""},
      {R"({"format": "threadpdf-thread/2"})",
       "thread.json: format: must be \"threadpdf-thread/1\", got \"threadpdf-thread/2\""},
      {R"({"format": 1})", "thread.json: format: must be \"threadpdf-thread/1\", got 1"},
      {R"({"format": "threadpdf-thread/1"})", "thread.json: missing required field \"source\""},
      {R"({"format": "threadpdf-thread/1", "source": {"platform": "x"}, "title": 7})",
       "thread.json: title: expected a string, got 7"},
      {R"({"format": "threadpdf-thread/1", "source": {"platform": "x"}, "author": "me"})",
       "thread.json: author: expected an object, got \"me\""},
      {R"({"format": "threadpdf-thread/1", "source": {"platform": "x"}, "author": {"name": "A", "handle": "@a"}})",
       "thread.json: missing required field \"posts\""},
      {with_posts("[]"), "thread.json: posts: at least one post is required"},
      {with_posts("{}"), "thread.json: posts: expected an array, got an object"},
      // Source and author.
      {with_source("[]"), "thread.json: source: expected an object, got an array"},
      {with_source("{}"), "thread.json: source: missing required field \"platform\""},
      {with_source(R"({"platform": "myspace"})"),
       "thread.json: source.platform: expected one of bluesky, mastodon, x, threadreader, x-archive, text, "
       "json, "
       "got \"myspace\""},
      {with_source(R"({"platform": "X"})"),
       "thread.json: source.platform: expected one of bluesky, mastodon, x, threadreader, x-archive, text, "
       "json, "
       "got \"X\""},
      {with_source(R"({"platform": "x", "url": "x.com/a/status/1"})"),
       "thread.json: source.url: expected an absolute http or https URL, got \"x.com/a/status/1\""},
      {with_source(R"({"platform": "x", "url": "ftp://x.example/1"})"),
       "thread.json: source.url: expected an absolute http or https URL, got \"ftp://x.example/1\""},
      {with_source(R"({"platform": "x", "url": "https:///path"})"),
       "thread.json: source.url: expected an absolute http or https URL, got \"https:///path\""},
      {with_source(R"({"platform": "x", "url": "https://x.example/a b"})"),
       "thread.json: source.url: expected an absolute http or https URL, got \"https://x.example/a b\""},
      {with_source(R"({"platform": "x", "captured_at": "yesterday"})"),
       "thread.json: source.captured_at: expected an RFC 3339 date-time, got \"yesterday\""},
      {with_source(R"({"platform": "x", "captured_at": "2026-11-24"})"),
       "thread.json: source.captured_at: expected an RFC 3339 date-time, got \"2026-11-24\""},
      {R"({"format": "threadpdf-thread/1", "source": {"platform": "x"}, "author": {"name": "A"}})",
       "thread.json: author: missing required field \"handle\""},
      {R"({"format": "threadpdf-thread/1", "source": {"platform": "x"}, "author": {"name": null, "handle": "@a"}})",
       "thread.json: author.name: expected a string, got null"},
      // Posts.
      {with_posts(R"([{"id": "1", "text": "a"}, "two"])"),
       "thread.json: posts[1]: expected an object, got \"two\""},
      {with_posts(R"([{"id": "1"}])"), "thread.json: posts[0]: missing required field \"text\""},
      {with_posts(R"([{"text": "a"}])"), "thread.json: posts[0]: missing required field \"id\""},
      {with_posts(R"([{"id": 7, "text": "a"}])"), "thread.json: posts[0].id: expected a string, got 7"},
      {with_posts(R"([{"id": "1", "text": 42}])"), "thread.json: posts[0].text: expected a string, got 42"},
      {with_posts(R"([{"id": "1", "text": ["a"]}])"),
       "thread.json: posts[0].text: expected a string, got an array"},
      {with_posts(R"([{"id": "1", "text": ""}])"),
       "thread.json: posts[0].text: must not be empty in a post without media, quote, card or poll"},
      {with_posts(R"([{"id": "7", "text": "a"}, {"id": "7", "text": "b"}])"),
       "thread.json: posts[1].id: duplicate post id \"7\""},
      {with_posts(R"([{"id": "1", "text": "a", "quote": {"id": "1", "text": "q"}}])"),
       "thread.json: posts[0].quote.id: duplicate post id \"1\""},
      {with_posts(R"([{"id": "1", "text": "a", "created_at": "2026-13-01T00:00:00Z"}])"),
       "thread.json: posts[0].created_at: expected an RFC 3339 date-time, got \"2026-13-01T00:00:00Z\""},
      {with_posts(R"([{"id": "1", "text": "a", "created_at": "2025-02-31T10:00:00Z"}])"),
       "thread.json: posts[0].created_at: expected an RFC 3339 date-time, got \"2025-02-31T10:00:00Z\""},
      {with_posts(R"([{"id": "1", "text": "a", "author": {"handle": "@b"}}])"),
       "thread.json: posts[0].author: missing required field \"name\""},
      {with_posts(R"([{"id": "1", "text": "a", "deleted": "yes"}])"),
       "thread.json: posts[0].deleted: expected true or false, got \"yes\""},
      {with_posts(R"([{"id": "1", "text": "a", "spans": null}])"),
       "thread.json: posts[0].spans: expected an array, got null"},
      {with_posts(
           R"([{"id": "1", "text": "a", "quote": {"id": "2", "text": "q", "quote": {"id": "3", "text": "r"}}}])"),
       "thread.json: posts[0].quote.quote: must not quote again (quotes have depth 1)"},
      {with_posts(R"([{"id": "1", "text": "a", "quote": {"id": "2"}}])"),
       "thread.json: posts[0].quote: missing required field \"text\""},
      {with_posts(R"([{"id": "1", "text": "a", "card": {"title": "T"}}])"),
       "thread.json: posts[0].card: missing required field \"url\""},
      // Spans.
      {with_spans("Ελληνικά 🧵 #tag", R"([{"start": 11, "end": 40, "kind": "hashtag"}])"),
       "thread.json: posts[0].spans[0].end: span end 40 is past the end of the text (15 code points)"},
      {with_spans("abcdefghijklmnop",
                  R"([{"start": 3, "end": 9, "kind": "link"}, {"start": 5, "end": 12, "kind": "link"}])"),
       "thread.json: posts[0].spans[1]: spans overlap: [3,9) and [5,12)"},
      {with_spans("abcdefghijklmnop",
                  R"([{"start": 5, "end": 12, "kind": "link"}, {"start": 3, "end": 9, "kind": "link"}])"),
       "thread.json: posts[0].spans[0]: spans overlap: [3,9) and [5,12)"},
      {with_spans("abcdef", R"([{"start": 4, "end": 4, "kind": "link"}])"),
       "thread.json: posts[0].spans[0]: span start 4 must be before its end 4"},
      {with_spans("abcdef", R"([{"start": -1, "end": 4, "kind": "link"}])"),
       "thread.json: posts[0].spans[0].start: expected a whole number >= 0, got -1"},
      {with_spans("abcdef", R"([{"start": 0, "end": "4", "kind": "link"}])"),
       "thread.json: posts[0].spans[0].end: expected a whole number >= 0, got \"4\""},
      {with_spans("abcdef", R"([{"start": 0, "end": 4}])"),
       "thread.json: posts[0].spans[0]: missing required field \"kind\""},
      {with_spans("abcdef", R"([{"start": 0, "end": 4, "kind": "url"}])"),
       "thread.json: posts[0].spans[0].kind: expected one of link, mention, hashtag, got \"url\""},
      {with_spans("abcdef", R"([{"start": 0, "end": 4, "kind": "link", "href": false}])"),
       "thread.json: posts[0].spans[0].href: expected a string, got false"},
      // Media.
      {with_media(R"({"kind": "image", "src": "a.png", "width": "wide"})"),
       "thread.json: posts[1].media[0].width: expected a whole number >= 1, got \"wide\""},
      {with_media(R"({"kind": "image", "src": "a.png", "width": -3})"),
       "thread.json: posts[1].media[0].width: expected a whole number >= 1, got -3"},
      {with_media(R"({"kind": "image", "src": "a.png", "width": 0})"),
       "thread.json: posts[1].media[0].width: expected a whole number >= 1, got 0"},
      {with_media(R"({"kind": "image", "src": "a.png", "height": 2.5})"),
       "thread.json: posts[1].media[0].height: expected a whole number >= 1, got 2.5"},
      {with_media(R"({"kind": "image", "src": "a.png", "height": 3000000000})"),
       "thread.json: posts[1].media[0].height: expected a whole number <= 2147483647, got 3000000000"},
      {with_media(R"({"kind": "image", "src": "a.png"}, {"kind": "photo", "src": "b.png"})"),
       "thread.json: posts[1].media[1].kind: expected one of image, video, gif, audio, other, got \"photo\""},
      {with_media(R"({"kind": "image"})"), "thread.json: posts[1].media[0]: missing required field \"src\""},
      {with_media(R"({"kind": "image", "src": ""})"),
       "thread.json: posts[1].media[0].src: expected a path or an http or https URL, got \"\""},
      {with_media(R"({"kind": "image", "src": "a.png", "alt": 1})"),
       "thread.json: posts[1].media[0].alt: expected a string, got 1"},
      {with_media(R"({"kind": "video", "src": null})"),
       "thread.json: posts[1].media[0].src: expected a string, got null"},
      {with_media(R"({"kind": "audio", "src": ""})"),
       "thread.json: posts[1].media[0].src: expected a path or an http or https URL, got \"\""},
      // The revision's fields.
      {with_posts(R"([{"id": "1", "text": "a", "unavailable": "gone"}])"),
       "thread.json: posts[0].unavailable: expected one of deleted, revoked, blocked, detached, pending, "
       "private, "
       "not-found, got \"gone\""},
      {with_posts(R"([{"id": "1", "text": "a", "lang": "en_GB"}])"),
       "thread.json: posts[0].lang: expected a BCP 47 language tag, got \"en_GB\""},
      {with_posts(R"([{"id": "1", "text": "a", "lang": "419"}])"),
       "thread.json: posts[0].lang: expected a BCP 47 language tag, got \"419\""},
      {with_posts(R"([{"id": "1", "text": "a", "lang": "en-"}])"),
       "thread.json: posts[0].lang: expected a BCP 47 language tag, got \"en-\""},
      {with_posts(R"([{"id": "1", "text": "a", "content_warning": ["x"]}])"),
       "thread.json: posts[0].content_warning: expected a string, got an array"},
      {with_posts(R"([{"id": "1", "text": "a", "emoji": [{"shortcode": "blob:cat", "src": "b.png"}]}])"),
       "thread.json: posts[0].emoji[0].shortcode: expected a name without colons or spaces, got "
       "\"blob:cat\""},
      {with_posts(R"([{"id": "1", "text": "a", "emoji": [{"shortcode": "blobcat"}]}])"),
       "thread.json: posts[0].emoji[0]: missing required field \"src\""},
      {with_posts(R"([{"id": "1", "text": "a", "author": {"name": "B", "handle": "@b", "emoji": {}}}])"),
       "thread.json: posts[0].author.emoji: expected an array, got an object"},
      {with_posts(R"([{"id": "1", "text": "a", "poll": {"options": []}}])"),
       "thread.json: posts[0].poll.options: at least one option is required"},
      {with_posts(R"([{"id": "1", "text": "a", "poll": {"options": [{"title": "x", "votes": -1}]}}])"),
       "thread.json: posts[0].poll.options[0].votes: expected a whole number >= 0, got -1"},
      {with_posts(R"([{"id": "1", "text": "a", "poll": {"options": [{"votes": 1}]}}])"),
       "thread.json: posts[0].poll.options[0]: missing required field \"title\""},
      {with_posts(R"([{"id": "1", "text": "a", "poll": {"options": [{"title": "x"}], "closed": 1}}])"),
       "thread.json: posts[0].poll.closed: expected true or false, got 1"},
      {with_posts(
           R"([{"id": "1", "text": "a", "poll": {"options": [{"title": "x"}], "closes_at": "2025-02-31T10:00:00Z"}}])"),
       "thread.json: posts[0].poll.closes_at: expected an RFC 3339 date-time, got \"2025-02-31T10:00:00Z\""},
      {with_posts(R"([{"id": "1", "text": "a", "edited_at": "soon"}])"),
       "thread.json: posts[0].edited_at: expected an RFC 3339 date-time, got \"soon\""},
      {with_posts(R"([{"id": "1", "text": "a", "truncated": "yes"}])"),
       "thread.json: posts[0].truncated: expected true or false, got \"yes\""},
      {with_posts(R"([{"id": "1", "text": "a", "counts": {"likes": 2.5}}])"),
       "thread.json: posts[0].counts.likes: expected a whole number >= 0, got 2.5"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.json);
    CHECK(error(c.json) == c.message);
  }
}

TEST_CASE("errors carry the Input code and name the input given") {
  try {
    parse::read_thread_json("{}", "in/put.json");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Input);
    CHECK(e.where() == "in/put.json");
    CHECK(e.message() == "missing required field \"format\"");
  }
  // Long strings are shortened in messages.
  CHECK(error(with_source(R"({"platform": ")" + std::string(100, 'z') + "\"}")) ==
        "thread.json: source.platform: expected one of bluesky, mastodon, x, threadreader, x-archive, text, "
        "json, "
        "got \"" +
            std::string(60, 'z') + "…\"");
}

TEST_CASE("write then read gives the same thread, and writing is stable") {
  for (const char* name : {"example.json", "full.json", "revision.json"}) {
    CAPTURE(name);
    model::Thread t = parse::read_thread_json(test::read_data(name), name);
    std::string written = parse::write_thread_json(t);
    model::Thread again = parse::read_thread_json(written, "written.json");
    CHECK(model::dump(again) == model::dump(t));
    CHECK(parse::write_thread_json(again) == written);
  }
}

TEST_CASE("the writer's layout") {
  model::Thread t;
  t.source.platform = model::Platform::Text;
  t.author.name = "Zoë";
  t.author.handle = "@zoe";
  model::Post p;
  p.id = "1";
  p.text = "Ünïcödé \"quoted\"\n\nline";
  t.posts.push_back(p);
  CHECK(parse::write_thread_json(t) == R"({
  "format": "threadpdf-thread/1",
  "source": {
    "platform": "text",
    "url": null,
    "captured_at": null
  },
  "title": null,
  "author": {
    "name": "Zoë",
    "handle": "@zoe",
    "avatar": null,
    "url": null
  },
  "posts": [
    {
      "id": "1",
      "text": "Ünïcödé \"quoted\"\n\nline"
    }
  ]
}
)");
}

TEST_CASE("sniff and read_any") {
  CHECK(parse::sniff("{}") == parse::Format::ThreadJson);
  CHECK(parse::sniff("\xEF\xBB\xBF \r\n\t{") == parse::Format::ThreadJson);
  CHECK(parse::sniff("Thread Reader\n{") == parse::Format::UnrollText);
  CHECK(parse::sniff("") == parse::Format::UnrollText);
  CHECK(parse::sniff("[1]") == parse::Format::UnrollText);
  CHECK(parse::read_any(test::read_data("example.json"), "e.json").source.platform == model::Platform::Json);
  CHECK(parse::read_any("one post\n\u2022 \u2022 \u2022\n", "t.txt").source.platform ==
        model::Platform::Text);
  CHECK(error_of([] { parse::read_any("one post\n", "t.txt"); }).rfind("t.txt: not a thread: ", 0) == 0);
  CHECK(error_of([] { parse::read_any("post \xE2\x82 one", "t.txt"); }) == "t.txt: invalid UTF-8 at byte 5");
  CHECK(error_of([] { parse::read_any("{\"\xC0\xAF\"}", "t.json"); }) == "t.json: invalid UTF-8 at byte 2");
}

TEST_CASE("the notice extension round-trips, and documents without it read as before") {
  const std::string doc = R"({"format": "threadpdf-thread/1", "source": {"platform": "x"},
    "notice": "this thread ends at the post that was given",
    "author": {"name": "A", "handle": "@a"}, "posts": [{"id": "1", "text": "hi"}]})";
  tp::model::Thread t = tp::parse::read_thread_json(doc, "t.json");
  REQUIRE(t.notice);
  CHECK(*t.notice == "this thread ends at the post that was given");
  tp::model::Thread again = tp::parse::read_thread_json(tp::parse::write_thread_json(t), "again.json");
  CHECK(again.notice == t.notice);
  t.notice.reset();
  CHECK(tp::parse::write_thread_json(t).find("notice") == std::string::npos);
}

TEST_CASE("the revision's fields are read as written") {
  const model::Thread t = parse::read_thread_json(test::read_data("revision.json"), "revision.json");
  REQUIRE(t.author.emoji.size() == 1);
  CHECK(t.author.emoji[0].shortcode == "fern");
  const model::Post& p1 = t.posts[0];
  CHECK(p1.lang == "de");
  CHECK(p1.content_warning == "Spinnen");
  CHECK(p1.edited_at == "2025-03-30T08:20:00.000Z");
  REQUIRE(p1.counts);
  CHECK(p1.counts->likes == 31);
  CHECK_FALSE(p1.counts->quotes);
  const model::Poll& poll = *t.posts[1].poll;
  CHECK(poll.options.size() == 3);
  CHECK(poll.options[1].votes == 30);
  CHECK_FALSE(poll.options[2].votes);
  CHECK(poll.multiple);
  CHECK(poll.voters == 38);
  CHECK(poll.closed);
  const model::Post& p3 = t.posts[2];
  CHECK(p3.truncated);
  CHECK(p3.media[0].kind == model::MediaKind::Audio);
  CHECK(p3.media[0].src.empty());
  CHECK(p3.media[1].kind == model::MediaKind::Other);
  CHECK(p3.quoted()->unavailable == model::Unavailable::Revoked);
  CHECK(t.posts[3].unavailable == model::Unavailable::Deleted);
  // A reason by name is more precise than "deleted": true beside it.
  CHECK(t.posts[4].unavailable == model::Unavailable::Private);
  // The writer names reasons other than "deleted", which older readers know as a flag.
  const std::string written = parse::write_thread_json(t);
  CHECK(written.find("\"unavailable\": \"revoked\"") != std::string::npos);
  CHECK(written.find("\"unavailable\": \"deleted\"") == std::string::npos);
}

TEST_CASE("a file of URLs is a batch list, not an unroll page; read_as forces a reader") {
  const std::string list =
      "# saved\nhttps://bsky.app/profile/a.example/post/3k1\n\n  https://social.example/@b/1  \n";
  CHECK(error_of([&] { parse::read_any(list, "urls.txt"); }) ==
        "urls.txt: this looks like a list of URLs: use --batch FILE");
  try {
    parse::read_any(list, "urls.txt");
  } catch (const Error& e) {
    CHECK(e.exit_status() == 2);
  }
  // Words beside the links: no list of URLs, and without a page's marks no thread either (exit 1).
  CHECK(error_of([] {
          parse::read_any("https://example.org is where it started\n", "t.txt");
        }).rfind("t.txt: not a thread: ", 0) == 0);
  CHECK_NOTHROW(parse::read_any("https://example.org is where it started\n\u2022 \u2022 \u2022\n", "t.txt"));
  CHECK(parse::read_as(parse::Format::UnrollText, list, "urls.txt").posts.size() >= 1);
  CHECK(error_of([] {
          parse::read_as(parse::Format::ThreadJson, "one post\n", "t.txt");
        }).rfind("t.txt: invalid JSON", 0) == 0);
}

TEST_CASE("an unroll page's copy is known by its author block, its end line or its chrome") {
  const std::string posts = "Nachtzüge, ein Faden\nDer Schlafwagen fährt um 22:10.\n";
  CHECK_FALSE(parse::looks_like_unroll_text(posts));
  CHECK_FALSE(parse::looks_like_unroll_text(""));
  CHECK_FALSE(parse::looks_like_unroll_text("Subscribe to my newsletter\nplease\n"));
  CHECK(parse::looks_like_unroll_text(posts + "\u2022 \u2022 \u2022\n"));
  CHECK(parse::looks_like_unroll_text(posts + "  \u2022\u2022\u2022  \nKeep Current with Rail\n"));
  CHECK(parse::looks_like_unroll_text(posts +
                                      "Missing some Tweet in this thread? You can try to force a refresh\n"));
  CHECK(parse::looks_like_unroll_text(posts + "Keep Current with Rail Notes\n"));
  CHECK(parse::looks_like_unroll_text(posts + "More from @rail_notes\n"));
  CHECK_FALSE(parse::looks_like_unroll_text(posts + "More from @ the station\n"));
  CHECK(parse::looks_like_unroll_text("Thread Reader\n" + posts));
  CHECK(parse::looks_like_unroll_text("Rail Notes\nSubscribe\n@rail_notes\n" + posts));
  CHECK(parse::looks_like_unroll_text("Jun 22 \u2022\n2 tweets \u2022 1 min read \u2022\n" + posts));
  CHECK(parse::looks_like_unroll_text(test::read_data("unroll_full.txt")));
  CHECK_FALSE(parse::looks_like_unroll_text(test::read_data("unroll_plain.txt")));
}

#include "source/url.h"

#include <doctest/doctest.h>

#include "core/error.h"
#include "source/url_parts.h"

using tp::model::Platform;
using tp::source::parse_source_url;
using tp::source::SourceRef;

namespace {

// One line per recognised URL, so a failure shows every field at once.
std::string show(const std::string& url) {
  auto ref = parse_source_url(url);
  if (!ref) return "none";
  return std::string(tp::model::platform_name(ref->platform)) + " base=" + ref->base + " user=" + ref->user +
         " id=" + ref->post_id + " at=" + ref->at_uri;
}

}  // namespace

TEST_CASE("Bluesky URLs") {
  CHECK(show("https://bsky.app/profile/alice.bsky.social/post/3ljucfs2s24d2") ==
        "bluesky base= user=alice.bsky.social id=3ljucfs2s24d2 "
        "at=at://alice.bsky.social/app.bsky.feed.post/3ljucfs2s24d2");
  CHECK(show("https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3ljucfs2s24d2") ==
        "bluesky base= user=did:plc:ewvi7nxzyoun6zhxrhs64oiz id=3ljucfs2s24d2 "
        "at=at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3ljucfs2s24d2");
  // Handles are case-insensitive (lower-cased); query, fragment, trailing slash and spaces ignored.
  CHECK(show("  HTTPS://BSKY.APP/profile/Alice.Example.COM/post/3ljucfs2s24d2/?ref_src=x#top \n") ==
        "bluesky base= user=alice.example.com id=3ljucfs2s24d2 "
        "at=at://alice.example.com/app.bsky.feed.post/3ljucfs2s24d2");
  CHECK(show("at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3ljucfs2s24d2") ==
        "bluesky base= user=did:plc:ewvi7nxzyoun6zhxrhs64oiz id=3ljucfs2s24d2 "
        "at=at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3ljucfs2s24d2");
  CHECK(show("at://alice.bsky.social/app.bsky.feed.post/3ljucfs2s24d2") ==
        "bluesky base= user=alice.bsky.social id=3ljucfs2s24d2 "
        "at=at://alice.bsky.social/app.bsky.feed.post/3ljucfs2s24d2");
  CHECK(show("at://did:web:example.com/app.bsky.feed.post/3ljucfs2s24d2").starts_with("bluesky "));

  CHECK(show("https://bsky.app/profile/alice.bsky.social") == "none");
  CHECK(show("https://bsky.app/profile/alice.bsky.social/post") == "none");
  CHECK(show("https://bsky.app/profile/alice.bsky.social/feed/3ljucfs2s24d2") == "none");
  CHECK(show("https://bsky.app/profile/alice/post/3ljucfs2s24d2") == "none");  // not a DNS name
  CHECK(show("https://bsky.app/profile/alice.bsky.social/post/3lju/extra") == "none");
  CHECK(show("https://bsky.app/profile/alice.bsky.social/post/3ljucfs2s24d2/liked-by") ==
        "bluesky base= user=alice.bsky.social id=3ljucfs2s24d2 "
        "at=at://alice.bsky.social/app.bsky.feed.post/3ljucfs2s24d2");
  CHECK(show("https://bsky.app/profile/alice.bsky.social/post/3ljucfs2s24d2/quotes").starts_with("bluesky "));
  CHECK(show("at://did:plc:abc/app.bsky.feed.like/3ljucfs2s24d2") == "none");
  CHECK(show("at://did:plc:abc/app.bsky.feed.post") == "none");
  CHECK(show("at://did:/app.bsky.feed.post/3ljucfs2s24d2") == "none");
}

TEST_CASE("Mastodon URLs on any host") {
  CHECK(show("https://mastodon.social/@Gargron/103270115826048975") ==
        "mastodon base=https://mastodon.social user=Gargron id=103270115826048975 at=");
  CHECK(show("https://mastodon.social/@someone@other.example/114275000000000001") ==
        "mastodon base=https://mastodon.social user=someone@other.example id=114275000000000001 at=");
  CHECK(show("https://mastodon.social/users/Gargron/statuses/103270115826048975") ==
        "mastodon base=https://mastodon.social user=Gargron id=103270115826048975 at=");
  CHECK(show("http://127.0.0.1:8080/@alice/42") ==
        "mastodon base=http://127.0.0.1:8080 user=alice id=42 at=");
  CHECK(show("https://Social.Example:443/@alice/42/?x=1") ==
        "mastodon base=https://social.example user=alice id=42 at=");
  CHECK(show("https://social.example/users/alice/statuses/AbC-123") ==
        "mastodon base=https://social.example user=alice id=AbC-123 at=");

  CHECK(show("https://mastodon.social/@Gargron") == "none");
  CHECK(show("https://mastodon.social/@Gargron/media") == "none");
  CHECK(show("https://mastodon.social/@/123") == "none");
  CHECK(show("https://mastodon.social/users/Gargron/123") == "none");
  CHECK(show("https://mastodon.social/web/statuses/123") == "none");
  CHECK(show("https://user:pw@mastodon.social/@Gargron/123") == "none");
  CHECK(show("https://mastodon.social:99999x/@Gargron/123") == "none");
  CHECK(show("ftp://mastodon.social/@Gargron/123") == "none");
}

TEST_CASE("X URLs") {
  const std::string jack = "x base= user=jack id=20 at=";
  CHECK(show("https://x.com/jack/status/20") == jack);
  CHECK(show("https://twitter.com/jack/status/20") == jack);
  CHECK(show("https://www.twitter.com/jack/status/20") == jack);
  CHECK(show("https://mobile.twitter.com/jack/status/20") == jack);
  CHECK(show("https://m.twitter.com/jack/status/20") == jack);
  CHECK(show("https://www.x.com/jack/status/20") == jack);
  CHECK(show("http://x.com/jack/status/20") == jack);
  CHECK(show("https://x.com/jack/status/20?s=20&t=abc") == jack);
  CHECK(show("https://x.com/jack/status/20/photo/1") == jack);
  CHECK(show("https://x.com/jack/status/20/video/2/") == jack);
  CHECK(show("https://x.com/jack/statuses/20") == jack);
  CHECK(show("https://x.com/i/status/1874097816571961839") == "x base= user= id=1874097816571961839 at=");
  CHECK(show("https://x.com/i/web/status/1874097816571961839") == "x base= user= id=1874097816571961839 at=");

  CHECK(show("https://x.com/jack") == "none");
  CHECK(show("https://x.com/jack/status/") == "none");
  CHECK(show("https://x.com/jack/status/12ab") == "none");
  CHECK(show("https://x.com/jack/likes/20") == "none");
  CHECK(show("https://x.com/ja-ck/status/20") == "none");
  CHECK(show("https://x.com/i/web/20") == "none");
  CHECK(show("https://x.com/jack/status/123456789012345678901") == "none");  // longer than 64 bits allow
  CHECK(show("https://notx.com/jack/status/20") == "none");  // a Mastodon-style host, but no Mastodon path
}

TEST_CASE("Thread Reader App URLs") {
  const std::string t = "threadreader base= user= id=1874097816571961839 at=";
  CHECK(show("https://threadreaderapp.com/thread/1874097816571961839.html") == t);
  CHECK(show("https://threadreaderapp.com/thread/1874097816571961839") == t);
  CHECK(show("https://threadreaderapp.com/thread/1874097816571961839.html?utm_campaign=topunroll") == t);
  CHECK(show("https://www.threadreaderapp.com/thread/1874097816571961839.html") == t);
  CHECK(show("https://threadreaderapp.com/scrolly/1874097816571961839") == t);

  CHECK(show("https://threadreaderapp.com/user/jack") == "none");
  CHECK(show("https://threadreaderapp.com/thread/abc.html") == "none");
  CHECK(show("https://threadreaderapp.com/thread/1874097816571961839.txt") == "none");
}

TEST_CASE("Not URLs at all") {
  CHECK(show("") == "none");
  CHECK(show("thread.json") == "none");
  CHECK(show("https://") == "none");
  CHECK(show("https:///@alice/1") == "none");
  CHECK(show("https://exa mple.com/@alice/1") == "none");
}

TEST_CASE("unsupported_message is one line naming the URL and the forms") {
  std::string m = tp::source::unsupported_message("https://example.com/some\npage");
  CHECK(m.find('\n') == std::string::npos);
  CHECK(m.starts_with("https://example.com/some page: "));
  CHECK(m.find("bsky.app/profile/") != std::string::npos);
  CHECK(m.find("at://") != std::string::npos);
  CHECK(m.find("/@<user>/<id>") != std::string::npos);
  CHECK(m.find("x.com/<user>/status/<id>") != std::string::npos);
  CHECK(m.find("threadreaderapp.com/thread/") != std::string::npos);
}

TEST_CASE("X syndication token: the published test vectors") {
  using tp::source::x_syndication_token;
  CHECK(x_syndication_token("1874097816571961839") == "4jjngwkifa");
  CHECK(x_syndication_token("1674700676612386816") == "42586mwa3uv");
  CHECK(x_syndication_token("1877747914073620506") == "4jv4aahw36n");
  CHECK(x_syndication_token("1876710769913450647") == "4jruzjz5lux");
  CHECK(x_syndication_token("1346554693649113090") == "39ibqxei7mo");
  CHECK_THROWS_AS(x_syndication_token("12a"), tp::Error);
  CHECK_THROWS_AS(x_syndication_token(""), tp::Error);
}

TEST_CASE("a URL pasted without a scheme is https; file paths stay paths") {
  using tp::source::with_default_scheme;
  CHECK(with_default_scheme("bsky.app/profile/alice.example/post/3kabc") ==
        "https://bsky.app/profile/alice.example/post/3kabc");
  CHECK(with_default_scheme("mastodon.example/@ada/1234") == "https://mastodon.example/@ada/1234");
  CHECK(with_default_scheme("www.x.com/ada/status/1") == "https://www.x.com/ada/status/1");
  CHECK(with_default_scheme("http://mastodon.example/@ada/1") == "http://mastodon.example/@ada/1");
  CHECK(with_default_scheme("threads/a.json") == "threads/a.json");
  CHECK(with_default_scheme("./thread.json") == "./thread.json");
  CHECK(with_default_scheme("thread.json") == "thread.json");
  CHECK(with_default_scheme("backup.2024/thread.json") == "backup.2024/thread.json");
  CHECK(with_default_scheme("/home/ada/x.com/a.json") == "/home/ada/x.com/a.json");
  REQUIRE(tp::source::parse_source_url(with_default_scheme("bsky.app/profile/alice.example/post/3kabc")));
}

TEST_CASE("a profile URL is told apart from an unknown URL") {
  const std::string profile = ": this is a profile, not a post: paste the URL of a post of the thread";
  CHECK(tp::source::unsupported_message("https://bsky.app/profile/alice.example") ==
        "https://bsky.app/profile/alice.example" + profile);
  CHECK(tp::source::unsupported_message("bsky.app/profile/alice.example/") ==
        "bsky.app/profile/alice.example/" + profile);
  CHECK(tp::source::unsupported_message("https://mastodon.example/@ada") ==
        "https://mastodon.example/@ada" + profile);
  CHECK(tp::source::unsupported_message("https://x.com/ada") == "https://x.com/ada" + profile);
  CHECK(tp::source::unsupported_message("https://example.com/about").find("not a thread URL") !=
        std::string::npos);
}

TEST_CASE("hosts as libcurl reads them: IPv6 literals, internationalised names, one key per site") {
  auto v6 = tp::source::parse_source_url("http://[::1]:8080/@ana/113000000000000001");
  REQUIRE(v6);
  CHECK(v6->platform == tp::model::Platform::Mastodon);
  CHECK(v6->base == "http://[::1]:8080");
  // An internationalised host is recognised and kept as typed (ASCII letters lower-cased).
  auto idn = tp::source::parse_source_url("https://Bücher.example/@ana/42");
  REQUIRE(idn);
  CHECK(idn->platform == tp::model::Platform::Mastodon);
  CHECK(idn->base == "https://bücher.example");
  CHECK_FALSE(tp::source::parse_source_url("https://exa mple.com/@ana/1"));
  CHECK_FALSE(tp::source::parse_source_url("https://user@mastodon.example/@ana/1"));

  using tp::source::host_key;
  CHECK(host_key("HTTPS://Mastodon.Example:443/api/v1/statuses/1") == "https://mastodon.example");
  CHECK(host_key("https://mastodon.example:8443/x?y") == "https://mastodon.example:8443");
  CHECK(host_key("http://[::1]:8080/x") == "http://[::1]:8080");
  CHECK(host_key("https://bücher.example/a") == host_key("https://Bücher.example/b?c"));
  CHECK(host_key("http://127.0.0.1:9/a") != host_key("http://127.0.0.1:10/a"));
}

#include <doctest/doctest.h>

#include "app/output_name.h"
#include "source/url.h"

using namespace tp;

namespace {
std::string key(const std::string& url) {
  auto ref = source::parse_source_url(url);
  REQUIRE_MESSAGE(ref, url);
  return app::thread_key(*ref);
}
std::string name(const std::string& url) { return app::url_output_name(*source::parse_source_url(url)); }
}  // namespace

TEST_CASE("every form of one post's URL is one thread; different posts are not") {
  const std::string x = key("https://x.com/leila_example/status/1790000000000000001");
  CHECK(key("https://twitter.com/leila_example/status/1790000000000000001") == x);
  CHECK(key("https://x.com/Leila_Example/status/1790000000000000001") == x);
  CHECK(key("https://x.com/i/status/1790000000000000001") == x);
  CHECK(key("https://mobile.twitter.com/leila_example/status/1790000000000000001?s=20") == x);
  CHECK(key("https://x.com/leila_example/status/1790000000000000002") != x);

  const std::string m = key("https://social.example/@ana/112000000000000030");
  CHECK(key("https://social.example/users/ana/statuses/112000000000000030") == m);
  CHECK(key("https://Social.Example/@ana@social.example/112000000000000030") == m);
  CHECK(key("https://other.example/@ana/112000000000000030") != m);  // ids are per instance

  CHECK(key("https://bsky.app/profile/Ana.Example.org/post/3kabc") ==
        key("https://bsky.app/profile/ana.example.org/post/3kabc"));
  CHECK(key("https://bsky.app/profile/bo.example.org/post/3kabc") !=
        key("https://bsky.app/profile/ana.example.org/post/3kabc"));
}

TEST_CASE("URL output names: {platform}-{handle}-{post id}.pdf, a Mastodon handle with its instance") {
  CHECK(name("https://x.com/leila_example/status/1790000000000000001") ==
        "x-leila_example-1790000000000000001.pdf");
  CHECK(name("https://social.example/@ana/112000000000000030") ==
        "mastodon-ana_social.example-112000000000000030.pdf");
  CHECK(name("http://127.0.0.1:8080/@ana/112000000000000030") ==
        "mastodon-ana_127.0.0.1-112000000000000030.pdf");
}

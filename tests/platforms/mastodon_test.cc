#include "parse/mastodon.h"

#include <doctest/doctest.h>

#include "parse/mastodon_html.h"
#include "platform_test_util.h"

using namespace tp;
using namespace tp::test;

namespace {

const std::string kUrl = "https://social.example/@ana/112000000000000020";

std::vector<std::string> html_spans(const parse::MastodonText& t) {
  model::Post p;
  p.text = t.text;
  p.spans = t.spans;
  return spans(p);
}

}  // namespace

TEST_CASE("mastodon: the author's chain from a status in the middle") {
  Diagnostics diag;
  model::Thread t = parse::mastodon_thread(read_data("mastodon_status.json"),
                                           read_data("mastodon_context.json"), kUrl, diag);
  CHECK(t.source.platform == model::Platform::Mastodon);
  CHECK(t.author.name == "Ana :sunflower:");  // custom emoji stay as text
  CHECK(t.author.handle == "@ana@social.example");
  CHECK(t.author.avatar == "https://social.example/system/accounts/avatars/ana.png");
  CHECK(t.author.url == "https://social.example/@ana");
  // Bea's reply, her self-reply (promoted between Ana's posts), Ana's answer to Bea and Ana's later
  // second branch are all left out.
  std::vector<std::string> ids;
  for (const auto& p : t.posts) ids.push_back(p.id);
  CHECK(ids == Lines{"112000000000000010", "112000000000000020", "112000000000000030", "112000000000000040"});
  CHECK(diag.warnings().empty());

  const model::Post& p1 = t.posts[0];
  CHECK(p1.url == "https://social.example/@ana/112000000000000010");
  CHECK(p1.created_at == "2024-07-01T09:00:00.000Z");
  CHECK(p1.text == "Ein Faden über Sonnenblumen 🌻 :sunflower:\n\nZweiter Absatz mit #garten & mehr");
  CHECK(spans(p1) == Lines{"hashtag '#garten' -> https://social.example/tags/garten"});
  REQUIRE(p1.media.size() == 2);
  CHECK(p1.media[0].kind == model::MediaKind::Image);
  CHECK(p1.media[0].src == "https://files.social.example/media/field.jpg");
  CHECK(p1.media[0].alt == "Ein Sonnenblumenfeld im Abendlicht");
  CHECK(p1.media[0].width == 1600);
  CHECK(p1.media[0].height == 1200);
  CHECK_FALSE(p1.media[1].alt);  // null description

  const model::Post& p2 = t.posts[1];
  // The content warning is its own field, no longer a "CW:" line in the text.
  CHECK(p2.content_warning == "Insekten 🐝");
  CHECK(p2.text == "Danke @bea für die Anleitung:\nexample.org/guides/sunflowers-…\n\nالنحل يحب عباد الشمس");
  CHECK(spans(p2) == Lines{"mention '@bea' -> https://other.example/@bea",
                           "link 'example.org/guides/sunflowers-…' -> "
                           "https://www.example.org/guides/sunflowers-and-bees-in-summer"});
  REQUIRE(p2.media.size() == 1);
  CHECK(p2.media[0].kind == model::MediaKind::Gif);
  CHECK(p2.media[0].src == "https://files.social.example/media/bees.png");
  CHECK(p2.media[0].url == "https://files.social.example/media/bees.mp4");
  CHECK(p2.media[0].alt == "Bienen landen auf einer Blüte");
  CHECK(p2.media[0].width == 640);
  REQUIRE(p2.card);
  CHECK(p2.card->url == "https://www.example.org/guides/sunflowers-and-bees-in-summer");
  CHECK(p2.card->title == "Sunflowers and bees");
  CHECK(p2.card->description == "A summer guide");
  CHECK(p2.card->image == "https://files.social.example/cache/preview_cards/bees.jpg");

  const model::Post& p3 = t.posts[2];
  CHECK(p3.text == "Genau das <3 — \"tief gießen\" & warten");  // the quote-inline "RE:" paragraph is gone
  CHECK(p3.spans.empty());
  REQUIRE(p3.quoted());
  CHECK(p3.quoted()->id == "555");
  CHECK(p3.quoted()->url == "https://other.example/@bea/555");
  REQUIRE(p3.quoted()->author);
  CHECK(p3.quoted()->author->handle == "@bea@other.example");
  CHECK(p3.quoted()->author->name == "Bea Beispiel");
  CHECK(p3.quoted()->text == "Tipp: tief gießen, nicht täglich 💧");
  REQUIRE(p3.quoted()->media.size() == 1);
  CHECK(p3.quoted()->media[0].alt == "Eine Gießkanne");

  const model::Post& p4 = t.posts[3];
  CHECK(p4.text == "Ergebnis:\n\n• 12 Blüten\n• 3 kg Kerne\n\nNächstes Jahr wieder?");
  REQUIRE(p4.poll);  // the poll is a poll, not lines of text
  REQUIRE(p4.poll->options.size() == 2);
  CHECK(p4.poll->options[0].title == "Ja 🌻");
  CHECK(p4.poll->options[0].votes == 5);
  CHECK(p4.poll->options[1].votes == 1);
  REQUIRE(p4.quoted());
  CHECK(p4.quoted()->unavailable == model::Unavailable::Deleted);  // quote state "deleted"
}

TEST_CASE("mastodon: a deleted parent of the author becomes a numbered gap") {
  const std::string status = R"({"id":"300","created_at":"2024-01-01T00:00:00.000Z","in_reply_to_id":"200",
    "in_reply_to_account_id":"7","content":"<p>third</p>","account":{"id":"7","username":"ana","acct":"ana","display_name":""}})";
  const std::string context = R"({"ancestors":[],"descendants":[
    {"id":"1000","in_reply_to_id":"300","in_reply_to_account_id":"7","content":"<p>later</p>","account":{"id":"7"}},
    {"id":"999","in_reply_to_id":"300","in_reply_to_account_id":"7","content":"<p>fourth</p>","account":{"id":"7"}}]})";
  Diagnostics diag;
  model::Thread t = parse::mastodon_thread(status, context, "http://127.0.0.1:8080/@ana/300", diag);
  CHECK(texts(t) == Lines{"<deleted 200>", "third", "fourth"});  // 999 < 1000 as numbers
  CHECK(t.author.name == "ana");
  CHECK(t.author.handle == "@ana@127.0.0.1");
  CHECK(warnings(diag) ==
        Lines{"http://127.0.0.1:8080/@ana/300: the thread continues a deleted or hidden post (200); "
              "the posts above it could not be reached"});
}

TEST_CASE("mastodon: a status with only an attachment reads back, shown or not") {
  auto status = [](const std::string& attachment) {
    return R"({"id":"300","content":"","account":{"id":"7","username":"ana"},"media_attachments":[)" +
           attachment + "]}";
  };
  const std::string context = R"({"ancestors":[],"descendants":[]})";
  // An image or an audio file without text: the format allows empty text when the post has media.
  for (const std::string& a :
       {std::string(R"({"type":"image","url":"https://files.social.example/a.png"})"),
        std::string(R"({"type":"audio","url":"https://files.social.example/a.mp3"})")}) {
    Diagnostics d;
    model::Thread t = parse::mastodon_thread(status(a), context, kUrl, d);
    REQUIRE(t.posts.size() == 1);
    CHECK(t.posts[0].text == "");
    CHECK(t.posts[0].media.size() == 1);
    CHECK(read_back_error(t) == "no error");
  }
  // An attachment with nothing to show (no link, no description) leaves nothing: the post says so
  // instead of being blank, which the thread JSON reader would refuse ("posts[0].text: must not be
  // empty ...").
  Diagnostics d;
  model::Thread t = parse::mastodon_thread(status(R"({"type":"unknown"})"), context, kUrl, d);
  REQUIRE(t.posts.size() == 1);
  CHECK(t.posts[0].text == "[This post's attachment cannot be shown.]");
  CHECK(t.posts[0].media.empty());
  CHECK(warnings(d).size() == 1);
  CHECK(read_back_error(t) == "no error");
}

TEST_CASE("mastodon: a chain over several contexts, and when to ask for another") {
  // Ana's chain 1 -> 2 -> 3 -> 4; the first context (of 1) stops at 2, the second (of 2) goes on.
  auto status = [](int id, int parent, int replies) {
    std::string s = R"({"id":")" + std::to_string(id) +
                    R"(","account":{"id":"7","username":"ana"},"content":"<p>Teil )" + std::to_string(id) +
                    R"(</p>","replies_count":)" + std::to_string(replies);
    if (parent) s += R"(,"in_reply_to_id":")" + std::to_string(parent) + R"(","in_reply_to_account_id":"7")";
    return s + "}";
  };
  const std::string first = status(1, 0, 1);
  const std::string ctx1 = R"({"ancestors":[],"descendants":[)" + status(2, 1, 1) + "]}";
  const std::string ctx2 =
      R"({"ancestors":[)" + first + R"(],"descendants":[)" + status(3, 2, 1) + "," + status(4, 3, 0) + "]}";
  auto one = parse::mastodon_chain_info(first, {ctx1}, kUrl);
  CHECK(one.last_id == "2");
  CHECK(one.more_below);
  auto both = parse::mastodon_chain_info(first, {ctx1, ctx2}, kUrl);
  CHECK(both.last_id == "4");
  CHECK_FALSE(both.more_below);
  Diagnostics diag;
  CHECK(texts(parse::mastodon_thread(first, std::vector<std::string>{ctx1, ctx2}, kUrl, diag)) ==
        Lines{"Teil 1", "Teil 2", "Teil 3", "Teil 4"});
  // A reply by someone else counts as a reply seen: 1 reply counted, 1 present, nothing more.
  const std::string other =
      R"({"id":"9","account":{"id":"8","username":"bea"},"content":"<p>hi</p>","in_reply_to_id":"2"})";
  CHECK_FALSE(parse::mastodon_chain_info(
                  first, {R"({"ancestors":[],"descendants":[)" + status(2, 1, 1) + "," + other + "]}"}, kUrl)
                  .more_below);
  // No replies_count at all: nothing suggests more.
  CHECK_FALSE(parse::mastodon_chain_info(R"({"id":"1","account":{"id":"7"}})", {"{}"}, kUrl).more_below);
}

TEST_CASE("mastodon: bodies that are not a status") {
  Diagnostics diag;
  auto read = [&](const std::string& status, const std::string& context) {
    return error_of([&] { parse::mastodon_thread(status, context, "https://m.example/@a/1", diag); });
  };
  CHECK(read("<html><body>Maintenance</body></html>", "{}") ==
        "https://m.example/@a/1: expected JSON from Mastodon (status), got HTML");
  CHECK(read(R"({"error":"Record not found"})", "{}") ==
        "https://m.example/@a/1: Mastodon answered with the error \"Record not found\"");
  CHECK(read(R"({"id":"1","account":{"id":"2"}})", R"({"ancestors":{}})") ==
        "https://m.example/@a/1: Mastodon answered with a context whose ancestors is not an array");
  CHECK(read(R"([1,2])", "{}") == "https://m.example/@a/1: Mastodon answered with JSON that is not a status");
  CHECK(read(R"({"id":"1"})", "{}") ==
        "https://m.example/@a/1: Mastodon answered with JSON that is not a status (no id or account)");
}

TEST_CASE("mastodon html: the tokenizer") {
  using parse::mastodon_html_to_text;
  auto text = [](const char* html) { return mastodon_html_to_text(html).text; };
  CHECK(text("<p>a</p><p>b</p>") == "a\n\nb");
  CHECK(text("<p>a<br>b<br />c</p>") == "a\nb\nc");
  CHECK(text("<p>a<br></p><p>b</p>") == "a\n\nb");  // a trailing <br> adds no extra line
  CHECK(text("<p>a<br><br>b</p>") == "a\n\nb");
  CHECK(text("<p>  many \n  spaces </p>") == "many spaces");
  CHECK(text("<pre>keep\n  this</pre>") == "keep\n  this");
  CHECK(text("<ol start=\"3\"><li>x</li><li>y</li></ol>") == "3. x\n4. y");
  // References as a browser reads them: unknown ones stay, legacy ones without ";" are decoded.
  CHECK(text("a &amp;amp; &#x1F33B; &#127803; &unknown; & b &lt") == "a &amp; 🌻 🌻 &unknown; & b <");
  CHECK(text("Caf&eacute; &Uuml;ber &frac12; &rarr; &NotEqualTilde; &#x110000; &#0;") ==
        "Café Über ½ → ≂̸ \uFFFD \uFFFD");
  CHECK(parse::decode_html_entities("x=&lt;&gt;&quot;&#39;") == "x=<>\"'");
  CHECK(text("<p><strong>Bold</strong> <em>it</em><!-- note --></p>") == "Bold it");
  CHECK(text("1 < 2 <3") == "1 < 2 <3");
  CHECK(text("<p>cut <a href=\"x\"") == "cut");
  CHECK(text("<p class=\"quote-inline\">RE: x</p><p>kept</p>") ==
        "RE: x\n\nkept");  // only dropped when asked

  parse::MastodonHtmlOptions drop;
  drop.drop_quote_inline = true;
  CHECK(
      mastodon_html_to_text("<p class=\"quote-inline\">RE: <a href=\"u\">u</a></p><p>kept</p>", drop).text ==
      "kept");

  auto short_link = mastodon_html_to_text(
      "<p>see <a href=\"https://example.org/a?b=1&amp;c=2\"><span class=\"invisible\">https://</span><span "
      "class=\"\">example.org/a?b=1&amp;c=2</span><span class=\"invisible\"></span></a>.</p>");
  CHECK(short_link.text == "see example.org/a?b=1&c=2.");
  CHECK(html_spans(short_link) == Lines{"link 'example.org/a?b=1&c=2' -> https://example.org/a?b=1&c=2"});
  auto rtl = mastodon_html_to_text(
      "<p>שלום <a href=\"https://h.example/tags/עברית\" class=\"mention hashtag\" "
      "rel=\"tag\">#<span>עברית</span></a> "
      "<span class=\"h-card\"><a href=\"https://h.example/@dana\" class=\"u-url "
      "mention\">@<span>dana</span></a></span></p>");
  CHECK(rtl.text == "שלום #עברית @dana");
  CHECK(html_spans(rtl) == Lines{"hashtag '#עברית' -> https://h.example/tags/%D7%A2%D7%91%D7%A8%D7%99%D7%AA",
                                 "mention '@dana' -> https://h.example/@dana"});
}

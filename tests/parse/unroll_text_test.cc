#include <doctest/doctest.h>

#include "parse/parse.h"
#include "parse/text_spans.h"
#include "parse_test_util.h"

using namespace tp;
using test::error_of;

namespace {

model::Thread read(const std::string& text, Diagnostics* diag = nullptr) {
  return parse::read_unroll_text(text, "thread.txt", diag);
}

std::vector<std::string> texts(const model::Thread& t) {
  std::vector<std::string> out;
  for (const auto& p : t.posts) out.push_back(p.text);
  return out;
}

// "kind [start,end) covered -> href" for each span found in `text`.
std::vector<std::string> spans(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : parse::find_spans(text)) {
    size_t b = 0, e = 0, cp = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        if (cp == s.start) b = i;
        if (cp == s.end) e = i;
        ++cp;
      }
    }
    out.push_back(std::string(model::span_kind_name(s.kind)) + " [" + std::to_string(s.start) + "," +
                  std::to_string(s.end) + ") " + text.substr(b, e - b) + " -> " + s.href.value_or("(none)"));
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("a full page copy: author block, posts, chrome with other threads") {
  Diagnostics diag;
  model::Thread t = read(test::read_data("unroll_full.txt"), &diag);
  CHECK(t.source.platform == model::Platform::Text);
  CHECK(t.author.name == "Olena Prykladna");
  CHECK(t.author.handle == "@olena_example");
  CHECK(t.author.url == "https://x.com/olena_example");
  REQUIRE(t.posts.size() == 6);
  CHECK(t.posts[0].id == "1");
  CHECK(t.posts[5].id == "6");
  CHECK(t.posts[1].text ==
        "2/ Step one: fold the sheets. I used the guide at bookbinding.example.org/folding (thanks "
        "@paper_friend!)"
        "\n\nThe grain must run parallel to the spine, otherwise the pages fight you.");
  CHECK(t.posts[5].text == "6/6 Done! Дякую всім 🇺🇦 #DIY #2024 — questions to hello@example.org");
  for (const auto& p : t.posts) CHECK(p.text.find("marbling") == std::string::npos);
  CHECK(diag.warnings().empty());  // "6 tweets" and six posts
}

TEST_CASE("only the posts copied: every line is thread") {
  model::Thread t = read(test::read_data("unroll_plain.txt"));
  CHECK(t.author.name.empty());
  CHECK(t.author.handle.empty());
  CHECK_FALSE(t.author.url);
  CHECK(texts(t).size() == 4);
  CHECK(t.posts[0].text == "Ένα νήμα για χαρτί 🧵 1/4");
}

TEST_CASE("line breaks, CRLF, BOM, trailing spaces, paragraph breaks") {
  CHECK(texts(read("\xEF\xBB\xBF"
                   "1/ one  \r\n2/ two\r\n\r\n\r\nmore of two\t\r\n3/ three\r\n")) ==
        Lines{"1/ one", "2/ two\n\nmore of two", "3/ three"});
  CHECK(texts(read("\n\n  first\xC2\xA0\rsecond\n\n")) == Lines{"first", "second"});
  CHECK(texts(read("only")) == Lines{"only"});
}

TEST_CASE("the thread ends at the bullets; the chrome names the author") {
  const std::string page =
      "First post\nSecond post\n•  •  •\nMissing some Tweet in this thread? You can try to force a refresh\n"
      "Keep Current with Πέτρος Δοκιμή\nMore from @petros_test\n21 Dec 21\nNot a post\nRead 5 tweets\n";
  model::Thread t = read(page);
  CHECK(texts(t) == Lines{"First post", "Second post"});
  CHECK(t.author.name == "Πέτρος Δοκιμή");
  CHECK(t.author.handle == "@petros_test");
  // The bullets lost in the copy, the chrome kept.
  CHECK(texts(read("A\nB\nMissing some Tweet in this thread? You can try to force a refresh\nKeep Current "
                   "with X\n")) == Lines{"A", "B"});
}

TEST_CASE("the author block, whole or in part") {
  model::Thread t = read(
      "Thread Reader\nNora Probe\nSubscribe\n@nora_probe\nJul 1, 2025 •\n2 tweets • 1 min read •\n"
      "Read on X\nScrolly\nBookmark\nGift Link\nSave as PDF\nHello\nWorld\n");
  CHECK(texts(t) == Lines{"Hello", "World"});
  CHECK(t.author.name == "Nora Probe");
  CHECK(t.author.handle == "@nora_probe");
  // Selection started at the name.
  t = read("Nora Probe\nSubscribe\n@nora_probe\nJun 22 •\nHello\n");
  CHECK(texts(t) == Lines{"Hello"});
  CHECK(t.author.name == "Nora Probe");
  // Selection started at the date line.
  CHECK(texts(read("Jun 22 •\n1 tweet • 1 min read •\nRead on X\nHello\n")) == Lines{"Hello"});
  // A first post that merely looks like a handle is kept when no block precedes it.
  CHECK(texts(read("@nora_probe\nsays hi\n")) == Lines{"@nora_probe", "says hi"});
  // The chrome's name wins over the block's.
  t = read("Old Name\nSubscribe\n@nora_probe\nJun 22 •\nHello\n• • •\nKeep Current with New Name\n");
  CHECK(t.author.name == "New Name");
}

TEST_CASE("a post count that disagrees with the page is a warning") {
  Diagnostics diag;
  read("Thread Reader\nN\nSubscribe\n@n\nJun 22 •\n3 tweets • 1 min read •\nA\nB\nC\nD\n", &diag);
  REQUIRE(diag.warnings().size() == 1);
  CHECK(
      diag.warnings()[0].line() ==
      "thread.txt: the page says 3 tweets but the text splits into 4 posts; a post with a single line break "
      "inside reads as two in copied text");
  Diagnostics fewer;
  read("Jun 22 •\n3 tweets • 1 min read •\nA\n", &fewer);
  REQUIRE(fewer.warnings().size() == 1);
  CHECK(fewer.warnings()[0].line() ==
        "thread.txt: the page says 3 tweets but the text holds 1 posts; some are missing from the copy");
  CHECK_NOTHROW(read("Jun 22 •\n3 tweets • 1 min read •\nA\n"));  // no sink: nothing to say
}

TEST_CASE("numbered posts put lines back into the post they came from") {
  // The page's count and the numbers agree: the lists are line breaks inside posts 2 and 3.
  Diagnostics diag;
  auto t = read(
      "Jun 22 •\n3 tweets • 1 min read •\n1/ Shopping list:\n2/ Paper:\n- A4\n- A3\n"
      "3/ Glue\n\nand thread\n- linen\n",
      &diag);
  CHECK(texts(t) == Lines{"1/ Shopping list:", "2/ Paper:\n- A4\n- A3", "3/ Glue\n\nand thread\n- linen"});
  CHECK(diag.warnings().empty());
  // No page count, but "k/3" says how many.
  CHECK(texts(read("1/3 a\n2/3 b\nb2\n3/3 c\n")) == Lines{"1/3 a", "2/3 b\nb2", "3/3 c"});
  // Numbers without a total, or that skip, or a count that disagrees: one post per line.
  CHECK(texts(read("1/ a\n2/ b\nb2\n3/ c\n")) == Lines{"1/ a", "2/ b", "b2", "3/ c"});
  CHECK(texts(read("1/3 a\n3/3 b\nb2\n")) == Lines{"1/3 a", "3/3 b", "b2"});
  CHECK(texts(read("Jun 22 •\n4 tweets • 1 min read •\n1/ a\n2/ b\nb2\n3/ c\n")) ==
        Lines{"1/ a", "2/ b", "b2", "3/ c"});
  // "1/2 cup" at the start of a line is a fraction, not a post number, unless the rest agrees.
  CHECK(texts(read("Recipe\n1/2 cup flour\nmix\n")) == Lines{"Recipe", "1/2 cup flour", "mix"});
}

TEST_CASE("nothing but chrome, or nothing at all") {
  CHECK(error_of([] { read(""); }) == "thread.txt: no posts found");
  CHECK(error_of([] { read("\xEF\xBB\xBF\r\n  \n"); }) == "thread.txt: no posts found");
  CHECK(error_of([] { read("• • •\nKeep Current with Someone\nMore from @someone\nOther thread\n"); }) ==
        "thread.txt: no posts found");
  CHECK(error_of([] { read("Thread Reader\nN\nSubscribe\n@n\nJun 22 •\nSave as PDF\n• • •\n"); }) ==
        "thread.txt: no posts found");
  CHECK(error_of([] { read("ok\n\xED\xA0\x80\n"); }) == "thread.txt: invalid UTF-8 at byte 3");
}

TEST_CASE("links") {
  CHECK(spans("see https://example.com/a?b=c#d.") ==
        Lines{"link [4,31) https://example.com/a?b=c#d -> https://example.com/a?b=c#d"});
  CHECK(spans("HTTP://Example.COM") == Lines{"link [0,18) HTTP://Example.COM -> HTTP://Example.COM"});
  CHECK(spans("(see example.org/path), ok") ==
        Lines{"link [5,21) example.org/path -> https://example.org/path"});
  CHECK(spans("wiki en.example.org/wiki/Paper_(material).") ==
        Lines{"link [5,41) en.example.org/wiki/Paper_(material) -> "
              "https://en.example.org/wiki/Paper_(material)"});
  CHECK(
      spans("Київ: uk.example.org/wiki/Київ!") ==
      Lines{"link [6,30) uk.example.org/wiki/Київ -> https://uk.example.org/wiki/%D0%9A%D0%B8%D1%97%D0%B2"});
  CHECK(spans("github.com") == Lines{"link [0,10) github.com -> https://github.com"});
  CHECK(spans("sakana.ai/fugu and sakana.ai") == Lines{"link [0,14) sakana.ai/fugu -> https://sakana.ai/fugu",
                                                       "link [19,28) sakana.ai -> https://sakana.ai"});
  CHECK(spans("bbc.co.uk, example.ua/x, example.ua") ==
        Lines{"link [0,9) bbc.co.uk -> https://bbc.co.uk",
              "link [11,23) example.ua/x -> https://example.ua/x"});
  CHECK(spans("localhost:8080/x") == Lines{});
  CHECK(spans("example.com:8080/x") == Lines{"link [0,18) example.com:8080/x -> https://example.com:8080/x"});
  // Display URLs cut by X: the span keeps the ellipsis, the link goes to the last whole segment.
  CHECK(spans("👀 github.com/SakanaAI/treeq… wow") ==
        Lines{"link [2,28) github.com/SakanaAI/treeq… -> https://github.com/SakanaAI/"});
  CHECK(spans("github.co… and exampl…") == Lines{});
  // Not links: file names, abbreviations, numbers, e-mail addresses, words glued to a domain.
  CHECK(spans("README.md, notes.txt, node.js, script.py, e.g. i.e. U.S. 3.14 v1.2 Mr.Smith") == Lines{});
  CHECK(spans("mail hello@example.org or x@y.com") == Lines{});
  CHECK(spans("словоexample.com and a_b.example.com") == Lines{});
}

TEST_CASE("mentions and hashtags, offsets in code points") {
  CHECK(spans("Дякую @paper_friend!") == Lines{"mention [6,19) @paper_friend -> https://x.com/paper_friend"});
  CHECK(spans("🇺🇦👩‍👩‍👧 @a_1 #тег") ==
        Lines{"mention [8,12) @a_1 -> https://x.com/a_1",
              "hashtag [13,17) #тег -> https://x.com/hashtag/%D1%82%D0%B5%D0%B3"});
  CHECK(spans("#βιβλιοδεσία, #DIY_2 and #2024 #1st") ==
        Lines{"hashtag [0,12) #βιβλιοδεσία -> "
              "https://x.com/hashtag/%CE%B2%CE%B9%CE%B2%CE%BB%CE%B9%CE%BF%CE%B4%CE%B5%CF%83%CE%AF%CE%B1",
              "hashtag [14,20) #DIY_2 -> https://x.com/hashtag/DIY_2",
              "hashtag [31,35) #1st -> https://x.com/hashtag/1st"});
  // Too long for a handle, inside a word, an e-mail, an issue number, a mention inside a URL.
  CHECK(spans("@abcdefghijklmnop a@b me@x.example.com issue#12 C# x#y") == Lines{});
  CHECK(spans("medium.example.com/@writer/post") ==
        Lines{"link [0,31) medium.example.com/@writer/post -> https://medium.example.com/@writer/post"});
  CHECK(spans("#️⃣ and # alone") == Lines{});
}

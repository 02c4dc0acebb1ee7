// Mastodon status HTML to text and spans: never fails, and what it gives is a valid post text.
#include <cstddef>
#include <cstdint>

#include "core/utf8.h"
#include "fuzz_check.h"
#include "parse/mastodon_html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  // The reader is given valid UTF-8 only (the JSON around it is checked first).
  if (tp::utf8::find_invalid(html)) return 0;
  for (bool drop : {false, true}) {
    tp::parse::MastodonText t = tp::parse::mastodon_html_to_text(html, {drop});
    if (tp::utf8::find_invalid(t.text)) tp::fuzz::violated("text is not valid UTF-8");
    if (tp::utf8::find_invalid(tp::parse::decode_html_entities(html)))
      tp::fuzz::violated("decoded entities are not valid UTF-8");
    if (t.text.empty()) continue;
    tp::model::Thread thread;
    thread.source.platform = tp::model::Platform::Mastodon;
    thread.author.handle = "@fuzz@social.example";
    tp::model::Post post;
    post.id = "1";
    post.text = t.text;
    post.spans = t.spans;
    thread.posts.push_back(post);
    tp::fuzz::check_round_trip(thread);
  }
  return 0;
}

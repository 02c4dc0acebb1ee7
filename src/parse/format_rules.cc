#include "parse/format_rules.h"

#include <set>
#include <utility>
#include <vector>

namespace tp::parse {

bool nothing_to_show(const model::Post& p) {
  return p.text.empty() && p.media.empty() && p.quote.empty() && !p.card && !p.poll && !p.gone();
}

namespace {

void fill_if_empty(model::Post& p) {
  if (!nothing_to_show(p)) return;
  p.text = kUnshownContent;
  p.spans.clear();
}

}  // namespace

void meet_format_rules(model::Thread& thread, const std::string& where, Diagnostics& diag) {
  std::set<std::string> ids;
  std::vector<model::Post> kept;
  kept.reserve(thread.posts.size());
  for (model::Post& p : thread.posts) {
    if (!ids.insert(p.id).second) {
      diag.warn(where, "post " + p.id + " is listed twice; the repeat is left out");
      continue;
    }
    kept.push_back(std::move(p));
  }
  // Quotes are renamed only after every post has claimed its own id: a post's id wins over a quote
  // of it that comes earlier in the thread.
  for (model::Post& p : kept) {
    fill_if_empty(p);
    for (model::Post& q : p.quote) {
      while (!ids.insert(q.id).second) q.id += "#quote";
      fill_if_empty(q);
    }
  }
  thread.posts = std::move(kept);
}

}  // namespace tp::parse

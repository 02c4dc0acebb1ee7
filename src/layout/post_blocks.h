// Internal to layout/: the blocks of a thread as Boxes — the header, and each post with its number
// line, text, media, quoted post, card, or its deleted mark.
#pragma once

#include <vector>

#include "layout/flow.h"
#include "model/thread.h"

namespace tp::layout {

std::vector<Box> header_boxes(Context& ctx, const model::Thread& thread);

// Post n of count (1-based), in the column [x, x + width).
std::vector<Box> post_boxes(Context& ctx, const model::Thread& thread, const model::Post& post, size_t n,
                            size_t count);

// "first words" of a post for its outline entry: at most `words` words, "…" when cut.
std::string first_words(const model::Post& post, size_t words);

}  // namespace tp::layout

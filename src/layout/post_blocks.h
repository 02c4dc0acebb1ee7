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

// Shared by the builders of post parts (post_extras.cc).
TextSpec spec_for(const Context& ctx, const TextStyle& ts, double x, double width, const std::string& where);
// Appends `from` to `to`, `space_before` added above its first box.
void append(std::vector<Box>& to, std::vector<Box> from, double space_before = 0);
// A picture (or a placeholder saying what was lost: `what` is "Image", "Video" or "GIF") scaled into
// the column, never taller than max_h.
Box picture_box(Context& ctx, const std::string& src, double x, double width, double max_h,
                const std::optional<std::string>& alt, const char* what = "Image");

// "first words" of a post for its outline entry: at most `words` words, "…" when cut.
std::string first_words(const model::Post& post, size_t words);

}  // namespace tp::layout

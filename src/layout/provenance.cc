// The provenance appendix of a single thread: what was captured, when, by what, and the hashes
// of the manifest (src/evidence/manifest.h), on pages of its own after the thread.
#include "layout/flow.h"
#include "layout/post_blocks.h"

namespace tp::layout {

void provenance_appendix(Context& ctx, const std::vector<std::string>& lines) {
  const Style& st = ctx.style;
  const double x = st.margin_left, w = st.content_width();
  auto spec = [&](const TextStyle& ts, double leading) {
    TextSpec s = spec_for(ctx, ts, x, w, ctx.input + ": provenance");
    s.leading = leading;
    return s;
  };
  std::vector<Box> flow;
  InElement section(ctx, ctx.element(Role::Sect, "Provenance"));
  RichText heading;
  heading.add("Provenance", true);
  {
    InElement title(ctx, ctx.element(Role::H));
    for (auto& b : text_boxes(ctx, heading, spec(st.name, 1.3))) {
      b.keep_with_next = true;
      flow.push_back(std::move(b));
    }
  }
  flow.front().outline.push_back({"Provenance", 0, 0, 0});
  for (const std::string& line : lines) {
    // "Label: value": the label bold; a hash breaks onto its own line when the line is too narrow.
    InElement para(ctx, ctx.element(Role::P));
    RichText r;
    const size_t colon = line.find(": ");
    if (colon == std::string::npos) {
      r.add(line);
    } else {
      r.add(line.substr(0, colon + 1), true);
      r.add(" " + line.substr(colon + 2));
    }
    auto boxes = text_boxes(ctx, r, spec(st.meta, 1.35));
    boxes.front().space_before = 3;
    for (auto& b : boxes) flow.push_back(std::move(b));
  }
  paginate(ctx, flow);
}

}  // namespace tp::layout

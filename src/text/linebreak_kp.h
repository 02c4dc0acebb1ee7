// Total-fit line breaking (Knuth and Plass, "Breaking Paragraphs into Lines", 1981) over the classic
// box / glue / penalty model, plus a greedy first-fit over the same items for comparison and fallback.
//
// A paragraph is a sequence of items, all widths in points:
//   Box      something drawn (a word or a piece of one); never a break.
//   Glue     white space with a natural width that may grow by up to about `stretch` and shrink by at
//            most `shrink`. A break is allowed at a glue that directly follows a box; the glue where
//            the line breaks is dropped, and glue or penalties at the start of a line are discarded.
//   Penalty  a possible break with a cost: `penalty` >= kInfinitePenalty forbids the break,
//            <= -kInfinitePenalty forces it (a line feed). `width` counts only when the line breaks
//            there (a discretionary hyphen); `flagged` marks hyphen breaks, two in a row cost extra.
//
// A line from the break a to the break b holds items [begin, b), where begin is the first box or
// forced break after a: a glue break is part of neither line; a penalty break adds its width to the
// line it ends. Glue just before a penalty break stays on the line, so the caller drops the space
// before a line feed itself. Penalties inside a line (breaks not taken) have no width.
//
// The adjustment ratio of a line is r = (target - natural) / stretch when the line is short and
// (target - natural) / shrink when it is long; it is +/- infinity when there is nothing to stretch
// or shrink. Lines with r < -1 are overfull (they stick out); glue is never shrunk beyond `shrink`.
//
// Demerits of a line (Knuth and Plass, eq. 1, TeX's formula): badness b = min(100 |r|^3, 10000),
// an overfull line counts as b = 10000; d = (line_penalty + b)^2 + p^2 for p >= 0, (line_penalty + b)^2 - p^2
// for -10000 < p < 0, (line_penalty + b)^2 for a forced break; plus flagged_demerits when this and the
// previous line both end at flagged penalties, plus fitness_demerits when the fitness classes of two
// adjacent lines (tight r < -0.5, decent r <= 0.5, loose r <= 1, very loose r > 1) are more than one
// apart. The line before the first counts as decent and unflagged.
//
// Pure functions with no global state; safe to call from any number of threads. Errors are bugs of
// the caller and throw tp::Error with ErrorCode::Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace tp::text {

inline constexpr double kInfinitePenalty = 10000;

struct KpItem {
  enum Type { Box, Glue, Penalty };
  Type type = Box;
  double width = 0;                // points
  double stretch = 0, shrink = 0;  // points; glue only
  double penalty = 0;              // penalty only
  bool flagged = false;            // penalty only: a hyphen

  static KpItem box(double width) { return {Box, width}; }
  static KpItem glue(double width, double stretch, double shrink) { return {Glue, width, stretch, shrink}; }
  static KpItem penalty_item(double width, double penalty, bool flagged = false) {
    return {Penalty, width, 0, 0, penalty, flagged};
  }
  static KpItem forced_break() { return penalty_item(0, -kInfinitePenalty); }
};

struct KpOptions {
  // Largest adjustment ratio a line may have in the first pass. When no breaking keeps every line
  // within it, a second pass allows `retry_tolerance`; if that fails too, an emergency pass accepts
  // any stretch and, where a box is wider than the line, an overfull line (a long word or URL gets
  // a line of its own). So there is always a result.
  double tolerance = 2.0;
  double retry_tolerance = 4.0;
  double line_penalty = 10;
  double flagged_demerits = 3000;  // two hyphenated lines in a row
  double fitness_demerits = 3000;  // adjacent lines of fitness classes more than one apart
  // The last line, and every line ended by a forced break, gets TeX's finishing glue: it is set at
  // its natural width (r = 0) unless it is too long, so it is never stretched.
  bool last_line_ragged = true;
  // line_width(i) is the same for every i >= uniform_from (e.g. 1 when only the first line is
  // indented). It lets the search merge candidates that differ only in their line number; leave
  // the default when widths may vary anywhere. The total demerits are the same either way (only a
  // tie between equally good breakings may be decided differently).
  size_t uniform_from = SIZE_MAX;
};

// Width of line i (0-based) in points: finite, else knuth_plass throws Error(Internal). A width
// narrower than every box gives one box per (overfull) line.
using LineWidth = std::function<double(size_t line)>;

// Breaks `items` into lines of width `line_width(i)` minimising total demerits (above). Returns the
// index of the item each line ends at, one per line, in order. The paragraph ends at a forced break:
// when `items` does not end with one, one is assumed after the last item and its index is
// items.size() (trailing glue or penalties after the last box or forced break make no line). Empty
// input, or input without boxes or forced breaks, gives no lines.
// Never fails for finite widths: see KpOptions::tolerance for the passes.
std::vector<size_t> knuth_plass(const std::vector<KpItem>& items, const LineWidth& line_width,
                                const KpOptions& options = {});

// Greedy first fit: each line takes as much as fits with its glue shrunk at most fully (r >= -1),
// breaking at the last such break before the next one would overflow; a box wider than the line gets
// an overfull line of its own. Forced breaks are honoured; penalty costs are ignored. Same result
// convention as knuth_plass.
std::vector<size_t> first_fit(const std::vector<KpItem>& items, const LineWidth& line_width);

// One line of a breaking, measured.
struct KpLine {
  size_t begin = 0;  // first item on the line (after the discarded glue and penalties)
  size_t end = 0;    // the break item; items [begin, end) are on the line
  double natural = 0, stretch = 0, shrink = 0;  // points, over [begin, end) plus a penalty break's width
  double target = 0;                            // line_width(line)
  double ratio = 0;     // adjustment ratio; 0 for a ragged line (see KpOptions::last_line_ragged) that fits
  bool ragged = false;  // ends at a forced break with last_line_ragged: never stretched, shrunk if too long
};

// Measures each line of `breaks` (as returned by knuth_plass or first_fit). Only
// KpOptions::last_line_ragged is used. Breaks that do not increase or lie beyond items.size() throw
// Error(Internal).
std::vector<KpLine> measure_lines(const std::vector<KpItem>& items, const std::vector<size_t>& breaks,
                                  const LineWidth& line_width, const KpOptions& options = {});

// The adjustment ratio of each line: measure_lines(...)[i].ratio. A justifying renderer moves each
// glue by ratio * stretch (ratio > 0) or ratio * shrink (ratio < 0); +infinity means the line has
// nothing to stretch and should be set ragged.
std::vector<double> adjustment_ratios(const std::vector<KpItem>& items, const std::vector<size_t>& breaks,
                                      const LineWidth& line_width, const KpOptions& options = {});

// Total demerits of a breaking, by the formula above, whatever algorithm chose it; knuth_plass
// minimises this over the breakings its successful pass allows.
double total_demerits(const std::vector<KpItem>& items, const std::vector<size_t>& breaks,
                      const LineWidth& line_width, const KpOptions& options = {});

}  // namespace tp::text

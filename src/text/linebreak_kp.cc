#include "text/linebreak_kp.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "core/error.h"

namespace tp::text {

namespace {

constexpr double kInfiniteBadness = 10000;  // TeX's inf_bad
constexpr size_t kNone = SIZE_MAX;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

enum Fitness { Tight = 0, Decent = 1, Loose = 2, VeryLoose = 3 };

bool is_forced(const KpItem& item) {
  return item.type == KpItem::Penalty && item.penalty <= -kInfinitePenalty;
}

double badness(double r) {
  if (r < -1) return kInfiniteBadness;
  return std::min(100 * std::abs(r) * r * r, kInfiniteBadness);
}

int fitness(double r) {
  if (r < -0.5) return Tight;
  if (r <= 0.5) return Decent;
  if (r <= 1) return Loose;
  return VeryLoose;
}

double ratio(double natural, double stretch, double shrink, double target, bool ragged) {
  double shortfall = target - natural;
  // TeX's \parfillskip: glue of infinite stretch closes the line, so any shortfall costs nothing.
  if (ragged && shortfall >= 0) return 0;
  if (shortfall > 0) return stretch > 0 ? shortfall / stretch : kInfinity;
  if (shortfall < 0) return shrink > 0 ? shortfall / shrink : -kInfinity;
  return 0;
}

// The paragraph measured once: running sums and where the line after each break begins.
class Prepared {
 public:
  explicit Prepared(const std::vector<KpItem>& items) : items_(items) {
    size_t n = items.size();
    width_.assign(n + 1, 0);
    stretch_.assign(n + 1, 0);
    shrink_.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
      const KpItem& it = items[i];
      // A penalty's width belongs to the line only when it is the break (see break_width).
      bool counts = it.type != KpItem::Penalty;
      width_[i + 1] = width_[i] + (counts ? it.width : 0);
      stretch_[i + 1] = stretch_[i] + (it.type == KpItem::Glue ? it.stretch : 0);
      shrink_[i + 1] = shrink_[i] + (it.type == KpItem::Glue ? it.shrink : 0);
    }
    content_from_.assign(n + 1, n);
    for (size_t i = n; i-- > 0;) {
      bool kept = items[i].type == KpItem::Box || is_forced(items[i]);
      content_from_[i] = kept ? i : content_from_[i + 1];
    }
    final_ = find_final();
  }

  size_t size() const { return items_.size(); }
  // Index of the break that ends the paragraph (size() when implied), kNone when there are no lines.
  size_t final_break() const { return final_; }

  bool forced(size_t b) const { return b >= items_.size() || b == final_ || is_forced(items_[b]); }

  bool legal(size_t b) const {
    if (b >= items_.size() || b == final_) return true;
    const KpItem& it = items_[b];
    if (it.type == KpItem::Penalty) return it.penalty < kInfinitePenalty;
    return it.type == KpItem::Glue && b > 0 && items_[b - 1].type == KpItem::Box;
  }

  bool flagged(size_t b) const {
    return b < items_.size() && items_[b].type == KpItem::Penalty && items_[b].flagged;
  }

  // Penalty term of the break's demerits; forced breaks and glue cost nothing.
  double cost(size_t b) const {
    if (forced(b) || items_[b].type != KpItem::Penalty) return 0;
    return items_[b].penalty;
  }

  // First item set on the line that follows a break at `b` (kNone: the paragraph's first line).
  size_t line_begin(size_t b) const { return content_from_[b == kNone ? 0 : b + 1]; }

  KpLine measure(size_t begin, size_t b, double target, bool ragged) const {
    KpLine line;
    line.begin = begin;
    line.end = b;
    line.target = target;
    line.ragged = ragged;
    if (begin < b) {
      line.natural = width_[b] - width_[begin];
      line.stretch = stretch_[b] - stretch_[begin];
      line.shrink = shrink_[b] - shrink_[begin];
    }
    line.natural += break_width(b);
    line.ratio = ratio(line.natural, line.stretch, line.shrink, target, ragged);
    return line;
  }

  // The line [begin, b) cannot fit even fully shrunk, and neither can any longer one: the
  // penalty width is left out because a later break need not carry it.
  bool hopeless(size_t begin, size_t b, double target) const {
    if (begin >= b) return false;
    return (width_[b] - width_[begin]) - (shrink_[b] - shrink_[begin]) > target;
  }

 private:
  double break_width(size_t b) const {
    return b < items_.size() && items_[b].type == KpItem::Penalty ? items_[b].width : 0;
  }

  size_t find_final() const {
    size_t n = items_.size();
    if (n == 0) return kNone;
    if (is_forced(items_[n - 1])) return n - 1;
    size_t last_forced = kNone;
    for (size_t i = n; i-- > 0;) {
      if (is_forced(items_[i])) {
        last_forced = i;
        break;
      }
    }
    // Glue and penalties after the last box make no line of their own.
    size_t after = last_forced == kNone ? 0 : last_forced + 1;
    for (size_t i = after; i < n; ++i) {
      if (items_[i].type == KpItem::Box) return n;
    }
    return last_forced;
  }

  const std::vector<KpItem>& items_;
  std::vector<double> width_, stretch_, shrink_;  // sums over items [0, i)
  std::vector<size_t> content_from_;              // first box or forced break at or after i
  size_t final_ = kNone;
};

double line_demerits(const Prepared& p, const KpLine& line, const KpOptions& o) {
  double d = o.line_penalty + badness(line.ratio);
  d *= d;
  double cost = p.cost(line.end);
  return cost >= 0 ? d + cost * cost : d - cost * cost;
}

double transition_demerits(const Prepared& p, size_t from, int from_fitness, size_t to, int to_fitness,
                           const KpOptions& o) {
  double d = 0;
  if (from != kNone && p.flagged(from) && p.flagged(to)) d += o.flagged_demerits;
  if (std::abs(to_fitness - from_fitness) > 1) d += o.fitness_demerits;
  return d;
}

// A feasible break: the best way found to end `line` lines at `position`.
struct Node {
  size_t position = kNone;  // kNone: the start of the paragraph
  size_t line = 0;          // lines set so far; the next line is line number `line`
  int fitness = Decent;
  double demerits = 0;
  size_t previous = kNone;  // index into the node arena
};

struct Candidate {
  size_t line = 0;
  int fitness = Decent;
  double demerits = kInfinity;
  size_t from = kNone;
};

// Break positions in paragraph order, the start (kNone) first.
bool later(size_t x, size_t y) { return x != y && (y == kNone || (x != kNone && x > y)); }

// One pass of the total-fit search (Knuth and Plass, section "The algorithm itself"). Returns the
// breaks, or nothing when every active node died before the end, which cannot happen when
// `tolerance` is infinite and `overfull` allowed.
std::optional<std::vector<size_t>> search(const Prepared& p, const LineWidth& line_width, const KpOptions& o,
                                          double tolerance, bool overfull) {
  std::vector<Node> nodes{Node{}};
  std::vector<size_t> active{0};
  std::vector<size_t> survivors;
  std::vector<Candidate> candidates;
  const size_t final = p.final_break();
  auto key = [&](size_t line) { return std::min(line, o.uniform_from); };

  for (size_t b = 0; b <= final; ++b) {
    if (!p.legal(b)) continue;
    const bool forced = p.forced(b);
    survivors.clear();
    candidates.clear();
    // When overfull lines are allowed, the node to take one from if nothing else can end here: the
    // latest, which leaves the least on the line.
    size_t last_resort = kNone;
    KpLine last_resort_line;

    for (size_t a : active) {
      const Node& from = nodes[a];
      size_t begin = p.line_begin(from.position);
      if (begin > b || (begin == b && !forced)) {  // nothing to set yet
        survivors.push_back(a);
        continue;
      }
      double target = line_width(from.line);
      if (!std::isfinite(target)) {
        throw Error(ErrorCode::Internal, "line breaking", "a line width is not finite");
      }
      KpLine line = p.measure(begin, b, target, forced && o.last_line_ragged);
      if (line.ratio >= -1 && line.ratio <= tolerance) {
        int fit = fitness(line.ratio);
        double d = from.demerits + line_demerits(p, line, o) +
                   transition_demerits(p, from.position, from.fitness, b, fit, o);
        size_t next_line = from.line + 1;
        auto same = [&](const Candidate& c) { return key(c.line) == key(next_line) && c.fitness == fit; };
        auto it = std::find_if(candidates.begin(), candidates.end(), same);
        if (it == candidates.end()) {
          candidates.push_back({next_line, fit, d, a});
        } else if (d < it->demerits) {
          *it = {next_line, fit, d, a};
        }
      } else if (line.ratio < -1 && overfull) {
        bool better =
            last_resort == kNone || later(from.position, nodes[last_resort].position) ||
            (from.position == nodes[last_resort].position && from.demerits < nodes[last_resort].demerits);
        if (better) {
          last_resort = a;
          last_resort_line = line;
        }
      }
      if (!forced && !p.hopeless(begin, b, target)) survivors.push_back(a);
    }

    if (candidates.empty() && survivors.empty() && last_resort != kNone) {
      // A box wider than the line: TeX's final pass keeps the paragraph going with an overfull line.
      const Node& from = nodes[last_resort];
      int fit = fitness(last_resort_line.ratio);
      double d = from.demerits + line_demerits(p, last_resort_line, o) +
                 transition_demerits(p, from.position, from.fitness, b, fit, o);
      candidates.push_back({from.line + 1, fit, d, last_resort});
    }

    // A candidate that costs more than the best one for the same line number by more than
    // fitness_demerits can never win: any continuation of it costs at most that much more from the best.
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
      return key(x.line) != key(y.line) ? key(x.line) < key(y.line) : x.fitness < y.fitness;
    });
    active.swap(survivors);
    for (const Candidate& c : candidates) {
      double best = kInfinity;
      for (const Candidate& other : candidates) {
        if (key(other.line) == key(c.line)) best = std::min(best, other.demerits);
      }
      if (c.demerits > best + o.fitness_demerits) continue;
      nodes.push_back({b, c.line, c.fitness, c.demerits, c.from});
      active.push_back(nodes.size() - 1);
    }
    if (active.empty()) return std::nullopt;
  }

  // After the final (forced) break only nodes at it are active.
  size_t best = kNone;
  for (size_t a : active) {
    if (nodes[a].position == final && (best == kNone || nodes[a].demerits < nodes[best].demerits)) best = a;
  }
  if (best == kNone) return std::nullopt;
  std::vector<size_t> breaks;
  for (size_t n = best; nodes[n].position != kNone; n = nodes[n].previous)
    breaks.push_back(nodes[n].position);
  std::reverse(breaks.begin(), breaks.end());
  return breaks;
}

}  // namespace

std::vector<size_t> knuth_plass(const std::vector<KpItem>& items, const LineWidth& line_width,
                                const KpOptions& options) {
  Prepared p(items);
  if (p.final_break() == kNone) return {};
  // TeX's order: the stated tolerance, then a looser one, then an emergency pass that accepts any
  // stretch and, where a box is wider than the line, an overfull line. Overfull lines wait for the
  // last pass because there an overfull line is only made when no other line can end at the break.
  struct Pass {
    double tolerance;
    bool overfull;
  };
  const double looser = std::max(options.tolerance, options.retry_tolerance);
  for (Pass pass : {Pass{options.tolerance, false}, Pass{looser, false}, Pass{kInfinity, true}}) {
    if (auto breaks = search(p, line_width, options, pass.tolerance, pass.overfull)) return *breaks;
  }
  // The last pass always has a node to continue from (the overfull last resort), so this is a bug.
  throw Error(ErrorCode::Internal, "line breaking", "the emergency pass found no breaks");
}

std::vector<size_t> first_fit(const std::vector<KpItem>& items, const LineWidth& line_width) {
  Prepared p(items);
  const size_t final = p.final_break();
  std::vector<size_t> breaks;
  if (final == kNone) return breaks;
  size_t begin = p.line_begin(kNone);
  for (size_t line = 0;; ++line) {
    double target = line_width(line);
    size_t chosen = kNone;
    for (size_t b = begin; b <= final; ++b) {
      if (!p.legal(b)) continue;
      const bool forced = p.forced(b);
      if (begin == b && !forced) continue;
      KpLine l = p.measure(begin, b, target, false);
      if (l.natural - l.shrink <= target) {
        chosen = b;
        if (forced) break;
        continue;
      }
      if (chosen == kNone) chosen = b;  // a box wider than the line: overfull
      break;
    }
    breaks.push_back(chosen);
    if (chosen == final) return breaks;
    begin = p.line_begin(chosen);
  }
}

std::vector<KpLine> measure_lines(const std::vector<KpItem>& items, const std::vector<size_t>& breaks,
                                  const LineWidth& line_width, const KpOptions& options) {
  Prepared p(items);
  std::vector<KpLine> lines;
  lines.reserve(breaks.size());
  size_t previous = kNone;
  for (size_t i = 0; i < breaks.size(); ++i) {
    size_t b = breaks[i];
    if (b > items.size() || (previous != kNone && b <= previous)) {
      throw Error(ErrorCode::Internal, "line breaking", "breaks must increase and lie within the items");
    }
    bool ragged = options.last_line_ragged && (p.forced(b) || i + 1 == breaks.size());
    lines.push_back(p.measure(p.line_begin(previous), b, line_width(i), ragged));
    previous = b;
  }
  return lines;
}

std::vector<double> adjustment_ratios(const std::vector<KpItem>& items, const std::vector<size_t>& breaks,
                                      const LineWidth& line_width, const KpOptions& options) {
  std::vector<double> ratios;
  for (const KpLine& line : measure_lines(items, breaks, line_width, options)) ratios.push_back(line.ratio);
  return ratios;
}

double total_demerits(const std::vector<KpItem>& items, const std::vector<size_t>& breaks,
                      const LineWidth& line_width, const KpOptions& options) {
  Prepared p(items);
  double total = 0;
  size_t previous = kNone;
  int previous_fitness = Decent;
  for (const KpLine& line : measure_lines(items, breaks, line_width, options)) {
    int fit = fitness(line.ratio);
    total += line_demerits(p, line, options) +
             transition_demerits(p, previous, previous_fitness, line.end, fit, options);
    previous = line.end;
    previous_fitness = fit;
  }
  return total;
}

}  // namespace tp::text

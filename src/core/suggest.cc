#include "core/suggest.h"

#include <algorithm>

namespace tp {

namespace {

// Optimal string alignment distance: a swapped pair of letters ("ouptut") is one edit, as a typist
// makes it.
size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string closest_name(const std::string& typed, const std::vector<std::string>& known) {
  const std::string t = ascii_lower(typed);
  const size_t allowed = std::clamp<size_t>(t.size() / 3, 1, 3);
  std::string best;
  size_t best_d = allowed + 1;
  for (const std::string& k : known) {
    const std::string lk = ascii_lower(k);
    size_t d = distance(t, lk);
    // A prefix the user stopped typing ("--page" for "--page-size") is as good as a typo.
    if (lk.size() > t.size() && t.size() >= 3 && lk.compare(0, t.size(), t) == 0) d = std::min<size_t>(d, 1);
    if (d < best_d) best = k, best_d = d;
  }
  return best;
}

std::string did_you_mean(const std::string& typed, const std::vector<std::string>& known,
                         const std::string& prefix) {
  std::string c = closest_name(typed, known);
  return c.empty() ? std::string() : ", did you mean " + prefix + c + "?";
}

}  // namespace tp

// "Did you mean …?" for a mistyped name: the closest of the known names, when it is close enough
// that a typo (not another word) explains the difference.
#pragma once

#include <string>
#include <vector>

namespace tp {

// The known name nearest to `typed` by edit distance (insertions, deletions, substitutions and
// swaps of neighbours, ASCII case ignored), or "" when none is within a third of its length
// (at least 1, at most 3 edits). Ties go to the earliest name in `known`.
std::string closest_name(const std::string& typed, const std::vector<std::string>& known);

// ", did you mean NAME?" (with `prefix` before NAME, e.g. "--"), or "" when closest_name finds none.
std::string did_you_mean(const std::string& typed, const std::vector<std::string>& known,
                         const std::string& prefix = "");

// `s` with ASCII letters in lower case (values such as "A4" or "Letter" mean what "a4" means).
std::string ascii_lower(std::string s);

}  // namespace tp

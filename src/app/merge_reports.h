// --merge-reports: the --report files of the shards of one batch (or of several batches) made into
// one report, as if one run had converted every input: each input's object once, in list order,
// then one summary counting them all. Plain text in, text out.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tp::app {

struct ReportFile {
  std::string name;  // for errors: the path as given
  std::string text;  // its JSON lines
};

// The merged report: the input objects of every file sorted by (line, input), an input met in two
// files kept once (the later file's object, unless it is "skipped" and the earlier one is not: a
// resumed shard skips what it already did); then a summary object with the keys of a batch's
// summary ("summary", "total", "ok", "incomplete", "skipped", "failed", "not_run", "interrupted")
// and "reports" (how many files) and "unfinished" (files without a summary line: a run killed
// before its end; their inputs count towards "total" only as far as they got). "total" is the sum
// of the files' totals; "interrupted" is true when any file's was, or one is unfinished.
// Throws Error(Input, "NAME:LINE", …) for a line that is not a JSON object of a report.
std::string merge_reports(const std::vector<ReportFile>& files);

}  // namespace tp::app

// Batch conversion: a list of inputs (URLs or files) converted on a pool of worker threads, each
// input ending ok, incomplete (written, with losses), skipped (its PDF already exists, or a
// duplicate) or failed with its reason; one
// bad input never stops the rest. The conversion itself is a callback (the job in production, a
// fake in tests), so this file holds only the scheduling, resumption and bookkeeping.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace tp::app {

// One line of the list: blank lines and lines starting with '#' are not inputs.
struct BatchInput {
  size_t line = 0;     // 1-based line number in the list
  std::string input;   // as written, trimmed
  std::string key;     // identity for duplicates ("x:12345" for a post URL, the absolute path of a file)
  std::string output;  // the PDF this input writes, inside the output folder
};

// Parses the list. `name_of(input)` gives an input's identity key and its output file name (without
// folder); two inputs with the same key are the same thread, and later ones are duplicates.
// The shard (0 .. count-1) an input belongs to with --shard K/N: a stable hash (FNV-1a, 64 bits)
// of its identity key, so that every worker of a job computes the same partition with no
// coordination, and two URL forms of one thread (same key) land in the same shard.
size_t shard_of(const std::string& key, size_t count);

std::vector<BatchInput> parse_list(
    const std::string& text, const std::string& out_dir,
    const std::function<std::pair<std::string, std::string>(const std::string&)>& name_of);

// Incomplete: converted and written, but something of the thread could not be had (see losses).
enum class Status { Ok, Incomplete, Skipped, Failed };
const char* status_name(Status s);

struct BatchResult {
  BatchInput input;
  Status status = Status::Failed;
  std::string reason;  // for skipped and failed
  size_t pages = 0, bytes = 0, posts = 0;
  std::vector<std::string> warnings;
  std::vector<std::string> losses;  // the warnings that are losses (Warning::loss), also in warnings
  double seconds = 0;
};

struct BatchOptions {
  size_t jobs = 1;     // worker threads
  bool force = false;  // convert even when the PDF exists
};

// What converting one input gives; `convert` must never throw.
struct Converted {
  bool ok = false;
  std::string error;    // one line, when !ok
  std::string skipped;  // when ok but nothing was written: why (the input then counts as skipped)
  size_t pages = 0, bytes = 0, posts = 0;
  std::vector<std::string> warnings;
  std::vector<std::string> losses;  // an ok conversion with losses ends Incomplete
  std::string output;               // where the PDF went when not the input's planned output (--name, rename)
};
using Convert = std::function<Converted(const BatchInput&)>;

// Called from worker threads, serialised by run_batch: when an input starts and when it ends.
struct BatchObserver {
  std::function<void(const BatchInput&)> started;
  std::function<void(const BatchResult&)> finished;
};

// Runs every input; stops taking new ones once `interrupted` becomes true (the ones running finish,
// and an unfinished PDF is never left: outputs are written atomically). Results come back in list
// order; inputs not run because of an interruption are absent.
std::vector<BatchResult> run_batch(const std::vector<BatchInput>& inputs, const BatchOptions& options,
                                   const Convert& convert, const BatchObserver& observer,
                                   const std::atomic<bool>& interrupted);

// The report: one JSON object per input, then one summary object. Deterministic key order.
std::string batch_report(const std::vector<BatchResult>& results, size_t total, bool interrupted);
// Its parts, for a report written as the batch goes: one input's object and the summary, each
// one line without its newline.
std::string report_line(const BatchResult& result);
std::string report_summary(const std::vector<BatchResult>& results, size_t total, bool interrupted);

}  // namespace tp::app

// Refusing a run whose outputs would destroy its own inputs or each other: `-o` equal to the input,
// `--json X -o X`, a --report that is the --batch list. Files are compared by what they are, not by
// how they are named (see FileKey), before anything is written.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/batch.h"
#include "app/options.h"

namespace tp::app {

// A file's identity: "dev:ino" when it exists (so hard links, symbolic links, "./x" and "x" are one
// file), else its absolute path normalised through the folders that exist ("path:/a/b.pdf").
std::string file_key(const std::string& path);

// Inputs and outputs of one run, added in any order. `role` names the path in an error, in words:
// "the input", "the --batch list", "-o", "--json", "the PDF", "--report".
class OutputCheck {
 public:
  // Only regular files count: nothing else can be overwritten.
  void input(const std::string& role, const std::string& path);
  // Throws Error(Usage, path, "<role> would overwrite <input role>; nothing written") or
  // Error(Usage, path, "<role> and <other role> name the same file; nothing written"). "-" is
  // standard output and never clashes; nor do two outputs to a device or FIFO (two to /dev/null).
  void output(const std::string& role, const std::string& path);
  // `path` is a folder the run replaces as a whole (--archive DIR): an output inside it would be lost.
  // Call before output().
  void replaced_folder(const std::string& role, const std::string& path);

 private:
  std::map<std::string, std::string> inputs_, outputs_;  // file_key -> role
  std::map<std::string, std::string> folders_;           // normalised path -> role
};

// The single-thread check (run by load_thread before it writes anything): INPUT, -o (or
// `pdf_default`, the PDF's name when -o is absent; none with --dump), --json and --archive DIR.
// Throws Error(Usage) as OutputCheck::output does.
void check_job_outputs(const JobOptions& options, const std::string& pdf_default);

// The batch's check (run before any input starts): the --batch list and every input file against
// --report, --packet and each input's PDF (`inputs` as parse_list made them; an empty output: none).
void check_batch_outputs(const BatchCli& batch, const std::vector<BatchInput>& inputs);

}  // namespace tp::app

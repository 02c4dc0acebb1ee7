#include "app/same_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "app/output_file.h"
#include "core/error.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

std::string normalised(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return (ec ? fs::absolute(path, ec).lexically_normal() : p).string();
}

}  // namespace

std::string file_key(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  return "path:" + normalised(path);
}

void OutputCheck::input(const std::string& role, const std::string& path) {
  if (path == "-" || path.empty()) return;
  // Only a regular file can be overwritten: writing to a terminal or FIFO that is also read from
  // (/dev/stdin and /dev/stdout on one terminal) destroys nothing, and they are never renamed over.
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  inputs_.try_emplace(file_key(path), role);
}

void OutputCheck::replaced_folder(const std::string& role, const std::string& path) {
  folders_.try_emplace(normalised(path), role);
}

void OutputCheck::output(const std::string& role, const std::string& path) {
  if (path == "-" || path.empty()) return;
  const std::string key = file_key(path);
  if (auto in = inputs_.find(key); in != inputs_.end())
    throw Error(ErrorCode::Usage, path, role + " would overwrite " + in->second + "; nothing written");
  const std::string where = normalised(path);
  for (const auto& [folder, folder_role] : folders_)
    if (where.size() > folder.size() && where.compare(0, folder.size(), folder) == 0 &&
        where[folder.size()] == '/')
      throw Error(ErrorCode::Usage, path,
                  role + " is inside " + folder_role + ", which is replaced as a whole; nothing written");
  // Two outputs to one device or FIFO are two writes to it, and nothing is replaced.
  if (written_in_place(path)) return;
  auto [it, fresh] = outputs_.try_emplace(key, role);
  if (!fresh && it->second != role)
    throw Error(ErrorCode::Usage, path, it->second + " and " + role + " name the same file; nothing written");
}

void check_job_outputs(const JobOptions& options, const std::string& pdf_default) {
  OutputCheck check;
  check.input("the input", options.input);
  if (options.archive_dir) check.replaced_folder("the --archive folder", *options.archive_dir);
  if (options.json_output) check.output("--json", *options.json_output);
  // --dump prints to standard output whatever -o says; --archive DIR holds its own PDF.
  if (!options.dump && options.output) check.output("-o", *options.output);
  if (!options.dump && !options.output && !options.archive_dir) check.output("the PDF", pdf_default);
  if (options.archive_dir) {
    // An archive made again from its own thread.json would replace the folder holding the pictures
    // that file names, and lose them.
    OutputCheck own;
    own.input("the input", options.input);
    own.output("--archive", (fs::path(*options.archive_dir) / "thread.json").string());
    own.output("--archive", (fs::path(*options.archive_dir) / "thread.pdf").string());
  }
}

void check_batch_outputs(const BatchCli& batch, const std::vector<BatchInput>& inputs) {
  OutputCheck check;
  if (batch.list) check.input("the --batch list", *batch.list);
  // Inputs given on the command line (--packet A B) are numbered as given, as lines of a list are.
  const std::string input_role = batch.list ? "the input on line " : "input ";
  for (const auto& in : inputs) check.input(input_role + std::to_string(in.line), in.input);
  if (batch.report) check.output("--report", *batch.report);
  if (batch.failed_list) check.output("--failed-list", *batch.failed_list);
  if (batch.packet) check.output("--packet", *batch.packet);
  std::set<std::string> seen;  // a duplicate input shares its first line's PDF
  for (const auto& in : inputs)
    if (!in.output.empty() && seen.insert(in.output).second)
      check.output("the PDF of line " + std::to_string(in.line), in.output);
}

}  // namespace tp::app

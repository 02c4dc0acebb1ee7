#include "app/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>

namespace tp::app {

Progress::Mode progress_mode(bool quiet, bool terminal) {
  if (quiet) return Progress::Mode::Quiet;
  return terminal ? Progress::Mode::Bar : Progress::Mode::Lines;
}

int terminal_width() {
  winsize w{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 20) return w.ws_col;
  return 80;
}

Progress::Progress(Mode mode, std::ostream& out, size_t total, bool verbose, int width)
    : mode_(mode), out_(out), total_(total), verbose_(verbose), width_(width) {}

namespace {

std::string clock(double seconds) {
  long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

std::string Progress::bar_line() const {
  const size_t done = ok_ + incomplete_ + failed_ + skipped_;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const int cells = 20;
  const int filled = total_ ? static_cast<int>(cells * done / total_) : cells;
  std::string line = "[" + std::string(static_cast<size_t>(filled), '#') +
                     std::string(static_cast<size_t>(cells - filled), '.') + "] ";
  line += std::to_string(done) + "/" + std::to_string(total_) + " done";
  if (incomplete_) line += ", " + std::to_string(incomplete_) + " incomplete";
  if (failed_) line += ", " + std::to_string(failed_) + " failed";
  if (skipped_) line += ", " + std::to_string(skipped_) + " skipped";
  const size_t converted = ok_ + incomplete_ + failed_;
  if (converted > 0 && elapsed > 0.5) {
    const double rate = converted / elapsed;
    char buf[48];
    std::snprintf(buf, sizeof buf, " \u00B7 %.1f/s", rate);
    line += buf;
    if (done < total_) line += " \u00B7 " + clock((total_ - done) / rate) + " left";
  }
  if (!running_.empty()) {
    line += " \u00B7 ";
    bool first = true;
    for (const auto& [n, input] : running_) {
      line += (first ? "" : ", ") + input;
      first = false;
    }
  }
  // Cut to the terminal width, counting code points, so the line never wraps.
  size_t cols = 0, cut = line.size();
  for (size_t i = 0; i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 && ++cols > static_cast<size_t>(width_ - 1)) {
      cut = i;
      break;
    }
  return line.substr(0, cut);
}

void Progress::draw() {
  if (mode_ != Mode::Bar) return;
  out_ << "\r\033[K" << bar_line() << std::flush;
}

void Progress::started(const BatchInput& in) {
  running_[in.line] = in.input;
  if (mode_ == Mode::Lines && verbose_) out_ << "start    line " << in.line << ": " << in.input << "\n";
  draw();
}

void Progress::finished(const BatchResult& r) {
  running_.erase(r.input.line);
  (r.status == Status::Ok           ? ok_
   : r.status == Status::Incomplete ? incomplete_
   : r.status == Status::Skipped    ? skipped_
                                    : failed_) += 1;
  if (mode_ == Mode::Quiet) return;
  if (mode_ == Mode::Lines && !verbose_ && r.status == Status::Skipped && r.reason == "already done") {
    ++done_unsaid_;
    return;
  }
  if (mode_ == Mode::Lines) say_done_skips();
  std::string line;
  switch (r.status) {
    case Status::Ok:
    case Status::Incomplete:
      line = (r.status == Status::Ok ? "ok       line " : "incomplete line ") + std::to_string(r.input.line) +
             ": " + r.input.input;
      if (!r.input.output.empty())
        line +=
            " -> " + r.input.output + " (" + std::to_string(r.pages) + (r.pages == 1 ? " page)" : " pages)");
      else
        line += " (" + std::to_string(r.posts) +
                (r.posts == 1 ? " post, for the packet)" : " posts, for the packet)");
      break;
    case Status::Skipped:
      line = "skipped  line " + std::to_string(r.input.line) + ": " + r.input.input + " (" + r.reason + ")";
      break;
    case Status::Failed:
      line = "failed   line " + std::to_string(r.input.line) + ": " + r.reason;
      break;
  }
  // On a terminal only failures and losses (and, verbose, everything) scroll above the bar; what
  // was lost is said without -v, since it is what a reader must go back for.
  const bool show =
      mode_ == Mode::Lines || r.status == Status::Failed || r.status == Status::Incomplete || verbose_;
  if (show) {
    if (mode_ == Mode::Bar) out_ << "\r\033[K";
    out_ << line << "\n";
    for (const auto& w : verbose_ ? r.warnings : r.losses) out_ << "         warning: " << w << "\n";
  }
  draw();
}

void Progress::say_done_skips() {
  if (!done_unsaid_) return;
  out_ << "skipped  " << done_unsaid_ << (done_unsaid_ == 1 ? " input" : " inputs") << " already done ("
       << (done_unsaid_ == 1 ? "its" : "each one's") << " PDF exists)\n";
  done_unsaid_ = 0;
}

void Progress::done(bool interrupted, const std::string& resume_hint) {
  if (mode_ == Mode::Bar) out_ << "\r\033[K";
  if (mode_ == Mode::Lines) say_done_skips();
  if (mode_ != Mode::Quiet || failed_ || interrupted) {
    const std::string incomplete = incomplete_ ? std::to_string(incomplete_) + " incomplete, " : "";
    out_ << ok_ << " ok, " << incomplete << skipped_ << " skipped, " << failed_ << " failed of " << total_
         << (interrupted ? " (interrupted)" : "") << "\n";
    if (interrupted && !resume_hint.empty()) out_ << resume_hint << "\n";
  }
  out_.flush();
}

}  // namespace tp::app

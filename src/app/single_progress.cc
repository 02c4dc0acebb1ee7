#include "app/single_progress.h"

#include <cmath>

#include "source/curl_fetcher.h"

namespace tp::app {

SingleProgress::SingleProgress(std::ostream& out, bool terminal, bool verbose)
    : out_(out), terminal_(terminal), verbose_(verbose) {}

std::string SingleProgress::wait_line(double seconds, const std::string& why) {
  char n[32];
  if (seconds >= 1)
    std::snprintf(n, sizeof n, "%.0f", std::ceil(seconds));
  else
    std::snprintf(n, sizeof n, "%.1f", seconds);
  return std::string("waiting ") + n + " s: " + why;
}

void SingleProgress::attach(JobEnvironment& env) {
  if (!terminal_ && !verbose_) return;
  env.on_fetch = [this](const source::FetchEvent& e) {
    if (e.kind == source::FetchEvent::Waiting) {
      // Said at once, on a line of its own: a wait of a minute must not look like a hang.
      if (terminal_ && drawn_) out_ << "\r\x1b[K";
      out_ << wait_line(e.seconds, e.why) << "\n";
      drawn_ = false;
      if (terminal_) redraw();
    } else {
      ++requests_;
      failed_ += !e.ok;
      if (counting_ && e.ok && pictures_ < pictures_total_) ++pictures_;
      if (terminal_) redraw();
    }
    out_.flush();
  };
  env.on_pictures = [this](size_t loaded, size_t total, bool done) {
    counting_ = !done;
    pictures_ = loaded;
    pictures_total_ = total;
    if (terminal_) redraw();
  };
  env.on_stage = [this](const std::string& stage) {
    stage_ = stage;
    if (terminal_) redraw();
  };
}

void SingleProgress::redraw() {
  std::string line = stage_;
  if (pictures_total_)
    line += (line.empty() ? "" : ", ") + std::to_string(pictures_) + " of " +
            std::to_string(pictures_total_) + " pictures loaded";
  if (requests_) line += (line.empty() ? "" : ", ") + std::to_string(requests_) + " requests done";
  if (failed_) line += " (" + std::to_string(failed_) + " failed)";
  out_ << "\r\x1b[K" << line << std::flush;
  drawn_ = true;
}

void SingleProgress::finish() {
  if (terminal_ && drawn_) out_ << "\r\x1b[K";
  drawn_ = false;
  out_.flush();
}

}  // namespace tp::app

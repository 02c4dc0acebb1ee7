#include "app/batch_job.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "app/archive.h"
#include "app/batch.h"
#include "app/host_limit.h"
#include "app/merge_reports.h"
#include "app/network_setup.h"
#include "app/output_file.h"
#include "app/output_name.h"
#include "app/progress.h"
#include "app/same_file.h"
#include "app/spooled_pdf.h"
#include "core/error.h"
#include "core/version.h"
#include "layout/packet.h"
#include "parse/parse.h"
#include "render/pdf/pdf.h"
#include "source/sha256.h"
#include "source/url.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

// An input's identity and output name before anything is fetched: the same post by two URL forms
// (twitter.com and x.com, /@user and /users/user/statuses, any case of the user name) is one key.
std::pair<std::string, std::string> identity(const std::string& input) {
  const std::string url = source::with_default_scheme(input);
  if (url.find("://") != std::string::npos && !fs::exists(input)) {
    if (auto ref = source::parse_source_url(url)) return {thread_key(*ref), url_output_name(*ref)};
    return {input, url_output_name(model::Thread{}, input)};
  }
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(input), ec);
  return {abs.string(), fs::path(input).stem().string() + ".pdf"};
}

// Sessions for the workers: each conversion borrows one, so no two threads share fonts or curl.
class SessionPool {
 public:
  SessionPool(const JobOptions& o, const JobEnvironment& e, HostLimiter& l)
      : options_(o), env_(e), limiter_(l) {}
  std::unique_ptr<Session> take() {
    std::lock_guard lock(mu_);
    if (free_.empty()) return std::make_unique<Session>(options_, env_, &limiter_);
    auto s = std::move(free_.back());
    free_.pop_back();
    return s;
  }
  void give(std::unique_ptr<Session> s) {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(s));
  }

 private:
  const JobOptions& options_;
  const JobEnvironment& env_;
  HostLimiter& limiter_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Session>> free_;
};

std::string read_list(const std::string& path, const JobEnvironment& env) {
  if (path == "-") return env.stdin_bytes;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Usage, path, std::string("cannot read the list: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int run_many(const JobOptions& given, const BatchCli& batch, const JobEnvironment& env,
             const std::atomic<bool>& interrupted, std::ostream& out, std::ostream& err,
             const Terminal& terminal) {
  try {
    if (batch.merge_reports) {
      std::vector<ReportFile> files;
      for (const std::string& path : batch.inputs) {
        std::ifstream in(path, std::ios::binary);
        if (!in)
          throw Error(ErrorCode::Input, path, std::string("cannot read the report: ") + std::strerror(errno));
        std::ostringstream text;
        text << in.rdbuf();
        files.push_back({path, text.str()});
      }
      const std::string merged = merge_reports(files);
      if (given.output && *given.output != "-") {
        write_atomically(*given.output, merged);
      } else if (!(out << merged << std::flush)) {
        throw Error(ErrorCode::Output, "standard output", std::strerror(errno));
      }
      return 0;
    }
    // Once for the whole batch: a --clear-cache, a --login (one session for every worker).
    const JobOptions options = prepare_network(given, env);
    // -o DIR in a batch (a list, or several INPUTs): one PDF each into it, with or without a packet.
    const bool write_each = options.output.has_value();
    const std::string out_dir = write_each ? *options.output : ".";
    if (write_each) {
      std::error_code ec;
      fs::create_directories(out_dir, ec);
      if (ec || !fs::is_directory(out_dir))
        throw Error(ErrorCode::Usage, out_dir, "cannot create the output folder");
    }
    std::string text;
    if (batch.list) {
      text = read_list(*batch.list, env);
    } else {
      for (const auto& in : batch.inputs) text += in + "\n";
    }
    std::vector<BatchInput> inputs = parse_list(text, out_dir, identity);
    if (inputs.empty())
      throw Error(ErrorCode::Usage, batch.list.value_or("threadpdf"), "no inputs in the list");
    if (batch.shards > 1)
      std::erase_if(inputs,
                    [&](const BatchInput& in) { return shard_of(in.key, batch.shards) != batch.shard; });
    // --archive DIR: each thread's archive in a folder of DIR named as its PDF is (without ".pdf"),
    // the same layout as a single --archive. Without -o DIR that folder's thread.pdf is the input's
    // output, so a batch run again skips what it archived before.
    const std::optional<std::string>& archive_root = options.archive_dir;
    auto archive_of = [&](const BatchInput& in) {
      return (fs::path(*archive_root) / fs::path(in.output).stem()).string();
    };
    if (archive_root) {
      std::error_code ec;
      fs::create_directories(*archive_root, ec);
      if (ec || !fs::is_directory(*archive_root))
        throw Error(ErrorCode::Usage, *archive_root, "cannot create the --archive folder");
    }
    std::map<size_t, std::string> archive_dirs;  // by list line
    for (auto& in : inputs) {
      if (archive_root) archive_dirs[in.line] = archive_of(in);
      if (!write_each)  // only the packet is written, or only the archives
        in.output = archive_root ? (fs::path(archive_dirs[in.line]) / "thread.pdf").string() : "";
    }
    check_batch_outputs(batch, inputs);

    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    BatchOptions bo;
    bo.jobs = batch.jobs ? batch.jobs : cores;
    // A packet needs every thread, also those whose PDF a previous run wrote.
    bo.force = batch.force || batch.packet.has_value();
    // With --name the planned output is not the real one, and rename or overwrite convert anyway:
    // the convert step decides (below).
    if (options.name_template || (options.if_exists && *options.if_exists != "skip")) bo.force = true;
    HostLimiter limiter(batch.per_host);
    SessionPool sessions(options, env, limiter);
    {
      // A bad --layout is a usage error before anything is fetched.
      Session probe(options, env);
      probe.style();
    }
    // Written as inputs finish, so an interrupted or killed batch still tells what it finished.
    std::unique_ptr<LineFile> report;
    if (batch.report) report = std::make_unique<LineFile>(*batch.report);
    // What to run again, written as inputs end, so that an interrupted batch leaves it too.
    std::unique_ptr<LineFile> failed_list;
    if (batch.failed_list) failed_list = std::make_unique<LineFile>(*batch.failed_list);
    std::string report_error;  // the first failed write; the report is then abandoned
    auto report_append = [&](const std::string& line) {
      if (!report || !report_error.empty()) return;
      try {
        report->append(line);
      } catch (const Error& e) {
        report_error = e.what();
      }
    };

    std::mutex kept_mu;
    std::vector<std::unique_ptr<LoadedThread>> kept(inputs.size());  // for the packet, by list position
    std::vector<std::string> hashes(inputs.size());
    std::map<size_t, size_t> index_of_line;
    for (size_t i = 0; i < inputs.size(); ++i) index_of_line[inputs[i].line] = i;

    std::mutex names_mu;
    std::set<std::string> names_taken;  // names given by --if-exists rename in this run
    auto convert = [&](const BatchInput& in) -> Converted {
      Converted c;
      JobOptions jo = options;
      jo.input = in.input;
      // Where this input's PDF goes ("" for none: a packet only), so that load_thread's check of
      // outputs against the input looks at the file the batch writes, not at INPUT.pdf.
      jo.output = in.output;
      if (archive_root) {
        jo.archive_dir = archive_dirs.at(in.line);
        if (!write_each) jo.output.reset();  // the archive holds the PDF
      }
      Diagnostics diag;
      auto session = sessions.take();
      try {
        LoadedThread loaded = load_thread(jo, env, *session, diag);
        c.posts = loaded.thread.posts.size();
        // --name decides the name only now that the thread is known; --if-exists what a taken one means.
        std::string target = in.output;
        if (write_each && options.name_template)
          target = (fs::path(in.output).parent_path() / fs::path(loaded.default_output).filename()).string();
        const std::string policy = batch.force ? "overwrite" : options.if_exists.value_or("skip");
        if (write_each && policy == "rename") {
          std::lock_guard lock(names_mu);  // two workers must not pick the same free name
          const fs::path p(target);
          for (int n = 2; fs::exists(target) || names_taken.count(target); ++n)
            target =
                (p.parent_path() / (p.stem().string() + "-" + std::to_string(n) + p.extension().string()))
                    .string();
          names_taken.insert(target);
        }
        if (target != in.output) c.output = target;
        const bool exists = !target.empty() && fs::exists(target);
        if (loaded.archive) {
          // The archive is written whole with its PDF; -o DIR gets a copy. An input that got this
          // far is converted again (run_batch skipped those already done).
          std::string pdf = render_thread(loaded, jo, env, *session, diag, &c.pages);
          write_atomically(loaded.archive->staging_path("thread.pdf"), pdf);
          loaded.archive->commit();
          if (write_each) write_atomically(target, pdf);
          c.bytes = pdf.size();
        } else if (write_each && (policy != "skip" || !exists)) {
          if (target != "-" && !written_in_place(target)) {
            c.bytes = render_thread_to(loaded, jo, env, *session, diag, target, &c.pages);
          } else {
            std::string pdf = render_thread(loaded, jo, env, *session, diag, &c.pages);
            write_atomically(target, pdf);
            c.bytes = pdf.size();
          }
        } else if (write_each) {
          c.skipped = batch.packet ? "already done; loaded for the packet" : "already done";
        }
        if (batch.packet) {
          std::string json = parse::write_thread_json(loaded.thread);
          std::lock_guard lock(kept_mu);
          const size_t i = index_of_line[in.line];
          hashes[i] = source::sha256_hex(json);
          kept[i] = std::make_unique<LoadedThread>(std::move(loaded));
        }
        c.ok = true;
      } catch (const Error& e) {
        c.error = e.what();
      } catch (const std::exception& e) {
        c.error = in.input + ": internal error: " + e.what();
      }
      diag.summarize();
      for (const auto& w : diag.warnings()) {
        c.warnings.push_back(w.line());
        if (w.loss && c.ok) c.losses.push_back(w.line());
      }
      sessions.give(std::move(session));
      return c;
    };

    Progress progress(progress_mode(options.quiet, terminal.is_terminal), err, inputs.size(), batch.verbose,
                      terminal.columns);
    BatchObserver observer;
    observer.started = [&](const BatchInput& in) { progress.started(in); };
    observer.finished = [&](const BatchResult& r) {
      progress.finished(r);
      report_append(report_line(r));
      if (failed_list && (r.status == Status::Failed || r.status == Status::Incomplete)) {
        try {
          failed_list->append(r.input.input);
        } catch (const Error& e) {
          if (report_error.empty()) report_error = e.what();
        }
      }
    };
    std::vector<BatchResult> results = run_batch(inputs, bo, convert, observer, interrupted);
    const bool stopped = interrupted.load() && results.size() < inputs.size();
    progress.done(
        stopped,
        stopped ? "Interrupted: finished PDFs are complete; run the same command again to resume." : "");
    report_append(report_summary(results, inputs.size(), stopped));
    bool failed = stopped, incomplete = false;
    if (!report_error.empty()) {
      err << report_error << "\n";
      failed = true;
    }
    for (const auto& r : results) {
      failed |= r.status == Status::Failed;
      incomplete |= r.status == Status::Incomplete;
    }

    if (batch.packet && !stopped) {
      std::vector<layout::PacketThread> threads;
      std::vector<layout::PacketFailure> failures;
      for (const auto& r : results) {
        const size_t i = index_of_line[r.input.line];
        if (kept[i])
          threads.push_back({&kept[i]->thread, &kept[i]->media, r.input.input, hashes[i]});
        else if (r.status == Status::Failed)
          failures.push_back({r.input.input, r.reason});
      }
      if (threads.empty()) {
        err << *batch.packet << ": no thread could be converted; no packet written\n";
        return 1;
      }
      Session session(options, env);
      Diagnostics diag([&](const Warning& w) {
        if (!options.quiet) err << "warning: " << w.line() << "\n";
      });
      layout::PacketOptions po;
      po.title = batch.title;
      po.date = creation_date(env);
      po.duplex = batch.duplex;
      po.creator = kCreator;
      // Laid out a page at a time (spooled_pdf.h).
      SpooledPdf pdf(*batch.packet, temp_dir(env.variables), [&](const PageDone& page_done) {
        po.page_done = page_done;
        return layout::layout_packet(threads, failures, session.fonts(), session.style(), diag, po);
      });
      if (*batch.packet == "-" || written_in_place(*batch.packet))
        write_atomically(*batch.packet, pdf.write());
      else
        pdf.write_to(*batch.packet);
      if (*batch.packet != "-") out << *batch.packet << "\n";  // not into the PDF on standard output
      diag.summarize();
    }
    return failed ? 1 : incomplete && !options.incomplete_ok ? 3 : 0;
  } catch (const Error& e) {
    err << e.what() << "\n";
    return e.exit_status();
  }
}

}  // namespace tp::app

#include "app/job.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/output_file.h"
#include "core/error.h"
#include "layout/layout.h"
#include "media/media.h"
#include "model/dump.h"
#include "parse/parse.h"
#include "render/pdf/pdf.h"
#include "text/font_set.h"
#include "text/paragraph.h"

#ifndef THREADPDF_VERSION
#define THREADPDF_VERSION "0"
#endif

namespace tp::app {

namespace fs = std::filesystem;

namespace {

std::string read_input(const std::string& input, const JobEnvironment& env) {
  if (input == "-") return env.stdin_bytes;
  std::error_code ec;
  if (fs::is_directory(input, ec)) throw Error(ErrorCode::Input, input, "is a folder, not a thread file");
  std::ifstream in(input, std::ios::binary);
  if (!in) throw Error(ErrorCode::Input, input, std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void emit(const JobEnvironment& env, const std::string& path, const std::string& bytes) {
  if (path == "-" && env.stdout_bytes) *env.stdout_bytes += bytes;
  else write_atomically(path, bytes);
}

// --dump shaped: every post's text as HarfBuzz-style glyph runs.
std::string dump_shaped(const model::Thread& thread, const text::FontSet& fonts, const layout::Style& style,
                        Diagnostics& diag) {
  std::string out;
  for (size_t i = 0; i < thread.posts.size(); ++i) {
    text::Paragraph p(fonts, thread.posts[i].text, {}, style.text.size, diag, "post " + std::to_string(i + 1));
    out += "post " + std::to_string(i + 1) + "\n" + p.serialize() + "\n";
  }
  return out;
}

}  // namespace

std::string default_output(const std::string& input) {
  fs::path p(input);
  return p.replace_extension(".pdf").string();
}

JobResult run_job(const JobOptions& options, const JobEnvironment& env) {
  JobResult result;
  Diagnostics diag([&](const Warning& w) {
    if (env.on_warning) env.on_warning(w);
  });
  const std::string name = options.input == "-" ? "-" : options.input;
  try {
    layout::Style style = layout::load_style(options.layout, (fs::path(options.data_dir) / "layouts").string());
    if (options.page_size) style.page = layout::page_size(*options.page_size);

    model::Thread thread = parse::read_any(read_input(options.input, env), name, &diag);
    thread.base_dir = options.input == "-" ? fs::current_path().string()
                                           : fs::absolute(options.input).parent_path().string();
    result.posts = thread.posts.size();
    if (options.json_output) emit(env, *options.json_output, parse::write_thread_json(thread));
    if (options.dump && *options.dump == "model") {
      emit(env, "-", model::dump(thread));
      return result;
    }

    auto fonts = text::FontSet::load((fs::path(options.data_dir) / "fonts" / "chain.json").string(), diag);
    if (options.dump && *options.dump == "shaped") {
      emit(env, "-", dump_shaped(thread, *fonts, style, diag));
      return result;
    }
    media::MediaSet media = media::load_all(thread, name, diag);

    layout::Options lo;
    lo.input = name;
    lo.creator = "threadpdf " THREADPDF_VERSION;
    lo.creation_date = env.source_date_epoch
                           ? *env.source_date_epoch
                           : std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    layout::Document doc = layout::layout_thread(thread, media, *fonts, style, diag, lo);
    if (options.dump && *options.dump == "layout") {
      emit(env, "-", layout::dump(doc));
      return result;
    }
    std::string pdf = render::write_pdf(doc);
    result.output_path = options.output ? *options.output
                         : options.input == "-" ? "-" : default_output(options.input);
    emit(env, result.output_path, pdf);
    result.pages = doc.pages.size();
    result.bytes = pdf.size();
  } catch (const Error& e) {
    result.exit_status = e.exit_status();
    result.error = e.what();
  } catch (const std::exception& e) {
    // A bug or an exhausted resource: still one line, still no file.
    result.exit_status = 1;
    result.error = name + ": internal error: " + e.what();
  }
  result.warnings = diag.warnings();
  return result;
}

}  // namespace tp::app

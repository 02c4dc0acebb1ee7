#include "app/options.h"

#include <cstdlib>
#include <cxxopts.hpp>

#include "core/error.h"

namespace tp::app {

CommandLine parse_command_line(int argc, const char* const* argv, const std::string& default_data_dir) {
  cxxopts::Options spec("threadpdf", "Turns a social-media thread into a PDF that keeps every word.");
  spec.positional_help("INPUT").show_positional_help();
  spec.add_options()
      ("o,output", "the PDF to write (- for standard output; default: INPUT with .pdf)", cxxopts::value<std::string>())
      ("layout", "a layout name from layouts/ (a4, letter) or a layout JSON file", cxxopts::value<std::string>()->default_value("a4"))
      ("page-size", "a4, letter or a5 (overrides the layout's page size)", cxxopts::value<std::string>())
      ("json", "also write the thread as thread JSON to FILE", cxxopts::value<std::string>())
      ("dump", "print a stage as text instead of writing a PDF: model, shaped or layout", cxxopts::value<std::string>())
      ("q,quiet", "do not print warnings")
      ("h,help", "print this help")
      ("version", "print the version")
      ("input", "a thread JSON file, the copied text of an unroll page, or - for standard input",
       cxxopts::value<std::string>());
  spec.parse_positional({"input"});

  CommandLine cl;
  cl.help_text = spec.help() +
                 "\nExit status: 0 success (warnings may be printed), 1 the input cannot be converted,\n"
                 "2 the command line is wrong.\n";
  try {
    auto r = spec.parse(argc, argv);
    if (!r.unmatched().empty()) throw Error(ErrorCode::Usage, "threadpdf", "unexpected argument \"" + r.unmatched()[0] + "\"");
    cl.help = r.count("help") > 0;
    cl.version = r.count("version") > 0;
    if (cl.help || cl.version) return cl;
    if (!r.count("input")) throw Error(ErrorCode::Usage, "threadpdf", "no INPUT given (see threadpdf --help)");
    JobOptions& j = cl.job;
    j.input = r["input"].as<std::string>();
    if (r.count("output")) j.output = r["output"].as<std::string>();
    j.layout = r["layout"].as<std::string>();
    if (r.count("page-size")) j.page_size = r["page-size"].as<std::string>();
    if (r.count("json")) j.json_output = r["json"].as<std::string>();
    if (r.count("dump")) {
      j.dump = r["dump"].as<std::string>();
      if (*j.dump != "model" && *j.dump != "shaped" && *j.dump != "layout")
        throw Error(ErrorCode::Usage, "--dump", "expected model, shaped or layout, got \"" + *j.dump + "\"");
    }
    j.quiet = r.count("quiet") > 0;
  } catch (const cxxopts::exceptions::exception& e) {
    throw Error(ErrorCode::Usage, "threadpdf", e.what());
  }
  const char* env = std::getenv("THREADPDF_DATA_DIR");
  cl.job.data_dir = env && *env ? env : default_data_dir;
  return cl;
}

}  // namespace tp::app

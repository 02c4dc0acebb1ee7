#include "app/options.h"

#include <cstdlib>
#include <cxxopts.hpp>
#include <type_traits>

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
      ("archive", "also save DIR/thread.json, the pictures (DIR/media/) and the PDF (DIR/thread.pdf), to render again with no network",
       cxxopts::value<std::string>(), "DIR")
      ("thread", "INPUT is an X archive (its folder or data/tweets.js): convert the thread holding post ID",
       cxxopts::value<std::string>(), "ID")
      ("offline", "fetch nothing: answer every request from the cache")
      ("refresh", "ignore the cache: fetch everything again")
      ("api-base", "send a platform's API requests to another base URL (NAME: bluesky, x, threadreader); repeatable",
       cxxopts::value<std::vector<std::string>>(), "NAME=URL")
      ("image-dpi", "scale pictures down to this resolution at their printed size",
       cxxopts::value<int>()->default_value("200"), "N")
      ("q,quiet", "do not print warnings")
      ("h,help", "print this help")
      ("version", "print the version")
      ("input", "a thread URL (Bluesky, Mastodon, X, Thread Reader App), a thread JSON file, the copied text "
                "of an unroll page, an X archive with --thread, or - for standard input",
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
    j.offline = r.count("offline") > 0;
    j.refresh = r.count("refresh") > 0;
    if (j.offline && j.refresh) throw Error(ErrorCode::Usage, "threadpdf", "--offline and --refresh exclude each other");
    if (r.count("api-base"))
      for (const std::string& spec : r["api-base"].as<std::vector<std::string>>()) {
        size_t eq = spec.find('=');
        std::string name = spec.substr(0, eq);
        std::string url = eq == std::string::npos ? std::string() : spec.substr(eq + 1);
        while (!url.empty() && url.back() == '/') url.pop_back();
        if (name != "bluesky" && name != "x" && name != "threadreader")
          throw Error(ErrorCode::Usage, "--api-base", "expected bluesky, x or threadreader before '=', got \"" + name + "\"");
        if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
          throw Error(ErrorCode::Usage, "--api-base", "expected an http(s) URL after '" + name + "=', got \"" + url + "\"");
        j.api_bases.emplace_back(name, url);
      }
    if (r.count("archive")) j.archive_dir = r["archive"].as<std::string>();
    if (r.count("thread")) j.thread_id = r["thread"].as<std::string>();
    j.image_dpi = r["image-dpi"].as<int>();
    if (j.image_dpi < 36 || j.image_dpi > 2400)
      throw Error(ErrorCode::Usage, "--image-dpi", "expected a number from 36 to 2400");
  } catch (const cxxopts::exceptions::exception& e) {
    throw Error(ErrorCode::Usage, "threadpdf", e.what());
  }
  // Limits of the HTTP layer, for tests that must fail fast; not options a user needs.
  auto number = [](const char* name, double low, double high, auto& field) {
    const char* v = std::getenv(name);
    if (!v || !*v) return;
    char* end = nullptr;
    double d = std::strtod(v, &end);
    if (*end != '\0' || !(d >= low && d <= high))
      throw Error(ErrorCode::Usage, name, "expected a number from " + std::to_string(low) + " to " + std::to_string(high));
    field = static_cast<std::remove_reference_t<decltype(field)>>(d);
  };
  number("THREADPDF_HTTP_TIMEOUT", 0.1, 3600, cl.job.http.timeout);
  number("THREADPDF_HTTP_RETRIES", 0, 20, cl.job.http.retries);
  number("THREADPDF_HTTP_BACKOFF", 0, 60, cl.job.http.backoff);
  number("THREADPDF_HTTP_MAX_WAIT", 0, 3600, cl.job.http.max_wait);
  number("THREADPDF_HTTP_MAX_BYTES", 1024, 1e10, cl.job.http.max_bytes);
  const char* env = std::getenv("THREADPDF_DATA_DIR");
  cl.job.data_dir = env && *env ? env : default_data_dir;
  return cl;
}

}  // namespace tp::app

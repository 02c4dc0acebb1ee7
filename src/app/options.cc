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
      ("from", "read a file INPUT as json (thread JSON) or unroll (the copied text of an unroll page), whatever it looks like",
       cxxopts::value<std::string>(), "FORMAT")
      ("archive", "also save DIR/thread.json, the pictures (DIR/media/) and the PDF (DIR/thread.pdf), to render again with no network",
       cxxopts::value<std::string>(), "DIR")
      ("thread", "INPUT is an X archive (its folder or data/tweets.js): convert the thread holding post ID",
       cxxopts::value<std::string>(), "ID")
      ("offline", "fetch nothing: answer every request from the cache")
      ("refresh", "ignore the cache: fetch everything again")
      ("api-base", "send a platform's API requests to another base URL (NAME: bluesky, x, threadreader); repeatable",
       cxxopts::value<std::vector<std::string>>(), "NAME=URL")
      ("provenance", "end the PDF with a provenance appendix: capture time, source, tool and SHA-256 hashes (always in the briefing layout)")
      ("sign", "sign the PDF with this private key (PEM; its password from THREADPDF_KEY_PASSWORD)", cxxopts::value<std::string>(), "KEY.pem")
      ("cert", "with --sign: the signer's certificate", cxxopts::value<std::string>(), "CERT.pem")
      ("chain", "with --sign: the certificates from the signer's up to the root, carried in the signature",
       cxxopts::value<std::string>(), "CHAIN.pem")
      ("tsa", "with --sign: add an RFC 3161 timestamp from this time-stamping authority", cxxopts::value<std::string>(), "URL")
      ("embed-media", "also embed the pictures, as fetched, in the PDF (the thread JSON and its manifest always are)")
      ("image-dpi", "scale pictures down to this resolution at their printed size",
       cxxopts::value<int>()->default_value("200"), "N")
      ("batch", "convert every input listed in LIST (one URL or file per line; - for standard input) into the folder given with -o",
       cxxopts::value<std::string>(), "LIST")
      ("j,jobs", "with --batch: inputs converted at once (default: the number of cores)", cxxopts::value<size_t>(), "N")
      ("per-host", "with --batch: requests at once to one site", cxxopts::value<size_t>()->default_value("2"), "N")
      ("report", "with --batch: write one JSON object per input and a summary to FILE", cxxopts::value<std::string>(), "FILE")
      ("force", "with --batch: convert inputs whose PDF already exists")
      ("packet", "write all the threads (the INPUTs, or the --batch list) into one briefing packet PDF",
       cxxopts::value<std::string>(), "FILE")
      ("title", "the packet's title", cxxopts::value<std::string>()->default_value("Briefing packet"))
      ("duplex", "in a packet, start every thread on a right-hand page")
      ("v,verbose", "with --batch: say when each input starts, and its warnings")
      ("q,quiet", "do not print warnings (with --batch: no progress either)")
      ("incomplete-ok", "exit 0, not 3, when the PDF was written but something of the thread could not be had")
      ("h,help", "print this help")
      ("version", "print the version")
      ("input", "a thread URL (Bluesky, Mastodon, X, Thread Reader App), a thread JSON file, a PDF threadpdf made, "
                "the copied text of an unroll page, an X archive with --thread, or - for standard input",
       cxxopts::value<std::vector<std::string>>());
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
    JobOptions& j = cl.job;
    BatchCli& b = cl.batch;
    std::vector<std::string> inputs;
    if (r.count("input")) inputs = r["input"].as<std::vector<std::string>>();
    if (r.count("batch")) b.list = r["batch"].as<std::string>();
    if (r.count("packet")) b.packet = r["packet"].as<std::string>();
    if (r.count("jobs")) b.jobs = r["jobs"].as<size_t>();
    b.per_host = r["per-host"].as<size_t>();
    if (r.count("report")) b.report = r["report"].as<std::string>();
    b.force = r.count("force") > 0;
    b.verbose = r.count("verbose") > 0;
    b.title = r["title"].as<std::string>();
    b.duplex = r.count("duplex") > 0;
    if (b.per_host == 0 || b.per_host > 64) throw Error(ErrorCode::Usage, "--per-host", "expected a number from 1 to 64");
    if (r.count("jobs") && (b.jobs == 0 || b.jobs > 256)) throw Error(ErrorCode::Usage, "--jobs", "expected a number from 1 to 256");
    if (b.list && !inputs.empty())
      throw Error(ErrorCode::Usage, "threadpdf", "give inputs either in the --batch list or on the command line, not both");
    if (b.list && !r.count("output") && !b.packet)
      throw Error(ErrorCode::Usage, "--batch", "give the folder for the PDFs with -o DIR");
    if (!b.active()) {
      if (inputs.empty()) throw Error(ErrorCode::Usage, "threadpdf", "no INPUT given (see threadpdf --help)");
      if (inputs.size() > 1)
        throw Error(ErrorCode::Usage, "threadpdf", "several INPUTs need --packet FILE (one PDF) or --batch (one each)");
      j.input = inputs.front();
    } else {
      b.inputs = inputs;
      if (!b.list && inputs.empty()) throw Error(ErrorCode::Usage, "--packet", "no INPUT given to put in the packet");
      if (r.count("json") || r.count("dump") || r.count("archive") || r.count("thread") || r.count("sign"))
        throw Error(ErrorCode::Usage, "threadpdf",
                    "--json, --dump, --archive, --thread and --sign convert one INPUT; not with --batch or --packet");
    }
    if (r.count("output")) j.output = r["output"].as<std::string>();
    j.layout = r["layout"].as<std::string>();
    // A packet is for print: the briefing layout unless the user chose one.
    if (b.packet && !r.count("layout")) j.layout = "briefing";
    if (r.count("page-size")) j.page_size = r["page-size"].as<std::string>();
    if (r.count("json")) j.json_output = r["json"].as<std::string>();
    if (r.count("from")) {
      j.from = r["from"].as<std::string>();
      if (*j.from != "json" && *j.from != "unroll")
        throw Error(ErrorCode::Usage, "--from", "expected json or unroll, got \"" + *j.from + "\"");
    }
    if (r.count("dump")) {
      j.dump = r["dump"].as<std::string>();
      if (*j.dump != "model" && *j.dump != "shaped" && *j.dump != "layout")
        throw Error(ErrorCode::Usage, "--dump", "expected model, shaped or layout, got \"" + *j.dump + "\"");
    }
    j.quiet = r.count("quiet") > 0;
    j.embed_media = r.count("embed-media") > 0;
    j.provenance = r.count("provenance") > 0;
    if (r.count("sign")) j.sign_key = r["sign"].as<std::string>();
    if (r.count("cert")) j.sign_cert = r["cert"].as<std::string>();
    if (r.count("chain")) j.sign_chain = r["chain"].as<std::string>();
    if (r.count("tsa")) j.tsa_url = r["tsa"].as<std::string>();
    if (j.sign_key.has_value() != j.sign_cert.has_value())
      throw Error(ErrorCode::Usage, "--sign", "--sign KEY.pem and --cert CERT.pem go together");
    if ((j.sign_chain || j.tsa_url) && !j.sign_key)
      throw Error(ErrorCode::Usage, j.tsa_url ? "--tsa" : "--chain", "only with --sign KEY.pem --cert CERT.pem");
    j.incomplete_ok = r.count("incomplete-ok") > 0;
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
  // Limits of the HTTP layer: the defaults suit people; tests shorten them to fail fast.
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
  number("THREADPDF_HTTP_LOW_SPEED", 0, 1e9, cl.job.http.low_speed);
  number("THREADPDF_HTTP_LOW_SPEED_TIME", 1, 3600, cl.job.http.low_speed_time);
  number("THREADPDF_HTTP_PICTURE_DEADLINE", 0.1, 86400, cl.job.http.picture_deadline);
  number("THREADPDF_HTTP_THREAD_DEADLINE", 0.1, 86400, cl.job.http.thread_deadline);
  const char* env = std::getenv("THREADPDF_DATA_DIR");
  cl.job.data_dir = env && *env ? env : default_data_dir;
  return cl;
}

}  // namespace tp::app

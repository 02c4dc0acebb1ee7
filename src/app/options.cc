#include "app/options.h"

#include <cstdlib>
#include <cxxopts.hpp>
#include <filesystem>
#include <set>
#include <type_traits>

#include "app/config_file.h"
#include "app/data_dir.h"
#include "app/help.h"
#include "app/option_table.h"
#include "app/output_name.h"
#include "core/error.h"
#include "core/format.h"
#include "core/suggest.h"
#include "source/credentials.h"
#include "source/fetch_thread.h"

namespace tp::app {

namespace {

[[noreturn]] void usage(const std::string& where, const std::string& message) {
  throw Error(ErrorCode::Usage, where, message);
}

std::vector<std::string> long_names() {
  std::vector<std::string> names;
  for (const OptionSpec& o : option_table()) names.emplace_back(o.name);
  return names;
}

// cxxopts says "Option 'ouput' does not exist"; a user is better served by the nearest real option.
// Scans argv as cxxopts will read it: a value-taking option consumes the next word.
void check_option_names(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") return;  // the rest are INPUTs
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2);
      const OptionSpec* o = find_option(name);
      if (!o) usage("threadpdf", "unknown option --" + name + did_you_mean(name, long_names(), "--"));
      if (!o->value.empty() && a.find('=') == std::string::npos && ++i == argc)
        usage("--" + name, "expected " + std::string(o->value) + " after it");
    } else if (a.size() > 1 && a[0] == '-') {
      for (size_t k = 1; k < a.size(); ++k) {
        const OptionSpec* o = nullptr;
        for (const OptionSpec& s : option_table())
          if (s.letter == a[k]) o = &s;
        if (!o) {
          // "-output" is a long option typed with one dash.
          std::string hint = did_you_mean(a.substr(1), long_names(), "--");
          usage("threadpdf", "unknown option -" + std::string(1, a[k]) + (k == 1 ? hint : std::string()));
        }
        if (!o->value.empty()) {
          if (k + 1 == a.size() && ++i == argc)  // "-o FILE"; else "-oFILE"
            usage("-" + std::string(1, a[k]), "expected " + std::string(o->value) + " after it");
          break;
        }
      }
    }
  }
}

// A whole number from `lo` to `hi` given to `--option`.
long whole_number(const std::string& option, const std::string& v, long lo, long hi) {
  char* end = nullptr;
  errno = 0;
  long n = v.empty() ? 0 : std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno == ERANGE)
    usage("--" + option, "expected a whole number, got \"" + v + "\"");
  if (n < lo || n > hi)
    usage("--" + option,
          "expected a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + v);
  return n;
}

// A number of seconds from `lo` to `hi` given to `--option` ("2.5").
double seconds_value(const std::string& option, const std::string& v, double lo, double hi) {
  char* end = nullptr;
  double d = v.empty() ? 0 : std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0') usage("--" + option, "expected a number of seconds, got \"" + v + "\"");
  if (!(d >= lo && d <= hi))
    usage("--" + option,
          "expected a number of seconds from " + fmt_num(lo, 1) + " to " + fmt_num(hi, 1) + ", got " + v);
  return d;
}

// A value from a fixed set, any case ("A4", "Letter").
std::string choice(const OptionSpec& o, const std::string& v) {
  const std::string lower = ascii_lower(v);
  std::vector<std::string> known;
  std::string list;
  for (size_t i = 0; i < o.choices.size();) {
    size_t end = std::min(o.choices.find(' ', i), o.choices.size());
    known.emplace_back(o.choices.substr(i, end - i));
    i = end + 1;
  }
  for (size_t i = 0; i < known.size(); ++i)
    list += (i == 0 ? "" : i + 1 == known.size() ? " or " : ", ") + known[i];
  for (const auto& k : known)
    if (k == lower) return k;
  usage("--" + std::string(o.name), "expected " + list + ", got \"" + v + "\"" + did_you_mean(v, known));
}

// "-o DIR" as people type it: an existing folder, or a path ending in '/'.
bool names_folder(const std::string& path) {
  std::error_code ec;
  return !path.empty() && (path.back() == '/' || std::filesystem::is_directory(path, ec));
}

bool ends_with_pdf(const std::string& path) {
  return path.size() >= 4 && ascii_lower(path.substr(path.size() - 4)) == ".pdf";
}

const char* mode_words(OptionMode m) {
  switch (m) {
    case OptionMode::Single:
      return "converts one INPUT; not with --batch or --packet";
    case OptionMode::Many:
      return "only with --batch or --packet";
    case OptionMode::Batch:
      return "only with --batch and -o DIR (a packet always converts every thread)";
    case OptionMode::Packet:
      return "only with --packet";
    case OptionMode::Any:
      break;
  }
  return "";
}

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv, const Environment& env,
                               const std::string& default_data_dir, const std::string& build_dir) {
  cxxopts::Options spec("threadpdf", "Turns a social-media thread into a PDF that keeps every word.");
  // Every value is read as text and converted here, so that a bad one is reported with its option.
  auto add = spec.add_options();
  for (const OptionSpec& o : option_table()) {
    std::string names = o.letter ? std::string(1, o.letter) + "," + std::string(o.name) : std::string(o.name);
    if (o.value.empty())
      add(names, std::string(o.help), cxxopts::value<bool>());
    else if (o.repeatable)
      add(names, std::string(o.help), cxxopts::value<std::vector<std::string>>(), std::string(o.value));
    else
      add(names, std::string(o.help), cxxopts::value<std::string>(), std::string(o.value));
  }
  spec.add_options()("input", "", cxxopts::value<std::vector<std::string>>());
  spec.parse_positional({"input"});

  CommandLine cl;
  std::optional<double> retries, timeout, max_wait;  // applied over THREADPDF_HTTP_* below
  try {
    cl.job.data_dir = find_data_dir(env, default_data_dir, build_dir);
  } catch (const Error&) {
    cl.job.data_dir.clear();  // reported when something needs the data, not for --help
  }
  cl.help_text = help_text(layout_names(cl.job.data_dir.empty() ? "" : cl.job.data_dir + "/layouts"));
  check_option_names(argc, argv);
  // The config file's options come first, so that the command line's win.
  std::optional<std::string> config;
  bool no_config = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") break;
    if (a == "--no-config")
      no_config = true;
    else if (a == "--config" && i + 1 < argc)
      config = argv[++i];
    else if (a.rfind("--config=", 0) == 0)
      config = a.substr(9);
    else if (const OptionSpec* o = a.rfind("--", 0) == 0 ? find_option(a.substr(2)) : nullptr;
             o && !o->value.empty())
      ++i;
  }
  if (config && no_config) usage("--config", "not with --no-config");
  std::vector<std::string> config_args;
  if (auto path = config_path(config, no_config, env)) config_args = read_config(*path);
  std::vector<const char*> merged{argv[0]};
  for (const auto& a : config_args) merged.push_back(a.c_str());
  for (int i = 1; i < argc; ++i) merged.push_back(argv[i]);
  try {
    // What the command line itself says decides the mode checks: an option of the config file that
    // does nothing in this run is not the user's mistake now.
    auto typed = spec.parse(argc, argv);
    auto r = spec.parse(static_cast<int>(merged.size()), merged.data());
    if (!r.unmatched().empty()) usage("threadpdf", "unexpected argument \"" + r.unmatched()[0] + "\"");
    cl.help = typed.count("help") > 0;
    cl.version = typed.count("version") > 0;
    if (cl.help || cl.version) return cl;
    auto str = [&](const char* name) { return r[name].as<std::string>(); };
    JobOptions& j = cl.job;
    BatchCli& b = cl.batch;
    std::vector<std::string> inputs;
    if (r.count("input")) inputs = r["input"].as<std::vector<std::string>>();
    if (typed.count("merge-reports")) {
      // Reports in, one report out: no conversion option means anything here.
      for (const OptionSpec& o : option_table()) {
        const std::string n(o.name);
        if (typed.count(n) && n != "merge-reports" && n != "output" && n != "quiet" && n != "config" &&
            n != "no-config")
          usage("--" + n, "not with --merge-reports");
      }
      if (inputs.empty()) usage("--merge-reports", "give the report files to merge (REPORT.jsonl...)");
      if (r.count("output")) {
        j.output = str("output");
        if (names_folder(*j.output))
          usage("-o", "\"" + *j.output + "\" is a folder: --merge-reports writes one report FILE");
      }
      b.merge_reports = true;
      b.inputs = inputs;
      return cl;
    }
    if (r.count("batch")) b.list = str("batch");
    if (r.count("packet")) b.packet = str("packet");
    // Several INPUTs with -o DIR are a batch given on the command line.
    if (!b.list && !b.packet && inputs.size() > 1) {
      if (!r.count("output"))
        usage("threadpdf", "several INPUTs need -o DIR (one PDF each) or --packet FILE (one PDF)");
      if (!names_folder(str("output")))
        usage("-o",
              "\"" + str("output") +
                  "\" is not a folder: several INPUTs are converted one PDF each into a folder "
                  "(an existing one, or a path ending in /); for one PDF of them all, use --packet FILE");
      b.each = true;
    }

    // An option that would do nothing in this run is an error, not silently dropped.
    for (const OptionSpec& o : option_table()) {
      if (!typed.count(std::string(o.name))) continue;
      bool fits = true;
      switch (o.mode) {
        case OptionMode::Any:
          break;
        case OptionMode::Single:
          fits = !b.active();
          break;
        case OptionMode::Many:
          fits = b.active();
          break;
        case OptionMode::Batch:
          fits = (b.list || b.each) && r.count("output");
          break;
        case OptionMode::Packet:
          fits = b.packet.has_value();
          break;
      }
      if (!fits) usage("--" + std::string(o.name), mode_words(o.mode));
    }

    if (r.count("jobs")) b.jobs = whole_number("jobs", str("jobs"), 1, 256);
    if (r.count("per-host")) b.per_host = whole_number("per-host", str("per-host"), 1, 64);
    if (r.count("report")) b.report = str("report");
    if (r.count("failed-list")) b.failed_list = str("failed-list");
    if (r.count("shard")) {
      const std::string v = str("shard");
      const size_t slash = v.find('/');
      if (slash == std::string::npos) usage("--shard", "expected K/N or auto/N, got \"" + v + "\"");
      b.shards = whole_number("shard", v.substr(slash + 1), 1, 100000);
      std::string k = v.substr(0, slash);
      if (ascii_lower(k) == "auto") {
        const std::string job = env.get("JOB_COMPLETION_INDEX");
        const std::string slurm = env.get("SLURM_ARRAY_TASK_ID");
        if (!job.empty())
          k = job;
        else if (!slurm.empty())
          k = slurm;
        else
          usage("--shard", "auto needs JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID in the environment");
      }
      b.shard = whole_number("shard", k, 0, static_cast<long>(b.shards) - 1);
    }
    b.force = r.count("force") > 0;
    b.verbose = r.count("verbose") > 0;
    if (r.count("title")) b.title = str("title");
    b.duplex = r.count("duplex") > 0;
    if (b.list && !inputs.empty())
      usage("threadpdf", "give inputs either in the --batch list or on the command line, not both");
    if (b.list && !r.count("output") && !b.packet && !r.count("archive"))
      usage("--batch", "give the folder for the PDFs with -o DIR, or keep archives with --archive DIR");
    if (!b.active()) {
      // --clear-cache alone empties the cache and converts nothing.
      if (inputs.empty() && !typed.count("clear-cache"))
        usage("threadpdf", "no INPUT given (see threadpdf --help)");
      if (!inputs.empty()) j.input = inputs.front();
    } else {
      b.inputs = inputs;
      if (!b.list && inputs.empty()) usage("--packet", "no INPUT given to put in the packet");
    }
    if (r.count("output")) j.output = str("output");
    // Folder or file: each mix-up says which was meant.
    if (b.packet && names_folder(*b.packet))
      usage("--packet", "\"" + *b.packet + "\" is a folder: --packet names the PDF file to write");
    if (b.active() && j.output) {
      const std::string with = b.list ? "--batch" : b.packet ? "--packet" : "several INPUTs";
      std::error_code ec;
      if (std::filesystem::exists(*j.output, ec) && !std::filesystem::is_directory(*j.output, ec))
        usage("-o", "\"" + *j.output + "\" is a file, not a folder: with " + with +
                        ", -o names the folder for one PDF per input");
      if (ends_with_pdf(*j.output))
        usage("-o", "\"" + *j.output + "\" is not a folder: with " + with +
                        ", -o names the folder for one PDF per input" +
                        (b.packet ? "; the packet goes to --packet FILE" : ""));
    }
    if (!b.active() && j.output && *j.output != "-" && names_folder(*j.output)) {
      if (j.input == "-")
        usage("-o", "standard input has no name to give its PDF in \"" + *j.output + "\": give -o FILE");
      if (r.count("archive"))
        usage("-o", "with --archive the PDF goes into the archive folder; give -o FILE for a second copy");
      if (r.count("dump")) usage("-o", "--dump prints to standard output; redirect it instead");
      j.output_folder = j.output;
      j.output.reset();
    }
    if (j.output && r.count("dump")) usage("-o", "--dump prints to standard output; redirect it instead");
    if (r.count("layout")) {
      j.layout = str("layout");
      // A name is any case ("A4"); a file path is taken as typed.
      if (j.layout.find('/') == std::string::npos && j.layout.find(".json") == std::string::npos)
        j.layout = ascii_lower(j.layout);
    } else if (b.packet) {
      j.layout = "briefing";  // a packet is for print
    }
    if (r.count("page-size")) j.page_size = choice(*find_option("page-size"), str("page-size"));
    if (r.count("json")) j.json_output = str("json");
    if (r.count("dump")) j.dump = choice(*find_option("dump"), str("dump"));
    if (r.count("from")) j.from = choice(*find_option("from"), str("from"));
    j.embed_media = r.count("embed-media") > 0;
    j.provenance = r.count("provenance") > 0;
    if (r.count("sign")) j.sign_key = str("sign");
    if (r.count("cert")) j.sign_cert = str("cert");
    if (r.count("chain")) j.sign_chain = str("chain");
    if (r.count("tsa")) j.tsa_url = str("tsa");
    if (j.sign_key.has_value() != j.sign_cert.has_value())
      usage("--sign", "--sign KEY.pem and --cert CERT.pem go together");
    if ((j.sign_chain || j.tsa_url) && !j.sign_key)
      usage(j.tsa_url ? "--tsa" : "--chain", "only with --sign KEY.pem --cert CERT.pem");
    const bool name_applies = typed.count("name") || !(j.output && !j.output_folder && !b.active());
    if (r.count("name") && name_applies) {
      j.name_template = str("name");
      check_name_template(*j.name_template);
      if (j.output && !j.output_folder && !b.active())
        usage("--name", "names the PDF that -o FILE already names; give -o DIR (a folder) with it");
      if (b.packet && !b.list && !b.each)
        usage("--name", "names one PDF per thread; a packet alone is one file");
      if (r.count("archive")) usage("--name", "the PDF of --archive DIR is always DIR/thread.pdf");
    }
    if (r.count("if-exists")) {
      j.if_exists = choice(*find_option("if-exists"), str("if-exists"));
      if (b.force && *j.if_exists != "overwrite")
        usage("--force", "means --if-exists overwrite; not with --if-exists " + *j.if_exists);
      if (b.packet && !b.list && !b.each)
        usage("--if-exists", "a packet is always written; with --batch LIST -o DIR it applies to each PDF");
      if (r.count("archive")) usage("--if-exists", "the --archive folder is always replaced whole");
    }
    j.incomplete_ok = r.count("incomplete-ok") > 0;
    j.quiet = r.count("quiet") > 0;
    j.verbose = b.verbose;
    j.offline = r.count("offline") > 0;
    j.refresh = r.count("refresh") > 0;
    if (j.offline && j.refresh) usage("threadpdf", "--offline and --refresh exclude each other");
    if (b.verbose && j.quiet) usage("threadpdf", "--verbose and --quiet exclude each other");
    if (r.count("api-base"))
      for (const std::string& given : r["api-base"].as<std::vector<std::string>>()) {
        size_t eq = given.find('=');
        std::string name = ascii_lower(given.substr(0, eq));
        std::string url = eq == std::string::npos ? std::string() : given.substr(eq + 1);
        while (!url.empty() && url.back() == '/') url.pop_back();
        std::optional<model::Platform> api;
        std::vector<std::string> names;
        std::string expected;  // "bluesky, x or threadreader"
        for (model::Platform p : source::ApiBases::kSettable) {
          names.push_back(model::platform_name(p));
          if (name == names.back()) api = p;
          const bool last = names.size() == std::size(source::ApiBases::kSettable);
          expected += (names.size() == 1 ? "" : last ? " or " : ", ") + names.back();
        }
        if (!api)
          usage("--api-base", "expected " + expected + " before '=', got \"" + given.substr(0, eq) + "\"" +
                                  did_you_mean(name, names));
        std::string scheme = ascii_lower(url.substr(0, 8));
        if (scheme.rfind("http://", 0) != 0 && scheme.rfind("https://", 0) != 0)
          usage("--api-base", "expected an http(s) URL after '" + name + "=', got \"" + url + "\"");
        j.api_bases.emplace_back(*api, url);
      }
    if (r.count("archive")) j.archive_dir = str("archive");
    if (r.count("thread")) j.thread_id = str("thread");
    if (r.count("retries")) retries = whole_number("retries", str("retries"), 0, 20);
    if (r.count("timeout")) timeout = seconds_value("timeout", str("timeout"), 0.1, 3600);
    if (r.count("max-wait")) max_wait = seconds_value("max-wait", str("max-wait"), 0, 3600);
    if (r.count("user-agent")) j.user_agent = str("user-agent");
    if (r.count("cache-dir")) j.cache_dir = str("cache-dir");
    j.no_cache = r.count("no-cache") > 0;
    j.clear_cache = r.count("clear-cache") > 0;
    if (j.offline && (j.no_cache || j.clear_cache))
      usage("--offline",
            std::string("reads only the cache; not with ") + (j.no_cache ? "--no-cache" : "--clear-cache"));
    if (r.count("cache-max-mb"))
      j.cache_max_mb = static_cast<size_t>(whole_number("cache-max-mb", str("cache-max-mb"), 0, 10000000));
    if (r.count("proxy")) {
      j.proxy = str("proxy");
      if (j.proxy->empty()) usage("--proxy", "expected a proxy URL (http://HOST:PORT), got \"\"");
    }
    // Checked here so that a bad one is a usage error, worded without the token itself.
    source::Credentials check;
    if (r.count("token"))
      for (const std::string& given : r["token"].as<std::vector<std::string>>()) {
        const size_t eq = given.find('=');
        if (eq == std::string::npos) usage("--token", "expected HOST=TOKEN (the token is not shown here)");
        std::string site = given.substr(0, eq);
        // "https://mastodon.example" is what people copy; the site is what matters.
        if (size_t scheme = site.find("://"); scheme != std::string::npos) site = site.substr(scheme + 3);
        while (!site.empty() && site.back() == '/') site.pop_back();
        check.add(site, given.substr(eq + 1));
        j.tokens.emplace_back(ascii_lower(site), given.substr(eq + 1));
      }
    for (const auto& [name, value] : env.all())
      if (name.rfind("THREADPDF_TOKEN_", 0) == 0) j.token_environment.push_back(name + "=" + value);
    if (r.count("login")) {
      j.login = str("login");
      const std::string& h = *j.login;
      // "handle:password": a password on the command line, readable by every local user in the
      // process list and kept in shell history. Handles and e-mail addresses have no colon; a DID
      // ("did:plc:…") is the one identifier that does. The value is not echoed: it holds a secret.
      if (h.find(':') != std::string::npos && h.rfind("did:", 0) != 0)
        usage("--login",
              "give only the handle; the app password goes in THREADPDF_APP_PASSWORD or at the "
              "prompt, not on the command line (the password is not shown here)");
      if (h.empty() || h.find_first_of(" \t/") != std::string::npos)
        usage("--login", "expected a Bluesky handle (alice.bsky.social), got \"" + h + "\"");
      if (j.offline) usage("--login", "not with --offline: logging in needs the network");
    }
    if (r.count("image-dpi"))
      j.image_dpi = static_cast<int>(whole_number("image-dpi", str("image-dpi"), 36, 2400));
  } catch (const cxxopts::exceptions::exception& e) {
    usage("threadpdf", e.what());
  }
  // Limits of the HTTP layer: the defaults suit people; tests shorten them to fail fast.
  auto number = [&env](const char* name, double low, double high, auto& field) {
    const std::string v = env.get(name);
    if (v.empty()) return;
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (*end != '\0' || !(d >= low && d <= high))
      throw Error(ErrorCode::Usage, name,
                  "expected a number from " + std::to_string(low) + " to " + std::to_string(high));
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
  // The documented options win over the variables (which tests use).
  if (retries) cl.job.http.retries = static_cast<int>(*retries);
  if (timeout) cl.job.http.timeout = *timeout;
  if (max_wait) cl.job.http.max_wait = *max_wait;
  // Now that the command line is valid, the data must be there (or THREADPDF_DATA_DIR be right).
  if (cl.job.data_dir.empty()) {
    std::string d = find_data_dir(env, default_data_dir, build_dir);  // throws the THREADPDF_DATA_DIR error
    if (d.empty()) throw Error(ErrorCode::Input, "threadpdf", kNoDataMessage);
    cl.job.data_dir = d;
  }
  return cl;
}

}  // namespace tp::app

#include "app/option_table.h"

namespace tp::app {

namespace {

using M = OptionMode;
using K = ValueKind;

const std::vector<OptionSpec> kOptions = {
    {"output", 'o', "FILE|DIR",
     "the PDF to write (- for standard output; default: INPUT with .pdf, and for a URL "
     "{platform}-{handle}-{post id}.pdf, in the current folder); a folder (existing, or ending in /) gets "
     "that default name inside it; with several INPUTs or --batch, the folder for one PDF each",
     "", M::Any, K::File},
    {"name", 0, "TEMPLATE",
     "the PDF's file name from the thread's fields {platform}, {handle}, {id}, {date} (YYYY-MM-DD), {title} "
     "(slugged, at most 60 characters) and {author}, e.g. '{date}-{handle}-{title}'",
     "", M::Any, K::Word},
    {"if-exists", 0, "WHAT",
     "when the PDF's name is taken: skip, overwrite or rename (to NAME-2.pdf, ...); default "
     "overwrite, and skip in a batch",
     "", M::Any, K::Choice, "skip overwrite rename"},
    {"layout", 0, "NAME|FILE",
     "a layout from the layouts listed below, or a layout JSON file (default a4; briefing for packets)", "",
     M::Any, K::Word},
    {"page-size", 0, "SIZE", "a4, letter or a5 (overrides the layout's page size)", "", M::Any, K::Choice,
     "a4 letter a5"},
    {"json", 0, "FILE", "also write the thread as thread JSON", "", M::Single, K::File},
    {"dump", 0, "WHAT", "print a stage as text instead of a PDF: model, shaped or layout", "", M::Single,
     K::Choice, "model shaped layout"},
    {"from", 0, "FORMAT",
     "read a file INPUT as json (thread JSON) or unroll (the copied text of an unroll page), whatever it "
     "looks like",
     "", M::Any, K::Choice, "json unroll"},
    {"archive", 0, "DIR",
     "also save DIR/thread.json, its pictures (DIR/media/) and the PDF (DIR/thread.pdf); with --batch, "
     "one such folder per input inside DIR, named as its PDF",
     "", M::Any, K::Dir},
    {"thread", 0, "ID", "INPUT is an X archive (its folder or data/tweets.js): the thread holding post ID",
     "", M::Single, K::Word},
    {"offline", 0, "", "fetch nothing: answer every request from the cache", "", M::Any},
    {"refresh", 0, "", "ignore the cache and fetch everything again", "", M::Any},
    {"api-base", 0, "NAME=URL",
     "send bluesky, x or threadreader API requests to another base URL (repeatable)", "", M::Any, K::Word, "",
     true},
    {"provenance", 0, "",
     "end the PDF with a provenance appendix: capture time, source, tool and SHA-256 hashes (always in the "
     "briefing layout)",
     "", M::Any},
    {"embed-media", 0, "",
     "also embed the pictures, as fetched, in the PDF (the thread JSON and its manifest always are)", "",
     M::Any},
    {"sign", 0, "KEY.pem",
     "sign the PDF with this private key (PEM; its password from THREADPDF_KEY_PASSWORD)", "", M::Single,
     K::File},
    {"cert", 0, "CERT.pem", "with --sign: the signer's certificate", "", M::Single, K::File},
    {"chain", 0, "CHAIN.pem",
     "with --sign: the certificates from the signer's up to the root, carried in the signature", "",
     M::Single, K::File},
    {"tsa", 0, "URL", "with --sign: add an RFC 3161 timestamp from this time-stamping authority", "",
     M::Single, K::Word},
    {"image-dpi", 0, "N", "scale pictures down to N dpi at their printed size (36 to 2400, default 200)", "",
     M::Any, K::Word},
    {"verbose", 'v', "",
     "a single run: a summary line of what was written, and the API address of a failed request; "
     "a batch: when each input starts, and all its warnings (losses are always said)",
     "", M::Any},
    {"quiet", 'q', "", "do not print warnings (in a batch: no progress either)", "", M::Any},
    {"incomplete-ok", 0, "",
     "exit 0, not 3, when the PDF was written but something of the thread could not be had", "", M::Any},
    {"help", 'h', "", "print this help", "", M::Any},
    {"version", 0, "", "print the version", "", M::Any},
    {"config", 0, "FILE",
     "read options from FILE instead of $XDG_CONFIG_HOME/threadpdf/config (long options, one a line)",
     "Network and configuration", M::Any, K::File},
    {"no-config", 0, "", "read no config file", "Network and configuration", M::Any},
    {"retries", 0, "N", "further attempts after a timeout, a 429 or a 5xx answer (0 to 20, default 4)",
     "Network and configuration", M::Any, K::Word},
    {"timeout", 0, "SECONDS", "longest attempt of one request (default 60)", "Network and configuration",
     M::Any, K::Word},
    {"max-wait", 0, "SECONDS",
     "longest wait a server may ask for (Retry-After) before the request fails (default 60)",
     "Network and configuration", M::Any, K::Word},
    {"user-agent", 0, "TEXT", "the User-Agent header sent", "Network and configuration", M::Any, K::Word},
    {"proxy", 0, "URL",
     "send every request through this proxy (http://, https://, socks5h://; default: libcurl's "
     "http_proxy, https_proxy and no_proxy variables)",
     "Network and configuration", M::Any, K::Word},
    {"token", 0, "HOST=TOKEN",
     "send this access token (a Mastodon instance's) to HOST and nowhere else, HOST with :PORT when the URL "
     "has one (repeatable; better in the config file or THREADPDF_TOKEN_<HOST>, out of the process list)",
     "Network and configuration", M::Any, K::Word, "", true},
    {"login", 0, "HANDLE",
     "log in to Bluesky as HANDLE with an app password (THREADPDF_APP_PASSWORD, or asked on the terminal); "
     "the session is kept in the cache folder, readable only by you",
     "Network and configuration", M::Any, K::Word},
    {"cache-dir", 0, "DIR", "the disk cache's folder (default $XDG_CACHE_HOME/threadpdf)",
     "Network and configuration", M::Any, K::Dir},
    {"no-cache", 0, "", "neither read nor write the disk cache in this run", "Network and configuration",
     M::Any},
    {"clear-cache", 0, "",
     "empty the disk cache (stored answers and saved logins) first; with no INPUT, only that",
     "Network and configuration", M::Any},
    {"cache-max-mb", 0, "N",
     "keep the disk cache under N megabytes, removing the least recently used answers (default 512; 0: no "
     "limit)",
     "Network and configuration", M::Any, K::Word},
    {"batch", 0, "LIST",
     "convert every input listed in LIST (a URL or file per line; blank lines and lines starting with # are "
     "skipped; - reads standard input) into the folder -o DIR",
     "Many threads", M::Any, K::File},
    {"jobs", 'j', "N", "inputs converted at once (default: the number of cores)", "Many threads", M::Many,
     K::Word},
    {"per-host", 0, "N", "requests at once to one site, over the whole batch (1 to 64, default 2)",
     "Many threads", M::Many, K::Word},
    {"report", 0, "FILE",
     "one JSON object per input (input, line, status, output, pages, bytes, posts, warnings, error, "
     "duration_s), "
     "appended as each input finishes, then a summary object",
     "Many threads", M::Many, K::File},
    {"failed-list", 0, "FILE",
     "write the inputs that failed or were incomplete, one a line as they finish, ready for --batch FILE",
     "Many threads", M::Many, K::File},
    {"shard", 0, "K/N",
     "convert only the inputs of shard K of N (0 <= K < N, by a stable hash of each thread, so N workers "
     "share "
     "one list); auto/N takes K from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID",
     "Many threads", M::Batch, K::Word},
    {"force", 0, "", "convert inputs whose PDF already exists", "Many threads", M::Batch},
    {"merge-reports", 0, "",
     "merge the --report files given as INPUTs (one per shard) into one report with one summary, written "
     "to -o FILE (or standard output)",
     "Many threads", M::Any},
    {"packet", 0, "FILE", "all the threads (the --batch list, or several INPUTs) in one briefing packet",
     "Many threads", M::Any, K::File},
    {"title", 0, "TEXT", "the packet's title (default \"Briefing packet\")", "Many threads", M::Packet,
     K::Word},
    {"duplex", 0, "", "in a packet, start every thread on a right-hand page", "Many threads", M::Packet},
};

const HelpExtra kExtra = {
    "threadpdf [options] INPUT [-o FILE|DIR]\n"
    "threadpdf [options] INPUT... -o DIR\n"
    "threadpdf [options] --batch LIST -o DIR\n"
    "threadpdf [options] --packet FILE INPUT...\n"
    "threadpdf --merge-reports REPORT... [-o FILE]\n"
    "threadpdf verify FILE.pdf [--json]",
    "a thread URL (Bluesky, Mastodon, X, Thread Reader App), a thread JSON file, a PDF threadpdf made (its "
    "thread inside; needs -o), the "
    "copied text of an unroll page, an X archive (with --thread), or - for standard input",
    {
        {"threadpdf https://bsky.app/profile/alice.example/post/3kabc",
         "the thread as a PDF in the current folder"},
        {"threadpdf examples/world-scripts.json --layout book --page-size A5",
         "a thread JSON file as a book page"},
        {"threadpdf --batch urls.txt -o pdfs/ --report report.jsonl", "every URL of a list, one PDF each"},
        {"THREADPDF_TOKEN_MASTODON_EXAMPLE=... threadpdf https://mastodon.example/@ana/1",
         "a followers-only thread, with the instance's access token"},
        {"threadpdf --packet briefing.pdf --title 'Monday' a.json b.json",
         "two threads in one packet for print"},
    },
    {
        {"THREADPDF_DATA_DIR", "the folder holding layouts/ and fonts/ (default: beside the program)"},
        {"XDG_CACHE_HOME", "the disk cache is $XDG_CACHE_HOME/threadpdf (default ~/.cache/threadpdf)"},
        {"TMPDIR", "where a long thread's laid-out pages wait to be written (default /tmp)"},
        {"THREADPDF_KEY_PASSWORD", "the password of the --sign key, if it has one"},
        {"THREADPDF_TOKEN_<HOST>",
         "the access token for HOST (upper case, every other character than a letter or digit as _: "
         "THREADPDF_TOKEN_MASTODON_EXAMPLE)"},
        {"THREADPDF_APP_PASSWORD", "the Bluesky app password of --login"},
        {"http_proxy, https_proxy, no_proxy", "libcurl's proxy settings, used unless --proxy is given"},
        {"JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID", "the shard of --shard auto/N"},
        {"SOURCE_DATE_EPOCH",
         "the creation and capture date written, in seconds since 1970, for identical output"},
        {"THREADPDF_HTTP_TIMEOUT, _RETRIES, _BACKOFF, _MAX_WAIT, _MAX_BYTES, _LOW_SPEED, _LOW_SPEED_TIME, "
         "_PICTURE_DEADLINE, _THREAD_DEADLINE",
         "the network's limits (seconds, attempts, bytes)"},
    },
    "0 success (warnings may be printed), 1 an input cannot be converted, 2 the command line is wrong, 3 the "
    "PDF "
    "was written but something of the thread could not be had (see --incomplete-ok)",
};

}  // namespace

const std::vector<OptionSpec>& option_table() { return kOptions; }

const OptionSpec* find_option(std::string_view name) {
  for (const OptionSpec& o : kOptions)
    if (o.name == name) return &o;
  return nullptr;
}

const HelpExtra& help_extra() { return kExtra; }

}  // namespace tp::app

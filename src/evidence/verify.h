// `threadpdf verify`: whether a PDF is a threadpdf capture whose embedded thread, pictures and
// signature still hold. Everything is read with libqpdf and checked with OpenSSL; nothing is
// fetched, nothing trusted from outside the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tp::evidence {

struct Verification {
  struct Check {
    std::string what;  // "thread.json", "post 3", "page 2", "signature", ...
    bool ok = false;
    std::string detail;  // why not, or what was found
  };
  struct Signature {
    std::string signer;                              // the signing certificate's common name (or subject)
    std::string time;                                // the claimed signing time (/M), RFC 3339
    std::optional<std::string> timestamp;            // the RFC 3161 token's time, RFC 3339
    std::optional<std::string> timestamp_authority;  // who issued the token
    bool valid = false;                              // the CMS signature matches the signed bytes
    bool covers_whole_file = false;                  // the byte range is the whole file but its /Contents
  };

  bool capture = false;  // thread.json and manifest.json are embedded
  std::optional<std::string> source_url, captured_at, tool;
  std::optional<Signature> signature;
  std::vector<Check> checks;  // in the order they were made; the first failed one is "the first difference"

  bool ok() const;
  const Check* first_failure() const;
};

// Never throws for a damaged or altered file: that is a failed check. Checks, in order: the file
// parses; every page's content decodes; thread.json and manifest.json are there; thread.json's
// SHA-256 and each post's canonical JSON match the manifest; each embedded picture matches; when
// signed, the signature is valid over its byte range, the range is the whole file but /Contents,
// and a timestamp token, if any, is for this signature.
Verification verify(const std::string& pdf, const std::string& input);

// A few lines a person reads ("threadpdf capture: yes", "source: ...", ..., "result: ...").
std::string format_text(const Verification& v, const std::string& input);
// The same as one JSON object, with every check.
std::string format_json(const Verification& v, const std::string& input);

}  // namespace tp::evidence

// Signing a finished PDF (PAdES baseline, PDF 32000-1 12.8): a detached CMS signature
// (ETSI.CAdES.detached, SHA-256, with the ESS signing-certificate-v2 attribute) over the byte
// range of the whole file but its /Contents, made with OpenSSL's CMS API, optionally with an RFC
// 3161 timestamp token on the signature value (PAdES B-T).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/format.h"

namespace tp::evidence {

struct SignerFiles {
  std::string key;                      // KEY.pem: the private key (PEM, perhaps encrypted)
  std::string cert;                     // CERT.pem: the signer's certificate
  std::optional<std::string> chain;     // CHAIN.pem: certificates up to the root, carried in the signature
  std::optional<std::string> password;  // for an encrypted key; never logged or written
};

// Sends an RFC 3161 TimeStampReq (DER) to a time-stamping authority and returns its answer (DER
// TimeStampResp). Throws tp::Error when there is no answer.
using TimestampAuthority = std::function<std::string(const std::string& request)>;

class Signer {
 public:
  // Reads and checks everything once, before anything is written. Throws Error(Input, <file>, ...)
  // for a file that cannot be read or parsed, an encrypted key without a password ("the key is
  // encrypted: set THREADPDF_KEY_PASSWORD"), a wrong password, a certificate not valid at `now`
  // ("expired on ...", "not valid before ..."), and a key that does not match the certificate.
  Signer(const SignerFiles& files, UnixTime now);
  ~Signer();
  Signer(const Signer&) = delete;
  Signer& operator=(const Signer&) = delete;

  // The signer's name (the certificate subject's common name, else the whole subject).
  std::string name() const;

  // `pdf` (written with a layout::SignatureSlot) signed: /ByteRange and /Contents filled in place,
  // no other byte changed. With `tsa`, its token for the signature value is added. Throws
  // Error(Internal) when the file has no slot or the signature does not fit it, Error(Input,
  // "timestamp", ...) when the authority's answer is not a granted token.
  std::string sign(std::string pdf, const TimestampAuthority* tsa = nullptr) const;

 private:
  struct Keys;
  std::unique_ptr<Keys> keys_;
};

}  // namespace tp::evidence

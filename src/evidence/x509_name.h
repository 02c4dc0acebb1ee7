// The name a person knows a certificate by, for the signer and the timestamp authority alike.
#pragma once

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include <string>

namespace tp::evidence {

// The subject's common name, else the whole subject on one line.
inline std::string certificate_name(X509* cert) {
  X509_NAME* subject = X509_get_subject_name(cert);
  char cn[256];
  if (X509_NAME_get_text_by_NID(subject, NID_commonName, cn, sizeof cn) > 0) return cn;
  char* line = X509_NAME_oneline(subject, nullptr, 0);
  std::string out = line ? line : "";
  OPENSSL_free(line);
  return out;
}

}  // namespace tp::evidence

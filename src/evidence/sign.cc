#include "evidence/sign.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "evidence/x509_name.h"
#include "layout/display_list.h"

namespace tp::evidence {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

void free_chain(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
void free_bytes(unsigned char* p) { OPENSSL_free(p); }

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Input, path, std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Owned<BIO, BIO_free_all> memory(const std::string& bytes) {
  return Owned<BIO, BIO_free_all>(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string openssl_reason() {
  unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  return e ? ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "unknown error" : "unknown error";
}

struct Password {
  const std::optional<std::string>* value;
  bool asked = false;
};

int password_callback(char* buf, int size, int, void* user) {
  auto* p = static_cast<Password*>(user);
  p->asked = true;
  if (!*p->value) return -1;
  const std::string& s = **p->value;
  if (static_cast<int>(s.size()) > size) return -1;
  std::memcpy(buf, s.data(), s.size());
  return static_cast<int>(s.size());
}

std::string der_of_time(const ASN1_TIME* t) {
  Owned<BIO, BIO_free_all> out(BIO_new(BIO_s_mem()));
  ASN1_TIME_print(out.get(), t);
  char* data = nullptr;
  long n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string hex(const std::string& bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

constexpr const char* kPlaceholder = layout::SignatureSlot::kByteRangePlaceholder;

}  // namespace

struct Signer::Keys {
  Owned<EVP_PKEY, EVP_PKEY_free> key;
  Owned<X509, X509_free> cert;
  Owned<STACK_OF(X509), free_chain> chain{sk_X509_new_null()};
};

Signer::Signer(const SignerFiles& files, UnixTime now) : keys_(std::make_unique<Keys>()) {
  ERR_clear_error();
  const std::string cert_pem = read_all(files.cert);
  keys_->cert.reset(PEM_read_bio_X509(memory(cert_pem).get(), nullptr, nullptr, nullptr));
  if (!keys_->cert)
    throw Error(ErrorCode::Input, files.cert, "not a PEM certificate (" + openssl_reason() + ")");

  const std::string key_pem = read_all(files.key);
  Password password{&files.password};
  keys_->key.reset(PEM_read_bio_PrivateKey(memory(key_pem).get(), nullptr, password_callback, &password));
  if (!keys_->key) {
    ERR_clear_error();
    if (password.asked && !files.password)
      throw Error(ErrorCode::Input, files.key,
                  "the key is encrypted: set THREADPDF_KEY_PASSWORD to its password");
    if (password.asked) throw Error(ErrorCode::Input, files.key, "wrong password for the key");
    throw Error(ErrorCode::Input, files.key, "not a PEM private key");
  }

  if (files.chain) {
    const std::string chain_pem = read_all(*files.chain);
    auto bio = memory(chain_pem);
    while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
      sk_X509_push(keys_->chain.get(), c);
    ERR_clear_error();  // the end of the file reads as an error
    if (sk_X509_num(keys_->chain.get()) == 0)
      throw Error(ErrorCode::Input, *files.chain, "holds no PEM certificate");
  }

  // A signature that standard tools reject must not be made: these come before anything is written.
  time_t t = static_cast<time_t>(now);
  if (X509_cmp_time(X509_get0_notAfter(keys_->cert.get()), &t) < 0)
    throw Error(ErrorCode::Input, files.cert,
                "the certificate expired on " + der_of_time(X509_get0_notAfter(keys_->cert.get())));
  if (X509_cmp_time(X509_get0_notBefore(keys_->cert.get()), &t) > 0)
    throw Error(ErrorCode::Input, files.cert,
                "the certificate is not valid before " + der_of_time(X509_get0_notBefore(keys_->cert.get())));
  if (X509_check_private_key(keys_->cert.get(), keys_->key.get()) != 1) {
    ERR_clear_error();
    throw Error(ErrorCode::Input, files.key, "the key does not match the certificate " + files.cert);
  }
}

Signer::~Signer() = default;

std::string Signer::name() const { return certificate_name(keys_->cert.get()); }

std::string Signer::sign(std::string pdf, const TimestampAuthority* tsa) const {
  const size_t range_at = pdf.rfind(kPlaceholder);
  if (range_at == std::string::npos)
    throw Error(ErrorCode::Internal, "sign", "the PDF has no signature slot");
  const size_t lt = pdf.find("/Contents <", range_at);
  const size_t gt = lt == std::string::npos ? lt : pdf.find('>', lt);
  if (lt == std::string::npos || gt == std::string::npos || lt - range_at > 256)
    throw Error(ErrorCode::Internal, "sign", "the signature slot has no /Contents");
  const size_t start = lt + std::strlen("/Contents "), end = gt + 1;  // the hex string, <> included

  // The signed bytes are everything but the /Contents string (12.8.1); the numbers are padded to
  // the placeholder's width so that nothing moves.
  std::string range = "/ByteRange [0 " + std::to_string(start) + " " + std::to_string(end) + " " +
                      std::to_string(pdf.size() - end);
  range += std::string(std::strlen(kPlaceholder) - 1 - range.size(), ' ') + "]";
  pdf.replace(range_at, range.size(), range);
  const std::string signed_bytes = pdf.substr(0, start) + pdf.substr(end);

  ERR_clear_error();
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  Owned<CMS_ContentInfo, CMS_ContentInfo_free> cms(
      CMS_sign(nullptr, nullptr, keys_->chain.get(), nullptr, flags));
  if (!cms) throw Error(ErrorCode::Internal, "sign", "CMS: " + openssl_reason());
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), keys_->cert.get(), keys_->key.get(), EVP_sha256(), flags);
  if (!si) throw Error(ErrorCode::Internal, "sign", "CMS signer: " + openssl_reason());
  // CAdES (ETSI EN 319 122-1 5.2.2): the signing certificate, by its SHA-256, is a signed attribute.
  Owned<ESS_SIGNING_CERT_V2, ESS_SIGNING_CERT_V2_free> ess(
      OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), keys_->cert.get(), nullptr, 0));
  unsigned char* ess_der = nullptr;
  const int ess_len = ess ? i2d_ESS_SIGNING_CERT_V2(ess.get(), &ess_der) : -1;
  Owned<unsigned char, free_bytes> ess_owned(ess_der);
  if (ess_len <= 0 || !CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE,
                                                   ess_der, ess_len))
    throw Error(ErrorCode::Internal, "sign", "CMS signing certificate: " + openssl_reason());
  if (!CMS_final(cms.get(), memory(signed_bytes).get(), nullptr, CMS_DETACHED | CMS_BINARY))
    throw Error(ErrorCode::Internal, "sign", "CMS: " + openssl_reason());

  if (tsa) {
    // RFC 3161 over the signature value (ETSI EN 319 122-1 5.3: signature-time-stamp).
    const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned digest_len = 0;
    EVP_Digest(ASN1_STRING_get0_data(value), static_cast<size_t>(ASN1_STRING_length(value)), digest,
               &digest_len, EVP_sha256(), nullptr);
    Owned<TS_REQ, TS_REQ_free> req(TS_REQ_new());
    Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> imprint(TS_MSG_IMPRINT_new());
    Owned<X509_ALGOR, X509_ALGOR_free> algo(X509_ALGOR_new());
    X509_ALGOR_set0(algo.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
    TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get());
    TS_MSG_IMPRINT_set_msg(imprint.get(), digest, static_cast<int>(digest_len));
    TS_REQ_set_version(req.get(), 1);
    TS_REQ_set_msg_imprint(req.get(), imprint.get());
    TS_REQ_set_cert_req(req.get(), 1);
    unsigned char* req_der = nullptr;
    const int req_len = i2d_TS_REQ(req.get(), &req_der);
    Owned<unsigned char, free_bytes> req_owned(req_der);
    const std::string answer =
        (*tsa)(std::string(reinterpret_cast<char*>(req_der), static_cast<size_t>(req_len)));
    const unsigned char* p = reinterpret_cast<const unsigned char*>(answer.data());
    Owned<TS_RESP, TS_RESP_free> resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(answer.size())));
    if (!resp)
      throw Error(ErrorCode::Input, "timestamp", "the authority's answer is not an RFC 3161 response");
    const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp.get())));
    PKCS7* token = TS_RESP_get_token(resp.get());
    if ((status != 0 && status != 1) || !token)
      throw Error(ErrorCode::Input, "timestamp",
                  "the authority refused (status " + std::to_string(status) + ")");
    unsigned char* token_der = nullptr;
    const int token_len = i2d_PKCS7(token, &token_der);
    Owned<unsigned char, free_bytes> token_owned(token_der);
    if (token_len <= 0 || !CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
                                                         token_der, token_len))
      throw Error(ErrorCode::Internal, "sign", "timestamp attribute: " + openssl_reason());
  }

  unsigned char* der = nullptr;
  const int der_len = i2d_CMS_ContentInfo(cms.get(), &der);
  Owned<unsigned char, free_bytes> der_owned(der);
  if (der_len <= 0) throw Error(ErrorCode::Internal, "sign", "CMS encoding: " + openssl_reason());
  std::string contents = hex(std::string(reinterpret_cast<char*>(der), static_cast<size_t>(der_len)));
  const size_t room = end - start - 2;
  if (contents.size() > room)
    throw Error(ErrorCode::Internal, "sign",
                "the signature (" + std::to_string(der_len) + " bytes) does not fit its slot");
  contents.append(room - contents.size(), '0');
  pdf.replace(start + 1, room, contents);
  return pdf;
}

}  // namespace tp::evidence

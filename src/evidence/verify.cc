#include "evidence/verify.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <cctype>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "evidence/capture.h"
#include "evidence/qpdf_reader.h"
#include "evidence/x509_name.h"
#include "source/sha256.h"

namespace tp::evidence {

namespace {

using Check = Verification::Check;

// "D:20261124093000Z" -> "2026-11-24T09:30:00Z"; other forms as they are.
std::string rfc3339_of_pdf_date(const std::string& d) {
  if (d.size() < 16 || d.compare(0, 2, "D:") != 0) return d;
  return d.substr(2, 4) + "-" + d.substr(6, 2) + "-" + d.substr(8, 2) + "T" + d.substr(10, 2) + ":" +
         d.substr(12, 2) + ":" + d.substr(14, 2) + "Z";
}

std::string generalized_time(const ASN1_GENERALIZEDTIME* t) {
  struct tm tm {};
  if (!ASN1_TIME_to_tm(t, &tm)) return "?";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void check_signature(const std::string& pdf, const QpdfStructure& sig, Verification& v) {
  Verification::Signature s;
  if (!sig.signing_time.empty()) s.time = rfc3339_of_pdf_date(sig.signing_time);
  const std::vector<long long>& r = sig.byte_range;
  const std::string& contents = sig.contents;
  const long long size = static_cast<long long>(pdf.size());
  const bool shaped =
      r.size() == 4 && r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[3] >= 0 && r[2] + r[3] <= size;
  if (!shaped) {
    v.checks.push_back({"signature", false, "its byte range is malformed"});
    v.signature = s;
    return;
  }
  // The gap must be exactly the /Contents hex string, and the range must reach the end of the file.
  bool gap_is_contents = pdf[r[1]] == '<' && pdf[r[2] - 1] == '>';
  for (long long i = r[1] + 1; gap_is_contents && i < r[2] - 1; ++i)
    gap_is_contents = std::isxdigit(static_cast<unsigned char>(pdf[i]));
  s.covers_whole_file = gap_is_contents && r[2] + r[3] == size;
  const std::string signed_bytes = pdf.substr(0, r[1]) + pdf.substr(r[2], r[3]);

  ERR_clear_error();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(contents.data());
  std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
      d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(contents.size())), CMS_ContentInfo_free);
  if (cms) {
    std::unique_ptr<BIO, decltype(&BIO_free_all)> data(
        BIO_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size())), BIO_free_all);
    // Whether the signer is trusted is the reader's decision; whether the bytes are the signed ones is ours.
    s.valid = CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                         CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
    STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
    if (signers && sk_X509_num(signers) > 0) s.signer = certificate_name(sk_X509_value(signers, 0));
    sk_X509_free(signers);
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    CMS_SignerInfo* si =
        infos && sk_CMS_SignerInfo_num(infos) > 0 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
    const int at = si ? CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1) : -1;
    if (at >= 0) {
      ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, at), 0);
      const unsigned char* tp =
          value && value->type == V_ASN1_SEQUENCE ? value->value.sequence->data : nullptr;
      std::unique_ptr<PKCS7, decltype(&PKCS7_free)> token(
          tp ? d2i_PKCS7(nullptr, &tp, value->value.sequence->length) : nullptr, PKCS7_free);
      std::unique_ptr<TS_TST_INFO, decltype(&TS_TST_INFO_free)> info(
          token ? PKCS7_to_TS_TST_INFO(token.get()) : nullptr, TS_TST_INFO_free);
      bool for_this = false;
      if (info) {
        s.timestamp = generalized_time(TS_TST_INFO_get_time(info.get()));
        STACK_OF(X509)* certs = token->d.sign ? token->d.sign->cert : nullptr;
        if (certs && sk_X509_num(certs) > 0)
          s.timestamp_authority = certificate_name(sk_X509_value(certs, 0));
        const ASN1_OCTET_STRING* sigval = CMS_SignerInfo_get0_signature(si);
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned len = 0;
        EVP_Digest(ASN1_STRING_get0_data(sigval), static_cast<size_t>(ASN1_STRING_length(sigval)), digest,
                   &len, EVP_sha256(), nullptr);
        const ASN1_OCTET_STRING* imprint = TS_MSG_IMPRINT_get_msg(TS_TST_INFO_get_msg_imprint(info.get()));
        for_this = static_cast<unsigned>(ASN1_STRING_length(imprint)) == len &&
                   std::memcmp(ASN1_STRING_get0_data(imprint), digest, len) == 0;
      }
      v.checks.push_back(
          {"timestamp", for_this, for_this ? "" : "the timestamp token is not for this signature"});
    }
  }
  ERR_clear_error();
  v.checks.push_back({"signature", s.valid,
                      s.valid ? ""
                      : cms   ? "the signed bytes were changed after signing"
                              : "not a CMS signature"});
  v.checks.push_back({"signed range", s.covers_whole_file,
                      s.covers_whole_file ? ""
                      : r[2] + r[3] < size
                          ? std::to_string(size - r[2] - r[3]) + " bytes were added after the signed range"
                          : "the signed range does not cover the whole file"});
  v.signature = s;
}

}  // namespace

bool Verification::ok() const { return capture && first_failure() == nullptr; }

const Verification::Check* Verification::first_failure() const {
  for (const Check& c : checks)
    if (!c.ok) return &c;
  return nullptr;
}

Verification verify(const std::string& pdf, const std::string& input) {
  Verification v;
  const QpdfStructure structure = qpdf_reader().structure(pdf, input);
  if (structure.parsed)
    v.checks.push_back({"PDF", structure.sound, structure.sound ? "" : "the file is damaged"});
  for (int n : structure.damaged)
    v.checks.push_back({"page " + std::to_string(n), false, "its content no longer decodes"});
  if (!structure.complete) {
    v.checks.push_back({"PDF", false, structure.error});
    return v;
  }

  Capture c;
  try {
    c = read_capture(pdf, input);
  } catch (const std::exception& e) {
    v.checks.push_back({"thread.json", false, "no embedded thread"});
    return v;
  }
  v.capture = c.manifest.has_value();
  if (!c.manifest) {
    v.checks.push_back({"manifest.json", false, "no embedded manifest"});
    return v;
  }
  const Manifest& m = *c.manifest;
  v.source_url = m.source_url;
  v.captured_at = m.captured_at;
  v.tool = m.tool;

  try {
    const std::vector<Manifest::Post> posts = post_hashes(c.thread_json, input);
    if (posts.size() != m.posts.size())
      v.checks.push_back(
          {"posts", false,
           std::to_string(posts.size()) + " posts, the manifest lists " + std::to_string(m.posts.size())});
    for (size_t i = 0; i < posts.size() && i < m.posts.size(); ++i)
      if (posts[i].sha256 != m.posts[i].sha256 || posts[i].id != m.posts[i].id)
        v.checks.push_back({"post " + std::to_string(i + 1), false, "differs from the manifest"});
  } catch (const std::exception&) {
    v.checks.push_back({"thread.json", false, "not thread JSON"});
  }
  // After the posts, so that a changed post is named; this catches what lies outside them.
  const std::string thread_sha = source::sha256_hex(c.thread_json);
  v.checks.push_back({"thread.json", thread_sha == m.thread_sha256,
                      thread_sha == m.thread_sha256 ? "" : "its SHA-256 is not the manifest's"});
  std::map<std::string, const EmbeddedFile*> by_name;
  for (const EmbeddedFile& f : c.files) by_name[f.name] = &f;
  for (const Manifest::Media& media : m.media) {
    if (media.file.empty()) continue;
    auto it = by_name.find(media.file);
    if (it == by_name.end()) {
      v.checks.push_back({media.file, false, "listed in the manifest but not embedded"});
    } else if (source::sha256_hex(it->second->bytes) != media.sha256) {
      v.checks.push_back({media.file, false, "differs from the manifest (" + media.src + ")"});
    }
  }

  // What libqpdf threw reading the form ends verify here, as it did when the form was read here.
  if (!structure.signature_error.empty()) throw std::runtime_error(structure.signature_error);
  if (structure.signed_) check_signature(pdf, structure, v);
  return v;
}

std::string format_text(const Verification& v, const std::string& input) {
  std::string out;
  out += input + ": " + (v.capture ? "a threadpdf capture" : "not a threadpdf capture") +
         (v.tool ? " (" + *v.tool + ")" : "") + "\n";
  if (v.capture) {
    out += "source: " + v.source_url.value_or("(not recorded)") + "\n";
    out += "captured: " + v.captured_at.value_or("(not recorded)") + "\n";
    bool contents_ok = true;
    for (const auto& c : v.checks)
      if (!c.ok && c.what != "signature" && c.what != "signed range" && c.what != "timestamp" &&
          c.what.rfind("page", 0) != 0)
        contents_ok = false;
    out += std::string("thread and pictures: ") +
           (contents_ok ? "match the manifest" : "DO NOT match the manifest") + "\n";
  }
  if (v.signature) {
    const auto& s = *v.signature;
    out += "signature: " + std::string(s.valid ? "valid" : "INVALID") + ", by " +
           (s.signer.empty() ? "?" : s.signer) + (s.time.empty() ? "" : ", at " + s.time) + "\n";
    if (s.timestamp)
      out += "timestamp: " + *s.timestamp + (s.timestamp_authority ? " by " + *s.timestamp_authority : "") +
             "\n";
    out += std::string("signed bytes: ") + (s.covers_whole_file ? "the whole file" : "NOT the whole file") +
           "\n";
  } else {
    out += "signature: none\n";
  }
  const Check* f = v.first_failure();
  if (!v.capture)
    out += "result: not a threadpdf capture" + (f ? " (" + f->what + ": " + f->detail + ")" : "") + "\n";
  else if (f)
    out += "result: ALTERED: " + f->what + ": " + f->detail + "\n";
  else
    out += "result: everything holds\n";
  return out;
}

std::string format_json(const Verification& v, const std::string& input) {
  using json = nlohmann::ordered_json;
  json j;
  j["file"] = input;
  j["ok"] = v.ok();
  j["capture"] = v.capture;
  j["tool"] = v.tool ? json(*v.tool) : json(nullptr);
  j["source_url"] = v.source_url ? json(*v.source_url) : json(nullptr);
  j["captured_at"] = v.captured_at ? json(*v.captured_at) : json(nullptr);
  if (v.signature) {
    const auto& s = *v.signature;
    j["signature"] = {
        {"valid", s.valid},
        {"signer", s.signer},
        {"time", s.time},
        {"timestamp", s.timestamp ? json(*s.timestamp) : json(nullptr)},
        {"timestamp_authority", s.timestamp_authority ? json(*s.timestamp_authority) : json(nullptr)},
        {"covers_whole_file", s.covers_whole_file}};
  } else {
    j["signature"] = nullptr;
  }
  const Check* f = v.first_failure();
  j["first_difference"] = f ? json({{"what", f->what}, {"detail", f->detail}}) : json(nullptr);
  json& checks = j["checks"] = json::array();
  for (const auto& c : v.checks) checks.push_back({{"what", c.what}, {"ok", c.ok}, {"detail", c.detail}});
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace tp::evidence

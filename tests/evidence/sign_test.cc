// Signing (--sign, --cert, --chain, --tsa): keys and certificates are made with `openssl` at test
// time, signatures checked with poppler's pdfsig, the timestamp authority is `openssl ts -reply`
// behind the loopback server, so nothing leaves the machine.
#include <doctest/doctest.h>

#include <qpdf/QPDF.hh>

#include "app/process.h"
#include "support/http_server.h"

using namespace tp::test;

namespace {

const std::string kInput = TP_SOURCE_DIR "/examples/paper-sizes.json";
const std::string kEpoch = "SOURCE_DATE_EPOCH=1795512600 ";

// A self-signed certificate and its key, valid from now for `days`.
void make_signer(const TempDir& dir, const std::string& name, const std::string& extra = "") {
  Ran r = run("cd " + dir.path() + " && openssl req -x509 -newkey rsa:2048 -nodes -keyout " + name +
              ".key -out " + name + ".pem -days 30 -subj '/CN=" + name + " signer' " + extra + " 2>&1");
  REQUIRE_MESSAGE(r.status == 0, r.out);
}

// The DER CMS in the signature's /Contents, read with libqpdf.
std::string signature_contents(const std::string& pdf) {
  QPDF q;
  q.processFile(pdf.c_str());
  QPDFObjectHandle field = q.getRoot().getKey("/AcroForm").getKey("/Fields").getArrayItem(0);
  return field.getKey("/V").getKey("/Contents").getStringValue();
}

}  // namespace

TEST_CASE(
    "--sign: pdfsig finds a valid CAdES signature over the whole file; only its bytes change between runs") {
  TempDir dir;
  make_signer(dir, "ada");
  const std::string sign = " --sign " + (dir / "ada.key") + " --cert " + (dir / "ada.pem");
  for (const char* name : {"one.pdf", "two.pdf"}) {
    Ran r = run(kEpoch + threadpdf() + " " + kInput + " -o " + (dir / name) + sign);
    REQUIRE_MESSAGE(r.status == 0, r.err);
  }
  Ran sig = run("pdfsig " + (dir / "one.pdf"));
  CAPTURE(sig.out);
  CHECK(sig.out.find("Signature is Valid.") != std::string::npos);
  CHECK(sig.out.find("Total document signed") != std::string::npos);
  CHECK(sig.out.find("Signature Type: ETSI.CAdES.detached") != std::string::npos);
  CHECK(sig.out.find("Signing Hash Algorithm: SHA-256") != std::string::npos);
  CHECK(sig.out.find("ada signer") != std::string::npos);
  CHECK(run("qpdf --check " + (dir / "one.pdf")).status == 0);

  // The signing-certificate-v2 attribute CAdES requires is in the signed attributes.
  write_file(dir / "cms.der", signature_contents(dir / "one.pdf"));
  Ran cms = run("openssl cms -cmsout -print -inform DER -in " + (dir / "cms.der"));
  CHECK(cms.out.find("id-smime-aa-signingCertificateV2") != std::string::npos);

  // Deterministic apart from the signature: the bytes outside /Contents are equal.
  const std::string a = read_file(dir / "one.pdf"), b = read_file(dir / "two.pdf");
  REQUIRE(a.size() == b.size());
  const size_t start = a.find("/Contents <", a.find("/ByteRange")), end = a.find('>', start);
  CHECK(a.substr(0, start) == b.substr(0, start));
  CHECK(a.substr(end) == b.substr(end));

  // Any byte appended after signing leaves the signature over only part of the file.
  write_file(dir / "appended.pdf", a + "%extra\n");
  Ran appended = run("pdfsig " + (dir / "appended.pdf"));
  CHECK(appended.out.find("Total document signed") == std::string::npos);
}

TEST_CASE("--sign with a chain and a local timestamp authority (PAdES B-T)") {
  TempDir dir;
  make_signer(dir, "ada");
  make_signer(dir, "tsa", "-addext 'extendedKeyUsage=critical,timeStamping'");
  write_file(dir / "serial", "01\n");
  write_file(dir / "tsa.cnf", "[tsa]\ndefault_tsa = t\n[t]\nserial = " + (dir / "serial") +
                                  "\nsigner_cert = " + (dir / "tsa.pem") +
                                  "\nsigner_key = " + (dir / "tsa.key") +
                                  "\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\n"
                                  "accuracy = secs:1\ness_cert_id_alg = sha256\n");
  tp::test::HttpServer server;
  server.route("/tsa", [&](const tp::test::HttpRequest& req) {
    tp::test::HttpReply reply;
    if (req.method != "POST" || req.header("content-type") != "application/timestamp-query") {
      reply.status = 400;
      return reply;
    }
    write_file(dir / "query.der", req.body);
    Ran r = run("openssl ts -reply -config " + (dir / "tsa.cnf") + " -queryfile " + (dir / "query.der") +
                " -out " + (dir / "reply.der") + " 2>/dev/null");
    reply.status = r.status == 0 ? 200 : 500;
    reply.headers = {{"Content-Type", "application/timestamp-reply"}};
    reply.body = read_file(dir / "reply.der");
    return reply;
  });
  Ran r =
      run(kEpoch + threadpdf() + " " + kInput + " -o " + (dir / "ts.pdf") + " --sign " + (dir / "ada.key") +
          " --cert " + (dir / "ada.pem") + " --chain " + (dir / "tsa.pem") + " --tsa " + server.url("/tsa"));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(server.count("/tsa") == 1);
  Ran sig = run("pdfsig " + (dir / "ts.pdf"));
  CAPTURE(sig.out);
  CHECK(sig.out.find("Signature is Valid.") != std::string::npos);
  CHECK(sig.out.find("Total document signed") != std::string::npos);
  // The token is an unsigned attribute of the signer, and the authority's own check accepts it for
  // the request that was sent.
  write_file(dir / "cms.der", signature_contents(dir / "ts.pdf"));
  Ran cms = run("openssl cms -cmsout -print -inform DER -in " + (dir / "cms.der"));
  CHECK(cms.out.find("id-smime-aa-timeStampToken") != std::string::npos);
  Ran verify = run("openssl ts -reply -in " + (dir / "reply.der") + " -text");
  CHECK(verify.out.find("Status: Granted.") != std::string::npos);
  Ran ours = run(threadpdf() + " verify " + (dir / "ts.pdf"));
  CHECK(ours.status == 0);
  CHECK(ours.out.find("timestamp: ") != std::string::npos);
  CHECK(ours.out.find(" by tsa signer\n") != std::string::npos);

  // An authority that answers with an error: one line, nothing written.
  server.route("/broken", tp::test::HttpReply{500, {}, "no"});
  Ran broken = run(kEpoch + threadpdf() + " " + kInput + " -o " + (dir / "no.pdf") + " --sign " +
                   (dir / "ada.key") + " --cert " + (dir / "ada.pem") + " --tsa " + server.url("/broken") +
                   " 2>&1; echo status=$?; ls " + (dir / "no.pdf") + " 2>&1");
  CHECK(broken.out.find("status=1") != std::string::npos);
  CHECK(broken.out.find("No such file") != std::string::npos);
}

TEST_CASE(
    "--sign refuses, before writing anything, a wrong password, an expired certificate, a key of another") {
  TempDir dir;
  make_signer(dir, "ada");
  make_signer(dir, "bob");
  REQUIRE(run("cd " + dir.path() +
              " && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes256 " +
              "-pass pass:right -out locked.key 2>/dev/null && openssl req -x509 -key locked.key -passin "
              "pass:right " +
              "-out locked.pem -days 3 -subj /CN=locked")
              .status == 0);
  // An expired certificate: a one-line CA whose only certificate ended in 2020.
  write_file(dir / "ca.cnf",
             "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
             "default_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n");
  REQUIRE(run("cd " + dir.path() +
              " && touch index.txt && echo 01 > serial && openssl req -new -newkey rsa:2048 " +
              "-nodes -keyout old.key -out old.csr -subj /CN=old 2>/dev/null && openssl ca -batch -config "
              "ca.cnf " +
              "-selfsign -keyfile old.key -in old.csr -out old.pem -startdate 20200101000000Z -enddate " +
              "20200201000000Z 2>/dev/null")
              .status == 0);
  struct Case {
    std::string env, key, cert, message;
  } cases[] = {
      {"THREADPDF_KEY_PASSWORD=wrong ", "locked.key", "locked.pem", "locked.key: wrong password for the key"},
      {"", "locked.key", "locked.pem", "locked.key: the key is encrypted: set THREADPDF_KEY_PASSWORD"},
      {"", "old.key", "old.pem", "old.pem: the certificate expired on Feb  1 00:00:00 2020 GMT"},
      {"", "bob.key", "ada.pem", "bob.key: the key does not match the certificate"},
      {"", "ada.pem", "ada.pem", "ada.pem: not a PEM private key"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    Ran r = run(kEpoch + c.env + threadpdf() + " " + kInput + " -o " + (dir / "out.pdf") + " --json " +
                (dir / "out.json") + " --sign " + (dir / c.key) + " --cert " + (dir / c.cert));
    CHECK(r.status == 1);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(r.err.find('\n') == r.err.size() - 1);
    CHECK(run("ls " + (dir / "out.pdf") + " " + (dir / "out.json") + " 2>/dev/null").out.empty());
  }
  // The right password signs.
  Ran ok = run(kEpoch + "THREADPDF_KEY_PASSWORD=right " + threadpdf() + " " + kInput + " -o " +
               (dir / "out.pdf") + " --sign " + (dir / "locked.key") + " --cert " + (dir / "locked.pem"));
  CHECK(ok.status == 0);
  CHECK(run("pdfsig " + (dir / "out.pdf")).out.find("Signature is Valid.") != std::string::npos);
}

#include "crypto/certificate.h"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "crypto/asn1_time.h"
#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslError;
using internal::UniqueBio;

constexpr std::string_view kPemBegin = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kPemEnd = "-----END CERTIFICATE-----";

std::shared_ptr<X509> Share(X509* cert) { return std::shared_ptr<X509>(cert, X509_free); }

bool IsFiller(char c) { return c == '\0' || std::isspace(static_cast<unsigned char>(c)) != 0; }

bool AllFiller(std::string_view text) { return std::all_of(text.begin(), text.end(), IsFiller); }

Result<Certificate> ParsePemBlock(std::string_view block) {
  UniqueBio bio(BIO_new_mem_buf(block.data(), static_cast<int>(block.size())));
  if (!bio) return internal::OpenSslInternal("certificate: BIO_new_mem_buf");
  X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (cert == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument, "certificate: malformed PEM certificate");
  }
  return Certificate::FromNative(Share(cert));
}

}  // namespace

Result<Certificate> Certificate::FromDer(ByteSpan der) {
  const unsigned char* p = der.data();
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));  // NOLINT
  if (cert == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument, "certificate: malformed DER certificate");
  }
  auto shared = Share(cert);
  if (p != der.data() + der.size()) {
    return InvalidArgumentError("certificate: " + std::to_string(der.data() + der.size() - p) +
                                " trailing bytes after the DER certificate");
  }
  return Certificate(std::move(shared));
}

Result<std::vector<Certificate>> Certificate::ParsePemChain(std::string_view pem) {
  std::vector<Certificate> chain;
  size_t pos = 0;
  while (true) {
    size_t begin = pem.find(kPemBegin, pos);
    if (begin == std::string_view::npos) break;
    if (!AllFiller(pem.substr(pos, begin - pos))) {
      return InvalidArgumentError("certificate chain: unexpected text before certificate " +
                                  std::to_string(chain.size() + 1));
    }
    size_t end = pem.find(kPemEnd, begin);
    if (end == std::string_view::npos) {
      return InvalidArgumentError("certificate chain: certificate " +
                                  std::to_string(chain.size() + 1) + " has no END line");
    }
    end += kPemEnd.size();
    Result<Certificate> cert = ParsePemBlock(pem.substr(begin, end - begin));
    if (!cert.ok()) {
      return cert.status().WithContext("certificate chain: certificate " +
                                       std::to_string(chain.size() + 1));
    }
    chain.push_back(*std::move(cert));
    pos = end;
  }
  if (chain.empty()) return InvalidArgumentError("certificate chain: no PEM certificate found");
  if (!AllFiller(pem.substr(pos))) {
    return InvalidArgumentError("certificate chain: unexpected text after the last certificate");
  }
  return chain;
}

Result<Certificate> Certificate::FromPem(std::string_view pem) {
  ASSIGN_OR_RETURN(std::vector<Certificate> chain, ParsePemChain(pem));
  if (chain.size() != 1) {
    return InvalidArgumentError("certificate: expected one PEM certificate, found " +
                                std::to_string(chain.size()));
  }
  return chain.front();
}

Bytes Certificate::ToDer() const {
  unsigned char* der = nullptr;
  int len = i2d_X509(cert_.get(), &der);
  if (len <= 0) return {};
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

std::string Certificate::ToPem() const {
  UniqueBio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert_.get()) != 1) return "";
  return internal::BioContents(bio.get());
}

std::string Certificate::subject() const {
  return internal::NameToString(X509_get_subject_name(cert_.get()));
}

std::string Certificate::issuer() const {
  return internal::NameToString(X509_get_issuer_name(cert_.get()));
}

std::string Certificate::SubjectCommonName() const {
  const X509_NAME* name = X509_get_subject_name(cert_.get());
  int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return "";
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

std::string Certificate::serial_hex() const {
  internal::UniqueBn bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert_.get()), nullptr));
  if (!bn) return "";
  if (BN_is_zero(bn.get())) return "0";
  char* hex = BN_bn2hex(bn.get());
  std::string out(hex);
  OPENSSL_free(hex);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

int64_t Certificate::not_before() const {
  return internal::Asn1TimeToUnix(X509_get0_notBefore(cert_.get()));
}

int64_t Certificate::not_after() const {
  return internal::Asn1TimeToUnix(X509_get0_notAfter(cert_.get()));
}

Result<PublicKey> Certificate::public_key() const {
  EVP_PKEY* key = X509_get0_pubkey(cert_.get());
  if (key == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument, "certificate: unreadable public key");
  }
  EVP_PKEY_up_ref(key);
  Result<PublicKey> out = PublicKey::FromNative(std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
  if (!out.ok()) return out.status().WithContext("certificate " + SubjectCommonName());
  return out;
}

bool Certificate::is_ca() const { return (X509_get_extension_flags(cert_.get()) & EXFLAG_CA) != 0; }

Bytes Certificate::Fingerprint(HashAlgorithm alg) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert_.get(), internal::Md(alg), digest, &len) != 1) return {};
  return Bytes(digest, digest + len);
}

Result<std::optional<Bytes>> Certificate::ExtensionValue(std::string_view dotted_oid) const {
  std::unique_ptr<ASN1_OBJECT, internal::Deleter<ASN1_OBJECT_free>> oid(
      OBJ_txt2obj(std::string(dotted_oid).c_str(), /*no_name=*/1));
  if (!oid) {
    return OpenSslError(StatusCode::kInvalidArgument,
                        "certificate: not a dotted OID: " + std::string(dotted_oid));
  }
  int index = X509_get_ext_by_OBJ(cert_.get(), oid.get(), -1);
  if (index < 0) return std::optional<Bytes>();
  if (X509_get_ext_by_OBJ(cert_.get(), oid.get(), index) >= 0) {
    return InvalidArgumentError("certificate: extension " + std::string(dotted_oid) +
                                " appears more than once");
  }
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(cert_.get(), index));
  const uint8_t* bytes = ASN1_STRING_get0_data(data);
  return std::optional<Bytes>(Bytes(bytes, bytes + ASN1_STRING_length(data)));
}

std::vector<std::string> Certificate::ExtensionOids() const {
  std::vector<std::string> oids;
  for (int i = 0; i < X509_get_ext_count(cert_.get()); ++i) {
    char text[256];
    int len =
        OBJ_obj2txt(text, sizeof(text), X509_EXTENSION_get_object(X509_get_ext(cert_.get(), i)), 1);
    if (len > 0 && len < static_cast<int>(sizeof(text))) oids.emplace_back(text, len);
  }
  return oids;
}

bool Certificate::IssuerNameIs(const Certificate& issuer) const {
  return X509_NAME_cmp(X509_get_issuer_name(cert_.get()), X509_get_subject_name(issuer.native())) ==
         0;
}

bool Certificate::IsSelfSigned() const {
  if (X509_NAME_cmp(X509_get_subject_name(cert_.get()), X509_get_issuer_name(cert_.get())) != 0) {
    return false;
  }
  EVP_PKEY* key = X509_get0_pubkey(cert_.get());
  bool ok = key != nullptr && X509_verify(cert_.get(), key) == 1;
  internal::ClearOpenSslErrors();
  return ok;
}

Status Certificate::VerifySignedBy(const PublicKey& issuer_key) const {
  if (X509_verify(cert_.get(), issuer_key.native()) != 1) {
    return OpenSslError(
        StatusCode::kUnauthenticated,
        "certificate: signature of \"" + subject() + "\" does not verify under the issuer key");
  }
  return OkStatus();
}

bool operator==(const Certificate& a, const Certificate& b) {
  return X509_cmp(a.cert_.get(), b.cert_.get()) == 0;
}

}  // namespace confidant::crypto

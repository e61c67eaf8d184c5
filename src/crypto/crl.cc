#include "crypto/crl.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "common/encoding.h"
#include "crypto/asn1_time.h"
#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslError;

std::shared_ptr<X509_CRL> Share(X509_CRL* crl) {
  return std::shared_ptr<X509_CRL>(crl, X509_CRL_free);
}

bool IsHexText(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isxdigit(c) != 0; });
}

std::string_view TrimTrailing(std::string_view text) {
  while (!text.empty() &&
         (text.back() == '\0' || std::isspace(static_cast<unsigned char>(text.back())))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

Result<Crl> Crl::FromDer(ByteSpan der) {
  const unsigned char* p = der.data();
  X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));  // NOLINT
  if (crl == nullptr) return OpenSslError(StatusCode::kInvalidArgument, "crl: malformed DER CRL");
  auto shared = Share(crl);
  if (p != der.data() + der.size()) {
    return InvalidArgumentError("crl: " + std::to_string(der.data() + der.size() - p) +
                                " trailing bytes after the DER CRL");
  }
  return Crl(std::move(shared));
}

Result<Crl> Crl::FromPem(std::string_view pem) {
  internal::UniqueBio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return internal::OpenSslInternal("crl: BIO_new_mem_buf");
  X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr);
  if (crl == nullptr) return OpenSslError(StatusCode::kInvalidArgument, "crl: malformed PEM CRL");
  auto shared = Share(crl);
  char rest[64];
  int n = BIO_read(bio.get(), rest, sizeof(rest));
  if (n > 0 && !TrimTrailing(std::string_view(rest, static_cast<size_t>(n))).empty()) {
    return InvalidArgumentError("crl: unexpected data after the PEM CRL");
  }
  return Crl(std::move(shared));
}

Result<Crl> Crl::FromDerOrPem(ByteSpan data) {
  std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  if (text.find("-----BEGIN X509 CRL-----") != std::string_view::npos) return FromPem(text);
  std::string_view trimmed = TrimTrailing(text);
  if (IsHexText(trimmed)) {
    ASSIGN_OR_RETURN(Bytes der, HexDecode(trimmed));
    return FromDer(der);
  }
  return FromDer(data);
}

Bytes Crl::ToDer() const {
  unsigned char* der = nullptr;
  int len = i2d_X509_CRL(crl_.get(), &der);
  if (len <= 0) return {};
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

std::string Crl::issuer() const { return internal::NameToString(X509_CRL_get_issuer(crl_.get())); }

int64_t Crl::this_update() const {
  return internal::Asn1TimeToUnix(X509_CRL_get0_lastUpdate(crl_.get()));
}

int64_t Crl::next_update() const {
  return internal::Asn1TimeToUnix(X509_CRL_get0_nextUpdate(crl_.get()));
}

bool Crl::IsRevoked(const Certificate& cert) const {
  X509_REVOKED* entry = nullptr;
  return X509_CRL_get0_by_serial(crl_.get(), &entry, X509_get0_serialNumber(cert.native())) == 1;
}

Status Crl::VerifySignedBy(const PublicKey& issuer_key) const {
  if (X509_CRL_verify(crl_.get(), issuer_key.native()) != 1) {
    return OpenSslError(
        StatusCode::kUnauthenticated,
        "crl: signature of the CRL from \"" + issuer() + "\" does not verify under the issuer key");
  }
  return OkStatus();
}

bool Crl::IssuerNameIs(const Certificate& issuer) const {
  return X509_NAME_cmp(X509_CRL_get_issuer(crl_.get()), X509_get_subject_name(issuer.native())) ==
         0;
}

}  // namespace confidant::crypto

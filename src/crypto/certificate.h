// Certificate: an immutable, parsed X.509 v3 certificate.
//
// Parsing takes untrusted input and says what is wrong with it; nothing here decides trust (see
// chain.h). Copies share the underlying OpenSSL object and are safe to use from several threads.

#ifndef CONFIDANT_CRYPTO_CERTIFICATE_H_
#define CONFIDANT_CRYPTO_CERTIFICATE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/hash_algorithm.h"
#include "crypto/key.h"

struct x509_st;  // OpenSSL's X509, opaque outside src/crypto.

namespace confidant::crypto {

class Certificate {
 public:
  // One DER certificate; trailing bytes are an error.
  static Result<Certificate> FromDer(ByteSpan der);
  // Exactly one PEM "CERTIFICATE".
  static Result<Certificate> FromPem(std::string_view pem);
  // One or more concatenated PEM certificates, in order. Whitespace and NUL bytes after the last
  // one are tolerated (SGX quotes' certification data ends in a NUL); anything else is an error.
  static Result<std::vector<Certificate>> ParsePemChain(std::string_view pem);

  Bytes ToDer() const;
  std::string ToPem() const;

  // Distinguished names, one line, RFC 2253 order ("CN=Intel SGX PCK Certificate,O=...").
  std::string subject() const;
  std::string issuer() const;
  // The subject's first commonName, or "" if none.
  std::string SubjectCommonName() const;
  // Lowercase hex of the serial number's magnitude ("0" for zero).
  std::string serial_hex() const;
  // Validity period in Unix seconds.
  int64_t not_before() const;
  int64_t not_after() const;

  // InvalidArgument if the key type is one Confidant does not use.
  Result<PublicKey> public_key() const;
  // True if basicConstraints says cA.
  bool is_ca() const;
  Bytes Fingerprint(HashAlgorithm alg) const;

  // The DER inside the extnValue OCTET STRING of extension `dotted_oid`; nullopt if absent.
  // InvalidArgument for a malformed OID or an extension that appears more than once.
  Result<std::optional<Bytes>> ExtensionValue(std::string_view dotted_oid) const;
  std::vector<std::string> ExtensionOids() const;

  // Subject equals issuer and the certificate's signature verifies under its own key.
  bool IsSelfSigned() const;
  // This certificate's issuer name equals `issuer`'s subject name (no signature check).
  bool IssuerNameIs(const Certificate& issuer) const;
  // Unauthenticated unless the certificate's signature verifies under `issuer_key`.
  Status VerifySignedBy(const PublicKey& issuer_key) const;

  friend bool operator==(const Certificate& a, const Certificate& b);

  // For src/crypto only.
  x509_st* native() const { return cert_.get(); }
  static Certificate FromNative(std::shared_ptr<x509_st> cert) {
    return Certificate(std::move(cert));
  }

 private:
  explicit Certificate(std::shared_ptr<x509_st> cert) : cert_(std::move(cert)) {}
  std::shared_ptr<x509_st> cert_;
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_CERTIFICATE_H_

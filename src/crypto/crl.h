// Crl: an immutable, parsed X.509 certificate revocation list (RFC 5280 section 5).
//
// Parsing takes untrusted input. Copies share the OpenSSL object; safe to use from several threads.

#ifndef CONFIDANT_CRYPTO_CRL_H_
#define CONFIDANT_CRYPTO_CRL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "crypto/key.h"

struct X509_crl_st;  // OpenSSL's X509_CRL, opaque outside src/crypto.

namespace confidant::crypto {

class Crl {
 public:
  // One DER CRL; trailing bytes are an error.
  static Result<Crl> FromDer(ByteSpan der);
  // Exactly one PEM "X509 CRL".
  static Result<Crl> FromPem(std::string_view pem);
  // Whatever form Intel PCS and its caches serve: PEM, DER, or DER as hex text.
  static Result<Crl> FromDerOrPem(ByteSpan data);

  Bytes ToDer() const;
  std::string issuer() const;
  int64_t this_update() const;
  // 0 when the CRL has no nextUpdate.
  int64_t next_update() const;

  // True if `cert`'s serial is listed (the caller checks the issuer matches, or uses chain.h).
  bool IsRevoked(const Certificate& cert) const;
  // Unauthenticated unless the CRL's signature verifies under `issuer_key`.
  Status VerifySignedBy(const PublicKey& issuer_key) const;
  // The CRL's issuer name equals `issuer`'s subject name (no signature check).
  bool IssuerNameIs(const Certificate& issuer) const;

  // For src/crypto only.
  X509_crl_st* native() const { return crl_.get(); }
  static Crl FromNative(std::shared_ptr<X509_crl_st> crl) { return Crl(std::move(crl)); }

 private:
  explicit Crl(std::shared_ptr<X509_crl_st> crl) : crl_(std::move(crl)) {}
  std::shared_ptr<X509_crl_st> crl_;
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_CRL_H_

// Issuing certificates and CRLs: for the software TEE's deployment root CA and PCK-style chains,
// and for tests that need hierarchies with chosen names, dates, extensions and revocations.
//
// Builders are plain values; Sign may be called more than once. Not thread-safe.

#ifndef CONFIDANT_CRYPTO_CERTIFICATE_BUILDER_H_
#define CONFIDANT_CRYPTO_CERTIFICATE_BUILDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "crypto/crl.h"
#include "crypto/hash_algorithm.h"
#include "crypto/key.h"

namespace confidant::crypto {

// Attribute/value pairs of a distinguished name, in order: {{"CN", "..."}, {"O", "..."}}.
using DistinguishedName = std::vector<std::pair<std::string, std::string>>;

struct SignatureOptions {
  HashAlgorithm hash = HashAlgorithm::kSha256;
  bool rsa_pss = false;  // RSA keys only: RSASSA-PSS with salt = digest length (as AMD's KDS)
};

class CertificateBuilder {
 public:
  CertificateBuilder& SetSubject(DistinguishedName subject);
  // Default: 16 random bytes (positive).
  CertificateBuilder& SetSerial(ByteSpan big_endian);
  CertificateBuilder& SetValidity(int64_t not_before_unix, int64_t not_after_unix);
  CertificateBuilder& SetPublicKey(const PublicKey& key);
  // Critical basicConstraints; path_length < 0 means unlimited.
  CertificateBuilder& SetBasicConstraints(bool ca, int path_length = -1);
  // OpenSSL's keyUsage syntax, e.g. "critical,keyCertSign,cRLSign" or "critical,digitalSignature".
  CertificateBuilder& SetKeyUsage(std::string spec);
  CertificateBuilder& SetCrlDistributionPoint(std::string uri);
  // A custom extension whose extnValue holds `der_value` (see der.h to build it).
  CertificateBuilder& AddExtension(std::string dotted_oid, bool critical, Bytes der_value);

  // Signs with `issuer_key`. `issuer` is the issuing certificate, or null for a self-signed one
  // (then `issuer_key` must match the subject key). Subject and authority key identifiers are
  // added. InvalidArgument when a required field is missing or a value is malformed.
  Result<Certificate> Sign(const PrivateKey& issuer_key, const Certificate* issuer,
                           const SignatureOptions& options = {}) const;

 private:
  struct Extension {
    std::string oid;
    bool critical;
    Bytes value;
  };
  DistinguishedName subject_;
  Bytes serial_;
  int64_t not_before_ = 0;
  int64_t not_after_ = 0;
  std::optional<PublicKey> key_;
  std::optional<std::pair<bool, int>> basic_constraints_;
  std::string key_usage_;
  std::string crl_uri_;
  std::vector<Extension> extensions_;
};

class CrlBuilder {
 public:
  CrlBuilder& SetUpdateTimes(int64_t this_update_unix, int64_t next_update_unix);
  CrlBuilder& SetCrlNumber(int64_t number);
  CrlBuilder& Revoke(const Certificate& cert, int64_t revocation_unix);

  // Signs as `issuer` with `issuer_key`.
  Result<Crl> Sign(const PrivateKey& issuer_key, const Certificate& issuer,
                   const SignatureOptions& options = {}) const;

 private:
  int64_t this_update_ = 0;
  int64_t next_update_ = 0;
  int64_t number_ = 1;
  std::vector<std::pair<Certificate, int64_t>> revoked_;
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_CERTIFICATE_BUILDER_H_

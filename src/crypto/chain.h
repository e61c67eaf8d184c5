// Certificate chain verification at a caller-given time (RFC 5280 path validation by OpenSSL).
//
// Trust comes only from `trust_anchors`; `intermediates` are untrusted candidates. The time is an
// input so verifiers can check evidence "as of" a collateral date and tests can pin it.

#ifndef CONFIDANT_CRYPTO_CHAIN_H_
#define CONFIDANT_CRYPTO_CHAIN_H_

#include <cstdint>
#include <span>
#include <vector>

#include "common/result.h"
#include "crypto/certificate.h"
#include "crypto/crl.h"

namespace confidant::crypto {

struct ChainOptions {
  // Every certificate below the trust anchor must be covered by a CRL from its issuer that is
  // valid at the verification time. When false, the given CRLs are still checked if they apply.
  bool require_crls = false;
};

// Verifies `leaf` up to one of `trust_anchors` at `at_unix_seconds`, using `crls` for revocation.
// The anchor's self-signature is verified as well. OpenSSL treats the notAfter second itself as
// expired.
// Returns the verified path, leaf first, trust anchor last. Unauthenticated on any failure, naming
// OpenSSL's reason, the depth and the subject of the certificate it concerns:
//   "chain: certificate has expired at depth 0 (CN=Intel SGX PCK Certificate,...)".
Result<std::vector<Certificate>> VerifyChain(const Certificate& leaf,
                                             std::span<const Certificate> intermediates,
                                             std::span<const Certificate> trust_anchors,
                                             std::span<const Crl> crls, int64_t at_unix_seconds,
                                             const ChainOptions& options = {});

// True if `cert` carries exactly `key` (for pinning roots by key rather than by certificate bytes,
// so re-issued roots with the same key are accepted).
bool SamePublicKey(const Certificate& cert, const PublicKey& key);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_CHAIN_H_

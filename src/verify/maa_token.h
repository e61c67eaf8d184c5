// Verification of Microsoft Azure Attestation (MAA) tokens, offline: the token (a JWT), the
// signing keys the MAA instance publishes at GET <instance>/certs (a JWKS), and the time. The
// checks and their names are in docs/attestation-evidence.md ("MAA tokens").
//
// All inputs are untrusted. Malformed input is INVALID_ARGUMENT naming the field; a token that
// does not verify is UNAUTHENTICATED with the message "maa: <check>: <detail>" (verification.h):
//
//   "maa: token signature: jws: rsa: signature does not verify"
//   "maa: expired: jwt: token expired (\"exp\" 1654066076, now 1654128000)"
//
// The JWKS is trusted as the caller obtained it (over TLS from the instance it chose): Confidant
// does not chain its certificates to a root. One RSA key signs the tokens of many MAA instances,
// so a relying party that wants one instance says so in MaaTokenPolicy::issuer.
//
// Thread-safety: the functions are pure; the returned values are immutable after construction.

#ifndef CONFIDANT_VERIFY_MAA_TOKEN_H_
#define CONFIDANT_VERIFY_MAA_TOKEN_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "crypto/certificate.h"
#include "crypto/key.h"
#include "verify/verification.h"

namespace confidant::verify {

// One key of the JWKS.
struct MaaSigningKey {
  std::string kid;
  crypto::PublicKey key;  // RSA
  // x5c, leaf first, as published (not chain-verified); empty when the JWK gives only n and e.
  std::vector<crypto::Certificate> certificates;
};

struct MaaSigningKeys {
  std::vector<MaaSigningKey> keys;  // in JWKS order; kids are unique

  // The key with `kid`, or nullptr.
  const MaaSigningKey* Find(std::string_view kid) const;
};

// Parses {"keys": [{"kid", "kty": "RSA", "x5c": [base64 DER, ...], "n", "e", ...}, ...]}. Each key
// needs a non-empty, unique "kid", "kty" "RSA", and "x5c" or "n"/"e" (both when both are given:
// they must carry the same key, RFC 7517 section 4.7). Other members are ignored. At least one key.
// INVALID_ARGUMENT naming the member otherwise ("maa jwks: keys[1].x5c[0]: ...").
Result<MaaSigningKeys> ParseMaaJwks(std::string_view json);

// GET <instance>/.well-known/openid-configuration.
struct MaaOpenIdMetadata {
  std::string issuer;
  std::string jwks_uri;
  std::optional<std::string> revocation_endpoint;
  std::vector<std::string> id_token_signing_alg_values_supported;  // non-empty
  std::vector<std::string> response_types_supported;               // non-empty
  std::vector<std::string> claims_supported;                       // empty if absent
};

// Parses the metadata. "issuer" and "jwks_uri" are required strings, and jwks_uri must be
// issuer + "/certs" (MAA publishes its keys there; a document pointing elsewhere is refused
// rather than followed). The two "*_supported" lists OpenID Discovery requires must be non-empty
// arrays of strings. INVALID_ARGUMENT naming the member otherwise.
Result<MaaOpenIdMetadata> ParseMaaOpenIdMetadata(std::string_view json);

struct MaaTokenPolicy {
  // Required "iss": the instance URL the relying party trusts ("https://x.wus.attest.azure.net").
  std::optional<std::string> issuer;
};

struct VerifiedMaaToken {
  nlohmann::json header;         // the protected header: alg, kid, jku, typ
  nlohmann::json claims;         // the payload, as MAA issued it
  std::string attestation_type;  // "x-ms-attestation-type": "sgx", "sevsnpvm", "tdxvm", ...
  std::string issuer;            // "iss"
  std::string kid;               // the signing key's
};

// Verifies, in order:
//  1. parse: three base64url segments, a JSON header with a "kid" string (jws.h).
//  2. token signature: the kid names a key of `keys`, the header's "alg" is RS256 and the RSA
//     PKCS#1 v1.5 signature verifies under that key.
//  3. parse: the payload is a JSON object; "exp" and "nbf", where present, are numbers.
//  4. expired: exp > now >= nbf (nbf if present).
//  5. parse: "exp" is present (a token without one would never expire); "iss" and
//     "x-ms-attestation-type" are non-empty strings.
//  6. expired: when the key came with a certificate, now is within its validity.
//  7. policy (PERMISSION_DENIED): "iss" equals policy.issuer, when set.
Result<VerifiedMaaToken> VerifyMaaToken(std::string_view jwt, const MaaSigningKeys& keys,
                                        int64_t now_unix_seconds,
                                        const MaaTokenPolicy& policy = {});

// The token's claims as they are, its attestation type, and the trust anchor "maa:<iss>": the
// instance that issued the token, as named by a key the caller trusted.
Verified ToVerified(const VerifiedMaaToken& verified);

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_MAA_TOKEN_H_

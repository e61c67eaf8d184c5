// JSON Web Signature compact serialization (RFC 7515) and JSON Web Tokens (RFC 7519) for RS256,
// ES256 and ES384 (RFC 7518 section 3): the attestation service signs its tokens this way and the
// key broker verifies them.
//
// Verification is strict. Rejected as Unauthenticated: a signature that does not verify, "alg":
// "none" or any algorithm not in `allowed`, a JWT outside its exp/nbf window. Rejected as
// InvalidArgument: a token that is not three non-empty base64url segments (the payload may be
// empty), padding, a header that is not a JSON object or carries "crit", and an algorithm that
// does not fit the key (RS256 with an EC key, ES256 with a P-384 key).

#ifndef CONFIDANT_CRYPTO_JWS_H_
#define CONFIDANT_CRYPTO_JWS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/key.h"

namespace confidant::crypto {

enum class JwsAlgorithm { kRs256, kEs256, kEs384 };

// "RS256", "ES256", "ES384".
std::string_view JwsAlgorithmName(JwsAlgorithm alg);

// Signs `payload`; the header is `extra_header` (kid, x5c, jku, typ, ...) plus "alg".
Result<std::string> JwsSign(const PrivateKey& key, JwsAlgorithm alg,
                            const nlohmann::json& extra_header, ByteSpan payload);

struct VerifiedJws {
  nlohmann::json header;
  Bytes payload;
  JwsAlgorithm alg;
};

Result<VerifiedJws> JwsVerify(std::string_view compact, const PublicKey& key,
                              std::span<const JwsAlgorithm> allowed);

// The protected header, NOT verified: only for choosing a key (kid, x5c, jku) before JwsVerify.
Result<nlohmann::json> JwsDecodeHeaderUnverified(std::string_view compact);

// A JWS whose payload is the JSON object `claims`; "typ": "JWT" unless extra_header sets it.
Result<std::string> JwtSign(const PrivateKey& key, JwsAlgorithm alg,
                            const nlohmann::json& extra_header, const nlohmann::json& claims);

// Verifies the signature, then that the payload is a JSON object whose numeric "exp" (if present)
// is after, and "nbf" (if present) not after, `now_unix_seconds` within `leeway_seconds`.
Result<nlohmann::json> JwtVerify(std::string_view compact, const PublicKey& key,
                                 std::span<const JwsAlgorithm> allowed, int64_t now_unix_seconds,
                                 int64_t leeway_seconds = 0);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_JWS_H_

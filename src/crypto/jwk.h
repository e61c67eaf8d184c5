// JSON Web Keys (RFC 7517, RFC 7518 section 6) for the key types Confidant uses, and the JWK
// thumbprint (RFC 7638). Members are base64url without padding; EC coordinates and the private
// scalar have the field's fixed size. Import is strict: unknown "kty"/"crv", missing or mistyped
// members, bad base64url and off-curve points are InvalidArgument. Unknown extra members (kid,
// use, alg, x5c, ...) are ignored here; callers read them from the JSON.

#ifndef CONFIDANT_CRYPTO_JWK_H_
#define CONFIDANT_CRYPTO_JWK_H_

#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"
#include "crypto/key.h"

namespace confidant::crypto {

Result<nlohmann::json> PublicKeyToJwk(const PublicKey& key);
Result<PublicKey> PublicKeyFromJwk(const nlohmann::json& jwk);

// Includes the private members (EC: d; RSA: d, p, q, dp, dq, qi). Handle the result as a secret.
Result<nlohmann::json> PrivateKeyToJwk(const PrivateKey& key);
Result<PrivateKey> PrivateKeyFromJwk(const nlohmann::json& jwk);

// base64url(SHA-256(canonical JSON of the required public members)).
Result<std::string> JwkThumbprint(const PublicKey& key);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_JWK_H_

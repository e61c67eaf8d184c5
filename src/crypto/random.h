// Cryptographically secure random bytes from OpenSSL's DRBG (seeded by the operating system).
//
// Errors: Internal if the generator fails (for example when it cannot be seeded); the output is
// then unusable and must not be used.
// Thread-safety: safe to call concurrently.

#ifndef CONFIDANT_CRYPTO_RANDOM_H_
#define CONFIDANT_CRYPTO_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/bytes.h"
#include "common/result.h"
#include "common/status.h"
#include "crypto/secret_bytes.h"

namespace confidant::crypto {

// Fills `out` for public values (nonces, IVs, identifiers).
Status RandomBytes(std::span<uint8_t> out);
// `size` random bytes for public values.
Result<Bytes> RandomBytes(size_t size);
// `size` random bytes for keys and other secrets, from OpenSSL's separate private generator.
Result<SecretBytes> RandomSecret(size_t size);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_RANDOM_H_

// HKDF, the HMAC-based extract-and-expand key derivation function (RFC 5869), over SHA-2.
//
// Every input may be empty; an empty salt stands for DigestSize(alg) zero bytes (RFC 5869 2.2).
// Errors: InvalidArgument for an output length of 0 or above 255 * DigestSize(alg), or a PRK
// shorter than DigestSize(alg); Internal if OpenSSL fails.
// Thread-safety: safe to call concurrently.

#ifndef CONFIDANT_CRYPTO_HKDF_H_
#define CONFIDANT_CRYPTO_HKDF_H_

#include <cstddef>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/hash_algorithm.h"
#include "crypto/secret_bytes.h"

namespace confidant::crypto {

// HKDF-Expand(HKDF-Extract(salt, ikm), info, length).
Result<SecretBytes> Hkdf(HashAlgorithm alg, ByteSpan ikm, ByteSpan salt, ByteSpan info,
                         size_t length);

// The pseudorandom key PRK = HMAC-Hash(salt, ikm), DigestSize(alg) bytes.
Result<SecretBytes> HkdfExtract(HashAlgorithm alg, ByteSpan ikm, ByteSpan salt);

// `length` bytes of output keying material from `prk` (at least DigestSize(alg) bytes).
Result<SecretBytes> HkdfExpand(HashAlgorithm alg, ByteSpan prk, ByteSpan info, size_t length);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_HKDF_H_

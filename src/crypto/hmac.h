// HMAC (RFC 2104) over SHA-2.
//
// Keys and data are arbitrary bytes (any key length, including empty). Computing a MAC cannot fail;
// should OpenSSL fail (out of memory, provider unavailable) Hmac aborts, like operator new.
// Thread-safety: safe to call concurrently.

#ifndef CONFIDANT_CRYPTO_HMAC_H_
#define CONFIDANT_CRYPTO_HMAC_H_

#include "common/bytes.h"
#include "common/status.h"
#include "crypto/hash_algorithm.h"

namespace confidant::crypto {

// DigestSize(alg) bytes.
Bytes Hmac(HashAlgorithm alg, ByteSpan key, ByteSpan data);

// Checks an untrusted `mac` against Hmac(alg, key, data) in time independent of where they differ.
// Truncated MACs are not accepted.
// Errors: InvalidArgument if mac.size() != DigestSize(alg); DataLoss if the MAC does not match.
Status VerifyHmac(HashAlgorithm alg, ByteSpan key, ByteSpan data, ByteSpan mac);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_HMAC_H_

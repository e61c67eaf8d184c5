// The two quotients an SGX SIGSTRUCT carries beside its RSA signature so that EINIT can check
// S^3 mod M with multiplications only (shared/reference/sgx-and-dcap.md section 2):
//   Q1 = floor(S^2 / M),  Q2 = floor((S^3 - Q1*S*M) / M).
//
// Inputs are big-endian and may be untrusted. InvalidArgument for an empty, even or zero modulus
// or a signature not below the modulus. Thread-safe.

#ifndef CONFIDANT_CRYPTO_RSA_SIGSTRUCT_H_
#define CONFIDANT_CRYPTO_RSA_SIGSTRUCT_H_

#include <utility>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant::crypto {

// {Q1, Q2}, each big-endian and left-padded to modulus_be.size() bytes (both are below S < M).
Result<std::pair<Bytes, Bytes>> RsaSigstructQuotients(ByteSpan modulus_be, ByteSpan signature_be);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_RSA_SIGSTRUCT_H_

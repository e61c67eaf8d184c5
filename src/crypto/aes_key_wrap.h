// AES key wrapping: RFC 3394 (NIST SP 800-38F "KW") and RFC 5649 with padding ("KWP"), under a
// 16-, 24- or 32-byte key-encryption key (KEK).
//
// Wrapping both encrypts and authenticates: an unwrap that does not verify fails with DataLoss
// (wrong KEK, corrupted or forged input) and returns nothing. Wrapped input is untrusted.
// Errors: InvalidArgument for a bad KEK size or input size; DataLoss for an integrity failure;
// Internal if OpenSSL fails.
// Thread-safety: safe to call concurrently.

#ifndef CONFIDANT_CRYPTO_AES_KEY_WRAP_H_
#define CONFIDANT_CRYPTO_AES_KEY_WRAP_H_

#include <cstddef>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/secret_bytes.h"

namespace confidant::crypto {

// Inputs above this size are refused (OpenSSL processes a wrap in one int-sized call).
inline constexpr size_t kMaxKeyWrapInputSize = size_t{1} << 30;

// RFC 3394. `key` is a multiple of 8 bytes, at least 16; the result is 8 bytes longer.
Result<Bytes> AesKeyWrap(ByteSpan kek, ByteSpan key);
// `wrapped` is a multiple of 8 bytes, at least 24; the result is 8 bytes shorter.
Result<SecretBytes> AesKeyUnwrap(ByteSpan kek, ByteSpan wrapped);

// RFC 5649. `key` is any non-empty size; the result is `key` padded to a multiple of 8, plus 8.
Result<Bytes> AesKeyWrapPad(ByteSpan kek, ByteSpan key);
// `wrapped` is a multiple of 8 bytes, at least 16; the result has the length that was wrapped.
Result<SecretBytes> AesKeyUnwrapPad(ByteSpan kek, ByteSpan wrapped);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_AES_KEY_WRAP_H_

// AES-XTS (IEEE 1619, NIST SP 800-38E): length-preserving encryption of storage sectors, each
// under its own 16-byte tweak, with ciphertext stealing for sizes that are not a multiple of 16.
// XTS gives confidentiality only: a modified ciphertext decrypts to garbage without an error, so
// authenticate whatever must not be tampered with separately.
//
// An AesXts holds the two expanded keys in one OpenSSL context per direction, reused by every call
// (no allocation or algorithm lookup per sector). Not thread-safe: use one object per thread.
// Movable, not copyable; a moved-from object may only be destroyed or assigned to.
//
// Outputs may alias inputs exactly (in-place operation) but must not overlap them at an offset.
// Errors: InvalidArgument for a bad key, tweak or buffer size, or partially overlapping buffers;
// Internal if OpenSSL fails.

#ifndef CONFIDANT_CRYPTO_AES_XTS_H_
#define CONFIDANT_CRYPTO_AES_XTS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "common/bytes.h"
#include "common/result.h"
#include "common/status.h"

struct evp_cipher_ctx_st;  // OpenSSL's EVP_CIPHER_CTX, opaque outside src/crypto.

namespace confidant::crypto {

class AesXts {
 public:
  static constexpr size_t kTweakSize = 16;
  static constexpr size_t kMinDataUnitSize = 16;
  // IEEE 1619-2018 and SP 800-38E: at most 2^20 AES blocks per data unit.
  static constexpr size_t kMaxDataUnitSize = size_t{16} << 20;

  // `key` is 32 bytes (AES-128-XTS) or 64 bytes (AES-256-XTS): the data key followed by the tweak
  // key. The two halves must differ (InvalidArgument otherwise), as SP 800-38E requires.
  static Result<AesXts> Create(ByteSpan key);

  // Encrypts or decrypts one data unit.
  // REQUIRES (else InvalidArgument): tweak.size() == kTweakSize,
  // kMinDataUnitSize <= in.size() <= kMaxDataUnitSize, out.size() == in.size().
  Status Encrypt(ByteSpan tweak, ByteSpan in, std::span<uint8_t> out);
  Status Decrypt(ByteSpan tweak, ByteSpan in, std::span<uint8_t> out);

  // LUKS2 / dm-crypt "plain64": the sector number as a little-endian 64-bit integer, zero-padded
  // to 16 bytes (also IEEE 1619's data unit sequence number for numbers below 2^64).
  static std::array<uint8_t, kTweakSize> Plain64Tweak(uint64_t sector);

 private:
  using CtxPtr = std::unique_ptr<evp_cipher_ctx_st, void (*)(evp_cipher_ctx_st*)>;
  AesXts(CtxPtr encrypt, CtxPtr decrypt)
      : encrypt_(std::move(encrypt)), decrypt_(std::move(decrypt)) {}

  // XTS expands the data key differently for each direction, hence one context per direction.
  CtxPtr encrypt_;
  CtxPtr decrypt_;
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_AES_XTS_H_

// AES-GCM authenticated encryption (NIST SP 800-38D) with 128-, 192- or 256-bit keys and full
// 16-byte tags.
//
// An AesGcm holds the expanded key in one OpenSSL cipher context that every call reuses, so sealing
// a page costs no allocation and no algorithm lookup. Not thread-safe: use one object per thread.
// Movable, not copyable; a moved-from object may only be destroyed or assigned to.
//
// Never seal two messages under one key with the same IV: use a counter or 12 random bytes.
// Everything passed to Open is untrusted. Outputs may alias inputs exactly (in-place operation) but
// must not overlap them at an offset.
// Errors: InvalidArgument for a bad key, IV, tag or buffer size, or partially overlapping buffers;
// DataLoss when the tag does not authenticate the IV, AAD and ciphertext; Internal if OpenSSL
// fails.

#ifndef CONFIDANT_CRYPTO_AES_GCM_H_
#define CONFIDANT_CRYPTO_AES_GCM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "common/bytes.h"
#include "common/result.h"
#include "common/status.h"

struct evp_cipher_ctx_st;  // OpenSSL's EVP_CIPHER_CTX, opaque outside src/crypto.

namespace confidant::crypto {

class AesGcm {
 public:
  static constexpr size_t kIvSize = 12;  // the recommended size; see kMaxIvSize
  static constexpr size_t kTagSize = 16;
  static constexpr size_t kMaxIvSize = 128;  // OpenSSL's limit
  // SP 800-38D: at most 2^39 - 256 bits of plaintext per message.
  static constexpr uint64_t kMaxPlaintextSize = (uint64_t{1} << 36) - 32;

  // `key` is 16, 24 or 32 bytes (AES-128, -192, -256).
  static Result<AesGcm> Create(ByteSpan key);

  // Encrypts `plaintext` into `ciphertext` and writes the tag over IV, AAD and ciphertext to `tag`.
  // REQUIRES (else InvalidArgument): 1 <= iv.size() <= kMaxIvSize,
  // ciphertext.size() == plaintext.size() <= kMaxPlaintextSize, tag.size() == kTagSize.
  Status Seal(ByteSpan iv, ByteSpan aad, ByteSpan plaintext, std::span<uint8_t> ciphertext,
              std::span<uint8_t> tag);
  // Decrypts `ciphertext` into `plaintext` if `tag` authenticates it; otherwise returns DataLoss
  // and leaves `plaintext` zeroed. Same size requirements as Seal.
  Status Open(ByteSpan iv, ByteSpan aad, ByteSpan ciphertext, ByteSpan tag,
              std::span<uint8_t> plaintext);

  // Returns ciphertext || tag.
  Result<Bytes> Seal(ByteSpan iv, ByteSpan aad, ByteSpan plaintext);
  // Takes ciphertext || tag; InvalidArgument if shorter than the tag, DataLoss on a bad tag.
  Result<Bytes> Open(ByteSpan iv, ByteSpan aad, ByteSpan ciphertext_and_tag);

 private:
  using CtxPtr = std::unique_ptr<evp_cipher_ctx_st, void (*)(evp_cipher_ctx_st*)>;
  explicit AesGcm(CtxPtr ctx) : ctx_(std::move(ctx)) {}

  // Starts a message: sets the IV and direction, then authenticates `aad`. False if OpenSSL fails.
  bool Start(ByteSpan iv, ByteSpan aad, bool encrypt);

  CtxPtr ctx_;
  size_t iv_size_ = kIvSize;  // the IV length currently configured in ctx_
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_AES_GCM_H_

// Benchmark floors: the loops a careful OpenSSL user writes by hand, without Confidant's wrappers.
//
// `confidant bench crypto` (src/bench/crypto_bench.cc) measures Confidant's crypto API against
// these loops in the same run, so the ratio shows what the wrappers cost. They live here because
// only src/crypto calls OpenSSL. Nothing else should use them: each does one fixed thing (seal with
// no AAD, encrypt one data unit, verify one signature) as fast as the EVP API allows.
//
// Thread-safety: a loop object is used by one thread at a time; EvpDigestVerifyLoop is thread-safe.
// Inputs are trusted (the benchmark makes them); sizes are still checked.

#ifndef CONFIDANT_CRYPTO_EVP_REFERENCE_LOOPS_H_
#define CONFIDANT_CRYPTO_EVP_REFERENCE_LOOPS_H_

#include <cstdint>
#include <memory>
#include <span>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "crypto/hash_algorithm.h"
#include "crypto/key.h"

struct evp_cipher_ctx_st;  // OpenSSL's EVP_CIPHER_CTX, opaque outside src/crypto.

namespace confidant::crypto {

// AES-256-GCM sealing with one EVP_CIPHER_CTX whose key schedule is set once.
class EvpAesGcmSealLoop {
 public:
  static constexpr size_t kKeySize = 32;
  static constexpr size_t kTagSize = 16;

  // InvalidArgument unless `key` is 32 bytes.
  static Result<EvpAesGcmSealLoop> Create(ByteSpan key);

  // Seals `plaintext` (no AAD) `iterations` times into `ciphertext` (same size) and `tag` (16
  // bytes), each time under the next value of a 96-bit big-endian IV counter that starts at zero
  // when the object is created, so no IV repeats. One iteration is EVP_EncryptInit_ex with only
  // the new IV, EVP_EncryptUpdate, EVP_EncryptFinal_ex and EVP_CTRL_GCM_GET_TAG.
  Status Run(ByteSpan plaintext, std::span<uint8_t> ciphertext, std::span<uint8_t> tag,
             uint64_t iterations);

 private:
  using CtxPtr = std::unique_ptr<evp_cipher_ctx_st, void (*)(evp_cipher_ctx_st*)>;
  explicit EvpAesGcmSealLoop(CtxPtr ctx) : ctx_(std::move(ctx)) {}
  CtxPtr ctx_;
  uint64_t next_iv_ = 0;
};

// AES-256-XTS encryption of one data unit with one EVP_CIPHER_CTX whose keys are set once.
class EvpAesXtsEncryptLoop {
 public:
  static constexpr size_t kKeySize = 64;  // two AES-256 keys
  static constexpr size_t kTweakSize = 16;

  // InvalidArgument unless `key` is 64 bytes with different halves (OpenSSL refuses equal ones).
  static Result<EvpAesXtsEncryptLoop> Create(ByteSpan key);

  // Encrypts `in` (at least 16 bytes) into `out` (same size) `iterations` times under `tweak`
  // (16 bytes; the data unit number, little-endian, for IEEE 1619). One iteration is
  // EVP_EncryptInit_ex with only the tweak, EVP_EncryptUpdate and EVP_EncryptFinal_ex.
  Status Run(ByteSpan tweak, ByteSpan in, std::span<uint8_t> out, uint64_t iterations);

 private:
  using CtxPtr = std::unique_ptr<evp_cipher_ctx_st, void (*)(evp_cipher_ctx_st*)>;
  explicit EvpAesXtsEncryptLoop(CtxPtr ctx) : ctx_(std::move(ctx)) {}
  CtxPtr ctx_;
};

// Verifies `signature` over `message` with `key` and digest `hash`, `iterations` times, each one
// as a one-shot verifier does it: EVP_MD_CTX_new, EVP_DigestVerifyInit, EVP_DigestVerify,
// EVP_MD_CTX_free. ECDSA signatures are DER; RSA uses OpenSSL's default PKCS#1 v1.5 padding.
// Unauthenticated if a verification fails.
Status EvpDigestVerifyLoop(const PublicKey& key, HashAlgorithm hash, ByteSpan message,
                           ByteSpan signature, uint64_t iterations);

// X509_verify of `cert` under `issuer_key`, `iterations` times: a certificate's signature check
// and nothing else (the floor for chain checks a verifier cannot avoid).
Status EvpX509VerifyLoop(const Certificate& cert, const PublicKey& issuer_key, uint64_t iterations);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_EVP_REFERENCE_LOOPS_H_

// SHA-2 digests (FIPS 180-4): one-shot functions and a streaming Hasher.
//
// Inputs are arbitrary bytes (untrusted data is fine). Hashing cannot fail on any input; should
// OpenSSL fail (out of memory, provider unavailable) these functions abort, like operator new.
// Thread-safety: the free functions are safe to call concurrently; a Hasher is used by one thread
// at a time.

#ifndef CONFIDANT_CRYPTO_HASH_H_
#define CONFIDANT_CRYPTO_HASH_H_

#include <memory>

#include "common/bytes.h"
#include "crypto/hash_algorithm.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, opaque outside src/crypto.

namespace confidant::crypto {

Bytes Sha256(ByteSpan data);
Bytes Sha384(ByteSpan data);
Bytes Sha512(ByteSpan data);
// DigestSize(alg) bytes.
Bytes Digest(HashAlgorithm alg, ByteSpan data);

// Incremental hashing of a message given in pieces. Movable, not copyable; a moved-from Hasher may
// only be destroyed or assigned to.
class Hasher {
 public:
  static Hasher Create(HashAlgorithm alg);

  HashAlgorithm algorithm() const { return alg_; }
  void Update(ByteSpan data);
  // Returns the digest of everything passed to Update since Create or the previous Finish, and
  // starts a new message.
  Bytes Finish();

 private:
  using CtxPtr = std::unique_ptr<evp_md_ctx_st, void (*)(evp_md_ctx_st*)>;
  Hasher(HashAlgorithm alg, CtxPtr ctx) : alg_(alg), ctx_(std::move(ctx)) {}

  HashAlgorithm alg_;
  CtxPtr ctx_;
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_HASH_H_

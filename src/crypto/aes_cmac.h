// AES-CMAC (NIST SP 800-38B, RFC 4493) with 128-, 192- or 256-bit keys; 16-byte MACs. SGX-style
// key derivation uses it as a PRF.
//
// Messages are arbitrary bytes (untrusted data is fine).
// Errors: InvalidArgument for a key that is not 16, 24 or 32 bytes; Internal if OpenSSL fails.

#ifndef CONFIDANT_CRYPTO_AES_CMAC_H_
#define CONFIDANT_CRYPTO_AES_CMAC_H_

#include <cstddef>
#include <memory>

#include "common/bytes.h"
#include "common/result.h"

struct evp_mac_ctx_st;  // OpenSSL's EVP_MAC_CTX, opaque outside src/crypto.

namespace confidant::crypto {

// One-shot: AesCmacContext::Create(key) then Mac(data).
Result<Bytes> AesCmac(ByteSpan key, ByteSpan data);

// A key set up once for MACing many messages. Not thread-safe: use one object per thread.
// Movable, not copyable; a moved-from object may only be destroyed or assigned to.
class AesCmacContext {
 public:
  static constexpr size_t kMacSize = 16;

  static Result<AesCmacContext> Create(ByteSpan key);

  // kMacSize bytes.
  Result<Bytes> Mac(ByteSpan data);

 private:
  using CtxPtr = std::unique_ptr<evp_mac_ctx_st, void (*)(evp_mac_ctx_st*)>;
  explicit AesCmacContext(CtxPtr ctx) : ctx_(std::move(ctx)) {}

  CtxPtr ctx_;
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_AES_CMAC_H_

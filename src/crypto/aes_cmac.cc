#include "crypto/aes_cmac.h"

#include <openssl/core_names.h>

#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslInternal;

const EVP_MAC* CmacMac() {
  // Fetched once; deliberately never freed.
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_CMAC, nullptr);
  return mac;
}

// CMAC is defined over the block cipher; OpenSSL names it by its CBC mode.
const char* CbcCipherName(size_t key_size) {
  switch (key_size) {
    case 16:
      return "AES-128-CBC";
    case 24:
      return "AES-192-CBC";
    case 32:
      return "AES-256-CBC";
    default:
      return nullptr;
  }
}

}  // namespace

Result<AesCmacContext> AesCmacContext::Create(ByteSpan key) {
  const char* cipher = CbcCipherName(key.size());
  if (cipher == nullptr) {
    return InvalidArgumentError("aes-cmac: key size " + std::to_string(key.size()) +
                                ", expected 16, 24 or 32");
  }
  CtxPtr ctx(EVP_MAC_CTX_new(const_cast<EVP_MAC*>(CmacMac())), EVP_MAC_CTX_free);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(cipher), 0),
      OSSL_PARAM_construct_end(),
  };
  if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1) {
    return OpenSslInternal("aes-cmac: key setup");
  }
  return AesCmacContext(std::move(ctx));
}

Result<Bytes> AesCmacContext::Mac(ByteSpan data) {
  Bytes mac(kMacSize);
  size_t mac_size = 0;
  // Init without a key restarts the computation under the key given to Create.
  if (EVP_MAC_init(ctx_.get(), nullptr, 0, nullptr) != 1 ||
      EVP_MAC_update(ctx_.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx_.get(), mac.data(), &mac_size, mac.size()) != 1 || mac_size != kMacSize) {
    return OpenSslInternal("aes-cmac: MAC computation");
  }
  return mac;
}

Result<Bytes> AesCmac(ByteSpan key, ByteSpan data) {
  ASSIGN_OR_RETURN(AesCmacContext context, AesCmacContext::Create(key));
  return context.Mac(data);
}

}  // namespace confidant::crypto

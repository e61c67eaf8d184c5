#include "crypto/hmac.h"

#include <openssl/core_names.h>

#include <string>

#include "crypto/openssl_util.h"
#include "crypto/secret_bytes.h"

namespace confidant::crypto {
namespace {

using internal::DieOnOpenSslFailure;

const EVP_MAC* HmacMac() {
  // Fetched once; deliberately never freed.
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  return mac;
}

}  // namespace

Bytes Hmac(HashAlgorithm alg, ByteSpan key, ByteSpan data) {
  internal::UniqueMacCtx ctx(EVP_MAC_CTX_new(const_cast<EVP_MAC*>(HmacMac())));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(EVP_MD_get0_name(internal::Md(alg))), 0),
      OSSL_PARAM_construct_end(),
  };
  // A null key means "keep the previous key" to EVP_MAC_init; an empty key needs a real pointer.
  static constexpr uint8_t kNoKey = 0;
  const uint8_t* key_data = key.empty() ? &kNoKey : key.data();
  Bytes mac(DigestSize(alg));
  size_t mac_size = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), key_data, key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), mac.data(), &mac_size, mac.size()) != 1 || mac_size != mac.size()) {
    DieOnOpenSslFailure("hmac: EVP_MAC");
  }
  return mac;
}

Status VerifyHmac(HashAlgorithm alg, ByteSpan key, ByteSpan data, ByteSpan mac) {
  if (mac.size() != DigestSize(alg)) {
    return InvalidArgumentError("hmac: MAC size " + std::to_string(mac.size()) + ", expected " +
                                std::to_string(DigestSize(alg)) + " for HMAC-" +
                                std::string(HashAlgorithmName(alg)));
  }
  if (!ConstantTimeEquals(Hmac(alg, key, data), mac)) {
    return DataLossError("hmac: MAC mismatch");
  }
  return OkStatus();
}

}  // namespace confidant::crypto

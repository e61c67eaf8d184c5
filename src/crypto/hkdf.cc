#include "crypto/hkdf.h"

#include <openssl/core_names.h>

#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

const EVP_KDF* HkdfKdf() {
  // Fetched once; deliberately never freed.
  static EVP_KDF* const kdf = EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr);
  return kdf;
}

// OpenSSL refuses a null octet-string parameter even when its size is 0.
OSSL_PARAM OctetParam(const char* name, ByteSpan bytes) {
  static constexpr uint8_t kEmpty = 0;
  return OSSL_PARAM_construct_octet_string(
      name, const_cast<uint8_t*>(bytes.empty() ? &kEmpty : bytes.data()), bytes.size());
}

Status CheckLength(HashAlgorithm alg, size_t length) {
  const size_t max = 255 * DigestSize(alg);
  if (length == 0 || length > max) {
    return InvalidArgumentError("hkdf: output length " + std::to_string(length) +
                                " is outside 1.." + std::to_string(max) + " for " +
                                std::string(HashAlgorithmName(alg)));
  }
  return OkStatus();
}

// One EVP_KDF derivation in `mode` (EVP_KDF_HKDF_MODE_*); `key` is the IKM or, to expand only,
// the PRK.
Result<SecretBytes> Derive(HashAlgorithm alg, int mode, ByteSpan key, ByteSpan salt, ByteSpan info,
                           size_t length) {
  internal::UniqueKdfCtx ctx(EVP_KDF_CTX_new(const_cast<EVP_KDF*>(HkdfKdf())));
  if (!ctx) return internal::OpenSslInternal("hkdf: EVP_KDF_CTX_new");
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
                                       const_cast<char*>(EVP_MD_get0_name(internal::Md(alg))), 0),
      OctetParam(OSSL_KDF_PARAM_KEY, key),
      OctetParam(OSSL_KDF_PARAM_SALT, salt),
      OctetParam(OSSL_KDF_PARAM_INFO, info),
      OSSL_PARAM_construct_end(),
  };
  SecretBytes out(length);
  if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
    return internal::OpenSslInternal("hkdf: EVP_KDF_derive");
  }
  return out;
}

}  // namespace

Result<SecretBytes> Hkdf(HashAlgorithm alg, ByteSpan ikm, ByteSpan salt, ByteSpan info,
                         size_t length) {
  RETURN_IF_ERROR(CheckLength(alg, length));
  return Derive(alg, EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, ikm, salt, info, length);
}

Result<SecretBytes> HkdfExtract(HashAlgorithm alg, ByteSpan ikm, ByteSpan salt) {
  return Derive(alg, EVP_KDF_HKDF_MODE_EXTRACT_ONLY, ikm, salt, {}, DigestSize(alg));
}

Result<SecretBytes> HkdfExpand(HashAlgorithm alg, ByteSpan prk, ByteSpan info, size_t length) {
  if (prk.size() < DigestSize(alg)) {
    return InvalidArgumentError("hkdf: PRK of " + std::to_string(prk.size()) +
                                " bytes is shorter than the " + std::to_string(DigestSize(alg)) +
                                "-byte " + std::string(HashAlgorithmName(alg)) + " output");
  }
  RETURN_IF_ERROR(CheckLength(alg, length));
  return Derive(alg, EVP_KDF_HKDF_MODE_EXPAND_ONLY, prk, {}, info, length);
}

}  // namespace confidant::crypto

#include "crypto/aes_gcm.h"

#include <openssl/core_names.h>

#include <algorithm>
#include <string>

#include "crypto/openssl_util.h"
#include "crypto/secret_bytes.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslInternal;

// EVP_CipherUpdate counts in int; larger inputs go in pieces of this many bytes.
constexpr size_t kMaxUpdate = size_t{1} << 30;

// Fetched once; deliberately never freed. REQUIRES: key_size is 16, 24 or 32.
const EVP_CIPHER* GcmCipher(size_t key_size) {
  static EVP_CIPHER* const aes128 = EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr);
  static EVP_CIPHER* const aes192 = EVP_CIPHER_fetch(nullptr, "AES-192-GCM", nullptr);
  static EVP_CIPHER* const aes256 = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  switch (key_size) {
    case 16:
      return aes128;
    case 24:
      return aes192;
    default:
      return aes256;
  }
}

// Feeds `in` to the cipher; `out` is null for AAD, else in.size() bytes.
bool Update(EVP_CIPHER_CTX* ctx, uint8_t* out, ByteSpan in) {
  while (!in.empty()) {
    const size_t n = std::min(in.size(), kMaxUpdate);
    int written = 0;
    if (EVP_CipherUpdate(ctx, out, &written, in.data(), static_cast<int>(n)) != 1) return false;
    in = in.subspan(n);
    if (out != nullptr) out += n;
  }
  return true;
}

Status CheckSizes(ByteSpan iv, ByteSpan in, ByteSpan out, ByteSpan tag) {
  if (iv.empty() || iv.size() > AesGcm::kMaxIvSize) {
    return InvalidArgumentError("aes-gcm: IV size " + std::to_string(iv.size()) + ", expected 1.." +
                                std::to_string(AesGcm::kMaxIvSize));
  }
  if (tag.size() != AesGcm::kTagSize) {
    return InvalidArgumentError("aes-gcm: tag size " + std::to_string(tag.size()) + ", expected " +
                                std::to_string(AesGcm::kTagSize));
  }
  if (in.size() != out.size()) {
    return InvalidArgumentError("aes-gcm: output size " + std::to_string(out.size()) +
                                " differs from input size " + std::to_string(in.size()));
  }
  if (in.size() > AesGcm::kMaxPlaintextSize) {
    return InvalidArgumentError("aes-gcm: message of " + std::to_string(in.size()) +
                                " bytes exceeds the GCM limit of 2^36 - 32");
  }
  if (internal::OverlapsPartially(in, out)) {
    return InvalidArgumentError("aes-gcm: input and output overlap without being the same buffer");
  }
  return OkStatus();
}

}  // namespace

Result<AesGcm> AesGcm::Create(ByteSpan key) {
  if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
    return InvalidArgumentError("aes-gcm: key size " + std::to_string(key.size()) +
                                ", expected 16, 24 or 32");
  }
  const EVP_CIPHER* cipher = GcmCipher(key.size());
  if (cipher == nullptr) return OpenSslInternal("aes-gcm: cipher unavailable");
  CtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), cipher, key.data(), nullptr, nullptr) != 1) {
    return OpenSslInternal("aes-gcm: key setup");
  }
  return AesGcm(std::move(ctx));
}

bool AesGcm::Start(ByteSpan iv, ByteSpan aad, bool encrypt) {
  if (iv.size() != iv_size_) {
    size_t iv_size = iv.size();
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &iv_size),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_CIPHER_CTX_set_params(ctx_.get(), params) != 1) return false;
    iv_size_ = iv_size;
  }
  // No cipher and no key: keeps the expanded key and only restarts with the new IV.
  const int direction = encrypt ? 1 : 0;
  return EVP_CipherInit_ex2(ctx_.get(), nullptr, nullptr, iv.data(), direction, nullptr) == 1 &&
         Update(ctx_.get(), nullptr, aad);
}

Status AesGcm::Seal(ByteSpan iv, ByteSpan aad, ByteSpan plaintext, std::span<uint8_t> ciphertext,
                    std::span<uint8_t> tag) {
  RETURN_IF_ERROR(CheckSizes(iv, plaintext, ciphertext, tag));
  int final_size = 0;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag.data(), tag.size()),
      OSSL_PARAM_construct_end(),
  };
  // GCM is a stream mode: Final writes no bytes, only computes the tag.
  if (!Start(iv, aad, /*encrypt=*/true) || !Update(ctx_.get(), ciphertext.data(), plaintext) ||
      EVP_EncryptFinal_ex(ctx_.get(), ciphertext.data() + ciphertext.size(), &final_size) != 1 ||
      EVP_CIPHER_CTX_get_params(ctx_.get(), params) != 1) {
    return OpenSslInternal("aes-gcm: seal");
  }
  return OkStatus();
}

Status AesGcm::Open(ByteSpan iv, ByteSpan aad, ByteSpan ciphertext, ByteSpan tag,
                    std::span<uint8_t> plaintext) {
  RETURN_IF_ERROR(CheckSizes(iv, ciphertext, plaintext, tag));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
                                        const_cast<uint8_t*>(tag.data()), tag.size()),
      OSSL_PARAM_construct_end(),
  };
  // The tag can only be set once the context is in decryption mode.
  if (!Start(iv, aad, /*encrypt=*/false) || EVP_CIPHER_CTX_set_params(ctx_.get(), params) != 1 ||
      !Update(ctx_.get(), plaintext.data(), ciphertext)) {
    internal::Cleanse(plaintext.data(), plaintext.size());
    return OpenSslInternal("aes-gcm: open");
  }
  int final_size = 0;
  if (EVP_DecryptFinal_ex(ctx_.get(), plaintext.data() + plaintext.size(), &final_size) != 1) {
    // The plaintext of a forgery must not be used, so none is left behind.
    internal::Cleanse(plaintext.data(), plaintext.size());
    internal::ClearOpenSslErrors();
    return DataLossError("aes-gcm: authentication tag mismatch");
  }
  return OkStatus();
}

Result<Bytes> AesGcm::Seal(ByteSpan iv, ByteSpan aad, ByteSpan plaintext) {
  Bytes out(plaintext.size() + kTagSize);
  std::span<uint8_t> span(out);
  RETURN_IF_ERROR(Seal(iv, aad, plaintext, span.first(plaintext.size()), span.last(kTagSize)));
  return out;
}

Result<Bytes> AesGcm::Open(ByteSpan iv, ByteSpan aad, ByteSpan ciphertext_and_tag) {
  if (ciphertext_and_tag.size() < kTagSize) {
    return InvalidArgumentError("aes-gcm: input of " + std::to_string(ciphertext_and_tag.size()) +
                                " bytes is shorter than the 16-byte tag");
  }
  const size_t ciphertext_size = ciphertext_and_tag.size() - kTagSize;
  Bytes plaintext(ciphertext_size);
  RETURN_IF_ERROR(Open(iv, aad, ciphertext_and_tag.first(ciphertext_size),
                       ciphertext_and_tag.last(kTagSize), plaintext));
  return plaintext;
}

}  // namespace confidant::crypto

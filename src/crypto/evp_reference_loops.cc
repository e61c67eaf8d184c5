#include "crypto/evp_reference_loops.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <climits>
#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslError;
using internal::OpenSslInternal;

constexpr size_t kGcmIvSize = 12;

Status CheckSize(std::string_view what, size_t actual, size_t expected) {
  if (actual == expected) return OkStatus();
  return InvalidArgumentError(std::string(what) + " size " + std::to_string(actual) +
                              ", expected " + std::to_string(expected));
}

// EVP_EncryptUpdate takes an int length.
Status CheckFitsInt(std::string_view what, size_t size) {
  if (size <= static_cast<size_t>(INT_MAX)) return OkStatus();
  return InvalidArgumentError(std::string(what) + " size " + std::to_string(size) +
                              " exceeds OpenSSL's int length");
}

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, void (*)(EVP_CIPHER_CTX*)>;

// A cipher context keyed for encryption with `cipher`; the IV/tweak is set per operation.
Result<CipherCtxPtr> NewKeyedCtx(const EVP_CIPHER* cipher, ByteSpan key, std::string_view what) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!ctx) return OpenSslInternal(std::string(what) + ": EVP_CIPHER_CTX_new");
  if (EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key.data(), nullptr) != 1) {
    return OpenSslError(StatusCode::kInvalidArgument, std::string(what) + ": key rejected");
  }
  return ctx;
}

}  // namespace

Result<EvpAesGcmSealLoop> EvpAesGcmSealLoop::Create(ByteSpan key) {
  RETURN_IF_ERROR(CheckSize("evp aes-gcm loop: key", key.size(), kKeySize));
  ASSIGN_OR_RETURN(CtxPtr ctx, NewKeyedCtx(EVP_aes_256_gcm(), key, "evp aes-gcm loop"));
  return EvpAesGcmSealLoop(std::move(ctx));
}

Status EvpAesGcmSealLoop::Run(ByteSpan plaintext, std::span<uint8_t> ciphertext,
                              std::span<uint8_t> tag, uint64_t iterations) {
  RETURN_IF_ERROR(CheckSize("evp aes-gcm loop: ciphertext", ciphertext.size(), plaintext.size()));
  RETURN_IF_ERROR(CheckSize("evp aes-gcm loop: tag", tag.size(), kTagSize));
  RETURN_IF_ERROR(CheckFitsInt("evp aes-gcm loop: plaintext", plaintext.size()));
  uint8_t iv[kGcmIvSize] = {};
  for (uint64_t i = 0; i < iterations; ++i) {
    uint64_t counter = next_iv_++;
    for (size_t b = 0; b < 8; ++b) {
      iv[kGcmIvSize - 1 - b] = static_cast<uint8_t>(counter >> (8 * b));
    }
    int len = 0;
    int final_len = 0;
    if (EVP_EncryptInit_ex(ctx_.get(), nullptr, nullptr, nullptr, iv) != 1 ||
        EVP_EncryptUpdate(ctx_.get(), ciphertext.data(), &len, plaintext.data(),
                          static_cast<int>(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx_.get(), ciphertext.data() + len, &final_len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize),
                            tag.data()) != 1) {
      return OpenSslInternal("evp aes-gcm loop: seal failed");
    }
  }
  return OkStatus();
}

Result<EvpAesXtsEncryptLoop> EvpAesXtsEncryptLoop::Create(ByteSpan key) {
  RETURN_IF_ERROR(CheckSize("evp aes-xts loop: key", key.size(), kKeySize));
  ASSIGN_OR_RETURN(CtxPtr ctx, NewKeyedCtx(EVP_aes_256_xts(), key, "evp aes-xts loop"));
  return EvpAesXtsEncryptLoop(std::move(ctx));
}

Status EvpAesXtsEncryptLoop::Run(ByteSpan tweak, ByteSpan in, std::span<uint8_t> out,
                                 uint64_t iterations) {
  RETURN_IF_ERROR(CheckSize("evp aes-xts loop: tweak", tweak.size(), kTweakSize));
  RETURN_IF_ERROR(CheckSize("evp aes-xts loop: output", out.size(), in.size()));
  RETURN_IF_ERROR(CheckFitsInt("evp aes-xts loop: input", in.size()));
  if (in.size() < 16) {
    return InvalidArgumentError("evp aes-xts loop: input size " + std::to_string(in.size()) +
                                " is below one 16-byte block");
  }
  for (uint64_t i = 0; i < iterations; ++i) {
    int len = 0;
    int final_len = 0;
    if (EVP_EncryptInit_ex(ctx_.get(), nullptr, nullptr, nullptr, tweak.data()) != 1 ||
        EVP_EncryptUpdate(ctx_.get(), out.data(), &len, in.data(), static_cast<int>(in.size())) !=
            1 ||
        EVP_EncryptFinal_ex(ctx_.get(), out.data() + len, &final_len) != 1) {
      return OpenSslInternal("evp aes-xts loop: encryption failed");
    }
  }
  return OkStatus();
}

Status EvpDigestVerifyLoop(const PublicKey& key, HashAlgorithm hash, ByteSpan message,
                           ByteSpan signature, uint64_t iterations) {
  for (uint64_t i = 0; i < iterations; ++i) {
    internal::UniqueMdCtx ctx(EVP_MD_CTX_new());
    if (!ctx ||
        EVP_DigestVerifyInit(ctx.get(), nullptr, internal::Md(hash), nullptr, key.native()) != 1) {
      return OpenSslInternal("evp verify loop: EVP_DigestVerifyInit");
    }
    if (EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                         message.size()) != 1) {
      return OpenSslError(StatusCode::kUnauthenticated,
                          "evp verify loop: " + std::string(KeyTypeName(key.type())) +
                              " signature does not verify");
    }
  }
  return OkStatus();
}

Status EvpX509VerifyLoop(const Certificate& cert, const PublicKey& issuer_key,
                         uint64_t iterations) {
  for (uint64_t i = 0; i < iterations; ++i) {
    if (X509_verify(cert.native(), issuer_key.native()) != 1) {
      return OpenSslError(StatusCode::kUnauthenticated,
                          "evp x509 verify loop: certificate signature does not verify");
    }
  }
  return OkStatus();
}

}  // namespace confidant::crypto

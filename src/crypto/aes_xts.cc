#include "crypto/aes_xts.h"

#include <memory>
#include <string>

#include "crypto/openssl_util.h"
#include "crypto/secret_bytes.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslInternal;

// Fetched once; deliberately never freed. REQUIRES: key_size is 32 or 64.
const EVP_CIPHER* XtsCipher(size_t key_size) {
  static EVP_CIPHER* const aes128 = EVP_CIPHER_fetch(nullptr, "AES-128-XTS", nullptr);
  static EVP_CIPHER* const aes256 = EVP_CIPHER_fetch(nullptr, "AES-256-XTS", nullptr);
  return key_size == 32 ? aes128 : aes256;
}

Status CheckSizes(ByteSpan tweak, ByteSpan in, ByteSpan out) {
  if (tweak.size() != AesXts::kTweakSize) {
    return InvalidArgumentError("aes-xts: tweak size " + std::to_string(tweak.size()) +
                                ", expected 16");
  }
  if (in.size() < AesXts::kMinDataUnitSize || in.size() > AesXts::kMaxDataUnitSize) {
    return InvalidArgumentError("aes-xts: data unit of " + std::to_string(in.size()) +
                                " bytes is outside 16.." +
                                std::to_string(AesXts::kMaxDataUnitSize));
  }
  if (out.size() != in.size()) {
    return InvalidArgumentError("aes-xts: output size " + std::to_string(out.size()) +
                                " differs from input size " + std::to_string(in.size()));
  }
  if (internal::OverlapsPartially(in, out)) {
    return InvalidArgumentError("aes-xts: input and output overlap without being the same buffer");
  }
  return OkStatus();
}

// One data unit through `ctx`, whose key and direction are set: XTS takes the whole unit in a
// single update, and Final has nothing to add.
Status Crypt(EVP_CIPHER_CTX* ctx, ByteSpan tweak, ByteSpan in, std::span<uint8_t> out) {
  RETURN_IF_ERROR(CheckSizes(tweak, in, out));
  int written = 0;
  // No cipher, no key, direction -1: keeps the expanded keys and only sets the tweak.
  if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, tweak.data(), -1, nullptr) != 1 ||
      EVP_CipherUpdate(ctx, out.data(), &written, in.data(), static_cast<int>(in.size())) != 1) {
    return OpenSslInternal("aes-xts: cipher operation");
  }
  return OkStatus();
}

// The type of AesXts's private members.
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, void (*)(EVP_CIPHER_CTX*)>;

Result<CipherCtxPtr> NewContext(const EVP_CIPHER* cipher, ByteSpan key, bool encrypt) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!ctx ||
      EVP_CipherInit_ex2(ctx.get(), cipher, key.data(), nullptr, encrypt ? 1 : 0, nullptr) != 1) {
    return OpenSslInternal("aes-xts: key setup");
  }
  return ctx;
}

}  // namespace

Result<AesXts> AesXts::Create(ByteSpan key) {
  if (key.size() != 32 && key.size() != 64) {
    return InvalidArgumentError("aes-xts: key size " + std::to_string(key.size()) +
                                ", expected 32 (AES-128-XTS) or 64 (AES-256-XTS)");
  }
  const size_t half = key.size() / 2;
  // OpenSSL refuses equal halves only when encrypting; refuse them for both directions.
  if (ConstantTimeEquals(key.first(half), key.subspan(half))) {
    return InvalidArgumentError(
        "aes-xts: the data key and the tweak key (the two key halves) "
        "are equal");
  }
  const EVP_CIPHER* cipher = XtsCipher(key.size());
  if (cipher == nullptr) return OpenSslInternal("aes-xts: cipher unavailable");
  ASSIGN_OR_RETURN(CtxPtr encrypt, NewContext(cipher, key, /*encrypt=*/true));
  ASSIGN_OR_RETURN(CtxPtr decrypt, NewContext(cipher, key, /*encrypt=*/false));
  return AesXts(std::move(encrypt), std::move(decrypt));
}

Status AesXts::Encrypt(ByteSpan tweak, ByteSpan in, std::span<uint8_t> out) {
  return Crypt(encrypt_.get(), tweak, in, out);
}

Status AesXts::Decrypt(ByteSpan tweak, ByteSpan in, std::span<uint8_t> out) {
  return Crypt(decrypt_.get(), tweak, in, out);
}

std::array<uint8_t, AesXts::kTweakSize> AesXts::Plain64Tweak(uint64_t sector) {
  std::array<uint8_t, kTweakSize> tweak{};
  for (size_t i = 0; i < 8; ++i) tweak[i] = static_cast<uint8_t>(sector >> (8 * i));
  return tweak;
}

}  // namespace confidant::crypto

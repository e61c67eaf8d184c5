#include "crypto/aes_key_wrap.h"

#include <span>
#include <string>
#include <string_view>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslInternal;

enum class Mode { kWrap, kUnwrap };

// Fetched once; deliberately never freed. REQUIRES: kek_size is 16, 24 or 32.
const EVP_CIPHER* WrapCipher(size_t kek_size, bool pad) {
  static EVP_CIPHER* const kw[] = {
      EVP_CIPHER_fetch(nullptr, "AES-128-WRAP", nullptr),
      EVP_CIPHER_fetch(nullptr, "AES-192-WRAP", nullptr),
      EVP_CIPHER_fetch(nullptr, "AES-256-WRAP", nullptr),
  };
  static EVP_CIPHER* const kwp[] = {
      EVP_CIPHER_fetch(nullptr, "AES-128-WRAP-PAD", nullptr),
      EVP_CIPHER_fetch(nullptr, "AES-192-WRAP-PAD", nullptr),
      EVP_CIPHER_fetch(nullptr, "AES-256-WRAP-PAD", nullptr),
  };
  const size_t index = kek_size / 8 - 2;
  return pad ? kwp[index] : kw[index];
}

Status CheckInput(std::string_view what, ByteSpan input, size_t min_size, bool multiple_of_8) {
  if (input.size() < min_size || input.size() > kMaxKeyWrapInputSize ||
      (multiple_of_8 && input.size() % 8 != 0)) {
    return InvalidArgumentError(std::string(what) + ": input of " + std::to_string(input.size()) +
                                " bytes, expected " + (multiple_of_8 ? "a multiple of 8, " : "") +
                                "at least " + std::to_string(min_size));
  }
  return OkStatus();
}

// Runs the whole input through the wrap cipher in one update, as the KW/KWP ciphers require, and
// returns the number of bytes written to `out`. REQUIRES: out.size() >= in.size() + 8 rounded up
// to a multiple of 8 for a wrap, and out.size() >= in.size() for an unwrap: OpenSSL's failing
// padded unwrap clears as many bytes of the output as the input has.
Result<size_t> Run(std::string_view what, ByteSpan kek, bool pad, Mode mode, ByteSpan in,
                   std::span<uint8_t> out) {
  if (kek.size() != 16 && kek.size() != 24 && kek.size() != 32) {
    return InvalidArgumentError(std::string(what) + ": KEK size " + std::to_string(kek.size()) +
                                ", expected 16, 24 or 32");
  }
  const EVP_CIPHER* cipher = WrapCipher(kek.size(), pad);
  internal::UniqueCipherCtx ctx(EVP_CIPHER_CTX_new());
  if (cipher == nullptr || !ctx ||
      EVP_CipherInit_ex2(ctx.get(), cipher, kek.data(), nullptr, mode == Mode::kWrap ? 1 : 0,
                         nullptr) != 1) {
    return OpenSslInternal(std::string(what) + ": cipher setup");
  }
  int written = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &written, in.data(), static_cast<int>(in.size())) !=
      1) {
    if (mode == Mode::kWrap) return OpenSslInternal(std::string(what) + ": wrap");
    // The sizes were checked, so a failed unwrap is a failed integrity check.
    internal::ClearOpenSslErrors();
    return DataLossError(std::string(what) +
                         ": integrity check failed (wrong KEK, or corrupted wrapped key)");
  }
  return static_cast<size_t>(written);
}

}  // namespace

Result<Bytes> AesKeyWrap(ByteSpan kek, ByteSpan key) {
  RETURN_IF_ERROR(CheckInput("aes-kw wrap", key, 16, /*multiple_of_8=*/true));
  Bytes wrapped(key.size() + 8);
  ASSIGN_OR_RETURN(size_t size, Run("aes-kw wrap", kek, /*pad=*/false, Mode::kWrap, key, wrapped));
  wrapped.resize(size);
  return wrapped;
}

Result<SecretBytes> AesKeyUnwrap(ByteSpan kek, ByteSpan wrapped) {
  RETURN_IF_ERROR(CheckInput("aes-kw unwrap", wrapped, 24, /*multiple_of_8=*/true));
  SecretBytes key(wrapped.size());
  ASSIGN_OR_RETURN(size_t size,
                   Run("aes-kw unwrap", kek, /*pad=*/false, Mode::kUnwrap, wrapped, key));
  key.resize(size);
  return key;
}

Result<Bytes> AesKeyWrapPad(ByteSpan kek, ByteSpan key) {
  RETURN_IF_ERROR(CheckInput("aes-kwp wrap", key, 1, /*multiple_of_8=*/false));
  Bytes wrapped((key.size() + 7) / 8 * 8 + 8);
  ASSIGN_OR_RETURN(size_t size, Run("aes-kwp wrap", kek, /*pad=*/true, Mode::kWrap, key, wrapped));
  wrapped.resize(size);
  return wrapped;
}

Result<SecretBytes> AesKeyUnwrapPad(ByteSpan kek, ByteSpan wrapped) {
  RETURN_IF_ERROR(CheckInput("aes-kwp unwrap", wrapped, 16, /*multiple_of_8=*/true));
  SecretBytes key(wrapped.size());
  ASSIGN_OR_RETURN(size_t size,
                   Run("aes-kwp unwrap", kek, /*pad=*/true, Mode::kUnwrap, wrapped, key));
  key.resize(size);
  return key;
}

}  // namespace confidant::crypto

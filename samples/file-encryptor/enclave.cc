// The enclave half of file-encryptor: key derivation, key wrapping and AES-256-GCM, all with
// OpenSSL inside the enclave. The data key and the password key exist only in enclave memory.

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cstring>

#include "file_encryptor_t.h"
#include "format.h"

namespace {

using namespace file_encryptor;

struct Session {
  bool active = false;
  bool encrypting = false;
  bool finished = false;
  uint64_t block = 0;
  std::array<uint8_t, kKeySize> key{};
};
Session g_session;

void Wipe() {
  OPENSSL_cleanse(g_session.key.data(), g_session.key.size());
  g_session = Session{};
}

bool DeriveKey(const char* password, size_t password_size, const uint8_t* salt, uint32_t iterations,
               uint8_t* key) {
  return PKCS5_PBKDF2_HMAC(password, static_cast<int>(password_size), salt, kSaltSize,
                           static_cast<int>(iterations), EVP_sha256(), kKeySize, key) == 1;
}

// AES-256-GCM; `encrypt` writes size bytes + the tag, decrypting checks the tag.
bool Gcm(bool encrypt, const uint8_t* key, const uint8_t* nonce, const uint8_t* aad,
         size_t aad_size, const uint8_t* in, size_t size, uint8_t* out, uint8_t* tag) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  if (ctx == nullptr) return false;
  int n = 0;
  bool ok = EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key, nonce, encrypt ? 1 : 0) == 1 &&
            EVP_CipherUpdate(ctx, nullptr, &n, aad, static_cast<int>(aad_size)) == 1 &&
            (size == 0 || EVP_CipherUpdate(ctx, out, &n, in, static_cast<int>(size)) == 1);
  if (ok && !encrypt) ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagSize, tag) == 1;
  if (ok) ok = EVP_CipherFinal_ex(ctx, out + size, &n) == 1;
  if (ok && encrypt) ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagSize, tag) == 1;
  EVP_CIPHER_CTX_free(ctx);
  return ok;
}

void BlockNonceAndAad(uint64_t block, int last, uint8_t* nonce, uint8_t* aad) {
  std::memset(nonce, 0, kNonceSize);
  std::memcpy(nonce + 4, &block, 8);
  std::memcpy(aad, &block, 8);
  aad[8] = last != 0 ? 1 : 0;
}

}  // namespace

int start_encryption(const char* password, size_t password_size, uint8_t* header,
                     size_t header_size) {
  Wipe();
  if (password == nullptr || password_size == 0 || header == nullptr ||
      header_size != kHeaderSize) {
    return kBadArgument;
  }
  uint8_t* salt = header + 12;
  uint8_t* nonce = header + kHeaderAadSize;
  std::memcpy(header, kMagic, 8);
  uint32_t iterations = kIterations;
  std::memcpy(header + 8, &iterations, 4);
  std::array<uint8_t, kKeySize> password_key{};
  if (!confidant::enclave::RandomBytes(salt, kSaltSize).ok() ||
      !confidant::enclave::RandomBytes(nonce, kNonceSize).ok() ||
      !confidant::enclave::RandomBytes(g_session.key.data(), kKeySize).ok() ||
      !DeriveKey(password, password_size, salt, iterations, password_key.data()) ||
      !Gcm(true, password_key.data(), nonce, header, kHeaderAadSize, g_session.key.data(), kKeySize,
           nonce + kNonceSize, nonce + kNonceSize + kKeySize)) {
    OPENSSL_cleanse(password_key.data(), kKeySize);
    Wipe();
    return kCryptoFailure;
  }
  OPENSSL_cleanse(password_key.data(), kKeySize);
  g_session.active = true;
  g_session.encrypting = true;
  return kOk;
}

int start_decryption(const char* password, size_t password_size, const uint8_t* header,
                     size_t header_size) {
  Wipe();
  if (password == nullptr || password_size == 0 || header == nullptr ||
      header_size != kHeaderSize || std::memcmp(header, kMagic, 8) != 0) {
    return kBadArgument;
  }
  uint32_t iterations = 0;
  std::memcpy(&iterations, header + 8, 4);
  if (iterations == 0 || iterations > 10 * kIterations) return kBadArgument;
  std::array<uint8_t, kKeySize> password_key{};
  std::array<uint8_t, kTagSize> tag{};
  const uint8_t* nonce = header + kHeaderAadSize;
  std::memcpy(tag.data(), nonce + kNonceSize + kKeySize, kTagSize);
  bool ok = DeriveKey(password, password_size, header + 12, iterations, password_key.data()) &&
            Gcm(false, password_key.data(), nonce, header, kHeaderAadSize, nonce + kNonceSize,
                kKeySize, g_session.key.data(), tag.data());
  OPENSSL_cleanse(password_key.data(), kKeySize);
  if (!ok) {
    Wipe();
    return kWrongPasswordOrCorrupt;
  }
  g_session.active = true;
  g_session.encrypting = false;
  return kOk;
}

int process_block(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size,
                  int last) {
  if (!g_session.active || g_session.finished) return kNotStarted;
  uint8_t nonce[kNonceSize];
  uint8_t aad[9];
  BlockNonceAndAad(g_session.block, last, nonce, aad);
  if (g_session.encrypting) {
    if (input_size > kBlockSize || output_size != input_size + kTagSize) return kBadArgument;
    if (!Gcm(true, g_session.key.data(), nonce, aad, sizeof(aad), input, input_size, output,
             output + input_size)) {
      return kCryptoFailure;
    }
  } else {
    if (input_size < kTagSize || input_size > kBlockSize + kTagSize ||
        output_size != input_size - kTagSize) {
      return kBadArgument;
    }
    uint8_t tag[kTagSize];
    std::memcpy(tag, input + output_size, kTagSize);
    if (!Gcm(false, g_session.key.data(), nonce, aad, sizeof(aad), input, output_size, output,
             tag)) {
      std::memset(output, 0, output_size);  // nothing unauthenticated leaves the enclave
      return kWrongPasswordOrCorrupt;
    }
  }
  ++g_session.block;
  if (last != 0) g_session.finished = true;
  return kOk;
}

int finish() {
  bool complete = g_session.active && g_session.finished;
  Wipe();
  return complete ? kOk : kTruncated;
}

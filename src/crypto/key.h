// Asymmetric keys: EC P-256 / P-384 and RSA (any size >= 2048, any odd public exponent including 3,
// as SGX enclave signing keys use).
//
// PublicKey and PrivateKey are immutable values that share the underlying OpenSSL key; copies are
// cheap and safe to use from several threads at once. Import functions take untrusted input and
// return InvalidArgument for anything malformed or of an unsupported type.

#ifndef CONFIDANT_CRYPTO_KEY_H_
#define CONFIDANT_CRYPTO_KEY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/secret_bytes.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, opaque outside src/crypto.

namespace confidant::crypto {

enum class KeyType { kEcP256, kEcP384, kRsa };

// "EC P-256", "EC P-384", "RSA".
std::string_view KeyTypeName(KeyType type);

// The size in bytes of an EC curve's field elements, and so of each coordinate and of each of an
// ECDSA signature's r and s in raw form: 32 for P-256, 48 for P-384, 0 for RSA (no field).
size_t EcFieldSize(KeyType type);

class PublicKey {
 public:
  // DER SubjectPublicKeyInfo.
  static Result<PublicKey> FromDer(ByteSpan spki_der);
  // PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" (PKCS#1).
  static Result<PublicKey> FromPem(std::string_view pem);

  // An EC public key from its affine coordinates, big-endian (or each little-endian, as SGX and
  // SEV-SNP store them). Coordinates may be longer than the field when the excess bytes are zero.
  // InvalidArgument unless the point is on the curve.
  static Result<PublicKey> FromEcPoint(KeyType curve, ByteSpan x, ByteSpan y,
                                       bool little_endian = false);
  // An RSA public key from big-endian modulus and exponent (SGX SIGSTRUCT stores them
  // little-endian: reverse first).
  static Result<PublicKey> FromRsaComponents(ByteSpan modulus_be, ByteSpan exponent_be);

  // x || y, big-endian, each the field size. FailedPrecondition for an RSA key.
  Result<Bytes> EcPoint() const;
  // Big-endian, minimal length. FailedPrecondition for an EC key.
  Result<Bytes> RsaModulus() const;
  Result<Bytes> RsaExponent() const;

  KeyType type() const { return type_; }
  // Modulus size for RSA, field size for EC.
  int bits() const;

  Bytes ToDer() const;        // SubjectPublicKeyInfo
  std::string ToPem() const;  // "PUBLIC KEY"

  friend bool operator==(const PublicKey& a, const PublicKey& b);

  // For src/crypto only.
  evp_pkey_st* native() const { return key_.get(); }
  // Takes shared ownership of `key`. REQUIRES: key is EC P-256/P-384 or RSA.
  static Result<PublicKey> FromNative(std::shared_ptr<evp_pkey_st> key);

 private:
  PublicKey(std::shared_ptr<evp_pkey_st> key, KeyType type) : key_(std::move(key)), type_(type) {}
  std::shared_ptr<evp_pkey_st> key_;
  KeyType type_;
};

class PrivateKey {
 public:
  static Result<PrivateKey> GenerateEc(KeyType curve);
  // REQUIRES: bits >= 2048, exponent odd and >= 3.
  static Result<PrivateKey> GenerateRsa(int bits, uint64_t exponent = 65537);

  // DER PKCS#8 PrivateKeyInfo (unencrypted).
  static Result<PrivateKey> FromDer(ByteSpan pkcs8_der);
  // PEM "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" or "EC PRIVATE KEY".
  static Result<PrivateKey> FromPem(std::string_view pem);

  KeyType type() const { return type_; }
  int bits() const;
  PublicKey public_key() const;

  SecretBytes ToDer() const;  // PKCS#8
  SecretBytes ToPem() const;  // "PRIVATE KEY"

  // For src/crypto only.
  evp_pkey_st* native() const { return key_.get(); }
  // Takes shared ownership of `key`. REQUIRES: key holds a private key.
  static Result<PrivateKey> FromNative(std::shared_ptr<evp_pkey_st> key);

 private:
  PrivateKey(std::shared_ptr<evp_pkey_st> key, KeyType type) : key_(std::move(key)), type_(type) {}
  std::shared_ptr<evp_pkey_st> key_;
  KeyType type_;
};

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_KEY_H_

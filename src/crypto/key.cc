#include "crypto/key.h"

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstring>
#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::BnParam;
using internal::OpenSslError;
using internal::OpenSslInternal;
using internal::UniqueBio;
using internal::UniqueParamBld;
using internal::UniqueParams;
using internal::UniquePkey;

constexpr int kMinRsaBits = 2048;

std::shared_ptr<EVP_PKEY> Share(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

Result<KeyType> Classify(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      if (EVP_PKEY_get_bits(key) < kMinRsaBits) {
        return InvalidArgumentError("key: RSA modulus of " +
                                    std::to_string(EVP_PKEY_get_bits(key)) +
                                    " bits is below the minimum of 2048");
      }
      return KeyType::kRsa;
    case EVP_PKEY_EC: {
      char group[64] = {};
      size_t len = 0;
      if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                         &len) != 1) {
        return OpenSslError(StatusCode::kInvalidArgument, "key: EC key without a named curve");
      }
      for (KeyType curve : {KeyType::kEcP256, KeyType::kEcP384}) {
        if (std::strcmp(group, internal::EcGroupName(curve)) == 0) return curve;
      }
      return InvalidArgumentError(std::string("key: unsupported EC curve ") + group);
    }
    default:
      return InvalidArgumentError(
          "key: unsupported key type " +
          std::string(EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "(unknown)"));
  }
}

// Decodes with OpenSSL's decoder framework. `selection` is EVP_PKEY_PUBLIC_KEY or
// EVP_PKEY_KEYPAIR; `structure` may be null to accept every structure of `input_type`.
Result<UniquePkey> Decode(ByteSpan data, const char* input_type, const char* structure,
                          int selection, std::string_view what) {
  EVP_PKEY* key = nullptr;
  OSSL_DECODER_CTX* ctx = OSSL_DECODER_CTX_new_for_pkey(&key, input_type, structure, nullptr,
                                                        selection, nullptr, nullptr);
  if (ctx == nullptr) return OpenSslInternal("key: decoder unavailable");
  const unsigned char* p = data.data();
  size_t len = data.size();
  int ok = OSSL_DECODER_from_data(ctx, &p, &len);
  OSSL_DECODER_CTX_free(ctx);
  if (ok != 1 || key == nullptr) {
    EVP_PKEY_free(key);
    return OpenSslError(StatusCode::kInvalidArgument, std::string(what) + ": cannot decode");
  }
  UniquePkey owned(key);
  if (len != 0 && std::strcmp(input_type, "DER") == 0) {
    return InvalidArgumentError(std::string(what) + ": " + std::to_string(len) +
                                " trailing bytes after the key");
  }
  return owned;
}

Result<std::string> EncodePem(EVP_PKEY* key, bool private_key) {
  UniqueBio bio(BIO_new(private_key ? BIO_s_secmem() : BIO_s_mem()));
  if (!bio) return OpenSslInternal("key: BIO_new");
  int ok = private_key
               ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
               : PEM_write_bio_PUBKEY(bio.get(), key);
  if (ok != 1) return OpenSslInternal("key: PEM encoding");
  return internal::BioContents(bio.get());
}

// Strips zero bytes beyond `size` from a big-endian number; false if a non-zero byte is cut.
bool FitBigEndian(Bytes& number, size_t size) {
  while (number.size() > size) {
    if (number.front() != 0) return false;
    number.erase(number.begin());
  }
  number.insert(number.begin(), size - number.size(), 0);
  return true;
}

// Builds a public key of algorithm `name` from `params` and checks it.
Result<UniquePkey> PublicFromParams(const char* name, OSSL_PARAM_BLD* bld, std::string_view what) {
  UniqueParams params(OSSL_PARAM_BLD_to_param(bld));
  internal::UniquePkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, name, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return OpenSslError(StatusCode::kInvalidArgument, std::string(what) + ": rejected");
  }
  UniquePkey owned(key);
  internal::UniquePkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return OpenSslError(StatusCode::kInvalidArgument, std::string(what) + ": invalid public key");
  }
  return owned;
}

}  // namespace

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kEcP256:
      return "EC P-256";
    case KeyType::kEcP384:
      return "EC P-384";
    case KeyType::kRsa:
      return "RSA";
  }
  return "unknown";
}

size_t EcFieldSize(KeyType type) {
  switch (type) {
    case KeyType::kEcP256:
      return 32;
    case KeyType::kEcP384:
      return 48;
    case KeyType::kRsa:
      return 0;
  }
  return 0;
}

// ---- PublicKey ----

Result<PublicKey> PublicKey::FromNative(std::shared_ptr<EVP_PKEY> key) {
  ASSIGN_OR_RETURN(KeyType type, Classify(key.get()));
  return PublicKey(std::move(key), type);
}

Result<PublicKey> PublicKey::FromDer(ByteSpan spki_der) {
  const unsigned char* p = spki_der.data();
  EVP_PKEY* key = d2i_PUBKEY(nullptr, &p, static_cast<long>(spki_der.size()));  // NOLINT
  if (key == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument, "public key: not a DER SubjectPublicKeyInfo");
  }
  auto shared = Share(key);
  if (p != spki_der.data() + spki_der.size()) {
    return InvalidArgumentError(
        "public key: " + std::to_string(spki_der.data() + spki_der.size() - p) +
        " trailing bytes after SubjectPublicKeyInfo");
  }
  return FromNative(std::move(shared));
}

Result<PublicKey> PublicKey::FromPem(std::string_view pem) {
  ASSIGN_OR_RETURN(UniquePkey key,
                   Decode(AsBytes(pem), "PEM", nullptr, EVP_PKEY_PUBLIC_KEY, "public key PEM"));
  return FromNative(Share(key.release()));
}

Result<PublicKey> PublicKey::FromEcPoint(KeyType curve, ByteSpan x, ByteSpan y,
                                         bool little_endian) {
  if (curve == KeyType::kRsa) return InvalidArgumentError("ec point: RSA is not a curve");
  const size_t field = EcFieldSize(curve);
  Bytes bx = little_endian ? Reversed(x) : Bytes(x.begin(), x.end());
  Bytes by = little_endian ? Reversed(y) : Bytes(y.begin(), y.end());
  if (!FitBigEndian(bx, field) || !FitBigEndian(by, field)) {
    return InvalidArgumentError("ec point: coordinate larger than the " + std::to_string(field) +
                                "-byte field of " + std::string(KeyTypeName(curve)));
  }
  Bytes point = {0x04};  // uncompressed (SEC 1, 2.3.3)
  Append(point, bx);
  Append(point, by);
  UniqueParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      internal::EcGroupName(curve), 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return OpenSslInternal("ec point: parameters");
  }
  ASSIGN_OR_RETURN(UniquePkey key, PublicFromParams("EC", bld.get(), "ec point"));
  return FromNative(Share(key.release()));
}

Result<PublicKey> PublicKey::FromRsaComponents(ByteSpan modulus_be, ByteSpan exponent_be) {
  internal::UniqueBn n(BN_bin2bn(modulus_be.data(), static_cast<int>(modulus_be.size()), nullptr));
  internal::UniqueBn e(
      BN_bin2bn(exponent_be.data(), static_cast<int>(exponent_be.size()), nullptr));
  UniqueParamBld bld(OSSL_PARAM_BLD_new());
  if (!n || !e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return OpenSslInternal("rsa key: parameters");
  }
  if (BN_is_zero(e.get()) || !BN_is_odd(e.get()) || BN_is_one(e.get())) {
    return InvalidArgumentError("rsa key: public exponent must be odd and >= 3");
  }
  ASSIGN_OR_RETURN(UniquePkey key, PublicFromParams("RSA", bld.get(), "rsa key"));
  return FromNative(Share(key.release()));
}

Result<Bytes> PublicKey::EcPoint() const {
  if (type_ == KeyType::kRsa) return FailedPreconditionError("EcPoint: not an EC key");
  const size_t field = EcFieldSize(type_);
  ASSIGN_OR_RETURN(Bytes x, BnParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X, field));
  ASSIGN_OR_RETURN(Bytes y, BnParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, field));
  Append(x, y);
  return x;
}

Result<Bytes> PublicKey::RsaModulus() const {
  if (type_ != KeyType::kRsa) return FailedPreconditionError("RsaModulus: not an RSA key");
  return BnParam(key_.get(), OSSL_PKEY_PARAM_RSA_N, 0);
}

Result<Bytes> PublicKey::RsaExponent() const {
  if (type_ != KeyType::kRsa) return FailedPreconditionError("RsaExponent: not an RSA key");
  return BnParam(key_.get(), OSSL_PKEY_PARAM_RSA_E, 0);
}

int PublicKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

Bytes PublicKey::ToDer() const {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key_.get(), &der);
  if (len <= 0) return {};
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

std::string PublicKey::ToPem() const {
  Result<std::string> pem = EncodePem(key_.get(), false);
  return pem.ok() ? *pem : std::string();
}

bool operator==(const PublicKey& a, const PublicKey& b) {
  return EVP_PKEY_eq(a.key_.get(), b.key_.get()) == 1;
}

// ---- PrivateKey ----

Result<PrivateKey> PrivateKey::FromNative(std::shared_ptr<EVP_PKEY> key) {
  ASSIGN_OR_RETURN(KeyType type, Classify(key.get()));
  return PrivateKey(std::move(key), type);
}

Result<PrivateKey> PrivateKey::GenerateEc(KeyType curve) {
  const char* name = internal::EcGroupName(curve);
  if (name == nullptr) return InvalidArgumentError("GenerateEc: not an EC key type");
  EVP_PKEY* key = EVP_EC_gen(name);
  if (key == nullptr) return OpenSslInternal("GenerateEc: key generation failed");
  return FromNative(Share(key));
}

Result<PrivateKey> PrivateKey::GenerateRsa(int bits, uint64_t exponent) {
  if (bits < kMinRsaBits) {
    return InvalidArgumentError("GenerateRsa: " + std::to_string(bits) +
                                " bits is below the minimum of 2048");
  }
  if (exponent < 3 || exponent % 2 == 0) {
    return InvalidArgumentError("GenerateRsa: public exponent must be odd and >= 3");
  }
  internal::UniquePkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  internal::UniqueBn e(BN_new());
  if (!ctx || !e || BN_set_word(e.get(), exponent) != 1 || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
      EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx.get(), e.get()) != 1) {
    return OpenSslInternal("GenerateRsa: setup failed");
  }
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_generate(ctx.get(), &key) != 1) {
    return OpenSslInternal("GenerateRsa: key generation failed");
  }
  return FromNative(Share(key));
}

Result<PrivateKey> PrivateKey::FromDer(ByteSpan pkcs8_der) {
  ASSIGN_OR_RETURN(UniquePkey key,
                   Decode(pkcs8_der, "DER", "PrivateKeyInfo", EVP_PKEY_KEYPAIR, "private key DER"));
  return FromNative(Share(key.release()));
}

Result<PrivateKey> PrivateKey::FromPem(std::string_view pem) {
  ASSIGN_OR_RETURN(UniquePkey key,
                   Decode(AsBytes(pem), "PEM", nullptr, EVP_PKEY_KEYPAIR, "private key PEM"));
  return FromNative(Share(key.release()));
}

int PrivateKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

PublicKey PrivateKey::public_key() const {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key_.get(), &der);
  const unsigned char* p = der;
  EVP_PKEY* pub = len > 0 ? d2i_PUBKEY(nullptr, &p, len) : nullptr;
  OPENSSL_free(der);
  // Re-encoding a key we hold cannot fail short of memory exhaustion; share the key pair then.
  if (pub == nullptr) return PublicKey::FromNative(key_).value();
  return PublicKey::FromNative(Share(pub)).value();
}

SecretBytes PrivateKey::ToDer() const {
  OSSL_ENCODER_CTX* ctx =
      OSSL_ENCODER_CTX_new_for_pkey(key_.get(), EVP_PKEY_KEYPAIR, "DER", "PrivateKeyInfo", nullptr);
  unsigned char* der = nullptr;
  size_t len = 0;
  SecretBytes out;
  if (ctx != nullptr && OSSL_ENCODER_to_data(ctx, &der, &len) == 1) {
    out.assign(der, der + len);
    OPENSSL_clear_free(der, len);
  }
  OSSL_ENCODER_CTX_free(ctx);
  return out;
}

SecretBytes PrivateKey::ToPem() const {
  Result<std::string> pem = EncodePem(key_.get(), true);
  if (!pem.ok()) return {};
  SecretBytes out(pem->begin(), pem->end());
  internal::Cleanse(pem->data(), pem->size());
  return out;
}

}  // namespace confidant::crypto

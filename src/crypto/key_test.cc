#include "crypto/key.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/encoder.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common/encoding.h"
#include "crypto/jwk.h"
#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

TEST(KeyTest, GeneratesAndRoundTripsEcKeys) {
  for (KeyType type : {KeyType::kEcP256, KeyType::kEcP384}) {
    Result<PrivateKey> key = PrivateKey::GenerateEc(type);
    ASSERT_TRUE(key.ok()) << key.status();
    EXPECT_EQ(key->type(), type);
    Result<PrivateKey> again = PrivateKey::FromDer(key->ToDer());
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->public_key(), key->public_key());
    SecretBytes pem = key->ToPem();
    Result<PrivateKey> from_pem = PrivateKey::FromPem(std::string(pem.begin(), pem.end()));
    ASSERT_TRUE(from_pem.ok()) << from_pem.status();
    EXPECT_EQ(from_pem->public_key(), key->public_key());

    PublicKey pub = key->public_key();
    Result<PublicKey> pub2 = PublicKey::FromDer(pub.ToDer());
    ASSERT_TRUE(pub2.ok());
    EXPECT_EQ(*pub2, pub);
    Result<PublicKey> pub3 = PublicKey::FromPem(pub.ToPem());
    ASSERT_TRUE(pub3.ok());
    EXPECT_EQ(*pub3, pub);
  }
}

TEST(KeyTest, GeneratesRsaWithExponentThree) {
  Result<PrivateKey> key = PrivateKey::GenerateRsa(3072, 3);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->type(), KeyType::kRsa);
  EXPECT_EQ(key->bits(), 3072);
  EXPECT_EQ(key->public_key().bits(), 3072);
}

TEST(KeyTest, RejectsBadRsaParameters) {
  EXPECT_EQ(PrivateKey::GenerateRsa(1024).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PrivateKey::GenerateRsa(2048, 4).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PrivateKey::GenerateEc(KeyType::kRsa).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyTest, EcFieldSizeIsTheCoordinateSize) {
  for (KeyType type : {KeyType::kEcP256, KeyType::kEcP384}) {
    Result<Bytes> point = PrivateKey::GenerateEc(type)->public_key().EcPoint();
    ASSERT_TRUE(point.ok()) << point.status();
    EXPECT_EQ(point->size(), 2 * EcFieldSize(type)) << KeyTypeName(type);
  }
  EXPECT_EQ(EcFieldSize(KeyType::kEcP256), 32u);
  EXPECT_EQ(EcFieldSize(KeyType::kEcP384), 48u);
  EXPECT_EQ(EcFieldSize(KeyType::kRsa), 0u);
}

TEST(KeyTest, RejectsMalformedInput) {
  EXPECT_EQ(PublicKey::FromDer(Bytes{0x30, 0x03, 0x01}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(PublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(PrivateKey::FromDer(Bytes{}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PrivateKey::FromPem("not a key").status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyTest, RejectsTrailingBytesAfterSpki) {
  Bytes der = PrivateKey::GenerateEc(KeyType::kEcP256)->public_key().ToDer();
  der.push_back(0);
  Result<PublicKey> pub = PublicKey::FromDer(der);
  ASSERT_FALSE(pub.ok());
  EXPECT_NE(pub.status().message().find("trailing"), std::string::npos) << pub.status();
}

// `key` encoded by OpenSSL's encoders: `selection` EVP_PKEY_PUBLIC_KEY or EVP_PKEY_KEYPAIR,
// `structure` "SubjectPublicKeyInfo", "PrivateKeyInfo" or "type-specific" (PKCS#1).
std::string Encode(EVP_PKEY* key, int selection, const char* type, const char* structure) {
  OSSL_ENCODER_CTX* ctx = OSSL_ENCODER_CTX_new_for_pkey(key, selection, type, structure, nullptr);
  unsigned char* data = nullptr;
  size_t len = 0;
  std::string out;
  if (ctx != nullptr && OSSL_ENCODER_to_data(ctx, &data, &len) == 1) {
    out.assign(reinterpret_cast<const char*>(data), len);
    OPENSSL_free(data);
  }
  OSSL_ENCODER_CTX_free(ctx);
  return out;
}

std::string Base64Url(EVP_PKEY* key, const char* param) {
  return Base64UrlEncode(internal::BnParam(key, param, 0).value());
}

// key.h: RSA keys below 2048 bits are refused on import, whatever the encoding. The keys are
// made with OpenSSL directly, since GenerateRsa refuses them too.
TEST(KeyTest, RefusesRsaKeysBelow2048BitsOnEveryImport) {
  for (unsigned bits : {1024u, 2047u}) {
    SCOPED_TRACE(bits);
    internal::UniquePkey key(EVP_RSA_gen(bits));
    ASSERT_TRUE(key);
    const std::string message =
        "key: RSA modulus of " + std::to_string(bits) + " bits is below the minimum of 2048";
    auto expect_refused = [&](const Status& status, std::string_view how) {
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << how << ": " << status;
      EXPECT_EQ(status.message(), message) << how;
    };
    const std::string spki = Encode(key.get(), EVP_PKEY_PUBLIC_KEY, "DER", "SubjectPublicKeyInfo");
    const std::string pkcs8 = Encode(key.get(), EVP_PKEY_KEYPAIR, "DER", "PrivateKeyInfo");
    ASSERT_FALSE(spki.empty());
    ASSERT_FALSE(pkcs8.empty());
    expect_refused(PublicKey::FromDer(AsBytes(spki)).status(), "SPKI DER");
    expect_refused(
        PublicKey::FromPem(Encode(key.get(), EVP_PKEY_PUBLIC_KEY, "PEM", "SubjectPublicKeyInfo"))
            .status(),
        "PUBLIC KEY PEM");
    const std::string pkcs1 = Encode(key.get(), EVP_PKEY_PUBLIC_KEY, "PEM", "type-specific");
    ASSERT_EQ(pkcs1.rfind("-----BEGIN RSA PUBLIC KEY-----", 0), 0u) << pkcs1;
    expect_refused(PublicKey::FromPem(pkcs1).status(), "RSA PUBLIC KEY PEM");
    expect_refused(PrivateKey::FromDer(AsBytes(pkcs8)).status(), "PKCS#8 DER");
    expect_refused(
        PrivateKey::FromPem(Encode(key.get(), EVP_PKEY_KEYPAIR, "PEM", "PrivateKeyInfo")).status(),
        "PRIVATE KEY PEM");
    const std::string pkcs1_private = Encode(key.get(), EVP_PKEY_KEYPAIR, "PEM", "type-specific");
    ASSERT_EQ(pkcs1_private.rfind("-----BEGIN RSA PRIVATE KEY-----", 0), 0u);
    expect_refused(PrivateKey::FromPem(pkcs1_private).status(), "RSA PRIVATE KEY PEM");

    const Bytes n = internal::BnParam(key.get(), OSSL_PKEY_PARAM_RSA_N, 0).value();
    const Bytes e = internal::BnParam(key.get(), OSSL_PKEY_PARAM_RSA_E, 0).value();
    expect_refused(PublicKey::FromRsaComponents(n, e).status(), "components");
    nlohmann::json jwk = {{"kty", "RSA"},
                          {"n", Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_N)},
                          {"e", Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_E)}};
    expect_refused(PublicKeyFromJwk(jwk).status(), "public JWK");
    jwk["d"] = Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_D);
    jwk["p"] = Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_FACTOR1);
    jwk["q"] = Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_FACTOR2);
    jwk["dp"] = Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1);
    jwk["dq"] = Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2);
    jwk["qi"] = Base64Url(key.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
    expect_refused(PrivateKeyFromJwk(jwk).status(), "private JWK");
  }
}

}  // namespace
}  // namespace confidant::crypto

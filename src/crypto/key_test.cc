#include "crypto/key.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace confidant::crypto

#include "crypto/jwk.h"

#include <gtest/gtest.h>

#include "crypto/signature.h"

namespace confidant::crypto {
namespace {

// RFC 7638 section 3.1 (the RSA key of RFC 7517 appendix A.1).
TEST(JwkTest, Rfc7638Thumbprint) {
  nlohmann::json jwk = {
      {"kty", "RSA"},
      {"n",
       "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
       "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
       "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-"
       "bFTWhAI4vMQ"
       "Fh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"},
      {"e", "AQAB"},
      {"alg", "RS256"},
      {"kid", "2011-04-29"}};
  Result<PublicKey> key = PublicKeyFromJwk(jwk);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(*JwkThumbprint(*key), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  nlohmann::json exported = *PublicKeyToJwk(*key);
  EXPECT_EQ(exported["n"], jwk["n"]);
  EXPECT_EQ(exported["e"], "AQAB");
}

// RFC 7515 appendix A.3.1: the ES256 public key (jws_test.cc verifies the RFC's signature with it).
TEST(JwkTest, ImportsAndExportsRfc7515EcKey) {
  nlohmann::json jwk = {{"kty", "EC"},
                        {"crv", "P-256"},
                        {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
                        {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}};
  Result<PublicKey> key = PublicKeyFromJwk(jwk);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->type(), KeyType::kEcP256);
  EXPECT_EQ(*PublicKeyToJwk(*key), jwk);
}

TEST(JwkTest, PrivateKeysRoundTrip) {
  for (PrivateKey key :
       {*PrivateKey::GenerateEc(KeyType::kEcP384), *PrivateKey::GenerateRsa(2048)}) {
    nlohmann::json jwk = *PrivateKeyToJwk(key);
    Result<PrivateKey> back = PrivateKeyFromJwk(jwk);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->public_key(), key.public_key());
    // The re-imported key signs for the original public key.
    if (key.type() == KeyType::kRsa) {
      Bytes sig = *RsaSign(*back, RsaPadding::kPss, HashAlgorithm::kSha256, AsBytes("m"));
      EXPECT_TRUE(
          RsaVerify(key.public_key(), RsaPadding::kPss, HashAlgorithm::kSha256, AsBytes("m"), sig)
              .ok());
    } else {
      Bytes sig = *EcdsaSign(*back, HashAlgorithm::kSha384, AsBytes("m"), EcdsaFormat::kDer);
      EXPECT_TRUE(EcdsaVerify(key.public_key(), HashAlgorithm::kSha384, AsBytes("m"), sig,
                              EcdsaFormat::kDer)
                      .ok());
    }
  }
}

TEST(JwkTest, RejectsMalformedKeys) {
  nlohmann::json good = *PublicKeyToJwk(PrivateKey::GenerateEc(KeyType::kEcP256)->public_key());
  auto expect_invalid = [](const nlohmann::json& jwk, std::string_view fragment) {
    Result<PublicKey> key = PublicKeyFromJwk(jwk);
    ASSERT_FALSE(key.ok()) << jwk.dump();
    EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(key.status().message().find(fragment), std::string_view::npos) << key.status();
  };
  expect_invalid(nlohmann::json::array(), "not a JSON object");
  nlohmann::json j = good;
  j.erase("kty");
  expect_invalid(j, "\"kty\" missing");
  j = good;
  j["kty"] = "oct";
  expect_invalid(j, "unsupported kty");
  j = good;
  j["crv"] = "P-521";
  expect_invalid(j, "unsupported curve");
  j = good;
  j["x"] = 5;
  expect_invalid(j, "\"x\" missing or not a string");
  j = good;
  j["y"] = j["y"].get<std::string>() + "=";
  expect_invalid(j, "padded");
  j = good;
  j["x"] = "A*";
  expect_invalid(j, "invalid character");
  j = good;
  j["x"] = "AAAA";
  expect_invalid(j, "has 3 bytes, expected 32");
  j = good;
  std::string y = j["y"];
  y[5] = y[5] == 'A' ? 'B' : 'A';
  j["y"] = y;
  expect_invalid(j, "ec point");
  nlohmann::json rsa = {{"kty", "RSA"}, {"n", "AQAB"}, {"e", "AQAB"}};
  expect_invalid(rsa, "rsa key");
  nlohmann::json priv = *PrivateKeyToJwk(*PrivateKey::GenerateEc(KeyType::kEcP256));
  priv["d"] = "AQAB";
  EXPECT_EQ(PrivateKeyFromJwk(priv).status().code(), StatusCode::kInvalidArgument);
  nlohmann::json mismatched = *PrivateKeyToJwk(*PrivateKey::GenerateEc(KeyType::kEcP256));
  mismatched["d"] = (*PrivateKeyToJwk(*PrivateKey::GenerateEc(KeyType::kEcP256)))["d"];
  Result<PrivateKey> wrong = PrivateKeyFromJwk(mismatched);
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument) << wrong.status();
}

}  // namespace
}  // namespace confidant::crypto

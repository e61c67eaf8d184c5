#include "crypto/evp_reference_loops.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "common/encoding.h"
#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using ::testing::HasSubstr;

Bytes Hex(std::string_view hex) { return HexDecode(hex).value(); }

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Test Case 14: AES-256, zero key,
// zero 96-bit IV, one zero block. The loop's first IV is the counter value zero.
TEST(EvpAesGcmSealLoopTest, FirstIterationMatchesGcmTestCase14) {
  Result<EvpAesGcmSealLoop> loop = EvpAesGcmSealLoop::Create(Bytes(32, 0));
  ASSERT_TRUE(loop.ok()) << loop.status();
  Bytes ciphertext(16);
  Bytes tag(16);
  ASSERT_TRUE(loop->Run(Bytes(16, 0), ciphertext, tag, 1).ok());
  EXPECT_EQ(HexEncode(ciphertext), "cea7403d4d606b6e074ec5d3baf39d18");
  EXPECT_EQ(HexEncode(tag), "d0d1c8a799996bf0265b98b5d48ab919");

  // The next iteration uses the next IV, so the same plaintext seals differently.
  ASSERT_TRUE(loop->Run(Bytes(16, 0), ciphertext, tag, 1).ok());
  EXPECT_NE(HexEncode(ciphertext), "cea7403d4d606b6e074ec5d3baf39d18");
}

TEST(EvpAesGcmSealLoopTest, RejectsBadSizes) {
  Result<EvpAesGcmSealLoop> short_key = EvpAesGcmSealLoop::Create(Bytes(16, 0));
  EXPECT_EQ(short_key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(short_key.status().message()), HasSubstr("key size 16, expected 32"));

  EvpAesGcmSealLoop loop = EvpAesGcmSealLoop::Create(Bytes(32, 0)).value();
  Bytes ciphertext(15);
  Bytes tag(16);
  Status status = loop.Run(Bytes(16, 0), ciphertext, tag, 1);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("ciphertext size 15"));
}

// IEEE Std 1619-2007 Annex B, Vector 10 (XTS-AES-256, data unit 0xff). XTS without ciphertext
// stealing encrypts each block independently, so the first two blocks of the 512-byte data unit
// are checked.
TEST(EvpAesXtsEncryptLoopTest, MatchesIeee1619Vector10Prefix) {
  Result<EvpAesXtsEncryptLoop> loop = EvpAesXtsEncryptLoop::Create(
      Hex("2718281828459045235360287471352662497757247093699959574966967627"
          "3141592653589793238462643383279502884197169399375105820974944592"));
  ASSERT_TRUE(loop.ok()) << loop.status();
  Bytes plaintext(32);
  for (size_t i = 0; i < plaintext.size(); ++i) plaintext[i] = static_cast<uint8_t>(i);
  Bytes out(32);
  ASSERT_TRUE(loop->Run(Hex("ff000000000000000000000000000000"), plaintext, out, 2).ok());
  EXPECT_EQ(HexEncode(out), "1c3b3a102f770386e4836c99e370cf9bea00803f5e482357a4ae12d414a3e63b");
}

TEST(EvpAesXtsEncryptLoopTest, RejectsBadInput) {
  EXPECT_EQ(EvpAesXtsEncryptLoop::Create(Bytes(32, 1)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(EvpAesXtsEncryptLoop::Create(Bytes(64, 1)).status().code(),
            StatusCode::kInvalidArgument);  // equal halves

  Bytes key(64);
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i);
  EvpAesXtsEncryptLoop loop = EvpAesXtsEncryptLoop::Create(key).value();
  Bytes out(8);
  Status status = loop.Run(Bytes(16, 0), Bytes(8, 0), out, 1);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("below one 16-byte block"));
  Bytes block(16);
  EXPECT_EQ(loop.Run(Bytes(12, 0), Bytes(16, 0), block, 1).code(), StatusCode::kInvalidArgument);
}

// Signs with OpenSSL directly (DER ECDSA, PKCS#1 v1.5 RSA), as the verify loop expects.
Bytes SignWithEvp(const PrivateKey& key, HashAlgorithm hash, ByteSpan message) {
  internal::UniqueMdCtx ctx(EVP_MD_CTX_new());
  size_t len = 0;
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, internal::Md(hash), nullptr, key.native()), 1);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &len, message.data(), message.size()), 1);
  Bytes signature(len);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), signature.data(), &len, message.data(), message.size()), 1);
  signature.resize(len);
  return signature;
}

TEST(EvpDigestVerifyLoopTest, VerifiesAndRejectsSignatures) {
  const Bytes message = ToBytes("confidant bench message");
  struct Case {
    Result<PrivateKey> key;
    HashAlgorithm hash;
  };
  Case cases[] = {{PrivateKey::GenerateEc(KeyType::kEcP256), HashAlgorithm::kSha256},
                  {PrivateKey::GenerateEc(KeyType::kEcP384), HashAlgorithm::kSha384},
                  {PrivateKey::GenerateRsa(2048), HashAlgorithm::kSha256}};
  for (Case& c : cases) {
    ASSERT_TRUE(c.key.ok()) << c.key.status();
    Bytes signature = SignWithEvp(*c.key, c.hash, message);
    PublicKey pub = c.key->public_key();
    EXPECT_TRUE(EvpDigestVerifyLoop(pub, c.hash, message, signature, 3).ok())
        << KeyTypeName(pub.type());

    signature[signature.size() / 2] ^= 0x01;
    Status status = EvpDigestVerifyLoop(pub, c.hash, message, signature, 1);
    EXPECT_EQ(status.code(), StatusCode::kUnauthenticated) << KeyTypeName(pub.type());
    EXPECT_THAT(std::string(status.message()), HasSubstr("does not verify"));
  }
}

}  // namespace
}  // namespace confidant::crypto

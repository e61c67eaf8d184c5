#include "crypto/hkdf.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/encoding.h"
#include "crypto/hmac.h"

namespace confidant::crypto {
namespace {

struct Rfc5869Case {
  std::string_view name;
  Bytes ikm;
  Bytes salt;
  Bytes info;
  size_t length;
  std::string_view prk;
  std::string_view okm;
};

// RFC 5869 appendix A.1-A.3 (the SHA-256 cases).
std::vector<Rfc5869Case> Rfc5869Cases() {
  return {
      {"A.1", Bytes(22, 0x0b), *HexDecode("000102030405060708090a0b0c"),
       *HexDecode("f0f1f2f3f4f5f6f7f8f9"), 42,
       "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
       "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
      {"A.2",
       *HexDecode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                  "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                  "404142434445464748494a4b4c4d4e4f"),
       *HexDecode("606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
                  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                  "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"),
       *HexDecode("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
                  "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
                  "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"),
       82, "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
       "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
       "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
       "cc30c58179ec3e87c14c01d5c1f3434f1d87"},
      {"A.3", Bytes(22, 0x0b), Bytes(), Bytes(), 42,
       "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
       "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
  };
}

TEST(HkdfTest, Rfc5869KnownAnswers) {
  for (const Rfc5869Case& c : Rfc5869Cases()) {
    SCOPED_TRACE(std::string("RFC 5869 ") + std::string(c.name));
    Result<SecretBytes> prk = HkdfExtract(HashAlgorithm::kSha256, c.ikm, c.salt);
    ASSERT_TRUE(prk.ok()) << prk.status();
    EXPECT_EQ(HexEncode(*prk), c.prk);

    Result<SecretBytes> okm = HkdfExpand(HashAlgorithm::kSha256, *prk, c.info, c.length);
    ASSERT_TRUE(okm.ok()) << okm.status();
    EXPECT_EQ(HexEncode(*okm), c.okm);

    Result<SecretBytes> one_shot = Hkdf(HashAlgorithm::kSha256, c.ikm, c.salt, c.info, c.length);
    ASSERT_TRUE(one_shot.ok()) << one_shot.status();
    EXPECT_EQ(HexEncode(*one_shot), c.okm);
  }
}

TEST(HkdfTest, ExtractIsHmacKeyedWithTheSalt) {
  // RFC 5869 2.2: PRK = HMAC-Hash(salt, IKM), also for an empty IKM.
  for (HashAlgorithm alg :
       {HashAlgorithm::kSha256, HashAlgorithm::kSha384, HashAlgorithm::kSha512}) {
    for (std::string_view ikm : {"", "input keying material"}) {
      Result<SecretBytes> prk = HkdfExtract(alg, AsBytes(ikm), AsBytes("salt"));
      ASSERT_TRUE(prk.ok()) << prk.status();
      EXPECT_EQ(Bytes(prk->begin(), prk->end()), Hmac(alg, AsBytes("salt"), AsBytes(ikm)))
          << HashAlgorithmName(alg);
    }
  }
}

TEST(HkdfTest, MaximumLengthIsAccepted) {
  for (HashAlgorithm alg :
       {HashAlgorithm::kSha256, HashAlgorithm::kSha384, HashAlgorithm::kSha512}) {
    Result<SecretBytes> okm = Hkdf(alg, AsBytes("ikm"), {}, {}, 255 * DigestSize(alg));
    ASSERT_TRUE(okm.ok()) << okm.status();
    EXPECT_EQ(okm->size(), 255 * DigestSize(alg));
  }
}

TEST(HkdfTest, RejectsLengthAbove255HashLengths) {
  Result<SecretBytes> okm = Hkdf(HashAlgorithm::kSha256, AsBytes("ikm"), {}, {}, 255 * 32 + 1);
  EXPECT_EQ(okm.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(okm.status().message().find("output length 8161 is outside 1..8160"),
            std::string_view::npos)
      << okm.status();

  const SecretBytes prk(64, 0x01);
  EXPECT_EQ(HkdfExpand(HashAlgorithm::kSha512, prk, {}, 255 * 64 + 1).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(HkdfTest, RejectsZeroLength) {
  Result<SecretBytes> okm = Hkdf(HashAlgorithm::kSha384, AsBytes("ikm"), {}, {}, 0);
  EXPECT_EQ(okm.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(okm.status().message().find("output length 0"), std::string_view::npos) << okm.status();
}

TEST(HkdfTest, RejectsShortPrk) {
  Result<SecretBytes> okm = HkdfExpand(HashAlgorithm::kSha384, SecretBytes(32, 0x01), {}, 16);
  EXPECT_EQ(okm.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(okm.status().message().find("PRK of 32 bytes"), std::string_view::npos) << okm.status();
}

}  // namespace
}  // namespace confidant::crypto

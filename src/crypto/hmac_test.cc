#include "crypto/hmac.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/encoding.h"

namespace confidant::crypto {
namespace {

struct Rfc4231Case {
  int number;
  Bytes key;
  Bytes data;
  std::string_view sha256;
  std::string_view sha384;
  std::string_view sha512;
};

// RFC 4231 section 4.2-4.8, test cases 1-7 (the HMAC-SHA-224 outputs are not used). Case 5's
// outputs are truncated to 128 bits, as in the RFC.
std::vector<Rfc4231Case> Rfc4231Cases() {
  const std::string_view case7_data =
      "This is a test using a larger than block-size key and a larger than block-size data. The "
      "key needs to be hashed before being used by the HMAC algorithm.";
  return {
      {1, Bytes(20, 0x0b), ToBytes("Hi There"),
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
       "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
       "faea9ea9076ede7f4af152e8b2fa9cb6",
       "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
       "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
      {2, ToBytes("Jefe"), ToBytes("what do ya want for nothing?"),
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
       "8e2240ca5e69e2c78b3239ecfab21649",
       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
       "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
      {3, Bytes(20, 0xaa), Bytes(50, 0xdd),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
       "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
       "2a5ab39dc13814b94e3ab6e101a34f27",
       "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
       "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"},
      {4, *HexDecode("0102030405060708090a0b0c0d0e0f10111213141516171819"), Bytes(50, 0xcd),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
       "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
       "6801dd23c4a7d679ccf8a386c674cffb",
       "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
       "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"},
      {5, Bytes(20, 0x0c), ToBytes("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b",
       "3abf34c3503b2a23a46efc619baef897", "415fad6271580a531d4179bc891d87a6"},
      {6, Bytes(131, 0xaa), ToBytes("Test Using Larger Than Block-Size Key - Hash Key First"),
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
       "0c2ef6ab4030fe8296248df163f44952",
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
       "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"},
      {7, Bytes(131, 0xaa), ToBytes(case7_data),
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
       "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
       "a678cc31e799176d3860e6110c46523e",
       "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
       "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"},
  };
}

// Hex of the MAC, cut to the length of `expected` (case 5 is truncated).
std::string HmacHex(HashAlgorithm alg, const Rfc4231Case& c, std::string_view expected) {
  return HexEncode(Hmac(alg, c.key, c.data)).substr(0, expected.size());
}

TEST(HmacTest, Rfc4231KnownAnswers) {
  for (const Rfc4231Case& c : Rfc4231Cases()) {
    SCOPED_TRACE("RFC 4231 test case " + std::to_string(c.number));
    EXPECT_EQ(HmacHex(HashAlgorithm::kSha256, c, c.sha256), c.sha256);
    EXPECT_EQ(HmacHex(HashAlgorithm::kSha384, c, c.sha384), c.sha384);
    EXPECT_EQ(HmacHex(HashAlgorithm::kSha512, c, c.sha512), c.sha512);
  }
}

TEST(HmacTest, OutputHasDigestSize) {
  for (HashAlgorithm alg :
       {HashAlgorithm::kSha256, HashAlgorithm::kSha384, HashAlgorithm::kSha512}) {
    EXPECT_EQ(Hmac(alg, AsBytes("k"), AsBytes("d")).size(), DigestSize(alg));
  }
}

TEST(HmacTest, EmptyKeyAndData) {
  // HMAC_SHA256("", ""), the value published with the examples of the Wikipedia HMAC article.
  EXPECT_EQ(HexEncode(Hmac(HashAlgorithm::kSha256, {}, {})),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HmacTest, VerifyAcceptsTheMac) {
  for (const Rfc4231Case& c : Rfc4231Cases()) {
    for (HashAlgorithm alg :
         {HashAlgorithm::kSha256, HashAlgorithm::kSha384, HashAlgorithm::kSha512}) {
      EXPECT_TRUE(VerifyHmac(alg, c.key, c.data, Hmac(alg, c.key, c.data)).ok());
    }
  }
}

TEST(HmacTest, VerifyRejectsAnyFlippedBitWithDataLoss) {
  const Bytes key = ToBytes("Jefe");
  const Bytes data = ToBytes("what do ya want for nothing?");
  const Bytes mac = Hmac(HashAlgorithm::kSha256, key, data);
  for (size_t bit = 0; bit < mac.size() * 8; ++bit) {
    Bytes bad = mac;
    bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    Status status = VerifyHmac(HashAlgorithm::kSha256, key, data, bad);
    ASSERT_EQ(status.code(), StatusCode::kDataLoss) << "bit " << bit;
    EXPECT_NE(status.message().find("mismatch"), std::string_view::npos) << status;
  }
}

TEST(HmacTest, VerifyRejectsWrongKeyOrDataWithDataLoss) {
  const Bytes mac = Hmac(HashAlgorithm::kSha384, AsBytes("key"), AsBytes("data"));
  EXPECT_EQ(VerifyHmac(HashAlgorithm::kSha384, AsBytes("kez"), AsBytes("data"), mac).code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(VerifyHmac(HashAlgorithm::kSha384, AsBytes("key"), AsBytes("datb"), mac).code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(VerifyHmac(HashAlgorithm::kSha512, AsBytes("key"), AsBytes("data"),
                       Hmac(HashAlgorithm::kSha512, AsBytes("key"), AsBytes("datb")))
                .code(),
            StatusCode::kDataLoss);
}

TEST(HmacTest, VerifyRejectsTruncatedMacWithInvalidArgument) {
  const Bytes mac = Hmac(HashAlgorithm::kSha256, AsBytes("key"), AsBytes("data"));
  Status status =
      VerifyHmac(HashAlgorithm::kSha256, AsBytes("key"), AsBytes("data"), ByteSpan(mac).first(16));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("MAC size 16, expected 32"), std::string_view::npos) << status;
  EXPECT_EQ(VerifyHmac(HashAlgorithm::kSha256, AsBytes("key"), AsBytes("data"), {}).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confidant::crypto

#include "crypto/aes_cmac.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "common/encoding.h"

namespace confidant::crypto {
namespace {

// The message of RFC 4493 section 4 and of the NIST SP 800-38B examples; each example MACs a
// prefix of it (0, 16, 40 and 64 bytes).
constexpr std::string_view kMessage =
    "6bc1bee22e409f96e93d7e117393172a"
    "ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef"
    "f69f2445df4f9b17ad2b417be66c3710";
constexpr size_t kLengths[] = {0, 16, 40, 64};

struct CmacCase {
  std::string_view key;
  std::string_view macs[4];  // for each of kLengths
};

// RFC 4493 section 4, examples 1-4 (AES-128).
constexpr CmacCase kRfc4493 = {
    "2b7e151628aed2a6abf7158809cf4f3c",
    {"bb1d6929e95937287fa37d129b756746", "070a16b46b4d4144f79bdd9dd04a287c",
     "dfa66747de9ae63030ca32611497c827", "51f0bebf7e3b9d92fc49741779363cfe"}};

// NIST SP 800-38B "CMAC-AES192" and "CMAC-AES256" examples (NIST CSRC example values).
constexpr CmacCase kNistAes192 = {
    "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
    {"d17ddf46adaacde531cac483de7a9367", "9e99a7bf31e710900662f65e617c5184",
     "8a1de5be2eb31aad089a82e6ee908b0e", "a1d5df0eed790f794d77589659f39a11"}};
constexpr CmacCase kNistAes256 = {
    "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
    {"028962f61b7bf89efc6b551f4667d983", "28a7023f452e8f82bd4bf28d8c37c35c",
     "aaf3d8f1de5640c232f5b169b9c911e6", "e1992190549f6ed5696a2c056c315410"}};

void ExpectKnownAnswers(const CmacCase& c) {
  const Bytes key = *HexDecode(c.key);
  const Bytes message = *HexDecode(kMessage);
  Result<AesCmacContext> context = AesCmacContext::Create(key);
  ASSERT_TRUE(context.ok()) << context.status();
  for (int i = 0; i < 4; ++i) {
    SCOPED_TRACE("length " + std::to_string(kLengths[i]));
    ByteSpan data = ByteSpan(message).first(kLengths[i]);
    Result<Bytes> one_shot = AesCmac(key, data);
    ASSERT_TRUE(one_shot.ok()) << one_shot.status();
    EXPECT_EQ(HexEncode(*one_shot), c.macs[i]);
    // The reusable context gives the same answers message after message.
    Result<Bytes> reused = context->Mac(data);
    ASSERT_TRUE(reused.ok()) << reused.status();
    EXPECT_EQ(HexEncode(*reused), c.macs[i]);
  }
}

TEST(AesCmacTest, Rfc4493Examples) { ExpectKnownAnswers(kRfc4493); }
TEST(AesCmacTest, NistAes192Examples) { ExpectKnownAnswers(kNistAes192); }
TEST(AesCmacTest, NistAes256Examples) { ExpectKnownAnswers(kNistAes256); }

TEST(AesCmacTest, ContextIsMovable) {
  Result<AesCmacContext> context = AesCmacContext::Create(*HexDecode(kRfc4493.key));
  ASSERT_TRUE(context.ok());
  AesCmacContext moved = std::move(context).value();
  EXPECT_EQ(HexEncode(*moved.Mac({})), kRfc4493.macs[0]);
  static_assert(!std::is_copy_constructible_v<AesCmacContext>);
}

TEST(AesCmacTest, RejectsBadKeySizes) {
  for (size_t size : {0, 8, 15, 17, 31, 33, 64}) {
    Status status = AesCmac(Bytes(size), AsBytes("data")).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find("key size " + std::to_string(size) + ", expected 16, 24 or 32"),
              std::string_view::npos)
        << status;
  }
}

}  // namespace
}  // namespace confidant::crypto

#include "crypto/aes_key_wrap.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "common/encoding.h"

namespace confidant::crypto {
namespace {

constexpr std::string_view kKek128 = "000102030405060708090a0b0c0d0e0f";
constexpr std::string_view kKek192 = "000102030405060708090a0b0c0d0e0f1011121314151617";
constexpr std::string_view kKek256 =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kKeyData128 = "00112233445566778899aabbccddeeff";
constexpr std::string_view kKeyData192 = "00112233445566778899aabbccddeeff0001020304050607";
constexpr std::string_view kKeyData256 =
    "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f";

struct WrapCase {
  std::string_view section, kek, key, wrapped;
};

// RFC 3394 section 4.1-4.6.
constexpr WrapCase kRfc3394[] = {
    {"4.1", kKek128, kKeyData128, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"},
    {"4.2", kKek192, kKeyData128, "96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d"},
    {"4.3", kKek256, kKeyData128, "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7"},
    {"4.4", kKek192, kKeyData192,
     "031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2"},
    {"4.5", kKek256, kKeyData192,
     "a8f9bc1612c68b3ff6e6f4fbe30e71e4769c8b80a32cb8958cd5d17d6b254da1"},
    {"4.6", kKek256, kKeyData256,
     "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"},
};

// RFC 5649 section 6, both examples (192-bit KEK; 20- and 7-byte keys).
constexpr std::string_view kRfc5649Kek = "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8";
constexpr WrapCase kRfc5649[] = {
    {"6 (20 octets)", kRfc5649Kek, "c37b7e6492584340bed12207808941155068f738",
     "138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a"},
    {"6 (7 octets)", kRfc5649Kek, "466f7250617369", "afbeb0f07dfbf5419200f2ccb50bb24f"},
};

TEST(AesKeyWrapTest, Rfc3394KnownAnswers) {
  for (const WrapCase& c : kRfc3394) {
    SCOPED_TRACE(std::string("RFC 3394 section ") + std::string(c.section));
    Result<Bytes> wrapped = AesKeyWrap(*HexDecode(c.kek), *HexDecode(c.key));
    ASSERT_TRUE(wrapped.ok()) << wrapped.status();
    EXPECT_EQ(HexEncode(*wrapped), c.wrapped);
    Result<SecretBytes> key = AesKeyUnwrap(*HexDecode(c.kek), *HexDecode(c.wrapped));
    ASSERT_TRUE(key.ok()) << key.status();
    EXPECT_EQ(HexEncode(*key), c.key);
  }
}

TEST(AesKeyWrapTest, Rfc5649KnownAnswers) {
  for (const WrapCase& c : kRfc5649) {
    SCOPED_TRACE(std::string("RFC 5649 section ") + std::string(c.section));
    Result<Bytes> wrapped = AesKeyWrapPad(*HexDecode(c.kek), *HexDecode(c.key));
    ASSERT_TRUE(wrapped.ok()) << wrapped.status();
    EXPECT_EQ(HexEncode(*wrapped), c.wrapped);
    Result<SecretBytes> key = AesKeyUnwrapPad(*HexDecode(c.kek), *HexDecode(c.wrapped));
    ASSERT_TRUE(key.ok()) << key.status();
    EXPECT_EQ(HexEncode(*key), c.key);
  }
}

TEST(AesKeyWrapTest, PaddedWrapRoundTripsEveryLength) {
  const Bytes kek = *HexDecode(kKek256);
  for (size_t size = 1; size <= 70; ++size) {
    Bytes key(size);
    for (size_t i = 0; i < size; ++i) key[i] = static_cast<uint8_t>(i * 7 + size);
    Result<Bytes> wrapped = AesKeyWrapPad(kek, key);
    ASSERT_TRUE(wrapped.ok()) << wrapped.status();
    EXPECT_EQ(wrapped->size(), (size + 7) / 8 * 8 + 8) << size;
    Result<SecretBytes> unwrapped = AesKeyUnwrapPad(kek, *wrapped);
    ASSERT_TRUE(unwrapped.ok()) << size << ": " << unwrapped.status();
    EXPECT_EQ(Bytes(unwrapped->begin(), unwrapped->end()), key);
  }
}

// ---- Integrity failures ----

void ExpectDataLoss(const Result<SecretBytes>& result) {
  EXPECT_EQ(result.status().code(), StatusCode::kDataLoss) << result.status();
  EXPECT_NE(result.status().message().find("integrity check failed"), std::string_view::npos)
      << result.status();
}

TEST(AesKeyWrapTest, UnwrapRejectsAnyFlippedBitWithDataLoss) {
  const WrapCase& c = kRfc3394[5];
  const Bytes wrapped = *HexDecode(c.wrapped);
  for (size_t bit = 0; bit < wrapped.size() * 8; bit += 5) {
    Bytes bad = wrapped;
    bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    ExpectDataLoss(AesKeyUnwrap(*HexDecode(c.kek), bad));
  }
}

TEST(AesKeyWrapTest, PaddedUnwrapRejectsAnyFlippedBitWithDataLoss) {
  for (const WrapCase& c : kRfc5649) {
    const Bytes wrapped = *HexDecode(c.wrapped);
    for (size_t bit = 0; bit < wrapped.size() * 8; bit += 3) {
      Bytes bad = wrapped;
      bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      ExpectDataLoss(AesKeyUnwrapPad(*HexDecode(c.kek), bad));
    }
  }
}

TEST(AesKeyWrapTest, UnwrapWithWrongKekIsDataLoss) {
  Bytes kek = *HexDecode(kKek128);
  kek[15] ^= 1;
  ExpectDataLoss(AesKeyUnwrap(kek, *HexDecode(kRfc3394[0].wrapped)));
  Bytes kek_pad = *HexDecode(kRfc5649Kek);
  kek_pad[0] ^= 1;
  ExpectDataLoss(AesKeyUnwrapPad(kek_pad, *HexDecode(kRfc5649[0].wrapped)));
}

TEST(AesKeyWrapTest, ModesDoNotAcceptEachOther) {
  // A KW output is not a valid KWP input (its integrity value differs), and vice versa.
  const Bytes kek = *HexDecode(kKek128);
  ExpectDataLoss(AesKeyUnwrapPad(kek, *AesKeyWrap(kek, *HexDecode(kKeyData128))));
  ExpectDataLoss(AesKeyUnwrap(kek, *AesKeyWrapPad(kek, *HexDecode(kKeyData128))));
}

// ---- Invalid arguments ----

void ExpectInvalid(const Status& status, std::string_view fragment) {
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status;
  EXPECT_NE(status.message().find(fragment), std::string_view::npos) << status;
}

TEST(AesKeyWrapTest, RejectsBadKekSizes) {
  for (size_t size : {0, 8, 15, 17, 33, 64}) {
    const std::string expected = "KEK size " + std::to_string(size) + ", expected 16, 24 or 32";
    ExpectInvalid(AesKeyWrap(Bytes(size), Bytes(16)).status(), expected);
    ExpectInvalid(AesKeyUnwrap(Bytes(size), Bytes(24)).status(), expected);
    ExpectInvalid(AesKeyWrapPad(Bytes(size), Bytes(5)).status(), expected);
    ExpectInvalid(AesKeyUnwrapPad(Bytes(size), Bytes(16)).status(), expected);
  }
}

TEST(AesKeyWrapTest, RejectsBadInputSizes) {
  const Bytes kek(16, 0x01);
  ExpectInvalid(AesKeyWrap(kek, Bytes(8)).status(),
                "input of 8 bytes, expected a multiple of 8, at least 16");
  ExpectInvalid(AesKeyWrap(kek, Bytes(20)).status(), "input of 20 bytes");
  ExpectInvalid(AesKeyUnwrap(kek, Bytes(16)).status(),
                "input of 16 bytes, expected a multiple of 8, at least 24");
  ExpectInvalid(AesKeyUnwrap(kek, Bytes(25)).status(), "input of 25 bytes");
  ExpectInvalid(AesKeyWrapPad(kek, {}).status(), "input of 0 bytes, expected at least 1");
  ExpectInvalid(AesKeyUnwrapPad(kek, Bytes(8)).status(),
                "input of 8 bytes, expected a multiple of 8, at least 16");
  ExpectInvalid(AesKeyUnwrapPad(kek, Bytes(17)).status(), "input of 17 bytes");
}

}  // namespace
}  // namespace confidant::crypto

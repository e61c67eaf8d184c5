#include "crypto/aes_xts.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/encoding.h"

namespace confidant::crypto {
namespace {

// IEEE Std 1619-2007, annex B ("Test vectors"). Each vector's data unit sequence number is the
// tweak as a little-endian integer, which is what Plain64Tweak builds.
constexpr std::string_view kKey128Vector4 =
    "27182818284590452353602874713526"
    "31415926535897932384626433832795";
constexpr std::string_view kKey256Vector10 =
    "2718281828459045235360287471352662497757247093699959574966967627"
    "3141592653589793238462643383279502884197169399375105820974944592";
constexpr std::string_view kKeyVector15 =
    "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0"
    "bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0";

constexpr std::string_view kVector4Ciphertext =
    "27a7479befa1d476489f308cd4cfa6e2a96e4bbe3208ff25287dd3819616e89c"
    "c78cf7f5e543445f8333d8fa7f56000005279fa5d8b5e4ad40e736ddb4d35412"
    "328063fd2aab53e5ea1e0a9f332500a5df9487d07a5c92cc512c8866c7e860ce"
    "93fdf166a24912b422976146ae20ce846bb7dc9ba94a767aaef20c0d61ad0265"
    "5ea92dc4c4e41a8952c651d33174be51a10c421110e6d81588ede82103a252d8"
    "a750e8768defffed9122810aaeb99f9172af82b604dc4b8e51bcb08235a6f434"
    "1332e4ca60482a4ba1a03b3e65008fc5da76b70bf1690db4eae29c5f1badd03c"
    "5ccf2a55d705ddcd86d449511ceb7ec30bf12b1fa35b913f9f747a8afd1b130e"
    "94bff94effd01a91735ca1726acd0b197c4e5b03393697e126826fb6bbde8ecc"
    "1e08298516e2c9ed03ff3c1b7860f6de76d4cecd94c8119855ef5297ca67e9f3"
    "e7ff72b1e99785ca0a7e7720c5b36dc6d72cac9574c8cbbc2f801e23e56fd344"
    "b07f22154beba0f08ce8891e643ed995c94d9a69c9f1b5f499027a78572aeebd"
    "74d20cc39881c213ee770b1010e4bea718846977ae119f7a023ab58cca0ad752"
    "afe656bb3c17256a9f6e9bf19fdd5a38fc82bbe872c5539edb609ef4f79c203e"
    "bb140f2e583cb2ad15b4aa5b655016a8449277dbd477ef2c8d6c017db738b18d"
    "eb4a427d1923ce3ff262735779a418f20a282df920147beabe421ee5319d0568";

constexpr std::string_view kVector5Ciphertext =
    "264d3ca8512194fec312c8c9891f279fefdd608d0c027b60483a3fa811d65ee5"
    "9d52d9e40ec5672d81532b38b6b089ce951f0f9c35590b8b978d175213f329bb"
    "1c2fd30f2f7f30492a61a532a79f51d36f5e31a7c9a12c286082ff7d2394d18f"
    "783e1a8e72c722caaaa52d8f065657d2631fd25bfd8e5baad6e527d763517501"
    "c68c5edc3cdd55435c532d7125c8614deed9adaa3acade5888b87bef641c4c99"
    "4c8091b5bcd387f3963fb5bc37aa922fbfe3df4e5b915e6eb514717bdd2a7407"
    "9a5073f5c4bfd46adf7d282e7a393a52579d11a028da4d9cd9c77124f9648ee3"
    "83b1ac763930e7162a8d37f350b2f74b8472cf09902063c6b32e8c2d9290cefb"
    "d7346d1c779a0df50edcde4531da07b099c638e83a755944df2aef1aa31752fd"
    "323dcb710fb4bfbb9d22b925bc3577e1b8949e729a90bbafeacf7f7879e7b114"
    "7e28ba0bae940db795a61b15ecf4df8db07b824bb062802cc98a9545bb2aaeed"
    "77cb3fc6db15dcd7d80d7d5bc406c4970a3478ada8899b329198eb61c193fb62"
    "75aa8ca340344a75a862aebe92eee1ce032fd950b47d7704a3876923b4ad6284"
    "4bf4a09c4dbe8b4397184b7471360c9564880aedddb9baa4af2e75394b08cd32"
    "ff479c57a07d3eab5d54de5f9738b8d27f27a9f0ab11799d7b7ffefb2704c95c"
    "6ad12c39f1e867a4b7b1d7818a4b753dfd2a89ccb45e001a03a867b187f225dd";

constexpr std::string_view kVector10Ciphertext =
    "1c3b3a102f770386e4836c99e370cf9bea00803f5e482357a4ae12d414a3e63b"
    "5d31e276f8fe4a8d66b317f9ac683f44680a86ac35adfc3345befecb4bb188fd"
    "5776926c49a3095eb108fd1098baec70aaa66999a72a82f27d848b21d4a741b0"
    "c5cd4d5fff9dac89aeba122961d03a757123e9870f8acf1000020887891429ca"
    "2a3e7a7d7df7b10355165c8b9a6d0a7de8b062c4500dc4cd120c0f7418dae3d0"
    "b5781c34803fa75421c790dfe1de1834f280d7667b327f6c8cd7557e12ac3a0f"
    "93ec05c52e0493ef31a12d3d9260f79a289d6a379bc70c50841473d1a8cc81ec"
    "583e9645e07b8d9670655ba5bbcfecc6dc3966380ad8fecb17b6ba02469a020a"
    "84e18e8f84252070c13e9f1f289be54fbc481457778f616015e1327a02b140f1"
    "505eb309326d68378f8374595c849d84f4c333ec4423885143cb47bd71c5edae"
    "9be69a2ffeceb1bec9de244fbe15992b11b77c040f12bd8f6a975a44a0f90c29"
    "a9abc3d4d893927284c58754cce294529f8614dcd2aba991925fedc4ae74ffac"
    "6e333b93eb4aff0479da9a410e4450e0dd7ae4c6e2910900575da401fc07059f"
    "645e8b7e9bfdef33943054ff84011493c27b3429eaedb4ed5376441a77ed4385"
    "1ad77f16f541dfd269d50d6a5f14fb0aab1cbb4c1550be97f7ab4066193c4caa"
    "773dad38014bd2092fa755c824bb5e54c4f36ffda9fcea70b9c6e693e148c151";

constexpr std::string_view kVector11Ciphertext =
    "77a31251618a15e6b92d1d66dffe7b50b50bad552305ba0217a610688eff7e11"
    "e1d0225438e093242d6db274fde801d4cae06f2092c728b2478559df58e837c2"
    "469ee4a4fa794e4bbc7f39bc026e3cb72c33b0888f25b4acf56a2a9804f1ce6d"
    "3d6e1dc6ca181d4b546179d55544aa7760c40d06741539c7e3cd9d2f6650b201"
    "3fd0eeb8c2b8e3d8d240ccae2d4c98320a7442e1c8d75a42d6e6cfa4c2eca179"
    "8d158c7aecdf82490f24bb9b38e108bcda12c3faf9a21141c3613b58367f922a"
    "aa26cd22f23d708dae699ad7cb40a8ad0b6e2784973dcb605684c08b8d6998c6"
    "9aac049921871ebb65301a4619ca80ecb485a31d744223ce8ddc2394828d6a80"
    "470c092f5ba413c3378fa6054255c6f9df4495862bbb3287681f931b687c888a"
    "bf844dfc8fc28331e579928cd12bd2390ae123cf03818d14dedde5c0c24c8ab0"
    "18bfca75ca096f2d531f3d1619e785f1ada437cab92e980558b3dce1474afb75"
    "bfedbf8ff54cb2618e0244c9ac0d3c66fb51598cd2db11f9be39791abe447c63"
    "094f7c453b7ff87cb5bb36b7c79efb0872d17058b83b15ab0866ad8a58656c5a"
    "7e20dbdf308b2461d97c0ec0024a2715055249cf3b478ddd4740de654f75ca68"
    "6e0d7345c69ed50cdc2a8b332b1f8824108ac937eb050585608ee734097fc090"
    "54fbff89eeaeea791f4a7ab1f9868294a4f9e27b42af8100cb9d59cef9645803";

// The 512-byte plaintext of vectors 4, 10 and 11: the bytes 00, 01, ..., ff, twice.
Bytes CountingPlaintext() {
  Bytes out(512);
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(i);
  return out;
}

struct XtsCase {
  int number;
  Bytes key;
  uint64_t sequence_number;
  Bytes plaintext;
  Bytes ciphertext;
};

std::vector<XtsCase> Cases() {
  const Bytes pattern = CountingPlaintext();
  return {
      // Vectors 2 and 3: 32-byte data units.
      {2,
       *HexDecode("11111111111111111111111111111111"
                  "22222222222222222222222222222222"),
       0x3333333333, Bytes(32, 0x44),
       *HexDecode("c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0")},
      {3,
       *HexDecode("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0"
                  "22222222222222222222222222222222"),
       0x3333333333, Bytes(32, 0x44),
       *HexDecode("af85336b597afc1a900b2eb21ec949d292df4c047e0b21532186a5971a227a89")},
      // Vectors 4 and 5: 512-byte units; vector 5 encrypts vector 4's ciphertext.
      {4, *HexDecode(kKey128Vector4), 0, pattern, *HexDecode(kVector4Ciphertext)},
      {5, *HexDecode(kKey128Vector4), 1, *HexDecode(kVector4Ciphertext),
       *HexDecode(kVector5Ciphertext)},
      // Vectors 10 and 11: AES-256-XTS.
      {10, *HexDecode(kKey256Vector10), 0xff, pattern, *HexDecode(kVector10Ciphertext)},
      {11, *HexDecode(kKey256Vector10), 0xffff, pattern, *HexDecode(kVector11Ciphertext)},
      // Vectors 15-18: 17 to 20 bytes, i.e. ciphertext stealing.
      {15, *HexDecode(kKeyVector15), 0x123456789a, *HexDecode("000102030405060708090a0b0c0d0e0f10"),
       *HexDecode("6c1625db4671522d3d7599601de7ca09ed")},
      {16, *HexDecode(kKeyVector15), 0x123456789a,
       *HexDecode("000102030405060708090a0b0c0d0e0f1011"),
       *HexDecode("d069444b7a7e0cab09e24447d24deb1fedbf")},
      {17, *HexDecode(kKeyVector15), 0x123456789a,
       *HexDecode("000102030405060708090a0b0c0d0e0f101112"),
       *HexDecode("e5df1351c0544ba1350b3363cd8ef4beedbf9d")},
      {18, *HexDecode(kKeyVector15), 0x123456789a,
       *HexDecode("000102030405060708090a0b0c0d0e0f10111213"),
       *HexDecode("9d84c813f719aa2c7be3f66171c7c5c2edbf9dac")},
  };
}

AesXts MakeXts(ByteSpan key) {
  Result<AesXts> xts = AesXts::Create(key);
  EXPECT_TRUE(xts.ok()) << xts.status();
  return std::move(xts).value();
}

TEST(AesXtsTest, Ieee1619KnownAnswers) {
  for (const XtsCase& c : Cases()) {
    SCOPED_TRACE("IEEE 1619 vector " + std::to_string(c.number));
    AesXts xts = MakeXts(c.key);
    const auto tweak = AesXts::Plain64Tweak(c.sequence_number);
    Bytes ciphertext(c.plaintext.size());
    ASSERT_TRUE(xts.Encrypt(tweak, c.plaintext, ciphertext).ok());
    EXPECT_EQ(HexEncode(ciphertext), HexEncode(c.ciphertext));
    Bytes plaintext(c.ciphertext.size());
    ASSERT_TRUE(xts.Decrypt(tweak, c.ciphertext, plaintext).ok());
    EXPECT_EQ(HexEncode(plaintext), HexEncode(c.plaintext));
  }
}

TEST(AesXtsTest, WorksInPlaceAndAlternatesDirections) {
  for (const XtsCase& c : Cases()) {
    SCOPED_TRACE("IEEE 1619 vector " + std::to_string(c.number));
    AesXts xts = MakeXts(c.key);
    const auto tweak = AesXts::Plain64Tweak(c.sequence_number);
    Bytes buffer = c.plaintext;
    for (int round = 0; round < 2; ++round) {
      ASSERT_TRUE(xts.Encrypt(tweak, buffer, buffer).ok());
      EXPECT_EQ(buffer, c.ciphertext);
      ASSERT_TRUE(xts.Decrypt(tweak, buffer, buffer).ok());
      EXPECT_EQ(buffer, c.plaintext);
    }
  }
}

TEST(AesXtsTest, Plain64TweakIsLittleEndianSectorNumber) {
  EXPECT_EQ(HexEncode(AesXts::Plain64Tweak(0)), "00000000000000000000000000000000");
  EXPECT_EQ(HexEncode(AesXts::Plain64Tweak(0x123456789a)), "9a785634120000000000000000000000");
  EXPECT_EQ(HexEncode(AesXts::Plain64Tweak(0x0102030405060708)),
            "08070605040302010000000000000000");
  EXPECT_EQ(HexEncode(AesXts::Plain64Tweak(UINT64_MAX)), "ffffffffffffffff0000000000000000");
}

TEST(AesXtsTest, SectorsDifferByTweak) {
  AesXts xts = MakeXts(*HexDecode(kKey256Vector10));
  const Bytes sector(4096, 0x5a);
  Bytes a(4096), b(4096);
  ASSERT_TRUE(xts.Encrypt(AesXts::Plain64Tweak(7), sector, a).ok());
  ASSERT_TRUE(xts.Encrypt(AesXts::Plain64Tweak(8), sector, b).ok());
  EXPECT_NE(a, b);
  Bytes back(4096);
  ASSERT_TRUE(xts.Decrypt(AesXts::Plain64Tweak(8), b, back).ok());
  EXPECT_EQ(back, sector);
}

TEST(AesXtsTest, MaximumDataUnitIsAccepted) {
  AesXts xts = MakeXts(*HexDecode(kKey128Vector4));
  Bytes unit(AesXts::kMaxDataUnitSize, 0x11);
  EXPECT_TRUE(xts.Encrypt(AesXts::Plain64Tweak(1), unit, unit).ok());
}

TEST(AesXtsTest, IsMovable) {
  AesXts a = MakeXts(*HexDecode(kKey128Vector4));
  AesXts b = std::move(a);
  Bytes out(512);
  ASSERT_TRUE(b.Encrypt(AesXts::Plain64Tweak(0), CountingPlaintext(), out).ok());
  EXPECT_EQ(HexEncode(out), kVector4Ciphertext);
  static_assert(!std::is_copy_constructible_v<AesXts>);
}

// ---- Invalid arguments ----

void ExpectInvalid(const Status& status, std::string_view fragment) {
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status;
  EXPECT_NE(status.message().find(fragment), std::string_view::npos) << status;
}

TEST(AesXtsTest, RejectsEqualKeyHalves) {
  // IEEE 1619 vector 1 uses an all-zero key, i.e. equal halves, which SP 800-38E forbids.
  ExpectInvalid(AesXts::Create(Bytes(32, 0)).status(), "key halves) are equal");
  ExpectInvalid(AesXts::Create(Bytes(64, 0x5c)).status(), "key halves) are equal");
}

TEST(AesXtsTest, RejectsBadKeySizes) {
  for (size_t size : {0, 16, 24, 31, 33, 48, 65}) {
    ExpectInvalid(AesXts::Create(Bytes(size, 1)).status(),
                  "key size " + std::to_string(size) + ", expected 32");
  }
}

TEST(AesXtsTest, RejectsBadTweakSizes) {
  AesXts xts = MakeXts(*HexDecode(kKey128Vector4));
  Bytes data(32), out(32);
  ExpectInvalid(xts.Encrypt(Bytes(15), data, out), "tweak size 15, expected 16");
  ExpectInvalid(xts.Decrypt(Bytes(17), data, out), "tweak size 17, expected 16");
  ExpectInvalid(xts.Encrypt({}, data, out), "tweak size 0");
}

TEST(AesXtsTest, RejectsBadDataUnitSizes) {
  AesXts xts = MakeXts(*HexDecode(kKey128Vector4));
  const auto tweak = AesXts::Plain64Tweak(0);
  Bytes short_unit(15), out(15);
  ExpectInvalid(xts.Encrypt(tweak, short_unit, out), "data unit of 15 bytes is outside 16..");
  ExpectInvalid(xts.Decrypt(tweak, {}, {}), "data unit of 0 bytes");
  Bytes long_unit(AesXts::kMaxDataUnitSize + 1);
  ExpectInvalid(xts.Encrypt(tweak, long_unit, long_unit), "data unit of 16777217 bytes");
  Bytes in(32), small(31);
  ExpectInvalid(xts.Encrypt(tweak, in, small), "output size 31 differs from input size 32");
}

TEST(AesXtsTest, RejectsPartiallyOverlappingBuffers) {
  AesXts xts = MakeXts(*HexDecode(kKey128Vector4));
  Bytes buffer(64);
  std::span<uint8_t> span(buffer);
  ExpectInvalid(xts.Encrypt(AesXts::Plain64Tweak(0), span.first(32), span.subspan(8, 32)),
                "overlap");
}

}  // namespace
}  // namespace confidant::crypto

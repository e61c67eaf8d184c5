#include "crypto/aes_gcm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/encoding.h"

namespace confidant::crypto {
namespace {

struct GcmCase {
  int number;
  std::string_view key, iv, aad, plaintext, ciphertext, tag;
};

constexpr std::string_view kKey128 = "feffe9928665731c6d6a8f9467308308";
constexpr std::string_view kKey256 =
    "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
constexpr std::string_view kIv96 = "cafebabefacedbaddecaf888";
constexpr std::string_view kIv64 = "cafebabefacedbad";
constexpr std::string_view kIv480 =
    "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
    "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b";
constexpr std::string_view kAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
constexpr std::string_view kPlaintext64 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
constexpr std::string_view kPlaintext60 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", appendix B: test cases 1-6
// (AES-128; case 5 has a 64-bit IV, case 6 a 480-bit IV) and 13-18 (AES-256).
constexpr GcmCase kCases[] = {
    {1, "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {2, "00000000000000000000000000000000", "000000000000000000000000", "",
     "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78",
     "ab6e47d42cec13bdf53a67b21257bddf"},
    {3, kKey128, kIv96, "", kPlaintext64,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {4, kKey128, kIv96, kAad, kPlaintext60,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {5, kKey128, kIv64, kAad, kPlaintext60,
     "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423"
     "73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
     "3612d2e79e3b0785561be14aaca2fccb"},
    {6, kKey128, kIv480, kAad, kPlaintext60,
     "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
     "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
     "619cc5aefffe0bfa462af43c1699d050"},
    {13, "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {14, "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "00000000000000000000000000000000",
     "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {15, kKey256, kIv96, "", kPlaintext64,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {16, kKey256, kIv96, kAad, kPlaintext60,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
    {17, kKey256, kIv64, kAad, kPlaintext60,
     "c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
     "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f",
     "3a337dbf46a792c45e454913fe2ea8f2"},
    {18, kKey256, kIv480, kAad, kPlaintext60,
     "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
     "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f",
     "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"},
};

struct Decoded {
  Bytes key, iv, aad, plaintext, ciphertext, tag;
};

Decoded Decode(const GcmCase& c) {
  return {*HexDecode(c.key),       *HexDecode(c.iv),         *HexDecode(c.aad),
          *HexDecode(c.plaintext), *HexDecode(c.ciphertext), *HexDecode(c.tag)};
}

AesGcm MakeGcm(ByteSpan key) {
  Result<AesGcm> gcm = AesGcm::Create(key);
  EXPECT_TRUE(gcm.ok()) << gcm.status();
  return std::move(gcm).value();
}

TEST(AesGcmTest, SpecKnownAnswersWithSpans) {
  for (const GcmCase& c : kCases) {
    SCOPED_TRACE("GCM test case " + std::to_string(c.number));
    Decoded v = Decode(c);
    AesGcm gcm = MakeGcm(v.key);
    Bytes ciphertext(v.plaintext.size());
    Bytes tag(AesGcm::kTagSize);
    ASSERT_TRUE(gcm.Seal(v.iv, v.aad, v.plaintext, ciphertext, tag).ok());
    EXPECT_EQ(HexEncode(ciphertext), c.ciphertext);
    EXPECT_EQ(HexEncode(tag), c.tag);

    Bytes plaintext(v.ciphertext.size(), 0xff);
    Status opened = gcm.Open(v.iv, v.aad, v.ciphertext, v.tag, plaintext);
    ASSERT_TRUE(opened.ok()) << opened;
    EXPECT_EQ(plaintext, v.plaintext);
  }
}

TEST(AesGcmTest, SpecKnownAnswersWithVectors) {
  for (const GcmCase& c : kCases) {
    SCOPED_TRACE("GCM test case " + std::to_string(c.number));
    Decoded v = Decode(c);
    AesGcm gcm = MakeGcm(v.key);
    Result<Bytes> sealed = gcm.Seal(v.iv, v.aad, v.plaintext);
    ASSERT_TRUE(sealed.ok()) << sealed.status();
    EXPECT_EQ(HexEncode(*sealed), std::string(c.ciphertext) + std::string(c.tag));

    Result<Bytes> opened = gcm.Open(v.iv, v.aad, *sealed);
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(*opened, v.plaintext);
  }
}

TEST(AesGcmTest, WorksInPlace) {
  for (const GcmCase& c : kCases) {
    SCOPED_TRACE("GCM test case " + std::to_string(c.number));
    Decoded v = Decode(c);
    AesGcm gcm = MakeGcm(v.key);
    Bytes buffer = v.plaintext;
    Bytes tag(AesGcm::kTagSize);
    ASSERT_TRUE(gcm.Seal(v.iv, v.aad, buffer, buffer, tag).ok());
    EXPECT_EQ(HexEncode(buffer), c.ciphertext);
    EXPECT_EQ(HexEncode(tag), c.tag);
    ASSERT_TRUE(gcm.Open(v.iv, v.aad, buffer, tag, buffer).ok());
    EXPECT_EQ(buffer, v.plaintext);
  }
}

TEST(AesGcmTest, OneObjectServesAlternatingCallsAndIvSizes) {
  // The AES-128 cases 3-6 share a key and differ in IV size, AAD and message length.
  AesGcm gcm = MakeGcm(*HexDecode(kKey128));
  for (int round = 0; round < 2; ++round) {
    for (const GcmCase& c : kCases) {
      if (c.key != kKey128) continue;
      SCOPED_TRACE("GCM test case " + std::to_string(c.number));
      Decoded v = Decode(c);
      Result<Bytes> opened = gcm.Open(v.iv, v.aad, *gcm.Seal(v.iv, v.aad, v.plaintext));
      ASSERT_TRUE(opened.ok()) << opened.status();
      EXPECT_EQ(*opened, v.plaintext);
      Result<Bytes> sealed = gcm.Seal(v.iv, v.aad, v.plaintext);
      EXPECT_EQ(HexEncode(*sealed), std::string(c.ciphertext) + std::string(c.tag));
    }
  }
}

TEST(AesGcmTest, LargeMessageRoundTrips) {
  AesGcm gcm = MakeGcm(Bytes(32, 0x42));
  Bytes message(1 << 20);
  for (size_t i = 0; i < message.size(); ++i) message[i] = static_cast<uint8_t>(i * 31);
  const Bytes iv(AesGcm::kIvSize, 0x07);
  Result<Bytes> sealed = gcm.Seal(iv, AsBytes("aad"), message);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), message.size() + AesGcm::kTagSize);
  EXPECT_EQ(*gcm.Open(iv, AsBytes("aad"), *sealed), message);
}

TEST(AesGcmTest, IsMovable) {
  Decoded v = Decode(kCases[3]);
  AesGcm a = MakeGcm(v.key);
  AesGcm b = std::move(a);
  EXPECT_EQ(HexEncode(*b.Seal(v.iv, v.aad, v.plaintext)),
            std::string(kCases[3].ciphertext) + std::string(kCases[3].tag));
  static_assert(!std::is_copy_constructible_v<AesGcm>);
}

// ---- Authentication failures ----

class AesGcmTamperTest : public ::testing::Test {
 protected:
  // GCM test case 4: AAD and a 60-byte message.
  Decoded v_ = Decode(kCases[3]);
  AesGcm gcm_ = MakeGcm(v_.key);

  // Opens into a buffer of 0xff and checks that the failure is DataLoss and the buffer zeroed.
  void ExpectDataLoss(ByteSpan iv, ByteSpan aad, ByteSpan ciphertext, ByteSpan tag) {
    Bytes plaintext(ciphertext.size(), 0xff);
    Status status = gcm_.Open(iv, aad, ciphertext, tag, plaintext);
    EXPECT_EQ(status.code(), StatusCode::kDataLoss) << status;
    EXPECT_NE(status.message().find("tag mismatch"), std::string_view::npos) << status;
    EXPECT_TRUE(std::all_of(plaintext.begin(), plaintext.end(), [](uint8_t b) { return b == 0; }));
  }
};

TEST_F(AesGcmTamperTest, FlippedTagBitIsDataLoss) {
  for (size_t bit = 0; bit < AesGcm::kTagSize * 8; bit += 13) {
    Bytes tag = v_.tag;
    tag[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    ExpectDataLoss(v_.iv, v_.aad, v_.ciphertext, tag);
  }
}

TEST_F(AesGcmTamperTest, FlippedCiphertextBitIsDataLoss) {
  for (size_t bit = 0; bit < v_.ciphertext.size() * 8; bit += 37) {
    Bytes ciphertext = v_.ciphertext;
    ciphertext[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    ExpectDataLoss(v_.iv, v_.aad, ciphertext, v_.tag);
  }
}

TEST_F(AesGcmTamperTest, FlippedAadBitIsDataLoss) {
  for (size_t bit = 0; bit < v_.aad.size() * 8; bit += 11) {
    Bytes aad = v_.aad;
    aad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    ExpectDataLoss(v_.iv, aad, v_.ciphertext, v_.tag);
  }
}

TEST_F(AesGcmTamperTest, WrongIvOrTruncationIsDataLoss) {
  Bytes iv = v_.iv;
  iv[0] ^= 1;
  ExpectDataLoss(iv, v_.aad, v_.ciphertext, v_.tag);
  ExpectDataLoss(ByteSpan(v_.iv).first(8), v_.aad, v_.ciphertext, v_.tag);
  ExpectDataLoss(v_.iv, v_.aad, ByteSpan(v_.ciphertext).first(59), v_.tag);
  ExpectDataLoss(v_.iv, {}, v_.ciphertext, v_.tag);
}

TEST_F(AesGcmTamperTest, VectorOpenReportsDataLoss) {
  Bytes sealed = v_.ciphertext;
  Append(sealed, v_.tag);
  sealed.back() ^= 0x80;
  EXPECT_EQ(gcm_.Open(v_.iv, v_.aad, sealed).status().code(), StatusCode::kDataLoss);
}

TEST_F(AesGcmTamperTest, RecoversAfterAFailure) {
  Bytes tag = v_.tag;
  tag[0] ^= 1;
  ExpectDataLoss(v_.iv, v_.aad, v_.ciphertext, tag);
  Bytes plaintext(v_.ciphertext.size());
  EXPECT_TRUE(gcm_.Open(v_.iv, v_.aad, v_.ciphertext, v_.tag, plaintext).ok());
  EXPECT_EQ(plaintext, v_.plaintext);
}

// ---- Invalid arguments ----

void ExpectInvalid(const Status& status, std::string_view fragment) {
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status;
  EXPECT_NE(status.message().find(fragment), std::string_view::npos) << status;
}

TEST(AesGcmTest, RejectsBadKeySizes) {
  for (size_t size : {0, 8, 15, 17, 31, 33, 64}) {
    ExpectInvalid(AesGcm::Create(Bytes(size)).status(),
                  "key size " + std::to_string(size) + ", expected 16, 24 or 32");
  }
  EXPECT_TRUE(AesGcm::Create(Bytes(24)).ok());
}

TEST(AesGcmTest, RejectsBadTagSizes) {
  AesGcm gcm = MakeGcm(Bytes(16));
  const Bytes iv(12), plaintext(32);
  Bytes ciphertext(32);
  Bytes short_tag(12), long_tag(17);
  ExpectInvalid(gcm.Seal(iv, {}, plaintext, ciphertext, short_tag), "tag size 12, expected 16");
  ExpectInvalid(gcm.Seal(iv, {}, plaintext, ciphertext, long_tag), "tag size 17, expected 16");
  Bytes out(32);
  ExpectInvalid(gcm.Open(iv, {}, ciphertext, short_tag, out), "tag size 12, expected 16");
  ExpectInvalid(gcm.Open(iv, {}, Bytes(15)).status(), "shorter than the 16-byte tag");
}

TEST(AesGcmTest, RejectsBadIvSizes) {
  AesGcm gcm = MakeGcm(Bytes(16));
  ExpectInvalid(gcm.Seal({}, {}, Bytes(4)).status(), "IV size 0, expected 1..128");
  ExpectInvalid(gcm.Seal(Bytes(129), {}, Bytes(4)).status(), "IV size 129");
  ExpectInvalid(gcm.Open(Bytes(129), {}, Bytes(20)).status(), "IV size 129");
  EXPECT_TRUE(gcm.Seal(Bytes(1), {}, Bytes(4)).ok());
  EXPECT_TRUE(gcm.Seal(Bytes(128), {}, Bytes(4)).ok());
}

TEST(AesGcmTest, RejectsMismatchedOutputSize) {
  AesGcm gcm = MakeGcm(Bytes(16));
  const Bytes iv(12), plaintext(32);
  Bytes ciphertext(31), tag(16);
  ExpectInvalid(gcm.Seal(iv, {}, plaintext, ciphertext, tag),
                "output size 31 differs from input size 32");
  Bytes out(33);
  ExpectInvalid(gcm.Open(iv, {}, plaintext, tag, out), "output size 33 differs from input size 32");
}

TEST(AesGcmTest, RejectsPartiallyOverlappingBuffers) {
  AesGcm gcm = MakeGcm(Bytes(16));
  const Bytes iv(12);
  Bytes buffer(64), tag(16);
  std::span<uint8_t> span(buffer);
  ExpectInvalid(gcm.Seal(iv, {}, span.first(32), span.subspan(16, 32), tag), "overlap");
  ExpectInvalid(gcm.Open(iv, {}, span.subspan(1, 32), tag, span.first(32)), "overlap");
}

}  // namespace
}  // namespace confidant::crypto

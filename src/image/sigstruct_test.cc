// SIGSTRUCT: layout at the reference's offsets, sign/verify round trip with an RSA-3072 e=3 key,
// MRSIGNER, and refusal of every tampering, truncation, reserved byte and unsuitable key.

#include "image/sigstruct.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/hash.h"
#include "crypto/signature.h"

namespace confidant::image {
namespace {

const crypto::PrivateKey& SigningKey() {
  static const crypto::PrivateKey* key =
      new crypto::PrivateKey(*crypto::PrivateKey::GenerateRsa(3072, 3));
  return *key;
}

SigstructFields SampleFields() {
  SigstructFields f;
  f.debug = false;
  f.vendor = 0;
  f.date = 0x20260701;
  f.misc_select = 1;
  f.misc_mask = 0xffffffff;
  for (int i = 0; i < 16; ++i) f.isv_family_id[i] = static_cast<uint8_t>(0xa0 + i);
  f.attributes = {kAttributeMode64Bit, 0x3};
  f.attribute_mask = {~(kAttributeDebug | 0x00FF000000000000), 0xfffffffffff9ff1b};
  for (int i = 0; i < 32; ++i) f.enclave_hash[i] = static_cast<uint8_t>(i);
  for (int i = 0; i < 16; ++i) f.isv_ext_prod_id[i] = static_cast<uint8_t>(0xc0 + i);
  f.isv_prod_id = 0x1234;
  f.isv_svn = 0x5678;
  return f;
}

const Sigstruct& Signed() {
  static const Sigstruct* s = new Sigstruct(*SignSigstruct(SigningKey(), SampleFields()));
  return *s;
}

uint64_t LeAt(const Bytes& b, size_t at, size_t width) {
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v |= uint64_t{b[at + i]} << (8 * i);
  return v;
}

Bytes Slice(const Bytes& b, size_t at, size_t n) {
  return Bytes(b.begin() + at, b.begin() + at + n);
}
Bytes Reversed(const Bytes& b) { return Bytes(b.rbegin(), b.rend()); }

// Parse then verify: the first error.
Status ParseAndVerify(ByteSpan bytes) {
  Result<Sigstruct> s = ParseSigstruct(bytes);
  if (!s.ok()) return s.status();
  return VerifySigstruct(*s);
}

TEST(SigstructTest, SignVerifyRoundTrip) {
  const Sigstruct& s = Signed();
  EXPECT_TRUE(VerifySigstruct(s).ok()) << VerifySigstruct(s);
  Bytes bytes = SerializeSigstruct(s);
  ASSERT_EQ(bytes.size(), kSigstructSize);
  Result<Sigstruct> parsed = ParseSigstruct(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, s);
  EXPECT_EQ(parsed->fields, SampleFields());
  EXPECT_EQ(SerializeSigstruct(*parsed), bytes);
}

TEST(SigstructTest, FieldsAtReferenceOffsets) {
  Bytes b = SerializeSigstruct(Signed());
  EXPECT_EQ(Slice(b, 0, 12), (Bytes{0x06, 0, 0, 0, 0xE1, 0, 0, 0, 0, 0, 0x01, 0}));
  EXPECT_EQ(LeAt(b, 12, 4), 0u);
  EXPECT_EQ(LeAt(b, 16, 4), 0u);
  EXPECT_EQ(LeAt(b, 20, 4), 0x20260701u);
  EXPECT_EQ(Slice(b, 24, 16),
            (Bytes{0x01, 0x01, 0, 0, 0x60, 0, 0, 0, 0x60, 0, 0, 0, 0x01, 0, 0, 0}));
  EXPECT_EQ(LeAt(b, 512, 4), 3u);
  EXPECT_EQ(LeAt(b, 900, 4), 1u);
  EXPECT_EQ(LeAt(b, 904, 4), 0xffffffffu);
  EXPECT_EQ(b[912], 0xa0);
  EXPECT_EQ(LeAt(b, 928, 8), kAttributeMode64Bit);
  EXPECT_EQ(LeAt(b, 936, 8), 0x3u);
  EXPECT_EQ(LeAt(b, 944, 8), ~(kAttributeDebug | 0x00FF000000000000));
  EXPECT_EQ(LeAt(b, 952, 8), 0xfffffffffff9ff1bu);
  EXPECT_EQ(b[960], 0);
  EXPECT_EQ(b[991], 31);
  EXPECT_EQ(b[1008], 0xc0);
  EXPECT_EQ(LeAt(b, 1024, 2), 0x1234u);
  EXPECT_EQ(LeAt(b, 1026, 2), 0x5678u);
  // Key material, little-endian.
  Bytes modulus_be = *SigningKey().public_key().RsaModulus();
  EXPECT_EQ(Slice(b, 128, 384), Reversed(modulus_be));
  // The stored signature, reversed, is a plain PKCS#1 v1.5 SHA-256 signature over 0..127 ||
  // 900..1027.
  Bytes message = Slice(b, 0, 128);
  Append(message, Slice(b, 900, 128));
  EXPECT_EQ(message, SigstructSignedMessage(SampleFields()));
  EXPECT_TRUE(crypto::RsaVerify(SigningKey().public_key(), crypto::RsaPadding::kPkcs1v15,
                                crypto::HashAlgorithm::kSha256, message,
                                Reversed(Slice(b, 516, 384)))
                  .ok());
  EXPECT_EQ(Slice(b, 1040, 384), Bytes(Signed().q1.begin(), Signed().q1.end()));
  EXPECT_EQ(Slice(b, 1424, 384), Bytes(Signed().q2.begin(), Signed().q2.end()));
  // The header constants match the layout constants.
  EXPECT_EQ(kSigstructModulusOffset, 128u);
  EXPECT_EQ(kSigstructSignatureOffset, 516u);
  EXPECT_EQ(kSigstructQ1Offset, 1040u);
  EXPECT_EQ(kSigstructQ2Offset, 1424u);
}

TEST(SigstructTest, DebugTypeBit) {
  SigstructFields f = SampleFields();
  f.debug = true;
  f.vendor = kSigstructVendorIntel;
  Result<Sigstruct> s = SignSigstruct(SigningKey(), f);
  ASSERT_TRUE(s.ok()) << s.status();
  Bytes b = SerializeSigstruct(*s);
  EXPECT_EQ(LeAt(b, 12, 4), 0x80000000u);
  EXPECT_EQ(LeAt(b, 16, 4), 0x8086u);
  EXPECT_TRUE(ParseAndVerify(b).ok());
  EXPECT_TRUE(ParseSigstruct(b)->fields.debug);
}

TEST(SigstructTest, MrSignerIsSha256OfLittleEndianModulus) {
  Bytes b = SerializeSigstruct(Signed());
  Bytes expected = crypto::Sha256(Reversed(*SigningKey().public_key().RsaModulus()));
  Measurement mr = MrSigner(Signed());
  EXPECT_EQ(Bytes(mr.begin(), mr.end()), expected);
  EXPECT_EQ(Bytes(mr.begin(), mr.end()), crypto::Sha256(Slice(b, 128, 384)));
}

TEST(SigstructTest, EveryByteOfTheSignedRegionsMatters) {
  Bytes good = SerializeSigstruct(Signed());
  for (size_t i = 0; i < kSigstructSize; ++i) {
    bool signed_byte = i < 128 || (i >= 900 && i < 1028);
    if (!signed_byte) continue;
    Bytes b = good;
    b[i] ^= 0x01;
    EXPECT_FALSE(ParseAndVerify(b).ok()) << "byte " << i;
  }
}

TEST(SigstructTest, TamperedKeyMaterialFails) {
  auto flip = [](size_t at) {
    Bytes b = SerializeSigstruct(Signed());
    b[at] ^= 0x40;
    return ParseAndVerify(b);
  };
  Status sig = flip(kSigstructSignatureOffset + 100);
  EXPECT_EQ(sig.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(sig.message(), "sigstruct: SIGNATURE does not verify with the embedded MODULUS");
  // A changed modulus either no longer verifies the signature or is one OpenSSL refuses as a key
  // (it checks the modulus for small factors).
  Status modulus = flip(kSigstructModulusOffset + 100);
  EXPECT_TRUE(modulus.code() == StatusCode::kUnauthenticated ||
              modulus.message().starts_with("sigstruct: MODULUS: "))
      << modulus;
  Status q1 = flip(kSigstructQ1Offset + 7);
  EXPECT_EQ(q1.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(q1.message(), "sigstruct: Q1 is not floor(S^2 / M)");
  Status q2 = flip(kSigstructQ2Offset + 383);
  EXPECT_EQ(q2.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(q2.message(), "sigstruct: Q2 is not floor((S^3 - Q1*S*M) / M)");
  // A modulus whose top bit is clear is not 3072 bits.
  Sigstruct s = Signed();
  s.modulus.back() = 0x7f;
  EXPECT_EQ(VerifySigstruct(s).message(), "sigstruct: MODULUS is not a 3072-bit number");
  s = Signed();
  s.exponent = 65537;
  EXPECT_EQ(VerifySigstruct(s).message(), "sigstruct: EXPONENT 65537, expected 3");
}

TEST(SigstructTest, EveryWrongSizeRefused) {
  Bytes good = SerializeSigstruct(Signed());
  for (size_t n = 0; n < kSigstructSize; ++n) {
    Result<Sigstruct> s = ParseSigstruct(ByteSpan(good).first(n));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().message(), "sigstruct: " + std::to_string(n) + " bytes, expected 1808");
  }
  good.push_back(0);
  EXPECT_EQ(ParseSigstruct(good).status().message(), "sigstruct: 1809 bytes, expected 1808");
}

TEST(SigstructTest, EveryReservedByteMustBeZero) {
  Bytes good = SerializeSigstruct(Signed());
  struct Range {
    size_t begin, end;
    std::string_view name;
  };
  const Range kReserved[] = {{44, 128, "reserved (44..127)"},
                             {908, 912, "reserved (908..911)"},
                             {992, 1008, "reserved (992..1007)"},
                             {1028, 1040, "reserved (1028..1039)"}};
  for (const Range& range : kReserved) {
    for (size_t i = range.begin; i < range.end; ++i) {
      Bytes b = good;
      b[i] = 0x01;
      Result<Sigstruct> s = ParseSigstruct(b);
      ASSERT_FALSE(s.ok()) << i;
      EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(s.status().message(), "sigstruct: " + std::string(range.name) +
                                          ": reserved byte at offset " + std::to_string(i) +
                                          " is not zero");
    }
  }
}

TEST(SigstructTest, HeaderErrors) {
  Bytes good = SerializeSigstruct(Signed());
  auto parse_with = [&](size_t at, uint8_t value) {
    Bytes b = good;
    b[at] = value;
    return ParseSigstruct(b).status();
  };
  EXPECT_EQ(parse_with(4, 0xe0).message(),
            "sigstruct: HEADER is 06000000e000000000000100, expected 06000000e100000000000100");
  EXPECT_EQ(parse_with(24 + 4, 0x61).message(),
            "sigstruct: HEADER2 is 01010000610000006000000001000000, expected "
            "01010000600000006000000001000000");
  EXPECT_EQ(parse_with(12, 0x01).message(), "sigstruct: TYPE 0x00000001 sets bits other than 31");
  EXPECT_EQ(parse_with(16, 0x01).message(),
            "sigstruct: MODULE_VENDOR 0x00000001 is neither 0 nor 0x8086");
  EXPECT_EQ(parse_with(20, 0x0a).message(), "sigstruct: DATE 0x2026070a is not BCD yyyymmdd");
  EXPECT_EQ(parse_with(512, 0x01).message(), "sigstruct: EXPONENT 1, expected 3");
  Bytes e65537 = good;
  e65537[512] = 0x01;
  e65537[514] = 0x01;
  EXPECT_EQ(ParseSigstruct(e65537).status().message(), "sigstruct: EXPONENT 65537, expected 3");
  for (size_t at : {size_t{0}, size_t{24}, size_t{512}}) {
    EXPECT_EQ(parse_with(at, 0xff).code(), StatusCode::kInvalidArgument);
  }
}

TEST(SigstructTest, UnsuitableKeysRefused) {
  Result<crypto::PrivateKey> rsa2048 = crypto::PrivateKey::GenerateRsa(2048, 3);
  ASSERT_TRUE(rsa2048.ok());
  Result<Sigstruct> s = SignSigstruct(*rsa2048, SampleFields());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().message(), "sigstruct: signing key is RSA 2048 bits; SGX requires RSA-3072");

  Result<crypto::PrivateKey> f4 = crypto::PrivateKey::GenerateRsa(3072, 65537);
  ASSERT_TRUE(f4.ok());
  s = SignSigstruct(*f4, SampleFields());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().message(),
            "sigstruct: signing key's public exponent is 0x010001; SGX requires 3");

  Result<crypto::PrivateKey> ec = crypto::PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
  ASSERT_TRUE(ec.ok());
  s = SignSigstruct(*ec, SampleFields());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
}

TEST(SigstructTest, SignatureByAnotherKeyWithSwappedModulusFails) {
  Result<crypto::PrivateKey> other = crypto::PrivateKey::GenerateRsa(3072, 3);
  ASSERT_TRUE(other.ok());
  Sigstruct s = *SignSigstruct(*other, SampleFields());
  s.modulus = Signed().modulus;
  EXPECT_EQ(VerifySigstruct(s).code(), StatusCode::kUnauthenticated);
  EXPECT_NE(MrSigner(*SignSigstruct(*other, SampleFields())), MrSigner(Signed()));
}

TEST(SigstructTest, DateIsBcd) {
  using namespace std::chrono;
  EXPECT_EQ(SigstructDate(year_month_day(year(2026), month(7), day(1))), 0x20260701u);
  EXPECT_EQ(SigstructDate(year_month_day(year(1999), month(12), day(31))), 0x19991231u);
  EXPECT_EQ(SigstructDate(year_month_day(year(5), month(1), day(9))), 0x00050109u);
}

}  // namespace
}  // namespace confidant::image

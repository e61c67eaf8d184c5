#include "crypto/signature.h"

#include <gtest/gtest.h>

#include <string>

#include "common/encoding.h"
#include "crypto/certificate.h"
#include "testing/vectors.h"

namespace confidant::crypto {
namespace {

Bytes Hex(std::string_view hex) { return *HexDecode(hex); }

// RFC 6979 appendix A.2.5: P-256, SHA-256, message "sample".
TEST(EcdsaTest, VerifiesRfc6979P256Vector) {
  Result<PublicKey> key = PublicKey::FromEcPoint(
      KeyType::kEcP256, Hex("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"),
      Hex("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"));
  ASSERT_TRUE(key.ok()) << key.status();
  Bytes sig =
      Hex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
          "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
  EXPECT_TRUE(
      EcdsaVerify(*key, HashAlgorithm::kSha256, AsBytes("sample"), sig, EcdsaFormat::kRawBigEndian)
          .ok());
  Bytes der = *EcdsaRawToDer(sig);
  EXPECT_TRUE(
      EcdsaVerify(*key, HashAlgorithm::kSha256, AsBytes("sample"), der, EcdsaFormat::kDer).ok());
  EXPECT_EQ(*EcdsaDerToRaw(der, 32), sig);
  sig[10] ^= 1;
  EXPECT_EQ(
      EcdsaVerify(*key, HashAlgorithm::kSha256, AsBytes("sample"), sig, EcdsaFormat::kRawBigEndian)
          .code(),
      StatusCode::kUnauthenticated);
  EXPECT_EQ(
      EcdsaVerify(*key, HashAlgorithm::kSha256, AsBytes("samplE"), der, EcdsaFormat::kDer).code(),
      StatusCode::kUnauthenticated);
}

// A real SGX DCAP quote v3: header (48) + report body (384) are signed with the attestation key;
// the signature data starts with the 64-byte raw r||s, then the 64-byte raw key x||y.
TEST(EcdsaTest, VerifiesRealSgxQuoteSignature) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  Bytes quote = vectors::Read("sgx-dcap-qvl-v3/quote.bin");
  ASSERT_GT(quote.size(), 564u);
  ByteSpan q(quote);
  ByteSpan signed_part = q.first(432);
  ByteSpan sig = q.subspan(436, 64);
  Result<PublicKey> ak =
      PublicKey::FromEcPoint(KeyType::kEcP256, q.subspan(500, 32), q.subspan(532, 32));
  ASSERT_TRUE(ak.ok()) << ak.status();
  EXPECT_EQ(*ak->EcPoint(), Bytes(q.begin() + 500, q.begin() + 564));
  EXPECT_TRUE(
      EcdsaVerify(*ak, HashAlgorithm::kSha256, signed_part, sig, EcdsaFormat::kRawBigEndian).ok());
  Bytes tampered(signed_part.begin(), signed_part.end());
  tampered[112] ^= 0x01;  // inside MRENCLAVE
  EXPECT_EQ(
      EcdsaVerify(*ak, HashAlgorithm::kSha256, tampered, sig, EcdsaFormat::kRawBigEndian).code(),
      StatusCode::kUnauthenticated);
}

// A real SEV-SNP report: bytes 0..0x29f are signed by the VCEK (P-384, SHA-384); the signature at
// 0x2a0 holds r and s little-endian, each zero-extended to 72 bytes.
TEST(EcdsaTest, VerifiesRealSnpReportSignature) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  Bytes report = vectors::Read("snp-trustee-milan-vcek/report.bin");
  ASSERT_EQ(report.size(), 1184u);
  Result<Certificate> vcek = Certificate::FromDer(vectors::Read("snp-trustee-milan-vcek/vcek.der"));
  ASSERT_TRUE(vcek.ok()) << vcek.status();
  PublicKey key = *vcek->public_key();
  ByteSpan r(report.data() + 0x2a0, 72);
  ByteSpan s(report.data() + 0x2a0 + 72, 72);
  Result<Bytes> der = EcdsaLittleEndianToDer(r, s);
  ASSERT_TRUE(der.ok()) << der.status();
  ByteSpan signed_part(report.data(), 0x2a0);
  EXPECT_TRUE(EcdsaVerify(key, HashAlgorithm::kSha384, signed_part, *der, EcdsaFormat::kDer).ok());
  // The same through the little-endian raw format (components trimmed to the 48-byte field).
  Bytes raw_le(r.begin(), r.begin() + 48);
  raw_le.insert(raw_le.end(), s.begin(), s.begin() + 48);
  EXPECT_TRUE(
      EcdsaVerify(key, HashAlgorithm::kSha384, signed_part, raw_le, EcdsaFormat::kRawLittleEndian)
          .ok());
  Bytes digest = Bytes(48);
  EXPECT_EQ(EcdsaVerifyDigest(key, digest, *der, EcdsaFormat::kDer).code(),
            StatusCode::kUnauthenticated);
}

TEST(EcdsaTest, RoundTripsEveryFormat) {
  for (KeyType type : {KeyType::kEcP256, KeyType::kEcP384}) {
    PrivateKey key = *PrivateKey::GenerateEc(type);
    HashAlgorithm hash = type == KeyType::kEcP256 ? HashAlgorithm::kSha256 : HashAlgorithm::kSha384;
    for (EcdsaFormat format :
         {EcdsaFormat::kDer, EcdsaFormat::kRawBigEndian, EcdsaFormat::kRawLittleEndian}) {
      Result<Bytes> sig = EcdsaSign(key, hash, AsBytes("message"), format);
      ASSERT_TRUE(sig.ok()) << sig.status();
      if (format != EcdsaFormat::kDer) {
        EXPECT_EQ(sig->size(), type == KeyType::kEcP256 ? 64u : 96u);
      }
      EXPECT_TRUE(EcdsaVerify(key.public_key(), hash, AsBytes("message"), *sig, format).ok());
    }
    Bytes point = *key.public_key().EcPoint();
    size_t field = point.size() / 2;
    ByteSpan p(point);
    EXPECT_EQ(*PublicKey::FromEcPoint(type, p.first(field), p.last(field)), key.public_key());
    Bytes x_le(p.rbegin() + static_cast<ptrdiff_t>(field), p.rend());
    Bytes y_le(p.rbegin(), p.rbegin() + static_cast<ptrdiff_t>(field));
    x_le.resize(72, 0);  // zero-extended as SEV-SNP stores keys
    y_le.resize(72, 0);
    EXPECT_EQ(*PublicKey::FromEcPoint(type, x_le, y_le, /*little_endian=*/true), key.public_key());
  }
}

TEST(EcdsaTest, DigestVerification) {
  PrivateKey key = *PrivateKey::GenerateEc(KeyType::kEcP384);
  Bytes sig = *EcdsaSign(key, HashAlgorithm::kSha384, AsBytes("abc"), EcdsaFormat::kRawBigEndian);
  // SHA-384("abc"), FIPS 180-2 appendix D.1.
  Bytes digest =
      Hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
          "8086072ba1e7cc2358baeca134c825a7");
  EXPECT_TRUE(EcdsaVerifyDigest(key.public_key(), digest, sig, EcdsaFormat::kRawBigEndian).ok());
  digest[0] ^= 1;
  EXPECT_EQ(EcdsaVerifyDigest(key.public_key(), digest, sig, EcdsaFormat::kRawBigEndian).code(),
            StatusCode::kUnauthenticated);
}

void ExpectInvalid(const Status& s, std::string_view fragment) {
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s;
  EXPECT_NE(s.message().find(fragment), std::string_view::npos) << s;
}

TEST(EcdsaTest, RejectsMalformedSignaturesAndWrongKeys) {
  PrivateKey key = *PrivateKey::GenerateEc(KeyType::kEcP256);
  PublicKey pub = key.public_key();
  Bytes der = *EcdsaSign(key, HashAlgorithm::kSha256, AsBytes("m"), EcdsaFormat::kDer);
  ExpectInvalid(
      EcdsaVerify(pub, HashAlgorithm::kSha256, AsBytes("m"), Bytes(96), EcdsaFormat::kRawBigEndian),
      "raw signature of 96 bytes for EC P-256, expected 64");
  Bytes trailing = der;
  trailing.push_back(0);
  EXPECT_FALSE(
      EcdsaVerify(pub, HashAlgorithm::kSha256, AsBytes("m"), trailing, EcdsaFormat::kDer).ok());
  ExpectInvalid(EcdsaDerToRaw(trailing, 32).status(), "trailing bytes");
  ExpectInvalid(EcdsaDerToRaw(Bytes{0x30, 0x00}, 32).status(), "malformed DER");
  ExpectInvalid(EcdsaDerToRaw(der, 16).status(), "longer than 16 bytes");
  ExpectInvalid(EcdsaRawToDer(Bytes(63)).status(), "odd or zero length");
  ExpectInvalid(EcdsaLittleEndianToDer(Bytes(72), Bytes(71)).status(), "differ in size");
  PrivateKey rsa = *PrivateKey::GenerateRsa(2048);
  ExpectInvalid(
      EcdsaVerify(rsa.public_key(), HashAlgorithm::kSha256, AsBytes("m"), der, EcdsaFormat::kDer),
      "an RSA key cannot verify ECDSA");
  ExpectInvalid(RsaVerify(pub, RsaPadding::kPss, HashAlgorithm::kSha256, AsBytes("m"), der),
                "needs an RSA key");
  ExpectInvalid(EcdsaVerify(pub, HashAlgorithm::kSha1, AsBytes("m"), der, EcdsaFormat::kDer),
                "SHA-1 signatures are refused");
  ExpectInvalid(EcdsaSign(key, HashAlgorithm::kSha1, AsBytes("m"), EcdsaFormat::kDer).status(),
                "SHA-1 signatures are refused");
  ExpectInvalid(PublicKey::FromEcPoint(KeyType::kEcP256, Bytes(32, 1), Bytes(32, 2)).status(),
                "ec point");
  ExpectInvalid(PublicKey::FromEcPoint(KeyType::kEcP256, Bytes(33, 1), Bytes(32, 2)).status(),
                "larger than the 32-byte field");
}

TEST(RsaTest, SignsAndVerifiesWithExponentThree) {
  PrivateKey key = *PrivateKey::GenerateRsa(3072, 3);
  EXPECT_EQ(*key.public_key().RsaExponent(), Bytes{3});
  EXPECT_EQ(key.public_key().RsaModulus()->size(), 384u);
  for (RsaPadding padding : {RsaPadding::kPkcs1v15, RsaPadding::kPss}) {
    Result<Bytes> sig = RsaSign(key, padding, HashAlgorithm::kSha256, AsBytes("enclave hash"));
    ASSERT_TRUE(sig.ok()) << sig.status();
    EXPECT_EQ(sig->size(), 384u);
    EXPECT_TRUE(
        RsaVerify(key.public_key(), padding, HashAlgorithm::kSha256, AsBytes("enclave hash"), *sig)
            .ok());
    (*sig)[0] ^= 1;
    EXPECT_EQ(
        RsaVerify(key.public_key(), padding, HashAlgorithm::kSha256, AsBytes("enclave hash"), *sig)
            .code(),
        StatusCode::kUnauthenticated);
  }
  Bytes v15 = *RsaSign(key, RsaPadding::kPkcs1v15, HashAlgorithm::kSha256, AsBytes("x"));
  EXPECT_EQ(RsaVerify(key.public_key(), RsaPadding::kPss, HashAlgorithm::kSha256, AsBytes("x"), v15)
                .code(),
            StatusCode::kUnauthenticated);
  // Rebuilt from its components, the key verifies the same signatures.
  PublicKey rebuilt = *PublicKey::FromRsaComponents(*key.public_key().RsaModulus(),
                                                    *key.public_key().RsaExponent());
  EXPECT_EQ(rebuilt, key.public_key());
  EXPECT_TRUE(
      RsaVerify(rebuilt, RsaPadding::kPkcs1v15, HashAlgorithm::kSha256, AsBytes("x"), v15).ok());
  ExpectInvalid(PublicKey::FromRsaComponents(*key.public_key().RsaModulus(), Bytes{2}).status(),
                "odd and >= 3");
}

TEST(RsaTest, OaepRoundTripAndTampering) {
  PrivateKey key = *PrivateKey::GenerateRsa(2048);
  Bytes secret = Hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  Result<Bytes> ct = RsaOaepEncrypt(key.public_key(), secret);
  ASSERT_TRUE(ct.ok()) << ct.status();
  Result<SecretBytes> pt = RsaOaepDecrypt(key, *ct);
  ASSERT_TRUE(pt.ok()) << pt.status();
  EXPECT_EQ(Bytes(pt->begin(), pt->end()), secret);
  (*ct)[100] ^= 1;
  Result<SecretBytes> bad = RsaOaepDecrypt(key, *ct);
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(bad.status().message(), "rsa-oaep: decryption failed");
  EXPECT_EQ(RsaOaepDecrypt(key, Bytes(10)).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(RsaOaepEncrypt(key.public_key(), Bytes(300)).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confidant::crypto

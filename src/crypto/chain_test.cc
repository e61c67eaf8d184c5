// Chain, certificate and CRL tests on hierarchies issued by CertificateBuilder.

#include "crypto/chain.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/encoding.h"
#include "crypto/certificate_builder.h"
#include "crypto/der.h"

namespace confidant::crypto {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kStart = 1700000000;  // 2023-11-14
constexpr int64_t kNow = kStart + 30 * kDay;

struct Hierarchy {
  PrivateKey root_key, ca_key, leaf_key;
  Certificate root, ca, leaf;
};

Certificate Issue(const std::string& cn, const PublicKey& subject_key, const PrivateKey& issuer_key,
                  const Certificate* issuer, bool ca, const SignatureOptions& options = {},
                  int64_t not_after = kStart + 365 * kDay) {
  CertificateBuilder builder;
  builder.SetSubject({{"CN", cn}, {"O", "Confidant test"}})
      .SetValidity(kStart, not_after)
      .SetPublicKey(subject_key)
      .SetBasicConstraints(ca)
      .SetKeyUsage(ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  Result<Certificate> cert = builder.Sign(issuer_key, issuer, options);
  EXPECT_TRUE(cert.ok()) << cert.status();
  return *std::move(cert);
}

Hierarchy MakeHierarchy(KeyType type, const SignatureOptions& options = {}) {
  auto gen = [&] {
    return type == KeyType::kRsa ? *PrivateKey::GenerateRsa(3072) : *PrivateKey::GenerateEc(type);
  };
  PrivateKey root_key = gen(), ca_key = gen(), leaf_key = gen();
  Certificate root = Issue("Test Root CA", root_key.public_key(), root_key, nullptr, true, options,
                           kStart + 3650 * kDay);
  Certificate ca =
      Issue("Test Intermediate CA", ca_key.public_key(), root_key, &root, true, options);
  Certificate leaf = Issue("Test Leaf", leaf_key.public_key(), ca_key, &ca, false, options);
  return {root_key, ca_key, leaf_key, root, ca, leaf};
}

const Hierarchy& P256() {
  static const Hierarchy h = MakeHierarchy(KeyType::kEcP256);
  return h;
}

TEST(ChainTest, VerifiesEcAndRsaHierarchies) {
  SignatureOptions pss{.hash = HashAlgorithm::kSha384, .rsa_pss = true};
  for (const Hierarchy& h :
       {P256(), MakeHierarchy(KeyType::kEcP384), MakeHierarchy(KeyType::kRsa, pss)}) {
    Result<std::vector<Certificate>> path =
        VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, {}, kNow);
    ASSERT_TRUE(path.ok()) << path.status();
    ASSERT_EQ(path->size(), 3u);
    EXPECT_EQ((*path)[0], h.leaf);
    EXPECT_EQ((*path)[2], h.root);
  }
}

void ExpectRejected(const Result<std::vector<Certificate>>& r, std::string_view fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated) << r.status();
  EXPECT_NE(r.status().message().find(fragment), std::string_view::npos) << r.status();
}

TEST(ChainTest, RejectsOutsideValidity) {
  const Hierarchy& h = P256();
  ExpectRejected(VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, {}, kStart - 1),
                 "not yet valid");
  ExpectRejected(
      VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, {}, kStart + 366 * kDay),
      "has expired at depth");
}

TEST(ChainTest, RejectsWrongRootAndMissingIntermediate) {
  const Hierarchy& h = P256();
  Hierarchy other = MakeHierarchy(KeyType::kEcP256);
  ExpectRejected(VerifyChain(h.leaf, std::vector{h.ca}, std::vector{other.root}, {}, kNow),
                 "unable to get local issuer certificate at depth 1");
  ExpectRejected(VerifyChain(h.leaf, {}, std::vector{h.root}, {}, kNow),
                 "unable to get local issuer certificate at depth 0");
  EXPECT_EQ(VerifyChain(h.leaf, {}, {}, {}, kNow).status().code(), StatusCode::kInvalidArgument);
}

TEST(ChainTest, RejectsAnchorWithBrokenSelfSignature) {
  const Hierarchy& h = P256();
  Bytes der = h.root.ToDer();
  der[der.size() - 5] ^= 0x01;  // inside the root's signature value
  Result<Certificate> broken_root = Certificate::FromDer(der);
  ASSERT_TRUE(broken_root.ok()) << broken_root.status();
  EXPECT_TRUE(SamePublicKey(*broken_root, h.root_key.public_key()));
  ExpectRejected(VerifyChain(h.leaf, std::vector{h.ca}, std::vector{*broken_root}, {}, kNow),
                 "certificate signature failure at depth 2");
}

TEST(ChainTest, RejectsLeafActingAsCa) {
  const Hierarchy& h = P256();
  PrivateKey key = *PrivateKey::GenerateEc(KeyType::kEcP256);
  Certificate below_leaf = Issue("Below Leaf", key.public_key(), h.leaf_key, &h.leaf, false);
  ExpectRejected(VerifyChain(below_leaf, std::vector{h.leaf, h.ca}, std::vector{h.root}, {}, kNow),
                 "invalid CA certificate");
}

TEST(ChainTest, RejectsTamperedSignature) {
  const Hierarchy& h = P256();
  Bytes der = h.leaf.ToDer();
  der[der.size() - 5] ^= 0x01;  // inside the signature value
  Result<Certificate> tampered = Certificate::FromDer(der);
  ASSERT_TRUE(tampered.ok()) << tampered.status();
  ExpectRejected(VerifyChain(*tampered, std::vector{h.ca}, std::vector{h.root}, {}, kNow),
                 "signature failure");
  EXPECT_EQ(tampered->VerifySignedBy(h.ca_key.public_key()).code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(h.leaf.VerifySignedBy(h.ca_key.public_key()).ok());
}

Crl MakeCrl(const Hierarchy& h, std::vector<Certificate> revoked, int64_t next_update) {
  CrlBuilder builder;
  builder.SetUpdateTimes(kStart, next_update);
  for (const Certificate& cert : revoked) builder.Revoke(cert, kStart + kDay);
  Result<Crl> crl = builder.Sign(h.ca_key, h.ca);
  EXPECT_TRUE(crl.ok()) << crl.status();
  return *std::move(crl);
}

Crl RootCrl(const Hierarchy& h, int64_t next_update) {
  Result<Crl> crl = CrlBuilder().SetUpdateTimes(kStart, next_update).Sign(h.root_key, h.root);
  EXPECT_TRUE(crl.ok()) << crl.status();
  return *std::move(crl);
}

TEST(ChainTest, RevokedLeafIsRejectedWithOrWithoutRequiredCrls) {
  const Hierarchy& h = P256();
  Crl crl = MakeCrl(h, {h.leaf}, kStart + 60 * kDay);
  EXPECT_TRUE(crl.IsRevoked(h.leaf));
  EXPECT_FALSE(crl.IsRevoked(h.ca));
  EXPECT_TRUE(crl.VerifySignedBy(h.ca_key.public_key()).ok());
  EXPECT_EQ(crl.VerifySignedBy(h.root_key.public_key()).code(), StatusCode::kUnauthenticated);
  std::vector<Crl> crls = {crl, RootCrl(h, kStart + 60 * kDay)};
  ExpectRejected(VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, crls, kNow,
                             {.require_crls = true}),
                 "revoked");
  ExpectRejected(VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, crls, kNow),
                 "revoked at depth 0");
}

TEST(ChainTest, RequiredCrlsMustBePresentAndCurrent) {
  const Hierarchy& h = P256();
  std::vector<Crl> current = {MakeCrl(h, {}, kStart + 60 * kDay), RootCrl(h, kStart + 60 * kDay)};
  EXPECT_TRUE(VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, current, kNow,
                          {.require_crls = true})
                  .ok());
  ExpectRejected(
      VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, {}, kNow, {.require_crls = true}),
      "unable to get certificate CRL");
  std::vector<Crl> expired = {MakeCrl(h, {}, kStart + 10 * kDay), RootCrl(h, kStart + 60 * kDay)};
  ExpectRejected(VerifyChain(h.leaf, std::vector{h.ca}, std::vector{h.root}, expired, kNow,
                             {.require_crls = true}),
                 "CRL has expired");
}

TEST(CertificateTest, ReadsFieldsAndExtensions) {
  const Hierarchy& h = P256();
  EXPECT_EQ(h.leaf.SubjectCommonName(), "Test Leaf");
  EXPECT_EQ(h.leaf.subject(), "O=Confidant test,CN=Test Leaf");
  EXPECT_EQ(h.leaf.issuer(), h.ca.subject());
  EXPECT_EQ(h.leaf.not_before(), kStart);
  EXPECT_EQ(h.leaf.not_after(), kStart + 365 * kDay);
  EXPECT_TRUE(h.ca.is_ca());
  EXPECT_FALSE(h.leaf.is_ca());
  EXPECT_TRUE(h.root.IsSelfSigned());
  EXPECT_FALSE(h.ca.IsSelfSigned());
  EXPECT_EQ(*h.leaf.public_key(), h.leaf_key.public_key());
  EXPECT_TRUE(SamePublicKey(h.root, h.root_key.public_key()));
  EXPECT_FALSE(SamePublicKey(h.root, h.ca_key.public_key()));
  EXPECT_EQ(h.leaf.serial_hex().size(), 32u);
  EXPECT_EQ(h.leaf.Fingerprint(HashAlgorithm::kSha256).size(), 32u);
  std::vector<std::string> oids = h.leaf.ExtensionOids();
  EXPECT_NE(std::find(oids.begin(), oids.end(), "2.5.29.19"), oids.end());  // basicConstraints
  Result<std::optional<Bytes>> missing = h.leaf.ExtensionValue("1.2.840.113741.1.13.1");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(h.leaf.ExtensionValue("not an oid").status().code(), StatusCode::kInvalidArgument);
}

TEST(CertificateTest, CustomExtensionRoundTrips) {
  // An SGX-like extension: SEQUENCE { SEQUENCE { OID, OCTET STRING }, SEQUENCE { OID, INTEGER } }.
  const Bytes fmspc = {0x00, 0xa0, 0x67, 0x11, 0x00, 0x00};
  std::vector<Bytes> first = {*DerOid("1.2.840.113741.1.13.1.4"), DerOctetString(fmspc)};
  std::vector<Bytes> second = {*DerOid("1.2.840.113741.1.13.1.2.17"), DerInteger(13)};
  std::vector<Bytes> items = {DerSequence(first), DerSequence(second)};
  Bytes value = DerSequence(items);

  PrivateKey key = *PrivateKey::GenerateEc(KeyType::kEcP256);
  CertificateBuilder builder;
  builder.SetSubject({{"CN", "ext"}})
      .SetValidity(kStart, kStart + kDay)
      .SetPublicKey(key.public_key())
      .AddExtension("1.2.840.113741.1.13.1", false, value);
  Result<Certificate> cert = builder.Sign(key, nullptr);
  ASSERT_TRUE(cert.ok()) << cert.status();
  Result<Certificate> reparsed = Certificate::FromDer(cert->ToDer());
  ASSERT_TRUE(reparsed.ok());
  Result<std::optional<Bytes>> got = reparsed->ExtensionValue("1.2.840.113741.1.13.1");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(**got, value);

  DerReader outer(**got, "sgx extension");
  DerReader seq = *outer.ReadSequence();
  DerReader a = *seq.ReadSequence();
  EXPECT_EQ(*a.ReadOid(), "1.2.840.113741.1.13.1.4");
  ByteSpan got_fmspc = *a.ReadOctetString();
  EXPECT_EQ(Bytes(got_fmspc.begin(), got_fmspc.end()), fmspc);
  DerReader b = *seq.ReadSequence();
  EXPECT_EQ(*b.ReadOid(), "1.2.840.113741.1.13.1.2.17");
  EXPECT_EQ(*b.ReadInteger(), 13);
  EXPECT_TRUE(seq.ExpectEnd().ok());
  EXPECT_TRUE(outer.ExpectEnd().ok());
}

TEST(CertificateTest, DuplicateExtensionIsRejected) {
  PrivateKey key = *PrivateKey::GenerateEc(KeyType::kEcP256);
  CertificateBuilder builder;
  builder.SetSubject({{"CN", "dup"}})
      .SetValidity(kStart, kStart + kDay)
      .SetPublicKey(key.public_key())
      .AddExtension("1.3.6.1.4.1.3704.1.3.1", false, DerInteger(1))
      .AddExtension("1.3.6.1.4.1.3704.1.3.1", false, DerInteger(2));
  Result<Certificate> cert = builder.Sign(key, nullptr);
  ASSERT_TRUE(cert.ok()) << cert.status();
  Result<std::optional<Bytes>> value = cert->ExtensionValue("1.3.6.1.4.1.3704.1.3.1");
  EXPECT_EQ(value.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(value.status().message().find("more than once"), std::string_view::npos);
}

TEST(CertificateTest, ParsesPemChainsAndRejectsJunk) {
  const Hierarchy& h = P256();
  std::string pem = h.leaf.ToPem() + h.ca.ToPem() + h.root.ToPem();
  Result<std::vector<Certificate>> chain = Certificate::ParsePemChain(pem + std::string("\n\0", 2));
  ASSERT_TRUE(chain.ok()) << chain.status();
  ASSERT_EQ(chain->size(), 3u);
  EXPECT_EQ((*chain)[1], h.ca);
  EXPECT_EQ(Certificate::ParsePemChain("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(Certificate::ParsePemChain(pem + "junk").status().message().find("after the last"),
            std::string_view::npos);
  EXPECT_NE(
      Certificate::ParsePemChain("junk" + pem).status().message().find("before certificate 1"),
      std::string_view::npos);
  std::string broken = h.ca.ToPem();
  broken[40] = '*';
  EXPECT_NE(
      Certificate::ParsePemChain(h.leaf.ToPem() + broken).status().message().find("certificate 2"),
      std::string_view::npos);
  EXPECT_EQ(Certificate::FromPem(pem).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Certificate::FromPem(h.leaf.ToPem()).ok());
}

TEST(CertificateTest, RejectsTrailingBytesAndGarbage) {
  Bytes der = P256().leaf.ToDer();
  der.push_back(0);
  EXPECT_NE(Certificate::FromDer(der).status().message().find("trailing"), std::string_view::npos);
  EXPECT_EQ(Certificate::FromDer(Bytes{0x30, 0x82, 0xff}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(CrlTest, ParsesDerPemAndHex) {
  const Hierarchy& h = P256();
  Crl crl = MakeCrl(h, {h.leaf}, kStart + 60 * kDay);
  Bytes der = crl.ToDer();
  EXPECT_EQ(crl.this_update(), kStart);
  EXPECT_EQ(crl.next_update(), kStart + 60 * kDay);
  EXPECT_EQ(crl.issuer(), h.ca.subject());
  Result<Crl> from_der = Crl::FromDerOrPem(der);
  ASSERT_TRUE(from_der.ok()) << from_der.status();
  EXPECT_TRUE(from_der->IsRevoked(h.leaf));
  std::string hex = HexEncode(der) + "\n";
  Result<Crl> from_hex = Crl::FromDerOrPem(AsBytes(hex));
  ASSERT_TRUE(from_hex.ok()) << from_hex.status();
  EXPECT_EQ(from_hex->ToDer(), der);
  std::string pem = "-----BEGIN X509 CRL-----\n" + Base64Encode(der) + "\n-----END X509 CRL-----\n";
  Result<Crl> from_pem = Crl::FromDerOrPem(AsBytes(pem));
  ASSERT_TRUE(from_pem.ok()) << from_pem.status();
  EXPECT_EQ(from_pem->ToDer(), der);
  der.push_back(0);
  EXPECT_NE(Crl::FromDer(der).status().message().find("trailing"), std::string_view::npos);
  EXPECT_EQ(Crl::FromDerOrPem(AsBytes("abc")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(
      Crl::FromPem("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n").status().code(),
      StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confidant::crypto

// Certificates, CRLs and chains from real Intel and AMD hardware (../shared/vectors, README there).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/encoding.h"
#include "common/time.h"
#include "crypto/certificate.h"
#include "crypto/chain.h"
#include "crypto/crl.h"
#include "crypto/der.h"
#include "testing/vectors.h"

namespace confidant::crypto {
namespace {

int64_t At(std::string_view rfc3339) { return ToUnixSeconds(*ParseRfc3339(rfc3339)); }

class VectorsTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  }
};

// The PCK chain sits at the end of the quote's certification data (type 5, PEM).
std::vector<Certificate> PckChainFromQuote(const std::string& quote) {
  size_t begin = quote.find("-----BEGIN CERTIFICATE-----");
  EXPECT_NE(begin, std::string::npos);
  Result<std::vector<Certificate>> chain = Certificate::ParsePemChain(quote.substr(begin));
  EXPECT_TRUE(chain.ok()) << chain.status();
  return chain.ok() ? *chain : std::vector<Certificate>{};
}

TEST_F(VectorsTest, IntelPckChainVerifiesWithCrlsAgainstBothRootIssues) {
  std::vector<Certificate> chain =
      PckChainFromQuote(vectors::ReadText("sgx-dcap-qvl-v3/quote.bin"));
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0].SubjectCommonName(), "Intel SGX PCK Certificate");
  EXPECT_EQ(chain[1].SubjectCommonName(), "Intel SGX PCK Processor CA");
  EXPECT_EQ(chain[2].SubjectCommonName(), "Intel SGX Root CA");

  nlohmann::json collateral =
      nlohmann::json::parse(vectors::ReadText("sgx-dcap-qvl-v3/collateral.json"));
  Bytes pck_crl_bytes = ToBytes(collateral["pck_crl"].get<std::string>());
  Bytes root_crl_bytes = ToBytes(collateral["root_ca_crl"].get<std::string>());
  std::vector<Crl> crls = {*Crl::FromDerOrPem(pck_crl_bytes), *Crl::FromDerOrPem(root_crl_bytes)};
  EXPECT_EQ(crls[0].issuer(), chain[1].subject());
  EXPECT_NE(crls[0].issuer().find("CN=Intel SGX PCK Processor CA"), std::string::npos);

  const int64_t now = At("2025-07-19T10:01:17Z");
  for (const char* root_file :
       {"trust/intel_sgx_root_ca_2049.der", "trust/intel_sgx_root_ca_2033.der"}) {
    std::string der = vectors::ReadText(root_file);
    Result<Certificate> root = Certificate::FromDer(AsBytes(der));
    ASSERT_TRUE(root.ok()) << root.status();
    EXPECT_TRUE(root->IsSelfSigned());
    EXPECT_TRUE(SamePublicKey(chain[2], *root->public_key()));
    Result<std::vector<Certificate>> path = VerifyChain(
        chain[0], std::vector{chain[1]}, std::vector{*root}, crls, now, {.require_crls = true});
    ASSERT_TRUE(path.ok()) << root_file << ": " << path.status();
    EXPECT_EQ(path->size(), 3u);
  }
  // The same chain long after the PCK certificate's validity ends.
  Result<Certificate> root =
      Certificate::FromDer(AsBytes(vectors::ReadText("trust/intel_sgx_root_ca_2049.der")));
  Result<std::vector<Certificate>> late = VerifyChain(
      chain[0], std::vector{chain[1]}, std::vector{*root}, {}, chain[0].not_after() + 1);
  EXPECT_EQ(late.status().code(), StatusCode::kUnauthenticated);
}

TEST_F(VectorsTest, IntelSgxExtensionHoldsFmspcPceIdAndTcb) {
  std::vector<Certificate> chain =
      PckChainFromQuote(vectors::ReadText("sgx-dcap-qvl-v3/quote.bin"));
  ASSERT_FALSE(chain.empty());
  Result<std::optional<Bytes>> ext = chain[0].ExtensionValue("1.2.840.113741.1.13.1");
  ASSERT_TRUE(ext.ok() && ext->has_value()) << ext.status();

  std::string fmspc, pce_id;
  std::vector<int64_t> components;
  int64_t pcesvn = -1;
  DerReader outer(**ext, "sgx extension");
  DerReader items = *outer.ReadSequence();
  while (!items.empty()) {
    DerReader item = *items.ReadSequence();
    std::string oid = *item.ReadOid();
    if (oid == "1.2.840.113741.1.13.1.4") {
      ByteSpan v = *item.ReadOctetString();
      fmspc = HexEncode(v);
    } else if (oid == "1.2.840.113741.1.13.1.3") {
      ByteSpan v = *item.ReadOctetString();
      pce_id = HexEncode(v);
    } else if (oid == "1.2.840.113741.1.13.1.2") {
      DerReader tcb = *item.ReadSequence();
      while (!tcb.empty()) {
        DerReader entry = *tcb.ReadSequence();
        std::string tcb_oid = *entry.ReadOid();
        if (tcb_oid == "1.2.840.113741.1.13.1.2.17") {
          pcesvn = *entry.ReadInteger();
        } else if (tcb_oid != "1.2.840.113741.1.13.1.2.18") {  // 18 is CPUSVN as bytes
          components.push_back(*entry.ReadInteger());
        }
      }
    }
  }
  EXPECT_EQ(fmspc, "00a067110000");
  EXPECT_EQ(pce_id, "0000");
  EXPECT_EQ(components, (std::vector<int64_t>{11, 11, 2, 2, 255, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(pcesvn, 13);
}

std::vector<Certificate> AmdTrust(const std::string& file) {
  Result<std::vector<Certificate>> certs = Certificate::ParsePemChain(vectors::ReadText(file));
  EXPECT_TRUE(certs.ok()) << certs.status();
  EXPECT_EQ(certs->size(), 3u);  // ASK, ARK, ASVK
  return *certs;
}

TEST_F(VectorsTest, AmdVcekAndVlekChainsVerify) {
  std::vector<Certificate> milan = AmdTrust("trust/amd_milan_ask_ark_asvk.pem");
  const Certificate& ask = milan[0];
  const Certificate& ark = milan[1];
  const Certificate& asvk = milan[2];
  EXPECT_EQ(ark.SubjectCommonName(), "ARK-Milan");
  EXPECT_TRUE(ark.IsSelfSigned());
  const int64_t now = At("2025-06-10T00:00:00Z");

  Result<Certificate> vcek =
      Certificate::FromDer(AsBytes(vectors::ReadText("snp-trustee-milan-vcek/vcek.der")));
  ASSERT_TRUE(vcek.ok()) << vcek.status();
  EXPECT_EQ(vcek->SubjectCommonName(), "SEV-VCEK");
  EXPECT_EQ(vcek->serial_hex(), "0");
  Result<std::vector<Certificate>> path =
      VerifyChain(*vcek, std::vector{ask}, std::vector{ark}, {}, now);
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(path->size(), 3u);
  EXPECT_EQ(vcek->public_key()->type(), KeyType::kEcP384);
  // A VCEK is not signed by the VLEK signing key.
  EXPECT_FALSE(VerifyChain(*vcek, std::vector{asvk}, std::vector{ark}, {}, now).ok());

  Result<Certificate> vlek =
      Certificate::FromDer(AsBytes(vectors::ReadText("snp-trustee-milan-vlek/vlek.der")));
  ASSERT_TRUE(vlek.ok()) << vlek.status();
  EXPECT_TRUE(VerifyChain(*vlek, std::vector{asvk}, std::vector{ark}, {}, now).ok());

  // VCEK TCB extensions are INTEGERs under 1.3.6.1.4.1.3704.1.3.x. HWID is the exception: AMD
  // puts the 64 raw chip-ID bytes directly in extnValue, with no OCTET STRING inside.
  Result<std::optional<Bytes>> bl = vcek->ExtensionValue("1.3.6.1.4.1.3704.1.3.1");
  ASSERT_TRUE(bl.ok() && bl->has_value());
  DerReader bl_reader(**bl, "blSPL");
  Result<int64_t> bl_spl = bl_reader.ReadInteger();
  ASSERT_TRUE(bl_spl.ok()) << bl_spl.status();
  EXPECT_GE(*bl_spl, 0);
  EXPECT_LE(*bl_spl, 255);
  Result<std::optional<Bytes>> hwid = vcek->ExtensionValue("1.3.6.1.4.1.3704.1.4");
  ASSERT_TRUE(hwid.ok() && hwid->has_value());
  EXPECT_EQ((*hwid)->size(), 64u);
}

TEST_F(VectorsTest, EveryProductsTrustAnchorsChainToTheirArk) {
  for (const char* file : {"trust/amd_milan_ask_ark_asvk.pem", "trust/amd_genoa_ask_ark_asvk.pem",
                           "trust/amd_turin_ask_ark_asvk.pem"}) {
    std::vector<Certificate> certs = AmdTrust(file);
    for (const Certificate& signed_by_ark : {certs[0], certs[2]}) {
      EXPECT_TRUE(
          VerifyChain(signed_by_ark, {}, std::vector{certs[1]}, {}, At("2025-06-10T00:00:00Z"))
              .ok())
          << file << ": " << signed_by_ark.subject();
    }
  }
}

}  // namespace
}  // namespace confidant::crypto

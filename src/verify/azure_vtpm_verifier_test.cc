// Azure SEV-SNP vTPM evidence from a real Azure CVM (../shared/vectors az-snp-vtpm-v1): the
// expected claims, and what each part of the binding catches. The vectors' mutations run in
// vector_cases_test; the VMPL check, which no real report can reach, in
// snp_verifier_synthetic_test.

#include "verify/azure_vtpm_verifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/encoding.h"
#include "common/time.h"
#include "evidence/snp_report.h"
#include "testing/vectors.h"

namespace confidant::verify {
namespace {

class AzureVtpmTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    c_ = vectors::Case("az-snp-vtpm-evidence-v1");
    Result<evidence::AzureVtpmEvidence> e =
        evidence::ParseAzureVtpmEvidence(vectors::ReadText(c_["evidence"]));
    ASSERT_TRUE(e.ok()) << e.status();
    evidence_ = *std::move(e);
    amd_ = *crypto::Certificate::ParsePemChain(vectors::ReadText(c_["trust"]["amd_ask_ark_asvk"]));
    now_ = ToUnixSeconds(*ParseRfc3339(c_["now"].get<std::string>()));
    options_.nonce = *HexDecode(c_["input"]["expected_nonce_hex"].get<std::string>());
  }
  Result<VerifiedAzureVtpm> Verify() const {
    return VerifyAzureVtpm(evidence_, amd_, now_, options_);
  }

  nlohmann::json c_;
  evidence::AzureVtpmEvidence evidence_;
  std::vector<crypto::Certificate> amd_;
  int64_t now_ = 0;
  AzureVtpmOptions options_;
};

TEST_F(AzureVtpmTest, VerifiesWithTheExpectedClaims) {
  Result<VerifiedAzureVtpm> v = Verify();
  ASSERT_TRUE(v.ok()) << v.status();
  const nlohmann::json& expect = c_["expect"]["claims"];
  Verified out = ToVerified(*v);
  EXPECT_EQ(out.attestation_type, "azurevm");
  EXPECT_NE(out.trust_anchor.find("CN=ARK-Milan"), std::string::npos);

  EXPECT_EQ(out.claims["x-confidant-tpm-nonce"], expect["report_data"]);
  EXPECT_EQ(out.claims["x-confidant-tpm-nonce"], expect["tpm_quote"]["extra_data_hex"]);
  const nlohmann::json& pcrs = out.claims["x-confidant-tpm-pcrs"]["sha256"];
  ASSERT_EQ(pcrs.size(), expect["tpm_pcrs_sha256"].size());
  for (const auto& [index, value] : expect["tpm_pcrs_sha256"].items()) {
    EXPECT_EQ(pcrs[std::to_string(std::stoi(index))], value) << "PCR " << index;
  }
  EXPECT_EQ(pcrs["0"], expect["tpm_pcr00"]);
  EXPECT_EQ(out.claims["x-ms-azurevm-attested-pcrs"], expect["tpm_quote"]["pcr_select"]["pcrs"]);
  EXPECT_EQ(HexEncode(v->quote.quote.pcr_digest), expect["tpm_quote"]["pcr_digest"]);

  const nlohmann::json& tee = out.claims["x-ms-isolation-tee"];
  const nlohmann::json& snp = expect["snp"];
  EXPECT_EQ(tee["x-ms-attestation-type"], "sevsnpvm");
  EXPECT_EQ(tee["x-ms-sevsnpvm-reportdata"], snp["report_data"]);
  EXPECT_EQ(tee["x-ms-sevsnpvm-launchmeasurement"], snp["measurement"]);
  EXPECT_EQ(tee["x-ms-sevsnpvm-guestsvn"], snp["guest_svn"]);
  EXPECT_EQ(tee["x-ms-sevsnpvm-vmpl"], snp["vmpl"]);
  EXPECT_EQ(tee["x-ms-sevsnpvm-idkeydigest"], snp["id_key_digest"]);
  EXPECT_EQ(tee["x-ms-sevsnpvm-snpfw-svn"], snp["reported_tcb"]["snp"]);
  EXPECT_EQ(tee["x-ms-sevsnpvm-microcode-svn"], snp["reported_tcb"]["microcode"]);
  std::vector<std::string> keys;
  for (const auto& [key, unused] : tee["x-ms-runtime"].items()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> expected_keys = expect["hcl"]["var_data_keys"];
  std::sort(expected_keys.begin(), expected_keys.end());
  EXPECT_EQ(keys, expected_keys);
  EXPECT_EQ(tee["x-ms-runtime"]["keys"][0]["kid"], "HCLAkPub");
}

TEST_F(AzureVtpmTest, WithoutANonceTheQuoteIsNotBoundToAChallenge) {
  options_.nonce.reset();
  EXPECT_TRUE(Verify().ok());
}

TEST_F(AzureVtpmTest, TheEvidencesVcekMustChainToTheTrustedArk) {
  amd_.clear();
  Result<VerifiedAzureVtpm> v = Verify();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(FailedCheck(v.status()), "vek chain") << v.status();
  // A VCEK of another chip does not verify this report.
  SetUp();
  evidence_.vcek_der = vectors::Read("snp-trustee-milan-vcek/vcek.der");
  v = Verify();
  ASSERT_FALSE(v.ok());
  const std::string check = FailedCheck(v.status());
  EXPECT_TRUE(check == "chip id" || check == "report signature" || check == "reported tcb")
      << v.status();
  evidence_.vcek_der = {1, 2, 3};
  EXPECT_EQ(FailedCheck(Verify().status()), "vek chain");
}

TEST_F(AzureVtpmTest, TheAkMustBeAnRsaKeyFromTheRuntimeClaims) {
  nlohmann::json claims = evidence_.hcl.runtime_claims;
  for (nlohmann::json& key : evidence_.hcl.runtime_claims["keys"]) {
    if (key["kid"] == "HCLAkPub") key["kid"] = "renamed";
  }
  EXPECT_EQ(FailedCheck(Verify().status()), "ak extraction");
  evidence_.hcl.runtime_claims = claims;
  for (nlohmann::json& key : evidence_.hcl.runtime_claims["keys"]) {
    if (key["kid"] == "HCLAkPub") key["n"] = "!";
  }
  EXPECT_EQ(FailedCheck(Verify().status()), "ak extraction");
}

TEST_F(AzureVtpmTest, TdxBasedReportsAreRefusedAsUnsupported) {
  evidence_.hcl.report_type = evidence::kHclReportTypeTdx;
  evidence_.hcl.snp.reset();
  Result<VerifiedAzureVtpm> v = Verify();
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("TD quote"), std::string_view::npos);
}

TEST_F(AzureVtpmTest, QuoteChecks) {
  evidence::AzureVtpmEvidence good = evidence_;
  evidence_.tpm_signature.back() ^= 1;
  EXPECT_EQ(FailedCheck(Verify().status()), "tpm quote signature");
  evidence_ = good;
  evidence_.pcrs.pop_back();
  EXPECT_EQ(FailedCheck(Verify().status()), "pcr digest");
  evidence_ = good;
  evidence_.pcrs[5].resize(7);
  EXPECT_EQ(FailedCheck(Verify().status()), "parse");
  evidence_ = good;
  evidence_.tpm_quote.resize(20);
  EXPECT_EQ(FailedCheck(Verify().status()), "parse");
}

}  // namespace
}  // namespace confidant::verify

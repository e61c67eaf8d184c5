// Every SEV-SNP case of ../shared/vectors/cases.json, data-driven: mutations and substitutions
// applied as the case describes, the verdict and the failing check compared.

#include "verify/snp_verifier.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/time.h"
#include "testing/vectors.h"

namespace confidant::verify {
namespace {

// The message prefix of the check each error class names.
std::vector<std::string> AcceptedChecks(const nlohmann::json& c) {
  std::string error_class = c["expect"]["error_class"];
  if (error_class == "report_signature") return {"snp: report signature"};
  if (error_class == "vek_chain") return {"snp: vek chain"};
  if (error_class == "expired") return {"snp: expired: chain: certificate has expired"};
  if (error_class == "policy") return {"snp: policy"};
  if (error_class == "tcb_mismatch") {
    // The cases say the mutation breaks the signature too; checking it first is allowed.
    return {"snp: reported tcb", "snp: report signature"};
  }
  ADD_FAILURE() << "unknown error class " << error_class;
  return {};
}

TEST(SnpVerifierTest, EveryVectorCase) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  int cases = 0;
  for (const nlohmann::json& c : vectors::Cases("sev-snp")) {
    SCOPED_TRACE(c["id"].get<std::string>());
    ++cases;
    Bytes report = vectors::Read(c["evidence"]);
    Bytes vek_der = vectors::Read(c["collateral"]["vek_der"]);
    if (c.contains("mutation")) {
      const nlohmann::json& m = c["mutation"];
      vectors::ApplyMutation(m["target"] == "evidence" ? report : vek_der, m);
    }
    Result<std::vector<crypto::Certificate>> amd =
        crypto::Certificate::ParsePemChain(ToString(vectors::Read(c["trust"]["amd_ask_ark_asvk"])));
    ASSERT_TRUE(amd.ok()) << amd.status();
    if (c.contains("substitution")) {
      // Only the ARK and the VLEK signing key (ASVK) are offered as the VCEK's issuers.
      amd->erase(amd->begin());  // the ASK is first in the file
    }
    SnpPolicy policy;
    if (c.contains("policy")) {
      if (c["policy"]["product"] == "Milan") policy.product = evidence::SnpProduct::kMilan;
      policy.stepping = c["policy"]["machine_stepping"].get<int>();
    }
    Result<crypto::Certificate> vek = crypto::Certificate::FromDer(vek_der);
    ASSERT_TRUE(vek.ok()) << vek.status();
    int64_t now = ToUnixSeconds(*ParseRfc3339(c["now"].get<std::string>()));

    Result<VerifiedSnpReport> verified = VerifySnpReport(report, *vek, *amd, now, policy);
    if (c["expect"]["verdict"] == "ok") {
      ASSERT_TRUE(verified.ok()) << verified.status();
      const nlohmann::json& claims = c["expect"]["claims"];
      if (claims.contains("product")) {
        EXPECT_EQ(evidence::SnpProductName(verified->product), claims["product"]);
      }
      if (claims.contains("vcek_product_name")) {
        EXPECT_EQ(verified->vek_product_name, claims["vcek_product_name"]);
      }
      EXPECT_NE(verified->trust_anchor.find("CN=ARK-Milan"), std::string::npos);
    } else {
      ASSERT_FALSE(verified.ok());
      bool matched = false;
      for (const std::string& check : AcceptedChecks(c)) {
        matched |= verified.status().message().rfind(check, 0) == 0;
      }
      EXPECT_TRUE(matched) << c["expect"]["error_class"] << ": " << verified.status();
    }
  }
  EXPECT_GE(cases, 11);
}

// A flip of any signed byte is refused: by the parser (version, must-be-zero fields, signature
// algorithm), or by the signature check before anything else is believed.
TEST(SnpVerifierTest, EverySignedByteIsCovered) {
  if (!vectors::Available()) GTEST_SKIP();
  const Bytes report = vectors::Read("snp-trustee-milan-vcek/report.bin");
  Result<crypto::Certificate> vek =
      crypto::Certificate::FromDer(vectors::Read("snp-trustee-milan-vcek/vcek.der"));
  Result<std::vector<crypto::Certificate>> amd = crypto::Certificate::ParsePemChain(
      ToString(vectors::Read("trust/amd_milan_ask_ark_asvk.pem")));
  ASSERT_TRUE(vek.ok() && amd.ok());
  const int64_t now = ToUnixSeconds(*ParseRfc3339("2025-06-10T00:00:00Z"));
  ASSERT_TRUE(VerifySnpReport(report, *vek, *amd, now).ok());
  for (size_t offset = 0; offset < evidence::kSnpSignedSize; ++offset) {
    Bytes mutated = report;
    mutated[offset] ^= 0x01;
    Result<VerifiedSnpReport> verified = VerifySnpReport(mutated, *vek, *amd, now);
    ASSERT_FALSE(verified.ok()) << "offset " << offset;
    const std::string check = FailedCheck(verified.status());
    EXPECT_TRUE(check == "report signature" || check == "parse" || check == "vek chain")
        << offset << ": " << verified.status();
  }
}

}  // namespace
}  // namespace confidant::verify

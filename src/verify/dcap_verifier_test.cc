// Every DCAP case of ../shared/vectors/cases.json (SGX, TDX, Open Enclave reports), data-driven:
// verdict, failing check, TCB status, advisories and claims; plus the collateral in Intel PCS
// form, both Intel root issues, and the TDX TCB rules.

#include "verify/dcap_verifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/time.h"
#include "testing/vectors.h"

namespace confidant::verify {
namespace {

std::vector<crypto::Certificate> IntelRoots(const nlohmann::json& c) {
  std::vector<crypto::Certificate> roots;
  for (const char* key : {"intel_root_ca", "intel_root_ca_alt"}) {
    if (!c["trust"].contains(key)) continue;
    Result<crypto::Certificate> root = crypto::Certificate::FromDer(vectors::Read(c["trust"][key]));
    EXPECT_TRUE(root.ok()) << root.status();
    if (root.ok()) roots.push_back(*root);
  }
  return roots;
}

// The vector's claim names and ours.
const std::map<std::string, std::string>& ClaimNames() {
  static const auto* names = new std::map<std::string, std::string>{
      {"mrenclave", "x-ms-sgx-mrenclave"},
      {"mrsigner", "x-ms-sgx-mrsigner"},
      {"isv_prod_id", "x-ms-sgx-product-id"},
      {"isv_svn", "x-ms-sgx-svn"},
      {"attributes", "x-confidant-sgx-attributes"},
      {"cpu_svn", "x-confidant-sgx-cpu-svn"},
      {"misc_select", "x-confidant-sgx-misc-select"},
      {"qe_svn", "x-confidant-qe-svn"},
      {"pce_svn", "x-confidant-pce-svn"},
      {"fmspc", "x-confidant-pck-fmspc"},
      {"pce_id", "x-confidant-pck-pce-id"},
      {"pck_issuer", "x-confidant-pck-issuer"},
      {"mr_td", "tdx_mrtd"},
      {"mr_seam", "tdx_mrseam"},
      {"mr_signer_seam", "tdx_mrsignerseam"},
      {"seam_attributes", "tdx_seam_attributes"},
      {"td_attributes", "tdx_td_attributes"},
      {"xfam", "tdx_xfam"},
      {"mr_config_id", "tdx_mrconfigid"},
      {"mr_owner", "tdx_mrowner"},
      {"mr_owner_config", "tdx_mrownerconfig"},
      {"rtmr0", "tdx_rtmr0"},
      {"rtmr1", "tdx_rtmr1"},
      {"rtmr2", "tdx_rtmr2"},
      {"rtmr3", "tdx_rtmr3"},
      {"tee_tcb_svn", "tdx_tee_tcb_svn"},
      {"tee_tcb_svn2", "x-confidant-tdx-tee-tcb-svn2"},
      {"mr_servicetd", "x-confidant-tdx-mr-servicetd"},
  };
  return *names;
}

void ExpectClaims(const nlohmann::json& expected, const Verified& verified) {
  const nlohmann::json& claims = verified.claims;
  const bool tdx = verified.attestation_type == "tdxvm";
  for (const auto& [name, value] : expected.items()) {
    SCOPED_TRACE(name);
    if (name == "debug") {
      EXPECT_EQ(claims[tdx ? "tdx_td_attributes_debug" : "x-ms-sgx-is-debuggable"], value);
    } else if (name == "report_data") {
      EXPECT_EQ(claims[tdx ? "tdx_report_data" : "x-ms-sgx-report-data"], value);
    } else if (name == "pck_tcb") {
      EXPECT_EQ(claims["x-confidant-pck-tcb"]["sgx_components"], value["sgx_components"]);
      EXPECT_EQ(claims["x-confidant-pck-tcb"]["pcesvn"], value["pcesvn"]);
    } else if (name == "report_data_0_32_equals_sha256_enclave_held_data") {
      continue;  // checked where the enclave-held data is read
    } else {
      ASSERT_TRUE(ClaimNames().contains(name)) << "no mapping for vector claim " << name;
      EXPECT_EQ(claims[ClaimNames().at(name)], value);
    }
  }
}

void RunCase(const nlohmann::json& c, VerificationCache* cache = nullptr) {
  SCOPED_TRACE(c["id"].get<std::string>());
  Bytes quote = vectors::Read(c["evidence"]);
  if (c.contains("mutation") && !c["mutation"].is_null()) {
    vectors::ApplyMutation(quote, c["mutation"]);
  }
  std::optional<evidence::DcapCollateral> collateral;
  if (c["collateral"].contains("quote_collateral_json") && c.value("mode", "") != "quote-only") {
    Result<evidence::DcapCollateral> parsed = evidence::ParseQuoteCollateralJson(
        vectors::ReadText(c["collateral"]["quote_collateral_json"]));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    collateral = *parsed;
  }
  int64_t now = ToUnixSeconds(*ParseRfc3339(c["now"].get<std::string>()));
  Result<VerifiedDcapQuote> verified =
      VerifyDcapQuote(quote, collateral ? &*collateral : nullptr, IntelRoots(c), now,
                      DcapOptions{TdxTcbRule::kIntelQvl, cache});
  const nlohmann::json& expect = c["expect"];
  if (expect["verdict"] == "ok") {
    ASSERT_TRUE(verified.ok()) << verified.status();
    Verified v = ToVerified(*verified);
    if (expect["tcb_status"].is_string()) {
      EXPECT_EQ(v.tcb_status, expect["tcb_status"].get<std::string>());
      std::vector<std::string> advisories = expect["advisories"];
      if (c["id"] == "dcap-qvl-sgx-v3") {
        EXPECT_EQ(v.advisories, advisories);  // the source asserts this order
      } else {
        EXPECT_EQ(std::set<std::string>(v.advisories.begin(), v.advisories.end()),
                  std::set<std::string>(advisories.begin(), advisories.end()));
      }
    } else {
      EXPECT_FALSE(v.tcb_status.has_value());
    }
    if (expect.contains("claims") && expect["claims"].is_object()) {
      ExpectClaims(expect["claims"], v);
    }
    EXPECT_NE(v.trust_anchor.find("CN=Intel SGX Root CA"), std::string::npos);
  } else {
    ASSERT_FALSE(verified.ok());
    EXPECT_TRUE(vectors::ChecksForErrorClass(expect["error_class"])
                    .contains(FailedCheck(verified.status())))
        << expect["error_class"] << ": " << verified.status();
  }
}

TEST(DcapVerifierTest, EveryVectorCase) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  int cases = 0;
  for (const char* kind : {"sgx-dcap", "tdx-dcap", "oe-sgx-report"}) {
    for (const nlohmann::json& c : vectors::Cases(kind)) {
      RunCase(c);
      ++cases;
    }
  }
  EXPECT_EQ(cases, 21);
}

// The same cases through one long-lived cache, twice over: the second pass answers from it and
// must reach the same verdicts.
TEST(DcapVerifierTest, EveryVectorCaseThroughASharedCache) {
  if (!vectors::Available()) GTEST_SKIP();
  VerificationCache cache;
  for (int pass = 0; pass < 2; ++pass) {
    for (const char* kind : {"sgx-dcap", "tdx-dcap", "oe-sgx-report"}) {
      for (const nlohmann::json& c : vectors::Cases(kind)) RunCase(c, &cache);
    }
  }
  EXPECT_GT(cache.chain_hits(), 10u);
}

evidence::DcapCollateral PcsCollateral() {
  const std::string dir = "tdx-go-spr-e4/";
  evidence::DcapCollateral collateral;
  Result<evidence::SignedJson> tcb = evidence::ParsePcsSignedResponse(
      vectors::ReadText(dir + "tcb_info_response.json"), "tcbInfo");
  Result<evidence::SignedJson> qe = evidence::ParsePcsSignedResponse(
      vectors::ReadText(dir + "qe_identity_response.json"), "enclaveIdentity");
  EXPECT_TRUE(tcb.ok()) << tcb.status();
  EXPECT_TRUE(qe.ok()) << qe.status();
  if (tcb.ok()) collateral.tcb_info = *tcb;
  if (qe.ok()) collateral.qe_identity = *qe;
  collateral.tcb_info_issuer_chain = vectors::ReadText(dir + "tcb_info_issuer_chain.pem");
  collateral.qe_identity_issuer_chain = vectors::ReadText(dir + "qe_identity_issuer_chain.pem");
  collateral.pck_crl_issuer_chain = vectors::ReadText(dir + "pck_crl_issuer_chain.pem");
  collateral.pck_crl = vectors::Read(dir + "pck_crl_platform.der");
  collateral.root_ca_crl = vectors::Read(dir + "root_ca_crl.der");
  return collateral;
}

int64_t At(const char* rfc3339) { return ToUnixSeconds(*ParseRfc3339(rfc3339)); }

std::vector<crypto::Certificate> Root(const char* file) {
  return {*crypto::Certificate::FromDer(vectors::Read(file))};
}

TEST(DcapVerifierTest, PcsFormatCollateralGivesTheSameVerdicts) {
  if (!vectors::Available()) GTEST_SKIP();
  evidence::DcapCollateral collateral = PcsCollateral();
  Bytes quote = vectors::Read("tdx-go-spr-e4/quote.bin");
  auto roots = Root("trust/intel_sgx_root_ca_2049.der");
  Result<VerifiedDcapQuote> full =
      VerifyDcapQuote(quote, &collateral, roots, At("2023-07-01T01:00:00Z"));
  EXPECT_EQ(FailedCheck(full.status()), "no matching tcb level") << full.status();
  Result<VerifiedDcapQuote> late =
      VerifyDcapQuote(quote, &collateral, roots, At("2053-07-01T01:00:00Z"));
  EXPECT_EQ(FailedCheck(late.status()), "expired") << late.status();
  // Just past the tcb info's nextUpdate, with every certificate still valid.
  Result<VerifiedDcapQuote> stale =
      VerifyDcapQuote(quote, &collateral, roots, At("2023-07-18T08:42:58Z"));
  EXPECT_EQ(FailedCheck(stale.status()), "expired") << stale.status();
}

TEST(DcapVerifierTest, EitherIssueOfTheIntelRootVerifiesEitherChain) {
  if (!vectors::Available()) GTEST_SKIP();
  // The Azure quotes embed the 2033 issue, the dcap-qvl quote the 2049 issue.
  for (const char* root :
       {"trust/intel_sgx_root_ca_2033.der", "trust/intel_sgx_root_ca_2049.der"}) {
    SCOPED_TRACE(root);
    EXPECT_TRUE(VerifyDcapQuote(vectors::Read("sgx-azure-oe/sgx_quote_debug.bin"), nullptr,
                                Root(root), At("2025-06-26T17:19:45Z"))
                    .ok());
    EXPECT_TRUE(VerifyDcapQuote(vectors::Read("sgx-dcap-qvl-v3/quote.bin"), nullptr, Root(root),
                                At("2025-07-19T10:01:17Z"))
                    .ok());
  }
}

TEST(DcapVerifierTest, AnUntrustedRootIsRefused) {
  if (!vectors::Available()) GTEST_SKIP();
  // The AMD ARK is a self-signed root, but not Intel's.
  std::vector<crypto::Certificate> amd =
      *crypto::Certificate::ParsePemChain(vectors::ReadText("trust/amd_milan_ask_ark_asvk.pem"));
  Result<VerifiedDcapQuote> verified =
      VerifyDcapQuote(vectors::Read("sgx-dcap-qvl-v3/quote.bin"), nullptr, std::vector{amd[1]},
                      At("2025-07-19T10:01:17Z"));
  EXPECT_EQ(FailedCheck(verified.status()), "pck chain") << verified.status();
}

// Flipping any byte the quote signature covers is a quote-signature rejection; flipping any
// byte of the QE report, a QE-report-signature rejection.
TEST(DcapVerifierTest, EverySignedByteIsCovered) {
  if (!vectors::Available()) GTEST_SKIP();
  const Bytes quote = vectors::Read("sgx-dcap-qvl-v3/quote.bin");
  auto roots = Root("trust/intel_sgx_root_ca_2049.der");
  const int64_t now = At("2025-07-19T10:01:17Z");
  for (size_t offset = 0; offset < 432; ++offset) {
    Bytes mutated = quote;
    mutated[offset] ^= 0x01;
    Result<VerifiedDcapQuote> verified = VerifyDcapQuote(mutated, nullptr, roots, now);
    ASSERT_FALSE(verified.ok()) << "offset " << offset;
    const std::string check = FailedCheck(verified.status());
    // Header fields the parser checks (version, key type, TEE type) fail as parse errors.
    EXPECT_TRUE(check == "quote signature" || check == "parse") << offset << ": " << check;
  }
  for (size_t offset = 436 + 128; offset < 436 + 128 + 384; ++offset) {
    Bytes mutated = quote;
    mutated[offset] ^= 0x01;
    Result<VerifiedDcapQuote> verified = VerifyDcapQuote(mutated, nullptr, roots, now);
    EXPECT_EQ(FailedCheck(verified.status()), "qe report signature") << offset;
  }
  // The attestation key is bound by the QE report data.
  Bytes mutated = quote;
  mutated[436 + 64] ^= 0x01;
  Result<VerifiedDcapQuote> verified = VerifyDcapQuote(mutated, nullptr, roots, now);
  EXPECT_EQ(FailedCheck(verified.status()), "qe binding") << verified.status();
}

TEST(DcapVerifierTest, EveryTruncationIsAParseError) {
  if (!vectors::Available()) GTEST_SKIP();
  auto roots = Root("trust/intel_sgx_root_ca_2049.der");
  for (const char* file : {"sgx-dcap-qvl-v3/quote.bin", "tdx-dcap-qvl-v4/quote.bin",
                           "sgx-azure-oe/oe_report_debug.bin"}) {
    const Bytes quote = vectors::Read(file);
    Result<evidence::DcapQuote> parsed =
        evidence::ParseDcapQuote(std::string_view(file).find("oe_report") != std::string_view::npos
                                     ? *evidence::UnwrapOpenEnclaveReport(quote)
                                     : ByteSpan(quote));
    ASSERT_TRUE(parsed.ok());
    const bool oe = std::string_view(file).find("oe_report") != std::string_view::npos;
    const size_t needed = parsed->size + (oe ? 16 : 0);
    for (size_t n = 0; n < needed; ++n) {
      Result<VerifiedDcapQuote> verified =
          VerifyDcapQuote(ByteSpan(quote).first(n), nullptr, roots, 0);
      ASSERT_FALSE(verified.ok()) << file << " " << n;
      ASSERT_EQ(verified.status().code(), StatusCode::kInvalidArgument)
          << file << " " << n << ": " << verified.status();
    }
  }
}

// With TEE_TCB_SVN[1] > 0, Intel's rule skips bytes 0 and 1 (the module is checked through its
// identity); dcap-qvl's compares all 16. A TD whose TEE_TCB_SVN[0] is below the top level's
// tdxtcbcomponents[0] shows the difference.
TEST(DcapVerifierTest, TdxRulesDifferOnlyInTheModuleBytes) {
  if (!vectors::Available()) GTEST_SKIP();
  nlohmann::json c = vectors::Case("dcap-qvl-tdx-v4");
  evidence::DcapCollateral collateral = *evidence::ParseQuoteCollateralJson(
      vectors::ReadText(c["collateral"]["quote_collateral_json"]));
  evidence::TcbInfo info = *evidence::ParseTcbInfo(collateral.tcb_info.text);
  Result<VerifiedDcapQuote> v = VerifyDcapQuote(vectors::Read(c["evidence"]), &collateral,
                                                Root("trust/intel_sgx_root_ca_2049.der"),
                                                At(c["now"].get<std::string>().c_str()));
  ASSERT_TRUE(v.ok()) << v.status();
  evidence::TdReportBody td = *v->quote.td_body;
  ASSERT_EQ(td.tee_tcb_svn[1], 1);  // module major version 1
  for (TdxTcbRule rule : {TdxTcbRule::kIntelQvl, TdxTcbRule::kAllComponents}) {
    const evidence::TcbLevel* level = SelectPlatformTcbLevel(info, v->pck.tcb, &td, rule);
    ASSERT_NE(level, nullptr);
    EXPECT_EQ(level->status, evidence::TcbStatus::kUpToDate);
  }
  td.tee_tcb_svn[0] = 0;  // below every level's tdxtcbcomponents[0] (5)
  EXPECT_NE(SelectPlatformTcbLevel(info, v->pck.tcb, &td, TdxTcbRule::kIntelQvl), nullptr);
  EXPECT_EQ(SelectPlatformTcbLevel(info, v->pck.tcb, &td, TdxTcbRule::kAllComponents), nullptr);
  td.tee_tcb_svn[1] = 0;  // no major version: both rules compare byte 0
  EXPECT_EQ(SelectPlatformTcbLevel(info, v->pck.tcb, &td, TdxTcbRule::kIntelQvl), nullptr);
  td.tee_tcb_svn[2] = 0;  // below tdxtcbcomponents[2] = 2: neither rule finds a level
  td.tee_tcb_svn[0] = 6;
  td.tee_tcb_svn[1] = 1;
  EXPECT_EQ(SelectPlatformTcbLevel(info, v->pck.tcb, &td, TdxTcbRule::kIntelQvl), nullptr);
}

}  // namespace
}  // namespace confidant::verify

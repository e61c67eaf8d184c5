// Every case of ../shared/vectors/cases.json, through the entry point `confidant attest verify`
// uses (VerifyEvidence with a CollateralStore over the case's files and the case's trust
// anchors): the verdict, the failing check for rejections, the TCB status and advisories. The
// per-kind tests (dcap_verifier_test, snp_verifier_test, tpm_verifier_test, ...) compare claims
// in detail; this one makes sure nothing is lost between them and the command.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/encoding.h"
#include "common/time.h"
#include "testing/vectors.h"
#include "verify/evidence_verifier.h"

namespace confidant::verify {
namespace {

namespace fs = std::filesystem;

// Applies a mutation aimed at a field inside a JSON evidence document (the Azure vTPM cases):
// "evidence.tpm_quote.signature", "evidence.tpm_quote.pcrs[0]" (hex) or the HCL report
// ("... evidence.hcl_report", base64url). False if the target is not such a field.
bool MutateJsonEvidence(Bytes& evidence, const nlohmann::json& mutation) {
  const std::string target = mutation["target"];
  nlohmann::json doc = nlohmann::json::parse(ToString(evidence));
  nlohmann::json* field = nullptr;
  bool hex = true;
  if (target == "evidence.tpm_quote.signature") {
    field = &doc["tpm_quote"]["signature"];
  } else if (target == "evidence.tpm_quote.pcrs[0]") {
    field = &doc["tpm_quote"]["pcrs"][0];
  } else if (target.find("evidence.hcl_report") != std::string::npos) {
    field = &doc["hcl_report"];
    hex = false;
  } else {
    return false;
  }
  const std::string text = *field;
  Bytes bytes = hex ? *HexDecode(text) : *Base64UrlDecode(text);
  vectors::ApplyMutation(bytes, mutation);
  *field = hex ? HexEncode(bytes) : Base64UrlEncode(bytes);
  evidence = ToBytes(doc.dump());
  return true;
}

class VectorCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors";
    dir_ = fs::temp_directory_path() / ("confidant-cases-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The case's collateral files copied into a fresh directory (the VEK mutated if the case
  // says so), opened as a store.
  Result<CollateralStore> Store(const nlohmann::json& c) {
    fs::path store = dir_ / c["id"].get<std::string>();
    fs::create_directories(store);
    for (const auto& [key, value] : c["collateral"].items()) {
      if (!value.is_string()) continue;
      if (key == "enclave_held_data" || key == "hcl_report" || key == "snp_report" ||
          key == "jwks_recording") {
        continue;  // not collateral: what the evidence carries, or a token's keys
      }
      if (key == "tcb_info_response" || key == "qe_identity_response" || key.ends_with("_pem") ||
          key.ends_with("crl_der")) {
        if (c["collateral"].contains("quote_collateral_json")) continue;  // same, other format
      }
      Bytes bytes = vectors::Read(value.get<std::string>());
      if (c.contains("mutation") && c["mutation"]["target"] == "collateral." + key) {
        vectors::ApplyMutation(bytes, c["mutation"]);
      }
      std::ofstream(store / fs::path(value.get<std::string>()).filename(), std::ios::binary)
          .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
    return CollateralStore::Open(store);
  }

  fs::path dir_;
};

TEST_F(VectorCasesTest, EveryEvidenceCaseThroughVerifyEvidence) {
  int cases = 0;
  for (const nlohmann::json& c : vectors::Cases()) {
    const std::string kind = c["kind"];
    if (kind == "eventlog" || kind == "maa-token") continue;  // not evidence; own tests
    SCOPED_TRACE(c["id"].get<std::string>());
    ++cases;
    VerifyRequest request;
    request.evidence = vectors::Read(c["evidence"]);
    if (c.contains("mutation") && c["mutation"]["target"] == "evidence") {
      vectors::ApplyMutation(request.evidence, c["mutation"]);
    } else if (c.contains("mutation") && kind == "azure-snp-vtpm" &&
               c["mutation"]["target"] != "input.expected_nonce") {
      EXPECT_TRUE(MutateJsonEvidence(request.evidence, c["mutation"])) << c["mutation"];
    }
    request.now_unix_seconds =
        c["now"].is_string() ? ToUnixSeconds(*ParseRfc3339(c["now"].get<std::string>())) : 0;
    std::optional<CollateralStore> store;
    if (c.value("mode", "") != "quote-only" && !c["collateral"].empty()) {
      Result<CollateralStore> opened = Store(c);
      if (opened.ok()) store = std::move(*opened);
    }
    request.collateral = store ? &*store : nullptr;
    if (c.contains("policy") && c["policy"].is_object()) {
      if (c["policy"]["product"] == "Milan")
        request.snp_policy.product = evidence::SnpProduct::kMilan;
      request.snp_policy.stepping = c["policy"]["machine_stepping"].get<int>();
    }
    if (c.contains("input") && c["input"].is_object()) {
      const nlohmann::json& input = c["input"];
      std::string nonce = input.value("expected_nonce_hex", input.value("nonce_hex", ""));
      request.nonce = *HexDecode(nonce);
      if (c.contains("mutation") && c["mutation"]["target"] == "input.expected_nonce") {
        vectors::ApplyMutation(*request.nonce, c["mutation"]);
      }
    }
    request.allow_sha1_tpm = true;  // the GCP quote is SHA-1 (tpm_verifier_test covers refusal)

    std::vector<crypto::Certificate> trust_files;
    TrustAnchors trust;
    for (const auto& [key, value] : c["trust"].items()) {
      Result<TrustAnchors> loaded = TrustAnchors::Load(vectors::Dir() / value.get<std::string>());
      ASSERT_TRUE(loaded.ok()) << loaded.status();
      trust.intel_roots.insert(trust.intel_roots.end(), loaded->intel_roots.begin(),
                               loaded->intel_roots.end());
      trust.amd.insert(trust.amd.end(), loaded->amd.begin(), loaded->amd.end());
    }
    if (c.contains("substitution") && c["substitution"].is_object() && kind == "sev-snp") {
      // Only the ARK and the ASVK are offered as the VCEK's issuers (the ASK is first).
      trust.amd.erase(trust.amd.begin());
    }
    if (c["trust"].empty()) {
      Result<TrustAnchors> installed = TrustAnchors::Default();
      ASSERT_TRUE(installed.ok()) << installed.status();
      trust = *installed;
    }

    Result<Verified> verified = VerifyEvidence(request, trust);
    const nlohmann::json& expect = c["expect"];
    if (expect["verdict"] == "ok") {
      ASSERT_TRUE(verified.ok()) << verified.status();
      if (expect["tcb_status"].is_string()) {
        EXPECT_EQ(verified->tcb_status, expect["tcb_status"].get<std::string>());
        std::vector<std::string> advisories = expect["advisories"];
        EXPECT_EQ(std::set<std::string>(verified->advisories.begin(), verified->advisories.end()),
                  std::set<std::string>(advisories.begin(), advisories.end()));
      }
      EXPECT_FALSE(verified->trust_anchor.empty());
    } else {
      ASSERT_FALSE(verified.ok());
      EXPECT_TRUE(vectors::ChecksForErrorClass(expect["error_class"])
                      .contains(FailedCheck(verified.status())))
          << expect["error_class"] << ": " << verified.status();
    }
  }
  EXPECT_EQ(cases, 40);
}

}  // namespace
}  // namespace confidant::verify

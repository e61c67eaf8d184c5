// `confidant attest verify` as a user runs it: exit codes, text and JSON output, collateral as a
// file or a directory, trust anchors, usage errors.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/run_cli_for_test.h"
#include "testing/vectors.h"

namespace confidant::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string V(const std::string& relative) { return (vectors::Dir() / relative).string(); }

class AttestVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors";
  }
};

TEST_F(AttestVerifyTest, SgxQuoteWithCollateralPrintsStatusAndClaims) {
  Outcome run = RunCli({"attest", "verify", V("sgx-dcap-qvl-v3/quote.bin"), "--collateral",
                        V("sgx-dcap-qvl-v3/collateral.json"), "--now", "2025-07-19T10:01:17Z"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, StartsWith("verified: sgx evidence\n"));
  EXPECT_THAT(run.out, HasSubstr("tcb status: ConfigurationAndSWHardeningNeeded\n"));
  EXPECT_THAT(run.out, HasSubstr("advisories: INTEL-SA-00289, INTEL-SA-00615\n"));
  EXPECT_THAT(run.out,
              HasSubstr("x-ms-sgx-mrenclave: "
                        "33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb\n"));
}

TEST_F(AttestVerifyTest, JsonOutputCarriesVerdictStatusAndClaims) {
  Outcome run = RunCli({"attest", "verify", "--json", V("tdx-dcap-qvl-v4/quote.bin"),
                        "--collateral", V("tdx-dcap-qvl-v4"), "--now", "2025-07-19T10:00:34Z"});
  ASSERT_EQ(run.exit_code, kExitOk) << run.err;
  nlohmann::json doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["verdict"], "verified");
  EXPECT_EQ(doc["attestation_type"], "tdxvm");
  EXPECT_EQ(doc["tcb_status"], "UpToDate");
  EXPECT_EQ(doc["claims"]["tdx_mrtd"],
            "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b25"
            "38873118b7");
  EXPECT_EQ(doc["claims"]["attester_tcb_status"], "UpToDate");
}

TEST_F(AttestVerifyTest, ACollateralDirectoryWithManyDatesPicksTheOneValidNow) {
  // The three evaluation data numbers of one FMSPC, side by side: at the cases' time, all are
  // valid and the highest (19) wins.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("confidant-collateral-" + std::to_string(::getpid()));
  fs::create_directories(dir / "00606a000000");
  for (const char* n : {"17", "18", "19"}) {
    fs::copy_file(V(std::string("sgx-tcb-eval-select/collateral_eval") + n + ".json"),
                  dir / "00606a000000" / (std::string("eval") + n + ".json"),
                  fs::copy_options::overwrite_existing);
  }
  fs::copy_file(V("sgx-dcap-qvl-v3/collateral.json"), dir / "00a067110000.json",
                fs::copy_options::overwrite_existing);
  Outcome run = RunCli({"attest", "verify", "--json", V("sgx-tcb-eval-select/quote.bin"),
                        "--collateral", dir.string(), "--now", "2025-06-27T12:00:00Z"});
  ASSERT_EQ(run.exit_code, kExitOk) << run.err;
  nlohmann::json doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["tcb_status"], "OutOfDate");
  EXPECT_EQ(doc["claims"]["x-confidant-tcb-evaluation-data-number"], 19);
  EXPECT_EQ(doc["advisories"].size(), 6u);
  // The other FMSPC in the same directory serves its own quote.
  Outcome other = RunCli({"attest", "verify", V("sgx-dcap-qvl-v3/quote.bin"), "--collateral",
                          dir.string(), "--now", "2025-07-19T10:01:17Z"});
  EXPECT_EQ(other.exit_code, kExitOk) << other.err;
  fs::remove_all(dir);
}

TEST_F(AttestVerifyTest, RejectionExitsOneAndNamesTheCheck) {
  Outcome run = RunCli({"attest", "verify", V("tdx-go-spr-e4/quote.bin"), "--collateral",
                        V("tdx-go-spr-e4"), "--now", "2023-07-01T01:00:00Z"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, StartsWith("confidant attest verify: tdx: no matching tcb level: "));
  Outcome expired =
      RunCli({"attest", "verify", "--json", V("snp-trustee-milan-vlek/report.bin"), "--collateral",
              V("snp-trustee-milan-vlek/vlek.der"), "--now", "2026-01-15T00:00:00Z"});
  EXPECT_EQ(expired.exit_code, kExitFailure);
  nlohmann::json doc = nlohmann::json::parse(expired.out);
  EXPECT_EQ(doc["error"]["code"], "UNAUTHENTICATED");
  EXPECT_THAT(doc["error"]["message"].get<std::string>(), HasSubstr("expired"));
}

TEST_F(AttestVerifyTest, QuoteWithoutCollateralIsVerifiedWithoutTcbEvaluation) {
  Outcome run = RunCli({"attest", "verify", "--kind", "sgx", V("sgx-azure-oe/oe_report_debug.bin"),
                        "--now", "2025-06-26T17:19:45Z"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("tcb status: not evaluated (no --collateral)\n"));
  EXPECT_THAT(run.out, HasSubstr("x-ms-sgx-is-debuggable: true\n"));
}

TEST_F(AttestVerifyTest, TpmEvidenceNeedsSha1OptInAndChecksTheNonce) {
  const std::string dump = V("tpm-go-attestation/windows_gcp_shielded_vm.json");
  Outcome refused = RunCli({"attest", "verify", dump});
  EXPECT_EQ(refused.exit_code, kExitFailure);
  EXPECT_THAT(refused.err, HasSubstr("tpm: tpm quote signature: "));
  EXPECT_THAT(refused.err, HasSubstr("--allow-sha1"));
  Outcome run = RunCli({"attest", "verify", "--allow-sha1", "--json", dump});
  ASSERT_EQ(run.exit_code, kExitOk) << run.err;
  nlohmann::json doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["attestation_type"], "tpm");
  EXPECT_EQ(doc["claims"]["secureboot"], true);
  EXPECT_THAT(doc["trust_anchor"].get<std::string>(), StartsWith("tpm-ak:000b"));
  Outcome nonce = RunCli({"attest", "verify", "--allow-sha1", "--nonce", "00", dump});
  EXPECT_EQ(nonce.exit_code, kExitFailure);
  EXPECT_THAT(nonce.err, HasSubstr("tpm: nonce: "));
}

TEST_F(AttestVerifyTest, AzureVtpmEvidenceIsDetectedAndVerified) {
  const std::string evidence = V("az-snp-vtpm-v1/evidence.json");
  Outcome run = RunCli({"attest", "verify", evidence, "--nonce", "6368616c6c656e6765", "--now",
                        "2025-06-10T00:00:00Z"});
  ASSERT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, StartsWith("verified: azurevm evidence\n"));
  EXPECT_THAT(run.out, HasSubstr("x-ms-attestation-type: sevsnpvm"));
  EXPECT_THAT(run.out, Not(HasSubstr("tcb status")));
  Outcome stale = RunCli({"attest", "verify", "--kind", "azure-vtpm", evidence, "--nonce",
                          "6368616c6c656e6765", "--now", "2033-01-01T00:00:00Z"});
  EXPECT_EQ(stale.exit_code, kExitFailure);
  EXPECT_THAT(stale.err, HasSubstr("expired"));
}

TEST_F(AttestVerifyTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCli({"attest", "verify"}).exit_code, kExitUsage);
  EXPECT_EQ(RunCli({"attest", "verify", "/no/such/file"}).exit_code, kExitUsage);
  Outcome bad_time =
      RunCli({"attest", "verify", V("sgx-dcap-qvl-v3/quote.bin"), "--now", "yesterday"});
  EXPECT_EQ(bad_time.exit_code, kExitUsage);
  EXPECT_THAT(bad_time.err, HasSubstr("--now"));
  EXPECT_EQ(RunCli({"attest", "verify", V("sgx-dcap-qvl-v3/quote.bin"), "--kind", "sev"}).exit_code,
            kExitUsage);
  EXPECT_EQ(
      RunCli({"attest", "verify", V("sgx-dcap-qvl-v3/quote.bin"), "--nonce", "xyz"}).exit_code,
      kExitUsage);
}

TEST_F(AttestVerifyTest, WrongKindAndUnknownBytesAreRejected) {
  Outcome wrong = RunCli({"attest", "verify", "--kind", "tdx", V("sgx-dcap-qvl-v3/quote.bin")});
  EXPECT_EQ(wrong.exit_code, kExitFailure);
  EXPECT_THAT(wrong.err, HasSubstr("is a sgx quote, not tdx"));
  Outcome unknown = RunCli({"attest", "verify", V("trust/intel_sgx_root_ca_2049.der")});
  EXPECT_EQ(unknown.exit_code, kExitFailure);
  EXPECT_THAT(unknown.err, HasSubstr("cannot tell what kind of evidence"));
}

TEST_F(AttestVerifyTest, TrustDirectoryIsHonoured) {
  // Only AMD anchors: an SGX quote has no Intel root to chain to.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("confidant-trust-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(V("trust/amd_milan_ask_ark_asvk.pem"), dir / "milan.pem",
                fs::copy_options::overwrite_existing);
  Outcome run = RunCli({"attest", "verify", V("sgx-dcap-qvl-v3/quote.bin"), "--trust", dir.string(),
                        "--now", "2025-07-19T10:01:17Z"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("no Intel SGX Root CA among the trust anchors"));
  // A VCEK is not a trust anchor.
  fs::copy_file(V("snp-trustee-milan-vcek/vcek.der"), dir / "vcek.der",
                fs::copy_options::overwrite_existing);
  Outcome misplaced = RunCli({"attest", "verify", V("snp-trustee-milan-vcek/report.bin"), "--trust",
                              dir.string(), "--collateral", V("snp-trustee-milan-vcek/vcek.der")});
  EXPECT_EQ(misplaced.exit_code, kExitFailure);
  EXPECT_THAT(misplaced.err, HasSubstr("is neither an Intel SGX Root CA nor an AMD"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace confidant::cli

// The `confidant` binary's contract as scripts see it: docs/cli.md.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "common/encoding.h"
#include "run_confidant.h"

namespace confidant::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(CliEndToEndTest, VersionNamesConfidantAndOpenSsl) {
  Outcome run = RunConfidant("--version");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, StartsWith(std::string("confidant ") + CONFIDANT_VERSION + "\nOpenSSL 3."));
}

TEST(CliEndToEndTest, HelpListsTheCommandGroups) {
  Outcome run = RunConfidant("--help");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  for (const char* group : {"platform", "enclave", "attest", "attestd", "kbs", "vm", "bench"}) {
    EXPECT_THAT(run.out, HasSubstr(group));
  }
}

TEST(CliEndToEndTest, UnknownCommandIsAUsageError) {
  Outcome run = RunConfidant("frobnicate");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, StartsWith("confidant: unknown command 'frobnicate'"));
}

TEST(CliEndToEndTest, JsonErrorIsOneDocumentOnStdout) {
  Outcome run = RunConfidant("--json frobnicate");
  EXPECT_EQ(run.exit_code, 2);
  nlohmann::json json = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(json.is_object()) << run.out;
  EXPECT_EQ(json["error"]["code"], "INVALID_ARGUMENT");
  EXPECT_THAT(json["error"]["message"].get<std::string>(), HasSubstr("frobnicate"));
}

TEST(CliEndToEndTest, PlannedGroupWithoutSubcommandIsAUsageError) {
  Outcome run = RunConfidant("kbs");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("confidant kbs: no subcommand given"));
}

// A malformed TPM structure gives one error line: the TPM library's own logging is quiet. The
// quote's PCR selection count is too big, which tss2-mu logs (TSS2_LOG=all+WARNING shows it).
TEST(CliEndToEndTest, MalformedTpmEvidenceIsOneErrorLine) {
  std::ifstream in(std::string(CONFIDANT_VECTORS_DIR) +
                   "/tpm-go-attestation/windows_gcp_shielded_vm.json");
  if (!in) GTEST_SKIP() << "no vectors at " << CONFIDANT_VECTORS_DIR;
  nlohmann::json dump = nlohmann::json::parse(in);
  // TPMS_ATTEST: magic, type, empty qualifiedSigner and extraData, clockInfo (17), firmware
  // version (8), then TPML_PCR_SELECTION.count = 0xffffffff.
  std::string attest =
      "\xff\x54\x43\x47\x80\x18" + std::string(4 + 17 + 8, '\0') + "\xff\xff\xff\xff";
  dump["Quote"]["Quote"] = Base64Encode(AsBytes(attest));
  const std::string path = ::testing::TempDir() + "/malformed_tpm.json";
  std::ofstream(path) << dump.dump();
  Outcome quiet = RunConfidant("attest verify --kind tpm --allow-sha1 " + path);
  EXPECT_EQ(quiet.exit_code, 1);
  EXPECT_THAT(quiet.err, StartsWith("confidant attest verify: tpm: tpm quote: malformed"));
  EXPECT_EQ(std::count(quiet.err.begin(), quiet.err.end(), '\n'), 1) << quiet.err;
  Outcome loud =
      RunConfidant("attest verify --kind tpm --allow-sha1 " + path, "TSS2_LOG=all+WARNING");
  EXPECT_THAT(loud.err, HasSubstr("count too big"));
}

}  // namespace
}  // namespace confidant::testing

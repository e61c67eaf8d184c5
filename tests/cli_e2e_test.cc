// The `confidant` binary's contract as scripts see it: docs/cli.md.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace confidant::testing

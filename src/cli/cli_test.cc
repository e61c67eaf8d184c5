#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench/registry.h"
#include "cli/app.h"

namespace confidant::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// Benchmarks that exist only in this test binary, to drive `confidant bench NAME`.
bench::MeasureOptions last_options;

Result<std::vector<bench::Figure>> FixedFigures(const bench::MeasureOptions& options) {
  last_options = options;
  return std::vector<bench::Figure>{bench::MakeFigure("thing", 200, "MB/s", 100, "reference")};
}
Result<std::vector<bench::Figure>> Failing(const bench::MeasureOptions&) {
  return FailedPreconditionError("no hardware here");
}
const bench::BenchRegistration kFixed({"test-fixed", "Fixed figures for tests", &FixedFigures});
const bench::BenchRegistration kFailing({"test-failing", "Always fails", &Failing});

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome RunCli(std::vector<const char*> args) {
  args.insert(args.begin(), "confidant");
  Cli cli;
  std::ostringstream out;
  std::ostringstream err;
  int exit_code = cli.Run(args, out, err);
  return {exit_code, out.str(), err.str()};
}

nlohmann::ordered_json ParseJson(const std::string& text) {
  return nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
}

TEST(CliTest, VersionPrintsConfidantAndOpenSsl) {
  Outcome run = RunCli({"--version"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_EQ(run.out, VersionText());
  EXPECT_THAT(run.out, StartsWith(std::string("confidant ") + CONFIDANT_VERSION + "\nOpenSSL 3."));
  EXPECT_EQ(run.err, "");
}

TEST(CliTest, VersionAsJson) {
  Outcome run = RunCli({"--version", "--json"});
  EXPECT_EQ(run.exit_code, kExitOk);
  nlohmann::ordered_json json = ParseJson(run.out);
  EXPECT_EQ(json["version"], CONFIDANT_VERSION);
  EXPECT_THAT(json["openssl"].get<std::string>(), StartsWith("OpenSSL 3."));
}

TEST(CliTest, HelpExitsZeroAndListsGroups) {
  Outcome run = RunCli({"--help"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("Usage: confidant"));
  for (const char* group : {"platform", "enclave", "attest", "attestd", "kbs", "vm", "bench"}) {
    EXPECT_THAT(run.out, HasSubstr(group));
  }
}

TEST(CliTest, SubcommandHelpDescribesTheSubcommand) {
  Outcome run = RunCli({"bench", "--help"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("Usage: confidant bench"));
  EXPECT_THAT(run.out, HasSubstr("test-fixed"));
}

TEST(CliTest, NoCommandIsAUsageError) {
  Outcome run = RunCli({});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, HasSubstr("Usage: confidant"));
  EXPECT_THAT(run.err, HasSubstr("confidant: no subcommand given\n"));
}

TEST(CliTest, UnknownCommandIsAUsageErrorNamingTheCommands) {
  Outcome run = RunCli({"frobnicate"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, StartsWith("confidant: unknown command 'frobnicate' (commands: platform, "));
  EXPECT_THAT(run.err, HasSubstr("Run 'confidant --help' for usage."));
}

TEST(CliTest, UnknownBenchIsAUsageError) {
  Outcome run = RunCli({"bench", "nope"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, StartsWith("confidant bench: unknown command 'nope' (commands: list, "));
}

TEST(CliTest, UnknownOptionIsAUsageError) {
  Outcome run = RunCli({"--bogus"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, StartsWith("confidant: unknown option '--bogus'"));
}

TEST(CliTest, UsageErrorAsJson) {
  Outcome run = RunCli({"--json", "frobnicate"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  nlohmann::ordered_json json = ParseJson(run.out);
  ASSERT_TRUE(json.is_object()) << run.out;
  EXPECT_EQ(json.size(), 1u);
  ASSERT_EQ(json["error"].size(), 2u);
  EXPECT_EQ(json["error"]["code"], "INVALID_ARGUMENT");
  EXPECT_THAT(json["error"]["message"].get<std::string>(),
              StartsWith("confidant: unknown command 'frobnicate'"));
  // The human line still goes to stderr.
  EXPECT_THAT(run.err, StartsWith("confidant: unknown command 'frobnicate'"));
}

TEST(CliTest, PlannedGroupsPrintHelpAndAreUsageErrors) {
  for (const char* group : {"platform", "enclave", "attest", "attestd", "kbs", "vm"}) {
    Outcome run = RunCli({group});
    EXPECT_EQ(run.exit_code, kExitUsage) << group;
    EXPECT_EQ(run.out, "") << group;
    EXPECT_THAT(run.err, HasSubstr(std::string("Usage: confidant ") + group)) << group;
    EXPECT_THAT(run.err, HasSubstr(std::string("confidant ") + group + ": no subcommand given"));
  }
}

TEST(CliTest, PlannedGroupRejectsArguments) {
  Outcome run = RunCli({"vm", "start"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, StartsWith("confidant vm: unexpected argument 'start'"));
}

TEST(CliTest, RejectsUnknownLogLevel) {
  Outcome run = RunCli({"--log-level", "loud", "bench", "list"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("--log-level"));
}

TEST(CliTest, AcceptsLogLevelAndJsonAfterTheSubcommand) {
  Outcome run = RunCli({"bench", "list", "--log-level", "debug", "--json"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  nlohmann::ordered_json json = ParseJson(run.out);
  ASSERT_TRUE(json.is_array()) << run.out;
  bool found = false;
  for (const nlohmann::ordered_json& entry : json) {
    if (entry["name"] == "test-fixed") {
      found = true;
      EXPECT_EQ(entry["description"], "Fixed figures for tests");
    }
  }
  EXPECT_TRUE(found) << run.out;
}

TEST(CliTest, BenchListAsText) {
  Outcome run = RunCli({"bench", "list"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("test-failing  Always fails\n"));
}

TEST(CliTest, BenchPrintsATableOrJson) {
  Outcome text = RunCli({"bench", "test-fixed"});
  EXPECT_EQ(text.exit_code, kExitOk) << text.err;
  EXPECT_EQ(text.out, bench::FormatFigureTable(*FixedFigures({})));

  Outcome json = RunCli({"bench", "test-fixed", "--json"});
  EXPECT_EQ(json.exit_code, kExitOk) << json.err;
  EXPECT_EQ(ParseJson(json.out), bench::FiguresToJson(*FixedFigures({})));
}

TEST(CliTest, BenchPassesMeasureOptions) {
  Outcome run = RunCli({"bench", "test-fixed", "--min-time", "0.25", "--repetitions", "3"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_EQ(last_options.min_time.count(), 0.25);
  EXPECT_EQ(last_options.repetitions, 3);

  run = RunCli({"bench", "test-fixed"});
  EXPECT_EQ(last_options.min_time.count(), 0.5);
  EXPECT_EQ(last_options.repetitions, 1);
}

TEST(CliTest, BenchRejectsBadMeasureOptions) {
  EXPECT_EQ(RunCli({"bench", "test-fixed", "--min-time", "-1"}).exit_code, kExitUsage);
  EXPECT_EQ(RunCli({"bench", "test-fixed", "--min-time", "soon"}).exit_code, kExitUsage);
  EXPECT_EQ(RunCli({"bench", "test-fixed", "--repetitions", "0"}).exit_code, kExitUsage);
}

TEST(CliTest, FailedCommandExitsOneWithItsStatus) {
  Outcome run = RunCli({"bench", "test-failing"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "confidant bench test-failing: no hardware here\n");

  Outcome json = RunCli({"--json", "bench", "test-failing"});
  EXPECT_EQ(json.exit_code, kExitFailure);
  EXPECT_EQ(
      ParseJson(json.out),
      nlohmann::ordered_json({{"error",
                               {{"code", "FAILED_PRECONDITION"},
                                {"message", "confidant bench test-failing: no hardware here"}}}}));
}

TEST(CliTest, TwoCommandsAtOneLevelAreAUsageError) {
  Outcome run = RunCli({"bench", "list", "test-fixed"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.out, Not(HasSubstr("thing")));
}

}  // namespace
}  // namespace confidant::cli

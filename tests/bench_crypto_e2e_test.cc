// `confidant bench crypto --json`: the figures docs/bench.md promises, in the documented shape.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "run_confidant.h"

namespace confidant::testing {
namespace {

TEST(BenchCryptoEndToEndTest, PrintsTheSevenFiguresAsJson) {
  Outcome run = RunConfidant("bench crypto --json --min-time 0.01");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");  // nothing logged at the default level
  nlohmann::json json = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(json.is_array()) << run.out;

  std::set<std::string> names;
  for (const nlohmann::json& figure : json) {
    std::set<std::string> keys;
    for (const auto& [key, value] : figure.items()) keys.insert(key);
    EXPECT_EQ(keys,
              (std::set<std::string>{"name", "value", "unit", "floor", "floor_name", "ratio"}))
        << figure;
    names.insert(figure["name"].get<std::string>());
    EXPECT_GT(figure["value"].get<double>(), 0) << figure;
    EXPECT_GT(figure["floor"].get<double>(), 0) << figure;
    // All crypto figures are rates: ratio = value / floor.
    EXPECT_THAT(figure["unit"].get<std::string>(), ::testing::AnyOf("MB/s", "ops/s"));
    EXPECT_NEAR(figure["ratio"].get<double>(),
                figure["value"].get<double>() / figure["floor"].get<double>(), 1e-9)
        << figure;
  }
  EXPECT_EQ(names, (std::set<std::string>{"aes-256-gcm-seal-4KiB", "aes-256-gcm-seal-1MiB",
                                          "aes-256-xts-encrypt-4KiB", "aes-256-xts-encrypt-1MiB",
                                          "ecdsa-p256-sha256-verify", "ecdsa-p384-sha384-verify",
                                          "rsa-3072-pkcs1-sha256-verify"}));
}

TEST(BenchCryptoEndToEndTest, DebugLogsGoToStderrAndLeaveJsonIntact) {
  Outcome run = RunConfidant("--log-level debug bench crypto --json --min-time 0.001");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, ::testing::HasSubstr("debug bench crypto: measuring aes-256-gcm-seal-4KiB"));
  EXPECT_TRUE(nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false).is_array());
}

TEST(BenchCryptoEndToEndTest, IsListed) {
  Outcome run = RunConfidant("bench list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, ::testing::HasSubstr("crypto"));
}

}  // namespace
}  // namespace confidant::testing

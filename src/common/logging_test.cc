#include "common/logging.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/time.h"

namespace confidant {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(LoggingTest, FiltersByLevel) {
  std::ostringstream out;
  ASSERT_TRUE(InitLoggingToStream({.level = "warn", .json = false}, out).ok());
  LOG_INFO("hidden {}", 1);
  LOG_WARN("shown {}", 2);
  LOG_ERROR("also shown");
  std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u) << out.str();
  EXPECT_NE(lines[0].find("warning shown 2"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("error also shown"), std::string::npos) << lines[1];
}

TEST(LoggingTest, JsonLinesAreObjectsWithTimestamp) {
  std::ostringstream out;
  ASSERT_TRUE(InitLoggingToStream({.level = "debug", .json = true}, out).ok());
  LOG_TRACE("hidden");
  LOG_DEBUG("quote \"{}\"\n next", "x");
  std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1u) << out.str();
  nlohmann::json line = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(line["level"], "debug");
  EXPECT_EQ(line["msg"], "quote \"x\"\n next");
  EXPECT_TRUE(ParseRfc3339(line["ts"].get<std::string>()).ok()) << line["ts"];
  EXPECT_EQ(line.size(), 3u);
}

TEST(LoggingTest, RejectsUnknownLevel) {
  std::ostringstream out;
  Status s = InitLoggingToStream({.level = "verbose", .json = false}, out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("verbose"), std::string_view::npos);
  EXPECT_TRUE(IsValidLogLevel("off"));
  EXPECT_FALSE(IsValidLogLevel("INFO"));
}

}  // namespace
}  // namespace confidant

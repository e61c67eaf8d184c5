#include "common/file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace confidant {
namespace {

using ::testing::StartsWith;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/file_test_" + std::to_string(::getpid()) + "_" + name;
}

TEST(FileTest, WriteThenReadRoundTrips) {
  const std::string path = TempPath("round_trip");
  Bytes data = {0, 1, 2, 0xff, 0, 42};
  ASSERT_TRUE(WriteFile(path, data).ok());
  Result<Bytes> read = ReadFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, data);
  ASSERT_TRUE(WriteFile(path, Bytes{7}).ok());  // replaces
  EXPECT_EQ(*ReadFile(path), Bytes{7});
  ASSERT_TRUE(WriteFile(path, {}).ok());
  EXPECT_EQ(*ReadFile(path), Bytes{});
  std::filesystem::remove(path);
}

TEST(FileTest, ErrorsNameThePath) {
  const std::string missing = TempPath("missing");
  Result<Bytes> read = ReadFile(missing);
  EXPECT_EQ(read.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(read.status().message(), "cannot read " + missing + ": No such file or directory");
  EXPECT_EQ(ReadFile(::testing::TempDir()).status().code(), StatusCode::kNotFound);

  const std::string unwritable = missing + "/no/such/dir/file";
  Status write = WriteFile(unwritable, Bytes{1});
  EXPECT_EQ(write.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(write.message()), StartsWith("cannot write " + unwritable + ": "));
}

}  // namespace
}  // namespace confidant

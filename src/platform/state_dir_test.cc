#include "platform/state_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "platform/size_catalog.h"

namespace confidant::platform {
namespace {

class StateDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/confidant-state-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    root_ = pattern;
    dir_ = root_ + "/a/b/platform";
  }
  void TearDown() override { std::system(("rm -rf " + root_).c_str()); }
  std::string root_;
  std::string dir_;
};

TEST_F(StateDirTest, InitThenLoadGivesTheSizeAndTwoDistinctSecrets) {
  ASSERT_TRUE(InitStateDirectory(dir_, {.size = "DC4s_v2"}).ok());
  struct stat st {};
  ASSERT_EQ(stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(stat((dir_ + "/root-secrets").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto state = LoadStateDirectory(dir_);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->size.name, "DC4s_v2");
  EXPECT_EQ(state->size.epc_mib, 112u);
  EXPECT_EQ(state->seal_root.size(), kRootSecretSize);
  EXPECT_NE(state->seal_root, state->report_root);
  // The secrets persist across loads: the node stays the same node.
  auto again = LoadStateDirectory(dir_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->seal_root, state->seal_root);
}

TEST_F(StateDirTest, SecondInitIsRefusedAndKeepsTheSecrets) {
  ASSERT_TRUE(InitStateDirectory(dir_, {}).ok());
  auto before = LoadStateDirectory(dir_);
  EXPECT_EQ(InitStateDirectory(dir_, {}).code(), StatusCode::kAlreadyExists);
  auto after = LoadStateDirectory(dir_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->seal_root, before->seal_root);
}

TEST_F(StateDirTest, RefusesUnknownAndNonSgxSizes) {
  EXPECT_EQ(InitStateDirectory(dir_, {.size = "DC3s_v2"}).code(), StatusCode::kNotFound);
  EXPECT_EQ(InitStateDirectory(dir_, {.size = "DC4as_v5"}).code(), StatusCode::kInvalidArgument);
}

TEST_F(StateDirTest, LoadRefusesMissingOpenAndCorruptDirectories) {
  EXPECT_EQ(LoadStateDirectory(dir_).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(InitStateDirectory(dir_, {}).ok());
  chmod(dir_.c_str(), 0755);
  auto open = LoadStateDirectory(dir_);
  EXPECT_EQ(open.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(open.status().message().find("0755"), std::string_view::npos);
  chmod(dir_.c_str(), 0700);
  std::ofstream(dir_ + "/root-secrets", std::ios::trunc) << "short";
  EXPECT_EQ(LoadStateDirectory(dir_).status().code(), StatusCode::kDataLoss);
  std::ofstream(dir_ + "/platform.json", std::ios::trunc) << "{\"size\": 3}";
  EXPECT_EQ(LoadStateDirectory(dir_).status().code(), StatusCode::kDataLoss);
}

TEST(SizeCatalogTest, HoldsThePublishedSgxSizes) {
  auto dc1 = FindSize("DC1s_v2");
  ASSERT_TRUE(dc1.ok());
  EXPECT_EQ(dc1->epc_mib, 28u);
  EXPECT_EQ(dc1->memory_gib, 4u);
  auto dc8 = FindSize("Standard_DC8_v2");
  ASSERT_TRUE(dc8.ok());
  EXPECT_EQ(dc8->epc_mib, 168u);
  auto v3 = FindSize("DC48s_v3");
  ASSERT_TRUE(v3.ok());
  EXPECT_EQ(v3->epc_mib, 256u * 1024);
  auto snp = FindSize("EC20as_v5");
  ASSERT_TRUE(snp.ok());
  EXPECT_EQ(snp->tee, "sev-snp");
  EXPECT_EQ(snp->memory_gib, 160u);
  EXPECT_FALSE(FindSize("DC20as_v5").ok());  // not published
  for (const NodeSize& size : SizeCatalog()) {
    EXPECT_EQ(FindSize(size.name)->name, size.name);  // names are unique
    EXPECT_EQ(size.epc_mib > 0, size.tee == "sgx") << size.name;
  }
}

}  // namespace
}  // namespace confidant::platform

// The confidant-edger8r command line: options, files written, diagnostics and exit codes; run in
// process (RunEdger8r) and, for the process's exit code, as the built binary.

#include "edl/edger8r_cli.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace confidant::edl {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class Edger8rCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("confidant_edger8r_cli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "lib");
    Write("app.edl", R"(enclave {
    from "lib.edl" import lib_ping;
#ifdef WITH_EXTRA
    trusted { public void ecall_extra(void); };
#endif
    trusted { public int ecall_add(int a, int b); };
    untrusted { void ocall_print([in, string] const char* text); };
};
)");
    Write("lib/lib.edl", R"(enclave {
    trusted { public void lib_ping(void); };
};
)");
    Write("bad.edl", R"(enclave {
    trusted { public void ecall_p(uint8_t* p); };
};
)");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  int Run(std::initializer_list<std::string> args) {
    std::vector<std::string> owned{"confidant-edger8r"};
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<const char*> argv;
    for (const std::string& arg : owned) argv.push_back(arg.c_str());
    out_.str("");
    err_.str("");
    return RunEdger8r(argv, out_, err_);
  }

  std::vector<std::string> Files(const fs::path& dir) const {
    std::vector<std::string> names;
    if (!fs::exists(dir)) return names;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".edl" && entry.is_regular_file()) {
        names.push_back(entry.path().filename().string());
      }
    }
    return names;
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(Edger8rCliTest, HelpAndVersion) {
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("--search-path"));
  EXPECT_THAT(out_.str(), HasSubstr("--untrusted-dir"));
  EXPECT_EQ(Run({"--version"}), 0);
  EXPECT_EQ(out_.str(), std::string("confidant-edger8r ") + CONFIDANT_VERSION + "\n");
}

TEST_F(Edger8rCliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Run({}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("files is required"));
  EXPECT_EQ(Run({"--frobnicate", Path("app.edl")}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("--frobnicate"));
  EXPECT_EQ(Run({Path("app.edl"), "--trusted-dir"}), 2);
}

TEST_F(Edger8rCliTest, BothSidesByDefault) {
  ASSERT_EQ(Run({"--search-path", Path("lib"), "--trusted-dir", Path("t"), "--untrusted-dir",
                 Path("u"), Path("app.edl")}),
            0)
      << err_.str();
  EXPECT_THAT(err_.str(), IsEmpty());
  EXPECT_THAT(Files(dir_ / "t"), UnorderedElementsAre("app_types.h", "app_t.h", "app_t.cc"));
  EXPECT_THAT(Files(dir_ / "u"), UnorderedElementsAre("app_types.h", "app_u.h", "app_u.cc"));
}

TEST_F(Edger8rCliTest, OneSideHeaderOnlyAndDefines) {
  ASSERT_EQ(Run({"--untrusted", "--header-only", "--search-path", Path("lib"), "-DWITH_EXTRA",
                 "--untrusted-dir", Path("u"), "--trusted-dir", Path("t"), Path("app.edl")}),
            0)
      << err_.str();
  EXPECT_THAT(Files(dir_ / "u"), UnorderedElementsAre("app_types.h", "app_u.h"));
  EXPECT_FALSE(fs::exists(dir_ / "t"));
  std::ifstream header(dir_ / "u" / "app_u.h");
  std::string text((std::istreambuf_iterator<char>(header)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("ecall_extra(confidant::Enclave* enclave)"));
  EXPECT_THAT(text, HasSubstr("lib_ping(confidant::Enclave* enclave)"));

  ASSERT_EQ(Run({"--trusted", "--search-path", Path("lib"), "-D", "WITH_EXTRA", "--trusted-dir",
                 Path("t"), Path("app.edl")}),
            0)
      << err_.str();
  EXPECT_THAT(Files(dir_ / "t"), UnorderedElementsAre("app_types.h", "app_t.h", "app_t.cc"));
}

TEST_F(Edger8rCliTest, BadEdlPrintsDiagnosticsAndExitsWithOne) {
  EXPECT_EQ(Run({"--trusted-dir", Path("t"), "--untrusted-dir", Path("u"), Path("bad.edl")}), 1);
  EXPECT_EQ(err_.str(), Path("bad.edl") +
                            ":2:44: error: Function `ecall_p': `p' is a pointer without a "
                            "direction; annotate it with [in], [out], [in, out] or "
                            "[user_check]\n");
  EXPECT_FALSE(fs::exists(dir_ / "t"));
  EXPECT_FALSE(fs::exists(dir_ / "u"));

  // The import is not found without its search path.
  EXPECT_EQ(Run({"--trusted-dir", Path("t"), Path("app.edl")}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("app.edl:2:10: error: file not found within search paths: "
                                    "lib.edl"));

  EXPECT_EQ(Run({Path("missing.edl")}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("cannot read " + Path("missing.edl")));
}

TEST_F(Edger8rCliTest, GeneratorErrorsExitWithOne) {
  Write("keyword.edl", "enclave { trusted { public void f(int delete); }; };\n");
  EXPECT_EQ(Run({"--trusted-dir", Path("t"), Path("keyword.edl")}), 1);
  EXPECT_EQ(err_.str(), Path("keyword.edl") +
                            ":1:39: error: `delete' cannot be used as a name in generated C++\n");
}

TEST_F(Edger8rCliTest, TheBinaryExitsWithTheSameCodes) {
  std::string tool = CONFIDANT_EDGER8R_BINARY;
  auto exit_code = [](const std::string& command) {
    int status = std::system((command + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(exit_code(tool + " --version"), 0);
  EXPECT_EQ(exit_code(tool + " --no-such-option"), 2);
  EXPECT_EQ(exit_code(tool + " --trusted-dir " + Path("t") + " " + Path("bad.edl")), 1);
  EXPECT_EQ(exit_code(tool + " --search-path " + Path("lib") + " --trusted-dir " + Path("t") +
                      " --untrusted-dir " + Path("u") + " " + Path("app.edl")),
            0);
  EXPECT_THAT(Files(dir_ / "u"), UnorderedElementsAre("app_types.h", "app_u.h", "app_u.cc"));
}

}  // namespace
}  // namespace confidant::edl

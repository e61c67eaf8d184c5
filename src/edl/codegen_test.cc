// The code generator on its own: files per side, the interface id, what it refuses, and golden
// files for one small EDL (testdata/codegen/; CONFIDANT_EDL_UPDATE_GOLDEN=1 rewrites them for
// review). That generated code compiles and works is codegen_e2e_test.cc's part.

#include "edl/codegen.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "edl/edl.h"
#include "edl/interface_id.h"

namespace confidant::edl {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

fs::path TestData() { return fs::path(CONFIDANT_SOURCE_DIR) / "src/edl/testdata"; }

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Edl Parse(const std::string& text, const std::string& name = "app.edl") {
  Result<Edl> edl = ParseEdlText(text, name, {});
  EXPECT_TRUE(edl.ok()) << edl.status();
  return edl.ok() ? *edl : Edl{};
}

std::vector<std::string> FileNames(const std::vector<GeneratedFile>& files) {
  std::vector<std::string> names;
  for (const GeneratedFile& f : files) names.push_back(f.name);
  return names;
}

const std::string& TextOf(const std::vector<GeneratedFile>& files, const std::string& name) {
  for (const GeneratedFile& f : files) {
    if (f.name == name) return f.text;
  }
  static const std::string kNone;
  ADD_FAILURE() << "no file " << name;
  return kNone;
}

constexpr char kSmall[] = R"(
enclave {
    struct pair { int32_t a; int32_t b; };
    trusted {
        public int ecall_add([in] const struct pair* p);
    };
    untrusted {
        void ocall_log([in, string] const char* text) transition_using_threads;
    };
};
)";

TEST(CodegenTest, FilesOfEachSide) {
  Edl edl = Parse(kSmall);
  Result<std::vector<GeneratedFile>> trusted = GenerateCode(edl, Side::kTrusted, {});
  ASSERT_TRUE(trusted.ok()) << trusted.status();
  EXPECT_THAT(FileNames(*trusted), ::testing::ElementsAre("app_types.h", "app_t.h", "app_t.cc"));
  Result<std::vector<GeneratedFile>> untrusted = GenerateCode(edl, Side::kUntrusted, {});
  ASSERT_TRUE(untrusted.ok()) << untrusted.status();
  EXPECT_THAT(FileNames(*untrusted), ::testing::ElementsAre("app_types.h", "app_u.h", "app_u.cc"));
  // The shared header is the same on both sides.
  EXPECT_EQ(TextOf(*trusted, "app_types.h"), TextOf(*untrusted, "app_types.h"));

  Result<std::vector<GeneratedFile>> headers =
      GenerateCode(edl, Side::kUntrusted, {.header_only = true});
  ASSERT_TRUE(headers.ok());
  EXPECT_THAT(FileNames(*headers), ::testing::ElementsAre("app_types.h", "app_u.h"));
}

TEST(CodegenTest, TheGeneratedApi) {
  Edl edl = Parse(kSmall);
  Result<std::vector<GeneratedFile>> t = GenerateCode(edl, Side::kTrusted, {});
  Result<std::vector<GeneratedFile>> u = GenerateCode(edl, Side::kUntrusted, {});
  ASSERT_TRUE(t.ok() && u.ok());
  const std::string& t_h = TextOf(*t, "app_t.h");
  EXPECT_THAT(t_h, HasSubstr("#include <confidant/enclave.h>"));
  EXPECT_THAT(t_h, HasSubstr("int ecall_add(const struct pair* p);"));
  EXPECT_THAT(t_h, HasSubstr("confidant::Status ocall_log(const char* text);"));
  const std::string& u_h = TextOf(*u, "app_u.h");
  EXPECT_THAT(u_h, HasSubstr("#include <confidant/host.h>"));
  EXPECT_THAT(u_h, HasSubstr("confidant::Status confidant_create_app_enclave(const std::string& "
                             "path, const confidant::EnclaveSettings& settings,"));
  EXPECT_THAT(u_h, HasSubstr("confidant::Status ecall_add(confidant::Enclave* enclave, int* "
                             "_retval, const struct pair* p);"));
  EXPECT_THAT(u_h, HasSubstr("void ocall_log(const char* text);"));
  const std::string& t_cc = TextOf(*t, "app_t.cc");
  EXPECT_THAT(t_cc, HasSubstr("extern \"C\" __attribute__((visibility(\"default\"))) const "
                              "::confidant::abi::CallTable*\nconfidant_enclave_ecall_table() {"));
  EXPECT_THAT(TextOf(*u, "app_u.cc"), HasSubstr("::confidant::abi::kCallSwitchless,"));
}

TEST(CodegenTest, TypesAreGuardedOneByOne) {
  Edl edl = Parse(R"(enclave {
      enum { FIRST = 1, SECOND };
      enum empty { };
      struct s { int x; };
      union u { int i; float f; };
  };)");
  Result<std::vector<GeneratedFile>> files = GenerateCode(edl, Side::kTrusted, {});
  ASSERT_TRUE(files.ok());
  const std::string& types = TextOf(*files, "app_types.h");
  for (const char* guard : {"CONFIDANT_EDL_ENUM_FIRST", "CONFIDANT_EDL_TYPE_empty",
                            "CONFIDANT_EDL_TYPE_s", "CONFIDANT_EDL_TYPE_u"}) {
    EXPECT_THAT(types, HasSubstr(std::string("#ifndef ") + guard)) << guard;
  }
}

// A fixed underlying type makes every value that arrives a valid one; as wide as C's.
TEST(CodegenTest, EnumsHaveAFixedUnderlyingType) {
  Edl edl = Parse(R"(enclave {
      enum small { S1, S2 = 2147483647 };
      enum wide { W1 = 2147483647, W2 };
      enum wider { X1 = 4294967296 };
      enum widest { Y1 = 9223372036854775807, Y2 };
      enum named { N1 = W2, N2 = FROM_A_HEADER };
  };)");
  Result<std::vector<GeneratedFile>> files = GenerateCode(edl, Side::kTrusted, {});
  ASSERT_TRUE(files.ok());
  const std::string& types = TextOf(*files, "app_types.h");
  EXPECT_THAT(types, HasSubstr("enum small : int {"));
  EXPECT_THAT(types, HasSubstr("enum wide : unsigned int {"));
  EXPECT_THAT(types, HasSubstr("enum wider : long long {"));
  EXPECT_THAT(types, HasSubstr("enum widest : unsigned long long {"));
  EXPECT_THAT(types, HasSubstr("enum named : unsigned int {"));
}

TEST(CodegenTest, InterfaceIdIsTheSameForEquivalentText) {
  Edl a = Parse(kSmall);
  Edl b = Parse(R"(enclave { /* the same, written differently */
      struct pair { int32_t a; int32_t b; };
      trusted { public int ecall_add([in] const struct pair* p); };
      untrusted { void ocall_log([string, in] const char* text) transition_using_threads; };
  };)",
                "other_name.edl");
  EXPECT_EQ(InterfaceId(a), InterfaceId(b));
  EXPECT_EQ(InterfaceText(a), InterfaceText(b));
  EXPECT_THAT(InterfaceText(a), HasSubstr("trusted 0 int ecall_add([in] const struct pair* p)\n"));
  EXPECT_THAT(InterfaceText(a), HasSubstr("untrusted 0 void ocall_log([in,string] const char* "
                                          "text) transition_using_threads\n"));
}

TEST(CodegenTest, InterfaceIdChangesWithAnyDeclaration) {
  uint64_t base = InterfaceId(Parse(kSmall));
  std::vector<std::pair<std::string, std::string>> edits = {
      {"int32_t b;", "int64_t b;"},
      {"int32_t a; int32_t b;", "int32_t b; int32_t a;"},
      {"public int ecall_add", "public long ecall_add"},
      {"[in] const struct pair* p", "[in, count=2] const struct pair* p"},
      {" transition_using_threads", ""},
      {"void ocall_log", "int ocall_log"},
      {"untrusted {", "untrusted { void ocall_first(void);"},
  };
  for (const auto& [from, to] : edits) {
    std::string text = kSmall;
    text.replace(text.find(from), from.size(), to);
    EXPECT_NE(InterfaceId(Parse(text)), base) << from << " -> " << to;
  }
}

TEST(CodegenTest, RefusesNamesCppCannotUse) {
  Edl edl = Parse(R"(enclave {
      struct s { int new; };
      trusted { public void ecall_f(int class, int _e8_x); };
  };)");
  std::vector<Diagnostic> diagnostics;
  Result<std::vector<GeneratedFile>> files = GenerateCode(edl, Side::kTrusted, {}, &diagnostics);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "app.edl:2:22: error: `new' cannot be used as a name in generated C++\n"
            "app.edl:3:41: error: `class' cannot be used as a name in generated C++\n"
            "app.edl:3:52: error: `_e8_x': names starting with `_e8_' are reserved for "
            "generated code");
  EXPECT_EQ(diagnostics.size(), 3u);
}

TEST(CodegenTest, RefusesAFileNameThatIsNotAnIdentifier) {
  Edl edl = Parse("enclave { };", "my-app.edl");
  Result<std::vector<GeneratedFile>> files = GenerateCode(edl, Side::kUntrusted, {});
  ASSERT_FALSE(files.ok());
  EXPECT_THAT(files.status().message(), HasSubstr("my-app.edl:1:1: error: the file name `my-app'"));
}

TEST(CodegenTest, EveryValidCorpusFileGenerates) {
  ParseOptions options{{(TestData() / "lib").string()}, {"CONFIDANT_TEST_DEFINED"}};
  for (const char* folder : {"valid", "lib"}) {
    for (const auto& entry : fs::directory_iterator(TestData() / folder)) {
      if (entry.path().extension() != ".edl") continue;
      Result<Edl> edl = ParseEdlFile(entry.path().string(), options);
      ASSERT_TRUE(edl.ok()) << edl.status();
      for (Side side : {Side::kTrusted, Side::kUntrusted}) {
        Result<std::vector<GeneratedFile>> files = GenerateCode(*edl, side, {});
        EXPECT_TRUE(files.ok()) << entry.path() << ": " << files.status();
      }
    }
  }
}

TEST(CodegenTest, GoldenFilesOfHelloworld) {
  bool update = std::getenv("CONFIDANT_EDL_UPDATE_GOLDEN") != nullptr;
  fs::path dir = TestData() / "codegen";
  Result<Edl> edl = ParseEdlFile((dir / "helloworld.edl").string(), {});
  ASSERT_TRUE(edl.ok()) << edl.status();
  for (Side side : {Side::kTrusted, Side::kUntrusted}) {
    Result<std::vector<GeneratedFile>> files = GenerateCode(*edl, side, {});
    ASSERT_TRUE(files.ok()) << files.status();
    for (const GeneratedFile& file : *files) {
      fs::path golden = dir / "golden" / file.name;
      if (update) {
        fs::create_directories(golden.parent_path());
        std::ofstream(golden, std::ios::binary) << file.text;
        continue;
      }
      EXPECT_EQ(file.text, ReadAll(golden)) << golden;
    }
  }
}

}  // namespace
}  // namespace confidant::edl

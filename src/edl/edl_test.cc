// The trees built for the valid corpus files (testdata/valid), and API behaviour. The
// diagnostics of every corpus file are compared with golden files in corpus_test.cc.

#include "edl/edl.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace confidant::edl {
namespace {

namespace fs = std::filesystem;

fs::path TestData() { return fs::path(CONFIDANT_SOURCE_DIR) / "src/edl/testdata"; }

Edl Load(const std::string& relative) {
  ParseOptions options{{(TestData() / "lib").string()}, {"CONFIDANT_TEST_DEFINED"}};
  Result<Edl> edl = ParseEdlFile((TestData() / relative).string(), options);
  EXPECT_TRUE(edl.ok()) << edl.status();
  return edl.ok() ? *std::move(edl) : Edl{};
}

const Function& Find(const std::vector<Function>& functions, const std::string& name) {
  for (const Function& f : functions) {
    if (f.name == name) return f;
  }
  ADD_FAILURE() << "no function " << name;
  static const Function kNone;
  return kNone;
}

std::vector<std::string> Names(const std::vector<Function>& functions) {
  std::vector<std::string> names;
  for (const Function& f : functions) names.push_back(f.name);
  return names;
}

std::vector<std::string> ParameterTypes(const Function& f) {
  std::vector<std::string> types;
  for (const Declaration& p : f.parameters) types.push_back(TypeToString(p.type));
  return types;
}

TEST(EdlTest, Basic) {
  Edl edl = Load("valid/basic.edl");
  EXPECT_EQ(edl.name, "basic");
  EXPECT_THAT(edl.includes, testing::ElementsAre("basic_t.h", "stdbool.h"));
  EXPECT_THAT(Names(edl.trusted),
              testing::ElementsAre("ecall_add", "ecall_nothing", "ecall_empty", "ecall_types",
                                   "ecall_unsigned", "ecall_fixed"));
  const Function& add = edl.trusted[0];
  EXPECT_TRUE(add.trusted);
  EXPECT_TRUE(add.is_public);
  EXPECT_EQ(TypeToString(add.return_type), "int");
  EXPECT_EQ(add.location.line, 7);
  EXPECT_EQ(add.location.column, 20);
  EXPECT_TRUE(Find(edl.trusted, "ecall_nothing").parameters.empty());
  EXPECT_TRUE(Find(edl.trusted, "ecall_empty").parameters.empty());
  EXPECT_THAT(
      ParameterTypes(Find(edl.trusted, "ecall_types")),
      testing::ElementsAre("char", "short", "short", "long", "long", "long long", "long long",
                           "float", "double", "long double", "wchar_t", "size_t"));
  EXPECT_THAT(ParameterTypes(Find(edl.trusted, "ecall_unsigned")),
              testing::ElementsAre("unsigned int", "unsigned char", "unsigned short",
                                   "unsigned int", "unsigned long", "unsigned long long"));
  EXPECT_THAT(ParameterTypes(Find(edl.trusted, "ecall_fixed")),
              testing::ElementsAre("int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
                                   "uint32_t", "uint64_t"));
  ASSERT_EQ(edl.untrusted.size(), 1u);
  EXPECT_FALSE(edl.untrusted[0].trusted);
  EXPECT_EQ(edl.untrusted[0].name, "ocall_print");
}

TEST(EdlTest, Types) {
  Edl edl = Load("valid/types.edl");
  ASSERT_EQ(edl.types.size(), 6u);
  const UserType& color = edl.types[0];
  EXPECT_EQ(color.kind, UserTypeKind::kEnum);
  EXPECT_EQ(color.name, "color");
  ASSERT_EQ(color.items.size(), 3u);
  EXPECT_FALSE(color.items[0].has_value);
  EXPECT_EQ(color.items[1].value.value, 5u);
  EXPECT_EQ(color.items[2].value.identifier, "GREEN");
  EXPECT_EQ(edl.types[1].name, "");
  EXPECT_EQ(edl.types[1].items.size(), 2u);
  EXPECT_TRUE(edl.types[2].items.empty());
  EXPECT_EQ(edl.types[4].kind, UserTypeKind::kUnion);

  const UserType* blob = edl.FindType("blob");
  ASSERT_NE(blob, nullptr);
  EXPECT_TRUE(blob->IsDeepCopy());
  EXPECT_FALSE(edl.FindType("point")->IsDeepCopy());
  ASSERT_EQ(blob->fields.size(), 6u);
  EXPECT_TRUE(blob->fields[2].attributes.has_count);
  EXPECT_EQ(blob->fields[2].attributes.count.identifier, "count");
  EXPECT_EQ(TypeToString(blob->fields[2].type), "struct point*");
  EXPECT_EQ(blob->fields[3].attributes.size.identifier, "bytes");
  ASSERT_EQ(blob->fields[4].dimensions.size(), 1u);
  EXPECT_EQ(blob->fields[4].dimensions[0].value, 16u);
  ASSERT_EQ(blob->fields[5].dimensions.size(), 2u);
  EXPECT_EQ(blob->fields[5].dimensions[1].identifier, "ANON_B");

  EXPECT_THAT(ParameterTypes(Find(edl.trusted, "ecall_point")),
              testing::ElementsAre("struct point", "point", "enum color", "color"));
  const Function& foreign = Find(edl.trusted, "ecall_foreign");
  EXPECT_EQ(foreign.parameters[0].type.kind, TypeKind::kForeign);
  EXPECT_EQ(foreign.parameters[0].type.name, "foreign_t");
  EXPECT_EQ(TypeToString(Find(edl.trusted, "ecall_make_point").return_type), "struct point");
}

TEST(EdlTest, Attributes) {
  Edl edl = Load("valid/attributes.edl");
  const Attributes& in = Find(edl.trusted, "ecall_in").parameters[0].attributes;
  EXPECT_TRUE(in.present);
  EXPECT_TRUE(in.in);
  EXPECT_FALSE(in.out);
  EXPECT_EQ(TypeToString(Find(edl.trusted, "ecall_in").parameters[0].type), "const uint8_t*");
  const Attributes& out = Find(edl.trusted, "ecall_out").parameters[0].attributes;
  EXPECT_TRUE(out.out);
  EXPECT_TRUE(out.has_size);
  EXPECT_EQ(out.size.identifier, "len");
  const Attributes& in_out = Find(edl.trusted, "ecall_in_out").parameters[0].attributes;
  EXPECT_TRUE(in_out.in && in_out.out && in_out.has_count);
  ASSERT_EQ(in_out.written.size(), 3u);
  EXPECT_EQ(in_out.written[2].kind, AttributeKind::kCount);
  EXPECT_EQ(in_out.written[2].location.column, 44);
  EXPECT_TRUE(Find(edl.trusted, "ecall_string").parameters[0].attributes.string);
  EXPECT_TRUE(Find(edl.trusted, "ecall_wstring").parameters[0].attributes.wstring);
  EXPECT_TRUE(Find(edl.trusted, "ecall_user_check").parameters[0].attributes.user_check);
  const Attributes& isptr = Find(edl.trusted, "ecall_isptr").parameters[0].attributes;
  EXPECT_TRUE(isptr.isptr);
  EXPECT_EQ(isptr.size.value, 16u);
  EXPECT_FALSE(isptr.size.IsIdentifier());
  EXPECT_TRUE(Find(edl.trusted, "ecall_isary").parameters[1].attributes.isary);
  EXPECT_FALSE(Find(edl.trusted, "ecall_size_ident").parameters[1].attributes.present);
  EXPECT_EQ(Find(edl.trusted, "ecall_double_ptr").parameters[0].type.pointer_depth, 2);
}

TEST(EdlTest, Suffixes) {
  std::vector<Diagnostic> diagnostics;
  Result<Edl> edl =
      ParseEdlFile((TestData() / "valid/suffixes.edl").string(), ParseOptions{}, &diagnostics);
  ASSERT_TRUE(edl.ok()) << edl.status();
  EXPECT_TRUE(Find(edl->trusted, "ecall_switchless").switchless);
  EXPECT_FALSE(Find(edl->trusted, "ecall_target").switchless);
  EXPECT_TRUE(Find(edl->untrusted, "ocall_errno").propagate_errno);
  EXPECT_FALSE(Find(edl->untrusted, "ocall_errno").switchless);
  for (const char* both : {"ocall_both", "ocall_both_reversed", "ocall_allow_all"}) {
    EXPECT_TRUE(Find(edl->untrusted, both).switchless) << both;
    EXPECT_TRUE(Find(edl->untrusted, both).propagate_errno) << both;
  }
  EXPECT_THAT(Find(edl->untrusted, "ocall_allow").allow,
              testing::ElementsAre("ecall_target", "ecall_switchless"));
  ASSERT_EQ(diagnostics.size(), 2u);  // the ignored allow lists
  EXPECT_EQ(diagnostics[0].severity, Severity::kWarning);
}

TEST(EdlTest, Ifdef) {
  Edl edl = Load("valid/ifdef.edl");
  EXPECT_THAT(edl.includes, testing::ElementsAre("defined.h"));
  EXPECT_THAT(Names(edl.trusted), testing::ElementsAre("ecall_kept", "ecall_else"));
  EXPECT_THAT(Names(edl.untrusted), testing::ElementsAre("ocall_always"));

  // Without the define the #else branch is taken, which does not parse.
  Result<Edl> undefined = ParseEdlFile((TestData() / "valid/ifdef.edl").string(), ParseOptions{});
  EXPECT_FALSE(undefined.ok());
  // With NAME=value only NAME counts.
  ParseOptions with_value{{}, {"CONFIDANT_TEST_DEFINED=1"}};
  EXPECT_TRUE(ParseEdlFile((TestData() / "valid/ifdef.edl").string(), with_value).ok());
}

TEST(EdlTest, Imports) {
  Edl edl = Load("valid/imports.edl");
  ASSERT_EQ(edl.imports.size(), 3u);
  EXPECT_TRUE(edl.imports[0].all);
  EXPECT_FALSE(edl.imports[1].all);
  EXPECT_THAT(edl.imports[1].functions, testing::ElementsAre("math_add", "math_sub"));
  EXPECT_EQ(edl.imports[2].resolved_path, (TestData() / "lib/searched.edl").string());
  EXPECT_THAT(edl.includes, testing::ElementsAre("common_types.h"));
  EXPECT_NE(edl.FindType("buffer"), nullptr);
  EXPECT_NE(edl.FindType("status_code"), nullptr);
  EXPECT_THAT(Names(edl.trusted),
              testing::ElementsAre("ecall_use", "common_ping", "math_add", "math_sub"));
  EXPECT_THAT(Names(edl.untrusted), testing::ElementsAre("common_log", "searched_notify"));
  EXPECT_TRUE(Find(edl.untrusted, "searched_notify").switchless);
}

TEST(EdlTest, DiamondImportDefinesEachOnce) {
  Edl edl = Load("valid/diamond.edl");
  EXPECT_EQ(edl.types.size(), 2u);
  EXPECT_THAT(Names(edl.trusted),
              testing::ElementsAre("common_ping", "math_add", "math_sub", "math_mul"));
}

TEST(EdlTest, ParseTextReportsErrorsInStatusAndDiagnostics) {
  std::vector<Diagnostic> diagnostics;
  Result<Edl> edl = ParseEdlText("enclave { trusted { void f(); }; };", "x.edl", {}, &diagnostics);
  ASSERT_FALSE(edl.ok());
  EXPECT_EQ(edl.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(edl.status().message(),
            "x.edl:1:26: error: Function `f': `private' specifier is not supported by "
            "confidant-edger8r");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].location.line, 1);
  EXPECT_EQ(diagnostics[0].location.column, 26);
}

TEST(EdlTest, MissingFileIsNotFound) {
  std::vector<Diagnostic> diagnostics;
  Result<Edl> edl = ParseEdlFile((TestData() / "nothing.edl").string(), {}, &diagnostics);
  EXPECT_EQ(edl.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(diagnostics.empty());
}

TEST(EdlTest, TypeToString) {
  Type t;
  t.kind = TypeKind::kChar;
  t.is_const = true;
  t.is_unsigned = true;
  t.pointer_depth = 2;
  EXPECT_EQ(TypeToString(t), "const unsigned char**");
  t = Type{TypeKind::kStruct, false, false, "s", 0};
  EXPECT_EQ(TypeToString(t), "struct s");
}

}  // namespace
}  // namespace confidant::edl

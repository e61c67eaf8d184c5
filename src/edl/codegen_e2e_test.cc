// The generated code of src/edl/e2e/all.edl, run end to end: the host side here, the enclave
// side in a shared library, over the loopback transport of e2e/loopback.h. Every value must
// arrive and come back as sent.

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "all_u.h"
#include "e2e_values.h"
#include "host_record.h"
#include "loopback.h"

namespace confidant::edl {
namespace {

class GeneratedCodeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    enclave_ = new std::unique_ptr<Enclave>();
    Status status = confidant_create_all_enclave(CONFIDANT_EDL_E2E_ENCLAVE, {}, enclave_);
    ASSERT_TRUE(status.ok()) << status;
  }
  static void TearDownTestSuite() {
    delete enclave_;
    enclave_ = nullptr;
  }
  void TearDown() override {
    e2e::SetEcallOutputTamper({});
    e2e::SetOcallOutputTamper({});
  }
  static Enclave* enclave() { return enclave_->get(); }

 private:
  static std::unique_ptr<Enclave>* enclave_;
};

std::unique_ptr<Enclave>* GeneratedCodeTest::enclave_ = nullptr;

std::vector<std::string> Names(const abi::CallTable& table) {
  return std::vector<std::string>(table.names, table.names + table.count);
}

TEST_F(GeneratedCodeTest, TablesFollowTheEdlAndItsImports) {
  const abi::CallTable& ecalls = *e2e::EcallTable();
  const abi::CallTable& ocalls = *e2e::OcallTable();
  EXPECT_STREQ(ecalls.edl_name, "all");
  EXPECT_STREQ(ocalls.edl_name, "all");
  EXPECT_EQ(ecalls.interface_id, ocalls.interface_id);
  std::vector<std::string> ecall_names = Names(ecalls);
  ASSERT_EQ(ecall_names.size(), 24u);
  EXPECT_EQ(ecall_names.front(), "ecall_scalars");
  EXPECT_EQ(ecall_names.back(), "lib_scale");  // imported ones after the file's own
  for (const std::string& name : ecall_names) EXPECT_NE(name, "lib_unused");
  std::vector<std::string> ocall_names = Names(ocalls);
  ASSERT_EQ(ocall_names.size(), 10u);
  EXPECT_EQ(ocall_names.back(), "lib_event");
  for (uint32_t i = 0; i < ecalls.count; ++i) {
    bool switchless = ecall_names[i] == "ecall_switchless";
    EXPECT_EQ(ecalls.flags[i], switchless ? abi::kCallSwitchless : 0u) << ecall_names[i];
  }
  for (uint32_t i = 0; i < ocalls.count; ++i) {
    bool switchless = ocall_names[i] == "ocall_switchless";
    EXPECT_EQ(ocalls.flags[i], switchless ? abi::kCallSwitchless : 0u) << ocall_names[i];
  }
}

TEST_F(GeneratedCodeTest, EveryScalarTypeArrivesAndReturns) {
  scalars s = e2e::Scalars();
  scalars echoed{};
  Status status = ecall_scalars(enclave(), &echoed, s.c, s.s, s.i, s.l, s.ll, s.uc, s.us, s.ui,
                                s.ul, s.ull, s.i8, s.i16, s.i32, s.i64, s.u8, s.u16, s.u32, s.u64,
                                s.z, s.w, s.b, s.f, s.d, s.ld);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_TRUE(e2e::SameScalars(echoed, s));
  EXPECT_EQ(echoed.ld, s.ld);
  EXPECT_EQ(echoed.u64, UINT64_MAX);
  EXPECT_EQ(echoed.i8, -128);

  bool same = false;
  ASSERT_TRUE(ecall_check_scalars(enclave(), &same, s).ok());
  EXPECT_TRUE(same);
  s.b = false;
  ASSERT_TRUE(ecall_check_scalars(enclave(), &same, s).ok());
  EXPECT_FALSE(same);
  // A null _retval is allowed: the result is dropped.
  EXPECT_TRUE(ecall_check_scalars(enclave(), nullptr, s).ok());
}

TEST_F(GeneratedCodeTest, EnumsTravelByValue) {
  color next = RED;
  ASSERT_TRUE(ecall_next_color(enclave(), &next, RED, BLUE).ok());
  EXPECT_EQ(next, GREEN);
  ASSERT_TRUE(ecall_next_color(enclave(), &next, BLUE, RED).ok());
  EXPECT_EQ(next, RED);
}

TEST_F(GeneratedCodeTest, StructsAndUnionsTravelByValue) {
  shape sent = e2e::Shape();
  number n{};
  n.integer = -5;
  shape got{};
  ASSERT_TRUE(ecall_shape(enclave(), &got, sent, n).ok());
  shape expected = sent;
  expected.color = BLUE;
  expected.filled = false;
  expected.corners[1][1].x += 1;
  expected.marks[2] = false;
  expected.label[0] = 'S';
  expected.weight.integer = -5;
  expected.pair.a += 1;
  EXPECT_TRUE(e2e::SameShape(got, expected));
  EXPECT_EQ(got.cookie, sent.cookie);  // a pointer member: its address, unchanged
}

TEST_F(GeneratedCodeTest, ForeignTypesByValueIsptrAndIsary) {
  foreign_pair in_pair{3, 4};
  foreign_pair out_pair{};
  foreign_pair two[2] = {{1, 2}, {3, 4}};
  key16 key;
  for (int i = 0; i < 16; ++i) key[i] = static_cast<uint8_t>(i);
  key16 key_out{};
  foreign_pair swapped{};
  ASSERT_TRUE(
      ecall_foreign(enclave(), &swapped, {5, 6}, &in_pair, &out_pair, two, key, key_out).ok());
  EXPECT_EQ(swapped.a, 6u);
  EXPECT_EQ(swapped.b, 5u);
  EXPECT_EQ(out_pair.a, 6u);
  EXPECT_EQ(out_pair.b, 8u);
  EXPECT_EQ(two[0].a, 2u);
  EXPECT_EQ(two[1].b, 5u);
  EXPECT_EQ(key_out[0], 15);
  EXPECT_EQ(key_out[15], 0);
}

TEST_F(GeneratedCodeTest, BuffersByCountAndSizeFromParametersAndConstants) {
  int32_t values[5] = {1, -2, 3, 40, 500};
  uint64_t sum = 0;
  ASSERT_TRUE(ecall_sum(enclave(), &sum, values, 5).ok());
  EXPECT_EQ(sum, 542u);
  ASSERT_TRUE(ecall_sum(enclave(), &sum, values, 0).ok());
  EXPECT_EQ(sum, 0u);  // a present, empty buffer is not null

  uint8_t filled[7] = {};
  ASSERT_TRUE(ecall_fill(enclave(), filled, sizeof(filled), 0xab).ok());
  for (uint8_t b : filled) EXPECT_EQ(b, 0xab);

  uint16_t reversed[4] = {1, 2, 3, 4};
  ASSERT_TRUE(ecall_reverse(enclave(), reversed, 4).ok());
  EXPECT_EQ(reversed[0], 4);
  EXPECT_EQ(reversed[3], 1);

  int64_t four[4] = {1, 2, 3, 4};
  uint8_t eight[8] = {};
  double one = 1.25;
  int64_t result = 0;
  ASSERT_TRUE(ecall_constants(enclave(), &result, four, eight, &one, "abcdef").ok());
  EXPECT_EQ(result, 10);
  EXPECT_EQ(eight[0], 1);
  EXPECT_EQ(eight[7], 8);
  EXPECT_EQ(one, 2.5);
}

TEST_F(GeneratedCodeTest, NullPointersStayNull) {
  uint64_t sum = 0;
  ASSERT_TRUE(ecall_sum(enclave(), &sum, nullptr, 5).ok());
  EXPECT_EQ(sum, UINT64_MAX);
  EXPECT_TRUE(ecall_fill(enclave(), nullptr, 100, 1).ok());
  int64_t result = 0;
  ASSERT_TRUE(ecall_constants(enclave(), &result, nullptr, nullptr, nullptr, nullptr).ok());
  EXPECT_EQ(result, 1000);
  size_t length = 1;
  ASSERT_TRUE(ecall_strings(enclave(), &length, nullptr, nullptr, nullptr, nullptr).ok());
  EXPECT_EQ(length, 0u);
}

TEST_F(GeneratedCodeTest, StructAndBoolBuffers) {
  point in_points[3] = {{1, 2}, {3, 4}, {5, 6}};
  point out_points[3] = {};
  point moved[3] = {{0, 0}, {1, 1}, {2, 2}};
  ASSERT_TRUE(ecall_points(enclave(), in_points, out_points, moved, 3).ok());
  EXPECT_EQ(out_points[2].x, 6);
  EXPECT_EQ(out_points[2].y, 5);
  EXPECT_EQ(moved[1].x, 11);
  EXPECT_EQ(moved[1].y, 1);

  uint32_t count = 0;
  ASSERT_TRUE(ecall_point_bytes(enclave(), &count, in_points, sizeof(in_points)).ok());
  EXPECT_EQ(count, 3005u);

  bool flags[4] = {true, false, true, true};
  bool negated[4] = {};
  size_t set = 0;
  ASSERT_TRUE(ecall_flags(enclave(), &set, flags, negated, 4).ok());
  EXPECT_EQ(set, 3u);
  EXPECT_FALSE(negated[0]);
  EXPECT_TRUE(negated[1]);

  uint8_t bytes[5] = {1, 2, 3, 4, 5};
  uint64_t sum = 0;
  ASSERT_TRUE(ecall_enum_count(enclave(), &sum, bytes, GREEN).ok());  // GREEN = 5
  EXPECT_EQ(sum, 15u);
}

TEST_F(GeneratedCodeTest, StringsAndWideStrings) {
  char upper[] = "Hello, enclave";
  wchar_t reversed[] = L"abc\x263a";
  size_t length = 0;
  ASSERT_TRUE(ecall_strings(enclave(), &length, "four", upper, L"wide", reversed).ok());
  EXPECT_EQ(length, 8u);
  EXPECT_STREQ(upper, "HELLO, ENCLAVE");
  EXPECT_STREQ(reversed,
               L"\x263a"
               L"cba");
}

TEST_F(GeneratedCodeTest, UserCheckPointersPassAsAddresses) {
  int16_t values[4] = {};
  foreign_pair pair{};
  void* opaque = reinterpret_cast<void*>(uintptr_t{0x7000000000});
  uint64_t addresses[4] = {};
  ASSERT_TRUE(ecall_user_check(enclave(), opaque, "text", values, &pair, addresses).ok());
  EXPECT_EQ(addresses[0], 0x7000000000u);
  EXPECT_NE(addresses[1], 0u);
  EXPECT_EQ(addresses[2], reinterpret_cast<uintptr_t>(values));
  EXPECT_EQ(addresses[3], reinterpret_cast<uintptr_t>(&pair));
}

TEST_F(GeneratedCodeTest, FixedSizeArrays) {
  int32_t a[4] = {10, 20, 30, 40};
  uint8_t b[2][3] = {};
  point c[2] = {{1, 1}, {-2, 2}};
  bool d[2][2] = {{true, false}, {false, true}};
  ASSERT_TRUE(ecall_arrays(enclave(), a, b, c, d).ok());
  EXPECT_EQ(b[0][0], 10);
  EXPECT_EQ(b[1][2], 22);
  EXPECT_EQ(c[0].x, -1);
  EXPECT_EQ(c[1].x, 2);
  EXPECT_FALSE(d[0][0]);
  EXPECT_TRUE(d[0][1]);
  EXPECT_FALSE(d[1][1]);
}

TEST_F(GeneratedCodeTest, DeepCopyIn) {
  uint8_t data[3] = {1, 2, 3};
  buffer b{3, data, 100};
  point points[2] = {{1, 2}, {3, 4}};
  uint16_t pair[2] = {1, 2};
  bool visible[2] = {true, false};
  polygon p[2] = {{2, points, pair, visible, 7}, {0, nullptr, nullptr, nullptr, 9}};
  uint64_t sum = 0;
  ASSERT_TRUE(ecall_deep_in(enclave(), &sum, &b, p, 2).ok());
  // 106 (buffer) + 10 + 1000 + 100002 + 7 (first polygon) + 9 (second, all null)
  EXPECT_EQ(sum, 106u + 10 + 1000 + 100002 + 7 + 9);
}

TEST_F(GeneratedCodeTest, DeepCopyInOutKeepsTheCallersShape) {
  uint8_t data[3] = {1, 2, 3};
  buffer b{3, data, 100};
  point points[2] = {{1, 2}, {3, 4}};
  uint16_t pair[2] = {1, 2};
  bool visible[2] = {true, false};
  polygon p[2] = {{2, points, pair, visible, 7}, {1, nullptr, nullptr, nullptr, 9}};
  ASSERT_TRUE(ecall_deep_inout(enclave(), &b, p).ok());
  EXPECT_EQ(data[0], 2);
  EXPECT_EQ(data[2], 4);
  EXPECT_EQ(b.tag, 200u);
  EXPECT_EQ(b.size, 3u);  // the enclave zeroed its copy of size and data: the caller's stay
  EXPECT_EQ(b.data, data);
  EXPECT_EQ(points[0].x, 2);
  EXPECT_EQ(points[1].x, 6);
  EXPECT_EQ(points[1].y, 4);
  EXPECT_FALSE(visible[0]);
  EXPECT_TRUE(visible[1]);
  EXPECT_EQ(pair[1], 3);
  EXPECT_EQ(p[0].count, 2u);  // a size member comes back as sent
  EXPECT_EQ(p[0].checksum, 7u + (2 + 2) + (6 + 4) + 1000 + 100003);
  EXPECT_EQ(p[1].points, nullptr);
  EXPECT_EQ(p[1].checksum, 9u);
}

TEST_F(GeneratedCodeTest, DeepCopyOutFillsTheCallersBuffers) {
  point points[3] = {};
  uint16_t pair[2] = {};
  bool visible[3] = {};
  polygon p{3, points, pair, visible, 0};
  uint8_t first[2] = {};
  uint8_t second[4] = {};
  buffer b[2] = {{2, first, 0}, {4, second, 0}};
  ASSERT_TRUE(ecall_deep_out(enclave(), &p, b).ok());
  EXPECT_EQ(points[2].x, 2);
  EXPECT_EQ(points[2].y, -2);
  EXPECT_TRUE(visible[0] && visible[2]);
  EXPECT_EQ(pair[0], 7);
  EXPECT_EQ(pair[1], 8);
  EXPECT_EQ(p.checksum, 42u);
  EXPECT_EQ(first[1], 1);
  EXPECT_EQ(second[3], 2);
  EXPECT_EQ(b[0].tag, 100u);
  EXPECT_EQ(b[1].tag, 101u);
  EXPECT_EQ(b[1].size, 4u);
}

TEST_F(GeneratedCodeTest, NestedDeepCopy) {
  uint8_t page0[2] = {0x0f, 0xf0};
  buffer pages[2] = {{2, page0, 1}, {0, nullptr, 2}};
  point cover_points[1] = {{5, 5}};
  polygon cover{1, cover_points, nullptr, nullptr, 0};
  album a{10, pages, &cover};
  ASSERT_TRUE(ecall_deep_nested(enclave(), &a).ok());
  EXPECT_EQ(a.id, 11u);
  EXPECT_EQ(page0[0], 0xf0);
  EXPECT_EQ(page0[1], 0x0f);
  EXPECT_EQ(pages[0].tag, 2u);
  EXPECT_EQ(pages[1].tag, 3u);
  EXPECT_EQ(a.cover, &cover);
}

// The id of `name` in `table`.
uint32_t IdOf(const abi::CallTable& table, const std::string& name) {
  for (uint32_t i = 0; i < table.count; ++i) {
    if (name == table.names[i]) return i;
  }
  ADD_FAILURE() << "no function " << name;
  return 0;
}

TEST_F(GeneratedCodeTest, SwitchlessCallsCarryTheFlag) {
  e2e::ClearCallLogs();
  int tripled = 0;
  ASSERT_TRUE(ecall_switchless(enclave(), &tripled, 14).ok());
  EXPECT_EQ(tripled, 42);
  ASSERT_TRUE(ecall_sum(enclave(), nullptr, nullptr, 0).ok());
  int failed = -1;
  ASSERT_TRUE(ecall_run_ocalls(enclave(), &failed).ok());
  ASSERT_EQ(e2e::EcallLog().size(), 3u);
  EXPECT_EQ(e2e::EcallLog()[0].flags, abi::kCallSwitchless);
  EXPECT_EQ(e2e::EcallLog()[1].flags, 0u);
  uint32_t switchless = IdOf(*e2e::OcallTable(), "ocall_switchless");
  bool seen = false;
  for (const e2e::Call& call : e2e::OcallLog()) {
    EXPECT_EQ(call.flags, call.id == switchless ? abi::kCallSwitchless : 0u) << call.id;
    seen |= call.id == switchless;
  }
  EXPECT_TRUE(seen);
}

TEST_F(GeneratedCodeTest, EveryOcallFromTheEnclave) {
  e2e::Record() = {};
  int failed = -1;
  ASSERT_TRUE(ecall_run_ocalls(enclave(), &failed).ok());
  EXPECT_EQ(failed, 0) << "check " << failed << " of ecall_run_ocalls failed";
  EXPECT_EQ(e2e::Record().events, std::vector<std::string>{"ran:7"});
  EXPECT_TRUE(e2e::Record().album_seen);
  EXPECT_EQ(e2e::Record().album_id, 5u);
  EXPECT_EQ(e2e::Record().album_cover_checksum, 11u);
  EXPECT_EQ(e2e::Record().album_page0, 8);
}

TEST_F(GeneratedCodeTest, ImportedFunctions) {
  lib_pair scaled{};
  ASSERT_TRUE(lib_scale(enclave(), &scaled, {2, -3}, 4).ok());
  EXPECT_EQ(scaled.first, 8);
  EXPECT_EQ(scaled.second, -12);
}

TEST_F(GeneratedCodeTest, ErrorsFromTheTransportReachTheCaller) {
  Status status = ecall_sum(nullptr, nullptr, nullptr, 0);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "loopback: no enclave");
}

}  // namespace
}  // namespace confidant::edl

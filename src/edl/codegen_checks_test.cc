// The checks of generated bridges and proxies (docs/edl.md, "Checks"), on src/edl/e2e/all.edl:
// hand-made input messages fed to the bridges, and callees whose output is cut short, too long
// or wrong. Every refusal is InvalidArgument naming the call and the parameter; nothing is
// written to the caller's memory from a refused output. The messages here are built from the
// documented encoding, not with the generated code's Writer. With CONFIDANT_EDL_E2E_SEED_DIR set
// they become seeds of edl_bridge_fuzzer.

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "all_u.h"
#include "e2e_values.h"
#include "loopback.h"

namespace confidant::edl {
namespace {

// A message in the documented encoding: little-endian values, one-byte flags, uint64 lengths.
class Message {
 public:
  template <typename T>
  Message& Put(T value) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(&value);
    bytes_.insert(bytes_.end(), bytes, bytes + sizeof(T));
    return *this;
  }
  Message& Flag(uint8_t flag) { return Put(flag); }
  Message& Text(const std::string& text) {
    bytes_.insert(bytes_.end(), text.begin(), text.end());
    return *this;
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

uint32_t IdOf(const abi::CallTable& table, const std::string& name) {
  for (uint32_t i = 0; i < table.count; ++i) {
    if (name == table.names[i]) return i;
  }
  ADD_FAILURE() << "no function " << name;
  return 0;
}

class BridgeChecksTest : public ::testing::Test {
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

  // Calls the bridge of `name` (an ecall, or an ocall if `ocall`) with `input`.
  static Status Bridge(const std::string& name, const Message& input, bool ocall = false,
                       std::vector<uint8_t>* output = nullptr) {
    const abi::CallTable& table = ocall ? *e2e::OcallTable() : *e2e::EcallTable();
    uint32_t id = IdOf(table, name);
    e2e::MaybeWriteSeed(ocall, id, input.bytes());
    std::vector<uint8_t> ignored;
    return table.handlers[id](input.bytes(), output != nullptr ? *output : ignored);
  }

  // The message of ecall_ocall_status(which): the Status of the ocall the enclave made.
  static std::string OcallStatus(e2e::OcallProbe which) {
    char message[512] = {};
    Status status =
        ecall_ocall_status(enclave(), static_cast<int>(which), message, sizeof(message));
    EXPECT_TRUE(status.ok()) << status;
    return message;
  }

 private:
  static std::unique_ptr<Enclave>* enclave_;
};

std::unique_ptr<Enclave>* BridgeChecksTest::enclave_ = nullptr;

void ExpectRefused(const Status& status, const std::string& message) {
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(status.message(), message);
}

// --- the encoding, as documented ---

TEST_F(BridgeChecksTest, ValuesThenBuffersInTheDocumentedEncoding) {
  // ecall_sum([in, count=n] const int32_t* values, size_t n): n, then values' flag and elements.
  std::vector<uint8_t> output;
  Message input = Message().Put<uint64_t>(2).Flag(1).Put<int32_t>(5).Put<int32_t>(-7);
  ASSERT_TRUE(Bridge("ecall_sum", input, false, &output).ok());
  EXPECT_EQ(output, Message().Put<uint64_t>(static_cast<uint64_t>(-2)).bytes());

  // Null: the flag alone, whatever the count says.
  output.clear();
  ASSERT_TRUE(Bridge("ecall_sum", Message().Put<uint64_t>(5).Flag(0), false, &output).ok());
  EXPECT_EQ(output, Message().Put<uint64_t>(UINT64_MAX).bytes());
}

TEST_F(BridgeChecksTest, StringsAndOutputsInTheDocumentedEncoding) {
  // ecall_strings(s, [in, out, string] upper, w, [in, out, wstring] reversed): each a flag, a
  // uint64 length with the NUL, the characters; the output holds the in-out strings back.
  Message input = Message()
                      .Flag(1)
                      .Put<uint64_t>(3)
                      .Text(std::string("ab", 3))
                      .Flag(1)
                      .Put<uint64_t>(2)
                      .Text(std::string("x", 2))
                      .Flag(0)
                      .Flag(0);
  std::vector<uint8_t> output;
  ASSERT_TRUE(Bridge("ecall_strings", input, false, &output).ok());
  EXPECT_EQ(output, Message().Put<uint64_t>(2).Text(std::string("X", 2)).bytes());
}

TEST_F(BridgeChecksTest, DeepCopyInTheDocumentedEncoding) {
  // ecall_deep_in(b, p, n): n; b's flag, its members but data in order (size, tag), data's flag
  // and bytes; p's flag.
  Message input = Message()
                      .Put<uint64_t>(0)
                      .Flag(1)
                      .Put<uint64_t>(2)
                      .Put<uint32_t>(40)
                      .Flag(1)
                      .Put<uint8_t>(1)
                      .Put<uint8_t>(2)
                      .Flag(0);
  std::vector<uint8_t> output;
  ASSERT_TRUE(Bridge("ecall_deep_in", input, false, &output).ok());
  EXPECT_EQ(output, Message().Put<uint64_t>(43).bytes());
}

// --- bridges refuse malformed input ---

TEST_F(BridgeChecksTest, TruncatedInput) {
  ExpectRefused(Bridge("ecall_sum", Message()),
                "ecall ecall_sum: parameter n: needs 8 bytes, 0 left");
  ExpectRefused(Bridge("ecall_sum", Message().Put<uint64_t>(2).Flag(1).Put<int32_t>(5)),
                "ecall ecall_sum: parameter values: needs 8 bytes, 4 left");
  ExpectRefused(Bridge("ecall_sum", Message().Put<uint64_t>(2)),
                "ecall ecall_sum: parameter values: needs 1 bytes, 0 left");
}

TEST_F(BridgeChecksTest, LengthsPastTheEnd) {
  ExpectRefused(Bridge("ecall_sum", Message().Put<uint64_t>(1000).Flag(1).Put<uint64_t>(0)),
                "ecall ecall_sum: parameter values: needs 4000 bytes, 8 left");
  ExpectRefused(Bridge("ocall_buffers",
                       Message().Put<uint64_t>(uint64_t{1} << 62).Put<uint16_t>(0).Flag(1), true),
                "ocall ocall_buffers: parameter in_buf: needs 4611686018427387904 bytes, 0 left");
  ExpectRefused(Bridge("ecall_deep_in", Message()
                                            .Put<uint64_t>(0)
                                            .Flag(1)
                                            .Put<uint64_t>(uint64_t{1} << 63)
                                            .Put<uint32_t>(0)
                                            .Flag(1)),
                "ecall ecall_deep_in: parameter b: member data: needs 9223372036854775808 "
                "bytes, 0 left");
}

TEST_F(BridgeChecksTest, CountTimesSizeOverflows) {
  ExpectRefused(Bridge("ecall_sum", Message().Put<uint64_t>(uint64_t{1} << 62).Flag(1)),
                "ecall ecall_sum: parameter values: count 4611686018427387904 x 4 bytes overflows");
  ExpectRefused(Bridge("ecall_deep_in", Message().Put<uint64_t>(uint64_t{1} << 62).Flag(0).Flag(1)),
                "ecall ecall_deep_in: parameter p: count 4611686018427387904 x " +
                    std::to_string(sizeof(polygon)) + " bytes overflows");
  ExpectRefused(
      Bridge("ecall_strings", Message().Flag(0).Flag(0).Flag(1).Put<uint64_t>(uint64_t{1} << 62)),
      "ecall ecall_strings: parameter w: count 4611686018427387904 x 4 bytes overflows");
}

TEST_F(BridgeChecksTest, ElementsThatCannotFitAreRefusedBeforeAllocation) {
  ExpectRefused(Bridge("ecall_points", Message().Put<uint8_t>(200).Flag(1)),
                "ecall ecall_points: parameter in_points: 200 elements of at least 8 bytes need "
                "more than the 0 bytes left");
  ExpectRefused(Bridge("ecall_deep_in", Message().Put<uint64_t>(1000).Flag(0).Flag(1)),
                "ecall ecall_deep_in: parameter p: 1000 elements of at least 15 bytes need more "
                "than the 0 bytes left");
}

TEST_F(BridgeChecksTest, StringsMustEndWithNul) {
  ExpectRefused(Bridge("ecall_strings", Message().Flag(1).Put<uint64_t>(3).Text("abc")),
                "ecall ecall_strings: parameter s: string of 3 characters does not end with NUL");
  ExpectRefused(Bridge("ecall_strings", Message().Flag(1).Put<uint64_t>(0)),
                "ecall ecall_strings: parameter s: string of length 0 has no room for its NUL");
  ExpectRefused(
      Bridge("ocall_strings", Message().Flag(0).Flag(1).Put<uint64_t>(2).Text("ab"), true),
      "ocall ocall_strings: parameter t: string of 2 characters does not end with NUL");
}

TEST_F(BridgeChecksTest, FlagsAndBoolsAreZeroOrOne) {
  ExpectRefused(Bridge("ecall_sum", Message().Put<uint64_t>(0).Flag(2)),
                "ecall ecall_sum: parameter values: invalid null flag 2");
  ExpectRefused(
      Bridge("ecall_flags", Message().Put<uint64_t>(2).Flag(1).Put<uint8_t>(1).Put<uint8_t>(7)),
      "ecall ecall_flags: parameter flags: invalid bool 7 at element 1");
  scalars s = e2e::Scalars();
  Message check;
  // struct scalars member by member: 24 members, b is the 21st.
  check.Put(s.c).Put(s.s).Put(s.i).Put(s.l).Put(s.ll).Put(s.uc).Put(s.us).Put(s.ui).Put(s.ul);
  check.Put(s.ull).Put(s.i8).Put(s.i16).Put(s.i32).Put(s.i64).Put(s.u8).Put(s.u16).Put(s.u32);
  check.Put(s.u64).Put(s.z).Put(s.w).Put<uint8_t>(2).Put(s.f).Put(s.d).Put(s.ld);
  ExpectRefused(Bridge("ecall_check_scalars", check),
                "ecall ecall_check_scalars: parameter s: member b: invalid bool 2");
}

TEST_F(BridgeChecksTest, TrailingBytes) {
  ExpectRefused(Bridge("ecall_sum", Message().Put<uint64_t>(0).Flag(0).Put<uint8_t>(9)),
                "ecall ecall_sum: 1 bytes after the last value");
  ExpectRefused(Bridge("ecall_run_ocalls", Message().Put<uint32_t>(0)),
                "ecall ecall_run_ocalls: 4 bytes after the last value");
}

TEST_F(BridgeChecksTest, NegativeCounts) {
  ExpectRefused(Bridge("ecall_reverse", Message().Put<int32_t>(-1).Flag(1)),
                "ecall ecall_reverse: parameter values: count -1 is negative");
}

TEST_F(BridgeChecksTest, SizesNotAMultipleOfTheElement) {
  ExpectRefused(
      Bridge("ecall_point_bytes", Message().Put<uint32_t>(10).Flag(1).Text(std::string(10, 'x'))),
      "ecall ecall_point_bytes: parameter points: size 10 is not a multiple of the element "
      "size 8");
}

TEST_F(BridgeChecksTest, OutBuffersAreLimited) {
  // all.edl's bridges are built with CONFIDANT_EDL_MAX_OUT_BYTES = 1 MiB.
  std::vector<uint8_t> output;
  ASSERT_TRUE(
      Bridge("ecall_fill", Message().Put<uint32_t>(1 << 20).Put<uint8_t>(3).Flag(1), false, &output)
          .ok());
  EXPECT_EQ(output.size(), size_t{1} << 20);
  ExpectRefused(
      Bridge("ecall_fill", Message().Put<uint32_t>((1 << 20) + 1).Put<uint8_t>(3).Flag(1)),
      "ecall ecall_fill: parameter buf: [out] buffers of more than 1048576 bytes in "
      "one call");
  // The shape of an [out] deep copy: count 300000, then the null flags of points (8 bytes
  // each), pair and visible.
  ExpectRefused(
      Bridge("ecall_deep_out", Message().Flag(1).Put<uint32_t>(300000).Flag(1).Flag(0).Flag(0)),
      "ecall ecall_deep_out: parameter p: member points: [out] buffers of more than "
      "1048576 bytes in one call");
  // The caller refuses first, with the same words.
  uint8_t big[8] = {};
  ExpectRefused(ecall_fill(enclave(), big, (1 << 20) + 1, 0),
                "ecall ecall_fill: parameter buf: [out] buffers of more than 1048576 bytes in "
                "one call");
}

TEST_F(BridgeChecksTest, ANullMemberIgnoresItsCount) {
  polygon p{0xffffffffu, nullptr, nullptr, nullptr, 3};
  uint64_t sum = 0;
  ASSERT_TRUE(ecall_deep_in(enclave(), &sum, nullptr, &p, 1).ok());
  EXPECT_EQ(sum, 3u);
  ASSERT_TRUE(ecall_deep_inout(enclave(), nullptr, nullptr).ok());
}

// --- proxies refuse wrong outputs, and write nothing from them ---

void CutLastByte(std::vector<uint8_t>& output) { output.pop_back(); }

TEST_F(BridgeChecksTest, ShortOutputs) {
  e2e::SetEcallOutputTamper(CutLastByte);
  uint64_t sum = 5;
  int32_t values[2] = {1, 2};
  ExpectRefused(ecall_sum(enclave(), &sum, values, 2),
                "ecall ecall_sum: output: return value: needs 8 bytes, 7 left");
  EXPECT_EQ(sum, 5u);
  uint8_t filled[4] = {};
  ExpectRefused(ecall_fill(enclave(), filled, 4, 9),
                "ecall ecall_fill: output: parameter buf: needs 4 bytes, 3 left");
  EXPECT_EQ(filled[0], 0);

  uint8_t data[3] = {1, 2, 3};
  buffer b{3, data, 100};
  point points[2] = {};
  uint16_t pair[2] = {};
  bool visible[2] = {};
  polygon p[2] = {{2, points, pair, visible, 7}, {1, nullptr, nullptr, nullptr, 9}};
  ExpectRefused(ecall_deep_inout(enclave(), &b, p),
                "ecall ecall_deep_inout: output: parameter p: member checksum: needs 8 bytes, 7 "
                "left");
}

TEST_F(BridgeChecksTest, LongOutputs) {
  // A runtime caps outputs at max_output, the exact size the proxy expects; past that cap (a
  // runtime that lets more through) the proxy still refuses.
  e2e::SetEcallOutputTamper([](std::vector<uint8_t>& output) { output.push_back(0); });
  uint64_t sum = 5;
  ExpectRefused(ecall_sum(enclave(), &sum, nullptr, 0),
                "ecall ecall_sum: output: 1 bytes after the last value");
  EXPECT_EQ(sum, 5u);
}

TEST_F(BridgeChecksTest, OutputContentsAreChecked) {
  // The in-out string without its NUL.
  e2e::SetEcallOutputTamper([](std::vector<uint8_t>& output) { output[output.size() - 1] = 'Z'; });
  char upper[] = "abc";
  size_t length = 0;
  ExpectRefused(ecall_strings(enclave(), &length, nullptr, upper, nullptr, nullptr),
                "ecall ecall_strings: output: parameter upper: returned string does not end with "
                "NUL");
  EXPECT_STREQ(upper, "abc");

  e2e::SetEcallOutputTamper([](std::vector<uint8_t>& output) { output[8] = 5; });
  bool flags[2] = {true, false};
  bool negated[2] = {true, true};
  size_t set = 0;
  ExpectRefused(ecall_flags(enclave(), &set, flags, negated, 2),
                "ecall ecall_flags: output: parameter negated: invalid bool 5 at element 0");
  EXPECT_TRUE(negated[0] && negated[1]);

  e2e::SetEcallOutputTamper([](std::vector<uint8_t>& output) { output[0] = 2; });
  bool same = false;
  ExpectRefused(ecall_check_scalars(enclave(), &same, e2e::Scalars()),
                "ecall ecall_check_scalars: output: return value: invalid bool 2");
}

TEST_F(BridgeChecksTest, TheEnclaveChecksTheHostsOutput) {
  e2e::SetOcallOutputTamper(CutLastByte);
  EXPECT_EQ(OcallStatus(e2e::OcallProbe::kBuffers),
            "INVALID_ARGUMENT: ocall ocall_buffers: output: parameter io: needs 16 bytes, 15 left");
  EXPECT_EQ(OcallStatus(e2e::OcallProbe::kErrno),
            "INVALID_ARGUMENT: ocall ocall_errno: output: errno: needs 4 bytes, 3 left");
  EXPECT_EQ(OcallStatus(e2e::OcallProbe::kScalars),
            "INVALID_ARGUMENT: ocall ocall_scalars: output: return value: needs 4 bytes, 3 left");
  EXPECT_EQ(OcallStatus(e2e::OcallProbe::kDeep),
            "INVALID_ARGUMENT: ocall ocall_deep: output: parameter p: member visible: needs 2 "
            "bytes, 1 left");
  e2e::SetOcallOutputTamper([](std::vector<uint8_t>& output) { output.back() = 'q'; });
  EXPECT_EQ(OcallStatus(e2e::OcallProbe::kStrings),
            "INVALID_ARGUMENT: ocall ocall_strings: output: parameter t: returned string does "
            "not end with NUL");
  e2e::SetOcallOutputTamper({});
  EXPECT_EQ(OcallStatus(e2e::OcallProbe::kStrings), "OK");
}

}  // namespace
}  // namespace confidant::edl

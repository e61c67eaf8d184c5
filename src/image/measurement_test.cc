// MrEnclaveBuilder against records built here, independently, from the table in
// shared/reference/sgx-and-dcap.md section 1, hashed with a one-shot SHA-256.

#include "image/measurement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <iterator>

#include "crypto/hash.h"

namespace confidant::image {
namespace {

constexpr uint64_t kSize = 0x10000;

// A 64-byte record: `tag` padded to 8 bytes, then the little-endian fields at their offsets.
struct RecordBuilder {
  std::array<uint8_t, 64> bytes{};
  explicit RecordBuilder(const char* tag) { std::memcpy(bytes.data(), tag, std::strlen(tag)); }
  RecordBuilder& Le(size_t at, uint64_t value, size_t width) {
    for (size_t i = 0; i < width; ++i) bytes[at + i] = static_cast<uint8_t>(value >> (8 * i));
    return *this;
  }
};

Bytes EcreateRecord(uint32_t ssa, uint64_t size) {
  RecordBuilder r("ECREATE");
  r.Le(8, ssa, 4).Le(12, size, 8);
  return Bytes(r.bytes.begin(), r.bytes.end());
}
Bytes EaddRecord(uint64_t offset, uint64_t flags) {
  RecordBuilder r("EADD");
  r.Le(8, offset, 8).Le(16, flags, 8);
  return Bytes(r.bytes.begin(), r.bytes.end());
}
Bytes EextendRecord(uint64_t offset, ByteSpan chunk) {
  RecordBuilder r("EEXTEND");
  r.Le(8, offset, 8);
  Bytes out(r.bytes.begin(), r.bytes.end());
  Append(out, chunk);
  return out;
}

Measurement Sha256Of(const Bytes& stream) {
  Bytes d = crypto::Sha256(stream);
  Measurement m{};
  std::copy(d.begin(), d.end(), m.begin());
  return m;
}

Bytes Pattern(size_t n, uint8_t seed) {
  Bytes out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(seed + 7 * i);
  return out;
}

TEST(MrEnclaveTest, RecordConstantsMatchReference) {
  // Spot-check the independent record builder against the reference's literal layout.
  Bytes ecreate = EcreateRecord(1, 0x2000);
  EXPECT_EQ(ecreate.size(), 64u);
  EXPECT_EQ(std::string(ecreate.begin(), ecreate.begin() + 8), std::string("ECREATE\0", 8));
  EXPECT_EQ(ecreate[8], 1);
  EXPECT_EQ(ecreate[13], 0x20);
  Bytes eadd = EaddRecord(0x1000, kSecinfoRegRx);
  EXPECT_EQ(std::string(eadd.begin(), eadd.begin() + 8), std::string("EADD\0\0\0\0", 8));
  EXPECT_EQ(eadd[9], 0x10);
  EXPECT_EQ(eadd[16], 0x05);
  EXPECT_EQ(eadd[17], 0x02);
  EXPECT_EQ(kSecinfoRegRx, 0x205u);
  EXPECT_EQ(kSecinfoRegRw, 0x203u);
  EXPECT_EQ(kSecinfoTcs, 0x100u);
}

TEST(MrEnclaveTest, EcreateOnly) {
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  EXPECT_EQ(b.blocks(), 1u);
  Result<Measurement> m = b.Finish();
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(*m, Sha256Of(EcreateRecord(1, kSize)));
}

TEST(MrEnclaveTest, EaddAndEextendRecords) {
  Bytes chunk = Pattern(256, 3);
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(2, kSize).ok());
  ASSERT_TRUE(b.Eadd(0x3000, kSecinfoRegRw).ok());
  ASSERT_TRUE(b.Eextend(0x3100, chunk).ok());
  EXPECT_EQ(b.blocks(), 1u + 1u + 5u);
  Bytes stream = EcreateRecord(2, kSize);
  Append(stream, EaddRecord(0x3000, 0x203));
  Append(stream, EextendRecord(0x3100, chunk));
  EXPECT_EQ(stream.size(), 7u * 64u);
  EXPECT_EQ(*b.Finish(), Sha256Of(stream));
}

TEST(MrEnclaveTest, TcsPagesMeasuredWithoutRwx) {
  MrEnclaveBuilder a;
  ASSERT_TRUE(a.Ecreate(1, kSize).ok());
  ASSERT_TRUE(a.Eadd(0, kSecinfoTcs | kSecinfoR | kSecinfoW | kSecinfoX).ok());
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  ASSERT_TRUE(b.Eadd(0, kSecinfoTcs).ok());
  Bytes stream = EcreateRecord(1, kSize);
  Append(stream, EaddRecord(0, 0x100));
  Measurement expected = Sha256Of(stream);
  EXPECT_EQ(*a.Finish(), expected);
  EXPECT_EQ(*b.Finish(), expected);
}

TEST(MrEnclaveTest, RegRwxIsMeasuredAsGiven) {
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  ASSERT_TRUE(b.Eadd(0, kSecinfoRegRwx).ok());
  Bytes stream = EcreateRecord(1, kSize);
  Append(stream, EaddRecord(0, 0x207));
  EXPECT_EQ(*b.Finish(), Sha256Of(stream));
}

TEST(MrEnclaveTest, FullyMeasuredPageIs80Blocks) {
  Bytes page = Pattern(4096, 11);
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  ASSERT_TRUE(b.AddPage(0x2000, kSecinfoRegRx, page, /*measure_content=*/true).ok());
  EXPECT_EQ(b.blocks(), 1u + 1u + 80u);  // ECREATE, EADD, 16 * (EEXTEND header + 4 data)
  Bytes stream = EcreateRecord(1, kSize);
  Append(stream, EaddRecord(0x2000, 0x205));
  for (uint64_t i = 0; i < 4096; i += 256) {
    Append(stream, EextendRecord(0x2000 + i, ByteSpan(page).subspan(i, 256)));
  }
  EXPECT_EQ(stream.size(), 64u * (1 + 1 + 16 * 5));
  EXPECT_EQ(*b.Finish(), Sha256Of(stream));
}

TEST(MrEnclaveTest, UnmeasuredPageIsOnlyEadd) {
  Bytes page = Pattern(4096, 1);
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  ASSERT_TRUE(b.AddPage(0x1000, kSecinfoRegRw, page, /*measure_content=*/false).ok());
  EXPECT_EQ(b.blocks(), 2u);
  Bytes stream = EcreateRecord(1, kSize);
  Append(stream, EaddRecord(0x1000, 0x203));
  EXPECT_EQ(*b.Finish(), Sha256Of(stream));
}

TEST(MrEnclaveTest, ContentAndOrderChangeTheMeasurement) {
  auto measure = [](uint8_t seed, uint64_t first, uint64_t second) {
    MrEnclaveBuilder b;
    EXPECT_TRUE(b.Ecreate(1, kSize).ok());
    EXPECT_TRUE(b.AddPage(first, kSecinfoRegRx, Pattern(4096, seed), true).ok());
    EXPECT_TRUE(b.AddPage(second, kSecinfoRegRx, Pattern(4096, seed), true).ok());
    return *b.Finish();
  };
  EXPECT_EQ(measure(1, 0, 0x1000), measure(1, 0, 0x1000));
  EXPECT_NE(measure(1, 0, 0x1000), measure(2, 0, 0x1000));
  EXPECT_NE(measure(1, 0, 0x1000), measure(1, 0x1000, 0));
}

void ExpectError(const Status& status, StatusCode code, std::string_view message) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_EQ(status.message(), message);
}

TEST(MrEnclaveTest, EcreatePreconditions) {
  MrEnclaveBuilder b;
  ExpectError(b.Ecreate(0, kSize), StatusCode::kInvalidArgument,
              "mrenclave: SSA frame size of 0 pages");
  ExpectError(b.Ecreate(1, 0x1000), StatusCode::kInvalidArgument,
              "mrenclave: enclave size 0x1000 is not a power of two >= 2 pages");
  ExpectError(b.Ecreate(1, 0x3000), StatusCode::kInvalidArgument,
              "mrenclave: enclave size 0x3000 is not a power of two >= 2 pages");
  ExpectError(b.Ecreate(1, 0), StatusCode::kInvalidArgument,
              "mrenclave: enclave size 0x0 is not a power of two >= 2 pages");
  EXPECT_EQ(b.blocks(), 0u);
  ASSERT_TRUE(b.Ecreate(1, 0x2000).ok());
  ExpectError(b.Ecreate(1, 0x2000), StatusCode::kFailedPrecondition,
              "mrenclave: ECREATE called twice");
}

TEST(MrEnclaveTest, OutOfOrderCalls) {
  MrEnclaveBuilder b;
  ExpectError(b.Eadd(0, kSecinfoRegRx), StatusCode::kFailedPrecondition,
              "mrenclave: EADD before ECREATE");
  ExpectError(b.Eextend(0, Bytes(256)), StatusCode::kFailedPrecondition,
              "mrenclave: EEXTEND before ECREATE");
  ExpectError(b.Finish().status(), StatusCode::kFailedPrecondition,
              "mrenclave: Finish before ECREATE");
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  ExpectError(b.Eextend(0x100, Bytes(256)), StatusCode::kFailedPrecondition,
              "mrenclave: EEXTEND at 0x100 of page 0x0 that was not added");
  ASSERT_TRUE(b.Eadd(0, kSecinfoRegRx).ok());
  ExpectError(b.Eadd(0, kSecinfoRegRx), StatusCode::kFailedPrecondition,
              "mrenclave: EADD of page 0x0 twice");
  ASSERT_TRUE(b.Finish().ok());
  ExpectError(b.Eadd(0x1000, kSecinfoRegRx), StatusCode::kFailedPrecondition,
              "mrenclave: EADD after Finish");
  ExpectError(b.Finish().status(), StatusCode::kFailedPrecondition,
              "mrenclave: Finish after Finish");
}

// Pages added in any order, with gaps: each is known as added exactly once, and EEXTEND reaches
// exactly the added ones.
TEST(MrEnclaveTest, TracksAddedPagesInAnyOrder) {
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  const uint64_t order[] = {0x5000, 0x3000, 0x4000, 0x0, 0x9000, 0x1000, 0x8000};
  for (uint64_t page : order) ASSERT_TRUE(b.Eadd(page, kSecinfoRegRw).ok()) << page;
  for (uint64_t page = 0; page < kSize; page += 0x1000) {
    bool added = std::find(std::begin(order), std::end(order), page) != std::end(order);
    EXPECT_EQ(b.Eextend(page + 0x300, Bytes(256)).ok(), added) << page;
    EXPECT_EQ(b.Eadd(page, kSecinfoRegRw).code(),
              added ? StatusCode::kFailedPrecondition : StatusCode::kOk)
        << page;
  }
}

TEST(MrEnclaveTest, EaddArgumentErrors) {
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  ExpectError(b.Eadd(0x800, kSecinfoRegRx), StatusCode::kInvalidArgument,
              "mrenclave: EADD offset 0x800 is not 4096-byte aligned");
  ExpectError(b.Eadd(kSize, kSecinfoRegRx), StatusCode::kInvalidArgument,
              "mrenclave: EADD offset 0x10000 is outside the enclave (size 0x10000)");
  ExpectError(b.Eadd(0, 0x10205), StatusCode::kInvalidArgument,
              "mrenclave: EADD SECINFO flags 0x10205 set reserved bits");
  ExpectError(b.Eadd(0, 0xc0), StatusCode::kInvalidArgument,
              "mrenclave: EADD SECINFO flags 0xc0 set reserved bits");
  ExpectError(b.Eadd(0, kPageTypeSecs | kSecinfoR), StatusCode::kInvalidArgument,
              "mrenclave: EADD page type 0x0 is neither REG nor TCS");
  ExpectError(b.Eadd(0, kPageTypeVa), StatusCode::kInvalidArgument,
              "mrenclave: EADD page type 0x3 is neither REG nor TCS");
  ExpectError(b.Eadd(0, kPageTypeReg | kSecinfoW), StatusCode::kInvalidArgument,
              "mrenclave: EADD SECINFO flags 0x202 are writable but not readable");
  EXPECT_EQ(b.blocks(), 1u);
}

TEST(MrEnclaveTest, EextendArgumentErrors) {
  MrEnclaveBuilder b;
  ASSERT_TRUE(b.Ecreate(1, kSize).ok());
  ASSERT_TRUE(b.Eadd(0, kSecinfoRegRx).ok());
  ExpectError(b.Eextend(0x80, Bytes(256)), StatusCode::kInvalidArgument,
              "mrenclave: EEXTEND offset 0x80 is not 256-byte aligned");
  ExpectError(b.Eextend(kSize + 0x100, Bytes(256)), StatusCode::kInvalidArgument,
              "mrenclave: EEXTEND offset 0x10100 is outside the enclave (size 0x10000)");
  ExpectError(b.Eextend(0, Bytes(255)), StatusCode::kInvalidArgument,
              "mrenclave: EEXTEND chunk of 255 bytes, expected 256");
  ExpectError(b.Eextend(0, Bytes(4096)), StatusCode::kInvalidArgument,
              "mrenclave: EEXTEND chunk of 4096 bytes, expected 256");
  ExpectError(b.AddPage(0x1000, kSecinfoRegRx, Bytes(4095), true), StatusCode::kInvalidArgument,
              "mrenclave: page of 4095 bytes, expected 4096");
  EXPECT_EQ(b.blocks(), 2u);
}

}  // namespace
}  // namespace confidant::image

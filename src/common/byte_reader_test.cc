#include "common/byte_reader.h"

#include <gtest/gtest.h>

#include <limits>

namespace confidant {
namespace {

TEST(ByteReaderTest, ReadsLittleAndBigEndian) {
  const Bytes data = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
                      0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16,
                      0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
  ByteReader r(data, "t");
  EXPECT_EQ(*r.ReadU8("a"), 0x01);
  EXPECT_EQ(*r.ReadU16Le("b"), 0x0302);
  EXPECT_EQ(*r.ReadU32Le("c"), 0x07060504u);
  EXPECT_EQ(*r.ReadU64Le("d"), 0x0f0e0d0c0b0a0908ull);
  EXPECT_EQ(*r.ReadU16Be("e"), 0x1011);
  EXPECT_EQ(*r.ReadU32Be("f"), 0x12131415u);
  EXPECT_EQ(*r.ReadU64Be("g"), 0x161718191a1b1c1dull);
  EXPECT_EQ(r.offset(), 29u);
  EXPECT_EQ(r.remaining(), 2u);
  auto arr = r.ReadArray<2>("h");
  ASSERT_TRUE(arr.ok());
  EXPECT_EQ((*arr)[1], 0x1f);
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(r.ExpectEnd().ok());
}

TEST(ByteReaderTest, ShortReadNamesFieldAndLeavesCursor) {
  const Bytes data(10, 0);
  ByteReader r(data, "quote");
  ASSERT_TRUE(r.Skip(4, "header").ok());
  Result<ByteSpan> b = r.ReadBytes(4096, "certification data");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(b.status().message(), "quote: certification data: need 4096 bytes, 6 remain");
  EXPECT_EQ(r.offset(), 4u);
  EXPECT_EQ(r.ReadU64Le("x").status().message(), "quote: x: need 8 bytes, 6 remain");
}

TEST(ByteReaderTest, HugeLengthsDoNotOverflow) {
  const Bytes data(16, 0);
  ByteReader r(data, "t");
  ASSERT_TRUE(r.Skip(8, "a").ok());
  EXPECT_FALSE(r.ReadBytes(std::numeric_limits<uint64_t>::max(), "len").ok());
  EXPECT_FALSE(r.Skip(std::numeric_limits<uint64_t>::max() - 4, "len").ok());
  EXPECT_FALSE(r.Sub(std::numeric_limits<uint64_t>::max(), "len").ok());
  EXPECT_EQ(r.remaining(), 8u);
}

TEST(ByteReaderTest, ExpectZeroReportsOffset) {
  const Bytes data = {0, 0, 0, 7, 0};
  ByteReader r(data, "report");
  Status s = r.ExpectZero(5, "reserved1");
  EXPECT_EQ(s.message(), "report: reserved1: reserved byte at offset 3 is not zero");
  EXPECT_EQ(r.offset(), 0u);
  EXPECT_TRUE(r.ExpectZero(3, "reserved0").ok());
}

TEST(ByteReaderTest, SubReaderHasNestedContext) {
  const Bytes data = {2, 0, 0xaa, 0xbb, 0xcc};
  ByteReader r(data, "quote");
  uint16_t len = *r.ReadU16Le("size");
  Result<ByteReader> sub = r.Sub(len, "qe report");
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->remaining(), 2u);
  EXPECT_EQ(sub->ReadU32Le("cpusvn").status().message(),
            "quote: qe report: cpusvn: need 4 bytes, 2 remain");
  EXPECT_EQ(r.remaining(), 1u);
  EXPECT_EQ(r.ExpectEnd().message(), "quote: 1 trailing bytes");
  EXPECT_EQ(r.Rest()[0], 0xcc);
}

TEST(ByteWriterTest, RoundTripsThroughReader) {
  ByteWriter w;
  w.U8(1);
  w.U16Le(0x0203);
  w.U32Le(0x04050607);
  w.U64Le(0x08090a0b0c0d0e0full);
  w.U16Be(0x1011);
  w.U32Be(0x12131415);
  w.U64Be(0x161718191a1b1c1dull);
  w.Write(Bytes{0xee});
  w.Zeros(2);
  Bytes out = std::move(w).Take();
  ASSERT_EQ(out.size(), 1u + 2 + 4 + 8 + 2 + 4 + 8 + 1 + 2);
  ByteReader r(out, "t");
  EXPECT_EQ(*r.ReadU8("a"), 1);
  EXPECT_EQ(*r.ReadU16Le("b"), 0x0203);
  EXPECT_EQ(*r.ReadU32Le("c"), 0x04050607u);
  EXPECT_EQ(*r.ReadU64Le("d"), 0x08090a0b0c0d0e0full);
  EXPECT_EQ(*r.ReadU16Be("e"), 0x1011);
  EXPECT_EQ(*r.ReadU32Be("f"), 0x12131415u);
  EXPECT_EQ(*r.ReadU64Be("g"), 0x161718191a1b1c1dull);
  EXPECT_EQ(*r.ReadU8("h"), 0xee);
  EXPECT_TRUE(r.ExpectZero(2, "pad").ok());
  EXPECT_TRUE(r.ExpectEnd().ok());
}

}  // namespace
}  // namespace confidant

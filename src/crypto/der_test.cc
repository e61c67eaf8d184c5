#include "crypto/der.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace confidant::crypto {
namespace {

TEST(DerTest, EncodesAndReadsEveryType) {
  std::vector<Bytes> items = {*DerOid("1.3.6.1.4.1.3704.1.3.1"),
                              DerInteger(-129),
                              DerUnsignedInteger(Bytes{0x00, 0x00, 0xff}),
                              DerOctetString(Bytes{1, 2}),
                              DerEnumerated(3),
                              DerBoolean(true),
                              DerBoolean(false)};
  Bytes der = DerSequence(items);
  DerReader outer(der, "t");
  EXPECT_EQ(*outer.PeekTag(), kDerSequence);
  DerReader r = *outer.ReadSequence();
  EXPECT_EQ(*r.ReadOid(), "1.3.6.1.4.1.3704.1.3.1");
  EXPECT_EQ(*r.ReadInteger(), -129);
  ByteSpan unsigned_bytes = *r.ReadIntegerBytes();
  EXPECT_EQ(Bytes(unsigned_bytes.begin(), unsigned_bytes.end()), (Bytes{0x00, 0xff}));
  ByteSpan octets = *r.ReadOctetString();
  EXPECT_EQ(Bytes(octets.begin(), octets.end()), (Bytes{1, 2}));
  EXPECT_EQ(*r.ReadEnumerated(), 3);
  EXPECT_TRUE(*r.ReadBoolean());
  EXPECT_FALSE(*r.ReadBoolean());
  EXPECT_TRUE(r.ExpectEnd().ok());
  EXPECT_TRUE(outer.ExpectEnd().ok());
  EXPECT_EQ(DerInteger(0), (Bytes{0x02, 0x01, 0x00}));
  EXPECT_EQ(DerBoolean(true), (Bytes{0x01, 0x01, 0xff}));
  EXPECT_EQ(DerIa5String("Milan-B0"), (Bytes{0x16, 0x08, 'M', 'i', 'l', 'a', 'n', '-', 'B', '0'}));
}

void ExpectInvalid(const Status& s, std::string_view fragment) {
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s;
  EXPECT_NE(s.message().find(fragment), std::string_view::npos) << s;
}

TEST(DerTest, RejectsMalformedInput) {
  // Length beyond the buffer.
  ExpectInvalid(DerReader(Bytes{0x04, 0x05, 0x01}, "ext").ReadOctetString().status(),
                "ext: malformed DER element");
  // Indefinite length.
  ExpectInvalid(DerReader(Bytes{0x30, 0x80, 0x00, 0x00}, "ext").ReadSequence().status(),
                "indefinite length");
  // Wrong tag leaves the reader where it was.
  const Bytes five = DerInteger(5);  // the reader views it, so it must outlive the reader
  DerReader r(five, "ext");
  ExpectInvalid(r.ReadOctetString().status(), "expected OCTET STRING, found tag 2");
  EXPECT_EQ(*r.ReadInteger(), 5);
  // Reading past the end.
  ExpectInvalid(r.ReadInteger().status(), "expected another DER element");
  // Integer too large for int64.
  Bytes big = DerUnsignedInteger(Bytes(9, 0xff));
  ExpectInvalid(DerReader(big, "ext").ReadInteger().status(), "out of 64-bit range");
  // Non-DER booleans.
  ExpectInvalid(DerReader(Bytes{0x01, 0x01, 0x01}, "ext").ReadBoolean().status(), "not DER");
  ExpectInvalid(DerReader(Bytes{0x01, 0x02, 0xff, 0xff}, "ext").ReadBoolean().status(), "not DER");
  // Trailing data.
  Bytes two = DerInteger(1);
  Append(two, DerInteger(2));
  DerReader t(two, "ext");
  ASSERT_TRUE(t.ReadInteger().ok());
  ExpectInvalid(t.ExpectEnd(), "unexpected trailing bytes");
  ExpectInvalid(DerOid("1.2.x").status(), "not a dotted OID");
  ExpectInvalid(DerReader(Bytes{}, "ext").PeekTag().status(), "expected another DER element");
}

}  // namespace
}  // namespace confidant::crypto

#include "common/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace confidant {
namespace {

struct Vector {
  const char* plain;
  const char* encoded;
};

// RFC 4648 section 10.
TEST(EncodingTest, Base64Rfc4648Vectors) {
  const Vector vectors[] = {{"", ""},
                            {"f", "Zg=="},
                            {"fo", "Zm8="},
                            {"foo", "Zm9v"},
                            {"foob", "Zm9vYg=="},
                            {"fooba", "Zm9vYmE="},
                            {"foobar", "Zm9vYmFy"}};
  for (const Vector& v : vectors) {
    EXPECT_EQ(Base64Encode(AsBytes(v.plain)), v.encoded);
    Result<Bytes> decoded = Base64Decode(v.encoded);
    ASSERT_TRUE(decoded.ok()) << v.encoded << ": " << decoded.status();
    EXPECT_EQ(ToString(*decoded), v.plain);
  }
}

TEST(EncodingTest, Base16Rfc4648Vectors) {
  const Vector vectors[] = {{"", ""},
                            {"f", "66"},
                            {"fo", "666f"},
                            {"foo", "666f6f"},
                            {"foob", "666f6f62"},
                            {"fooba", "666f6f6261"},
                            {"foobar", "666f6f626172"}};
  for (const Vector& v : vectors) {
    EXPECT_EQ(HexEncode(AsBytes(v.plain)), v.encoded);
    EXPECT_EQ(ToString(*HexDecode(v.encoded)), v.plain);
  }
  EXPECT_EQ(*HexDecode("DEADbeef"), (Bytes{0xde, 0xad, 0xbe, 0xef}));
}

TEST(EncodingTest, Base64UrlUsesUrlAlphabetWithoutPadding) {
  const Bytes bytes = {0xfb, 0xff, 0xbf, 0xfe};
  EXPECT_EQ(Base64Encode(bytes), "+/+//g==");
  EXPECT_EQ(Base64UrlEncode(bytes), "-_-__g");
  EXPECT_EQ(*Base64UrlDecode("-_-__g"), bytes);
  EXPECT_EQ(*Base64UrlDecode("-_-__g=="), bytes);  // padding accepted when complete
  EXPECT_EQ(*Base64Decode("Zm8"), ToBytes("fo"));  // and optional
  EXPECT_FALSE(Base64UrlDecode("+/+//g").ok());
  EXPECT_FALSE(Base64Decode("-_-__g").ok());
}

struct BadCase {
  const char* text;
  const char* what;
};

TEST(EncodingTest, HexRejects) {
  const BadCase cases[] = {{"abc", "odd length 3"},
                           {"zz", "invalid digit at offset 0"},
                           {"0g", "invalid digit at offset 1"},
                           {"00 11", "odd length"},
                           {"0011 ", "odd length"}};
  for (const BadCase& c : cases) {
    Result<Bytes> r = HexDecode(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(c.what), std::string_view::npos) << r.status();
  }
  EXPECT_NE(HexDecode("00 1").status().message().find("offset 2"), std::string_view::npos);
}

TEST(EncodingTest, Base64Rejects) {
  const BadCase cases[] = {{"Zm9v!A==", "invalid character at offset 4"},
                           {"Zm9 vA", "invalid character at offset 3"},
                           {"Zm9v\nA", "invalid character at offset 4"},
                           {"Zg=", "bad padding"},
                           {"Zg===", "bad padding"},
                           {"Z===", "bad padding"},
                           {"Zm9vY", "truncated input"},
                           {"QR==", "non-zero trailing bits"},
                           {"Zm9=", "non-zero trailing bits"},
                           {"Zg==Zg==", "invalid character at offset 2"}};
  for (const BadCase& c : cases) {
    Result<Bytes> r = Base64Decode(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(c.what), std::string_view::npos)
        << c.text << ": " << r.status();
  }
}

TEST(EncodingTest, RoundTripsEveryByte) {
  Bytes all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<uint8_t>(i);
  for (size_t n = 0; n <= all.size(); n += 17) {
    ByteSpan part(all.data(), n);
    EXPECT_EQ(*HexDecode(HexEncode(part)), Bytes(part.begin(), part.end()));
    EXPECT_EQ(*Base64Decode(Base64Encode(part)), Bytes(part.begin(), part.end()));
    EXPECT_EQ(*Base64UrlDecode(Base64UrlEncode(part)), Bytes(part.begin(), part.end()));
  }
}

TEST(HexU32Test, EightLowercaseDigits) {
  EXPECT_EQ(HexU32(0), "0x00000000");
  EXPECT_EQ(HexU32(0x00050472), "0x00050472");
  EXPECT_EQ(HexU32(0xDEADBEEF), "0xdeadbeef");
}

TEST(HexNumberTest, FewestLowercaseDigits) {
  EXPECT_EQ(HexNumber(0), "0x0");
  EXPECT_EQ(HexNumber(0x3e10), "0x3e10");
  EXPECT_EQ(HexNumber(UINT64_MAX), "0xffffffffffffffff");
}

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Debug=1\n# comment"));
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92"));  // é € 🔒
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));                           // U+10FFFF
}

TEST(Utf8Test, RefusesMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\x80"));                  // stray continuation byte
  EXPECT_FALSE(IsValidUtf8("\xc3"));                  // truncated
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));              // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));          // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xf8\x88\x80\x80\x80"));  // 5-byte form
  EXPECT_FALSE(IsValidUtf8("a\xc3(b"));               // bad continuation
}

}  // namespace
}  // namespace confidant

// RsaSigstructQuotients against small hand-checked numbers and the defining identities on a
// 3072-bit signature.

#include "crypto/rsa_sigstruct.h"

#include <gtest/gtest.h>

#include "crypto/key.h"
#include "crypto/signature.h"

namespace confidant::crypto {
namespace {

TEST(RsaSigstructQuotientsTest, SmallNumbers) {
  // M = 221, S = 200: S^2 = 40000 = 180*221 + 220, so Q1 = 180;
  // S^3 - Q1*S*M = 8000000 - 7956000 = 44000 = 199*221 + 21, so Q2 = 199.
  Bytes m = {221};
  Bytes s = {200};
  Result<std::pair<Bytes, Bytes>> q = RsaSigstructQuotients(m, s);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->first, Bytes{180});
  EXPECT_EQ(q->second, Bytes{199});
}

TEST(RsaSigstructQuotientsTest, PaddedToModulusSize) {
  Bytes m = {0x01, 0x00, 0x01};  // 65537
  Bytes s = {0x00, 0x00, 0x02};
  Result<std::pair<Bytes, Bytes>> q = RsaSigstructQuotients(m, s);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->first, (Bytes{0, 0, 0}));
  EXPECT_EQ(q->second, (Bytes{0, 0, 0}));
}

TEST(RsaSigstructQuotientsTest, RealSignatureSatisfiesIdentities) {
  Result<PrivateKey> key = PrivateKey::GenerateRsa(3072, 3);
  ASSERT_TRUE(key.ok()) << key.status();
  Bytes m = *key->public_key().RsaModulus();
  Bytes s = *RsaSign(*key, RsaPadding::kPkcs1v15, HashAlgorithm::kSha256, AsBytes("message"));
  ASSERT_EQ(m.size(), 384u);
  Result<std::pair<Bytes, Bytes>> q = RsaSigstructQuotients(m, s);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->first.size(), 384u);
  EXPECT_EQ(q->second.size(), 384u);
  // Recomputing gives the same answer; a different signature gives different quotients.
  EXPECT_EQ(*RsaSigstructQuotients(m, s), *q);
  s[200] ^= 1;
  EXPECT_NE(RsaSigstructQuotients(m, s)->first, q->first);
}

TEST(RsaSigstructQuotientsTest, RefusesBadInput) {
  EXPECT_EQ(RsaSigstructQuotients({}, Bytes{1}).status().message(),
            "sigstruct quotients: modulus of 0 bytes");
  EXPECT_EQ(RsaSigstructQuotients(Bytes{0}, Bytes{0}).status().message(),
            "sigstruct quotients: modulus is zero or even");
  EXPECT_EQ(RsaSigstructQuotients(Bytes{220}, Bytes{1}).status().message(),
            "sigstruct quotients: modulus is zero or even");
  EXPECT_EQ(RsaSigstructQuotients(Bytes{221}, Bytes{221}).status().message(),
            "sigstruct quotients: signature is not below the modulus");
  EXPECT_EQ(RsaSigstructQuotients(Bytes{221}, Bytes{1, 0}).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confidant::crypto

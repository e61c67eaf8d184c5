// The verification cache must never accept what crypto::VerifyChain refuses: leaves under a
// remembered issuer are still checked for signature, dates, issuer and revocation, and nothing
// is used outside the interval in which it was valid.

#include "verify/verification_cache.h"

#include <gtest/gtest.h>

#include "crypto/certificate_builder.h"
#include "crypto/key.h"

namespace confidant::verify {
namespace {

using crypto::Certificate;
using crypto::CertificateBuilder;
using crypto::Crl;
using crypto::CrlBuilder;
using crypto::PrivateKey;

constexpr int64_t kT0 = 1'700'000'000;
constexpr int64_t kDay = 86400;

Certificate MakeRoot(const PrivateKey& root_key) {
  return *CertificateBuilder()
              .SetSubject({{"CN", "Test Root"}})
              .SetValidity(kT0, kT0 + 365 * kDay)
              .SetPublicKey(root_key.public_key())
              .SetBasicConstraints(true)
              .SetKeyUsage("critical,keyCertSign,cRLSign")
              .Sign(root_key, nullptr);
}

Certificate MakeCa(const PrivateKey& ca_key, const PrivateKey& root_key, const Certificate& root) {
  return *CertificateBuilder()
              .SetSubject({{"CN", "Test CA"}})
              .SetValidity(kT0, kT0 + 100 * kDay)
              .SetPublicKey(ca_key.public_key())
              .SetBasicConstraints(true, 0)
              .SetKeyUsage("critical,keyCertSign,cRLSign")
              .Sign(root_key, &root);
}

struct Hierarchy {
  PrivateKey root_key = *PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
  PrivateKey ca_key = *PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
  Certificate root = MakeRoot(root_key);
  Certificate ca = MakeCa(ca_key, root_key, root);

  Certificate Leaf(const PrivateKey& signer, int64_t not_before, int64_t not_after) const {
    PrivateKey key = *PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
    return *CertificateBuilder()
                .SetSubject({{"CN", "Test Leaf"}})
                .SetValidity(not_before, not_after)
                .SetPublicKey(key.public_key())
                .SetBasicConstraints(false)
                .SetKeyUsage("critical,digitalSignature")
                .Sign(signer, &ca);
  }

  std::vector<Crl> Crls(const std::vector<Certificate>& revoked = {}) const {
    CrlBuilder ca_crl;
    ca_crl.SetUpdateTimes(kT0, kT0 + 30 * kDay);
    for (const Certificate& c : revoked) ca_crl.Revoke(c, kT0 + kDay);
    CrlBuilder root_crl;
    root_crl.SetUpdateTimes(kT0, kT0 + 30 * kDay);
    return {*ca_crl.Sign(ca_key, ca), *root_crl.Sign(root_key, root)};
  }
};

TEST(VerificationCacheTest, LaterLeavesUnderARememberedIssuerAreStillChecked) {
  Hierarchy h;
  const int64_t now = kT0 + 2 * kDay;
  VerificationCache cache;
  std::vector<Certificate> intermediates{h.ca}, anchors{h.root};
  Certificate good = h.Leaf(h.ca_key, kT0, kT0 + 50 * kDay);
  Certificate revoked = h.Leaf(h.ca_key, kT0, kT0 + 50 * kDay);
  std::vector<Crl> crls = h.Crls({revoked});
  const crypto::ChainOptions require{true};

  ASSERT_TRUE(cache.VerifyChain(good, intermediates, anchors, crls, now, require).ok());
  EXPECT_EQ(cache.chain_hits(), 0u);
  Certificate second = h.Leaf(h.ca_key, kT0, kT0 + 50 * kDay);
  Result<std::vector<Certificate>> path =
      cache.VerifyChain(second, intermediates, anchors, crls, now, require);
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(cache.chain_hits(), 1u);
  EXPECT_EQ(path->size(), 3u);

  // Each must be refused exactly as without the cache.
  PrivateKey stranger = *PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
  const Certificate bad[] = {
      revoked, h.Leaf(stranger, kT0, kT0 + 50 * kDay),     // not signed by the CA
      h.Leaf(h.ca_key, kT0 + 10 * kDay, kT0 + 50 * kDay),  // not yet valid
      h.Leaf(h.ca_key, kT0, kT0 + kDay),                   // expired
  };
  for (const Certificate& leaf : bad) {
    Result<std::vector<Certificate>> cached =
        cache.VerifyChain(leaf, intermediates, anchors, crls, now, require);
    Result<std::vector<Certificate>> direct =
        crypto::VerifyChain(leaf, intermediates, anchors, crls, now, require);
    ASSERT_FALSE(direct.ok());
    ASSERT_FALSE(cached.ok());
    EXPECT_EQ(cached.status().message(), direct.status().message());
  }
}

TEST(VerificationCacheTest, NothingIsUsedOutsideItsInterval) {
  Hierarchy h;
  VerificationCache cache;
  std::vector<Certificate> intermediates{h.ca}, anchors{h.root};
  std::vector<Crl> crls = h.Crls();
  const crypto::ChainOptions require{true};
  Certificate leaf = h.Leaf(h.ca_key, kT0, kT0 + 90 * kDay);
  ASSERT_TRUE(cache.VerifyChain(leaf, intermediates, anchors, crls, kT0 + kDay, require).ok());
  // The CRLs' nextUpdate has passed: the remembered path is not used, and the chain fails.
  Result<std::vector<Certificate>> late =
      cache.VerifyChain(leaf, intermediates, anchors, crls, kT0 + 31 * kDay, require);
  EXPECT_FALSE(late.ok());
  EXPECT_EQ(cache.chain_hits(), 0u);
  // Other CRLs (or anchors) are another entry.
  std::vector<Crl> other = h.Crls({leaf});
  EXPECT_FALSE(
      cache.VerifyChain(leaf, intermediates, anchors, other, kT0 + 2 * kDay, require).ok());
}

TEST(VerificationCacheTest, CollateralEntriesExpire) {
  VerificationCache cache;
  auto entry = std::make_shared<VerificationCache::Collateral>();
  entry->valid_from = 100;
  entry->valid_until = 200;
  cache.PutCollateral("k", entry);
  EXPECT_EQ(cache.FindCollateral("k", 99), nullptr);
  EXPECT_NE(cache.FindCollateral("k", 100), nullptr);
  EXPECT_EQ(cache.FindCollateral("k", 200), nullptr);
  EXPECT_EQ(cache.FindCollateral("other", 150), nullptr);
}

}  // namespace
}  // namespace confidant::verify

#include "verify/verification_cache.h"

#include <algorithm>

#include "crypto/hash.h"

namespace confidant::verify {
namespace {

void AppendPart(Bytes& key, ByteSpan part) {
  const uint64_t n = part.size();
  for (int i = 0; i < 8; ++i) key.push_back(static_cast<uint8_t>(n >> (8 * i)));
  Append(key, part);
}

// Everything the path above a leaf depends on: the candidates, anchors, CRLs and options.
std::string PathKey(std::span<const crypto::Certificate> intermediates,
                    std::span<const crypto::Certificate> anchors, std::span<const crypto::Crl> crls,
                    const crypto::ChainOptions& options) {
  Bytes key;
  for (const crypto::Certificate& c : intermediates) AppendPart(key, c.ToDer());
  key.push_back(0xff);
  for (const crypto::Certificate& c : anchors) AppendPart(key, c.ToDer());
  key.push_back(0xfe);
  for (const crypto::Crl& c : crls) AppendPart(key, c.ToDer());
  key.push_back(options.require_crls ? 1 : 0);
  return ToString(crypto::Sha256(key));
}

// The leaf-only checks under an already verified issuer; false means "do the full verification".
bool LeafChecksPass(const crypto::Certificate& leaf, const crypto::Certificate& issuer,
                    std::span<const crypto::Crl> crls, bool require_crls, int64_t now) {
  if (!leaf.IssuerNameIs(issuer)) return false;
  // OpenSSL's rule, kept: the notAfter second itself is expired.
  if (now < leaf.not_before() || now >= leaf.not_after()) return false;
  Result<crypto::PublicKey> key = issuer.public_key();
  if (!key.ok() || !leaf.VerifySignedBy(*key).ok()) return false;
  bool covered = false;
  for (const crypto::Crl& crl : crls) {
    if (!crl.IssuerNameIs(issuer)) continue;
    if (crl.IsRevoked(leaf)) return false;
    covered = true;
  }
  return covered || !require_crls;
}

}  // namespace

Result<std::vector<crypto::Certificate>> VerificationCache::VerifyChain(
    const crypto::Certificate& leaf, std::span<const crypto::Certificate> intermediates,
    std::span<const crypto::Certificate> trust_anchors, std::span<const crypto::Crl> crls,
    int64_t now, const crypto::ChainOptions& options) {
  const std::string key = PathKey(intermediates, trust_anchors, crls, options);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = paths_.find(key);
    if (it != paths_.end() && now >= it->second.valid_from && now < it->second.valid_until &&
        LeafChecksPass(leaf, it->second.above_leaf.front(), it->second.crls,
                       it->second.require_crls, now)) {
      ++chain_hits_;
      std::vector<crypto::Certificate> path{leaf};
      path.insert(path.end(), it->second.above_leaf.begin(), it->second.above_leaf.end());
      return path;
    }
  }
  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> path,
                   crypto::VerifyChain(leaf, intermediates, trust_anchors, crls, now, options));
  if (path.size() < 2) return path;  // the leaf is an anchor: nothing above it to remember
  Path entry;
  entry.above_leaf.assign(path.begin() + 1, path.end());
  entry.require_crls = options.require_crls;
  entry.valid_from = INT64_MIN;
  entry.valid_until = INT64_MAX;
  for (const crypto::Certificate& c : entry.above_leaf) {
    entry.valid_from = std::max(entry.valid_from, c.not_before());
    entry.valid_until = std::min(entry.valid_until, c.not_after());
  }
  for (const crypto::Crl& crl : crls) {
    // Only CRLs of the path's certificates took part in the verification.
    bool of_path = false;
    for (const crypto::Certificate& c : entry.above_leaf) of_path |= crl.IssuerNameIs(c);
    if (!of_path) continue;
    entry.crls.push_back(crl);
    entry.valid_from = std::max(entry.valid_from, crl.this_update());
    if (crl.next_update() != 0) entry.valid_until = std::min(entry.valid_until, crl.next_update());
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (paths_.size() >= kMaxEntries) paths_.clear();
  paths_[key] = std::move(entry);
  return path;
}

std::shared_ptr<const VerificationCache::Collateral> VerificationCache::FindCollateral(
    const std::string& key, int64_t now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = collateral_.find(key);
  if (it == collateral_.end() || now < it->second->valid_from || now >= it->second->valid_until) {
    return nullptr;
  }
  return it->second;
}

void VerificationCache::PutCollateral(const std::string& key,
                                      std::shared_ptr<const Collateral> entry) {
  std::lock_guard<std::mutex> lock(mu_);
  if (collateral_.size() >= kMaxEntries) collateral_.clear();
  collateral_[key] = std::move(entry);
}

size_t VerificationCache::chain_hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return chain_hits_;
}

Result<std::vector<crypto::Certificate>> VerificationCache::ParsePemChain(std::string_view pem) {
  const std::string key = ToString(crypto::Sha256(AsBytes(pem)));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = pem_chains_.find(key);
    if (it != pem_chains_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> chain, crypto::Certificate::ParsePemChain(pem));
  std::lock_guard<std::mutex> lock(mu_);
  if (pem_chains_.size() >= kMaxEntries) pem_chains_.clear();
  pem_chains_.emplace(key, chain);
  return chain;
}

Result<crypto::Crl> VerificationCache::ParseCrl(ByteSpan data) {
  const std::string key = ToString(crypto::Sha256(data));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = crls_.find(key);
    if (it != crls_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(crypto::Crl crl, crypto::Crl::FromDerOrPem(data));
  std::lock_guard<std::mutex> lock(mu_);
  if (crls_.size() >= kMaxEntries) crls_.clear();
  crls_.emplace(key, crl);
  return crl;
}

bool VerificationCache::IsSelfSigned(const crypto::Certificate& cert) {
  const std::string key = ToString(cert.Fingerprint(crypto::HashAlgorithm::kSha256));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = self_signed_.find(key);
    if (it != self_signed_.end()) return it->second;
  }
  const bool self_signed = cert.IsSelfSigned();
  std::lock_guard<std::mutex> lock(mu_);
  if (self_signed_.size() >= kMaxEntries) self_signed_.clear();
  self_signed_.emplace(key, self_signed);
  return self_signed;
}

Result<crypto::PublicKey> VerificationCache::EcP256Key(ByteSpan x_y) {
  const std::string key(x_y.begin(), x_y.end());
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = ec_keys_.find(key);
    if (it != ec_keys_.end()) return it->second;
  }
  if (x_y.size() != 64) return InvalidArgumentError("P-256 point must be 64 bytes");
  ASSIGN_OR_RETURN(
      crypto::PublicKey parsed,
      crypto::PublicKey::FromEcPoint(crypto::KeyType::kEcP256, x_y.first(32), x_y.subspan(32, 32)));
  std::lock_guard<std::mutex> lock(mu_);
  if (ec_keys_.size() >= kMaxEntries) ec_keys_.clear();
  ec_keys_.emplace(key, parsed);
  return parsed;
}

}  // namespace confidant::verify

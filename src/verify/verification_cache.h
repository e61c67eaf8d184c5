// What a long-running verifier (the attestation service, `confidant bench verify`) can remember
// between pieces of evidence, so each quote costs the signature verifications that are its own:
//
//  - certificate paths above a leaf: once a path issuer -> ... -> anchor has verified (with its
//    CRLs), later leaves under that issuer are checked with one signature verification, their
//    validity period, their issuer's name and the already-verified CRL; any failure falls back to
//    the full crypto::VerifyChain, which produces the canonical error;
//  - verified DCAP collateral (TCB info and QE identity with their signatures, issuer chains and
//    CRLs), by the SHA-256 of its bytes.
//
// Every entry carries the interval in which everything it stands for is valid (latest start,
// earliest end of certificates, CRLs and documents); outside it, entries are not used. Thread-safe.
// Bounded: at kMaxEntries the cache is emptied and refills.
#ifndef CONFIDANT_VERIFY_VERIFICATION_CACHE_H_
#define CONFIDANT_VERIFY_VERIFICATION_CACHE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "crypto/chain.h"
#include "crypto/crl.h"
#include "evidence/dcap_collateral.h"

namespace confidant::verify {

class VerificationCache {
 public:
  static constexpr size_t kMaxEntries = 4096;

  // As crypto::VerifyChain.
  Result<std::vector<crypto::Certificate>> VerifyChain(
      const crypto::Certificate& leaf, std::span<const crypto::Certificate> intermediates,
      std::span<const crypto::Certificate> trust_anchors, std::span<const crypto::Crl> crls,
      int64_t now, const crypto::ChainOptions& options = {});

  struct Collateral {
    evidence::TcbInfo tcb_info;
    evidence::EnclaveIdentity qe_identity;
    Bytes root_crl_der;
    int64_t valid_from = 0, valid_until = 0;  // Unix seconds, [from, until)
  };
  std::shared_ptr<const Collateral> FindCollateral(const std::string& key, int64_t now) const;
  void PutCollateral(const std::string& key, std::shared_ptr<const Collateral> entry);

  size_t chain_hits() const;

  // Parsing remembered by the bytes parsed: the same PEM chain, CRL or root arrives with every
  // quote from a platform. Results are shared, immutable objects.
  Result<std::vector<crypto::Certificate>> ParsePemChain(std::string_view pem);
  Result<crypto::Crl> ParseCrl(ByteSpan data);
  // A P-256 public key from x || y (a QE's attestation key: the same for every quote of a QE).
  Result<crypto::PublicKey> EcP256Key(ByteSpan x_y);
  // Certificate::IsSelfSigned, remembered for certificates seen before.
  bool IsSelfSigned(const crypto::Certificate& cert);

 private:
  struct Path {
    std::vector<crypto::Certificate> above_leaf;  // issuer first, anchor last
    std::vector<crypto::Crl> crls;                // the CRLs that verified with it
    bool require_crls = false;
    int64_t valid_from = 0, valid_until = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, Path> paths_;
  std::map<std::string, std::shared_ptr<const Collateral>> collateral_;
  std::map<std::string, std::vector<crypto::Certificate>> pem_chains_;
  std::map<std::string, crypto::Crl> crls_;
  std::map<std::string, bool> self_signed_;
  std::map<std::string, crypto::PublicKey> ec_keys_;
  size_t chain_hits_ = 0;
};

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_VERIFICATION_CACHE_H_

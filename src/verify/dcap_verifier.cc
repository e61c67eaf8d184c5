#include "verify/dcap_verifier.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/encoding.h"
#include "crypto/chain.h"
#include "crypto/crl.h"
#include "crypto/hash.h"
#include "crypto/signature.h"

namespace confidant::verify {
namespace {

using evidence::DcapCollateral;
using evidence::DcapQuote;
using evidence::EnclaveIdentity;
using evidence::IsvsvnLevel;
using evidence::PckExtensions;
using evidence::TcbInfo;
using evidence::TcbLevel;
using evidence::TcbStatus;

constexpr char kTcbSigningCn[] = "Intel SGX TCB Signing";

// One verification in progress: the kind ("sgx"/"tdx") every error starts with.
class DcapCheck {
 public:
  explicit DcapCheck(std::string kind) : kind_(std::move(kind)) {}

  Status Fail(std::string_view check, std::string_view detail) const {
    return Rejected(kind_, check, detail);
  }

  // A chain failure named by what went wrong: time, revocation, a signature, or the chain itself.
  Status ChainFail(std::string_view what, const Status& status, std::string_view otherwise) const {
    std::string_view message = status.message();
    std::string_view check = otherwise;
    if (message.find("expired") != std::string_view::npos ||
        message.find("not yet valid") != std::string_view::npos) {
      check = check::kExpired;
    } else if (message.find("revoked") != std::string_view::npos) {
      check = check::kRevoked;
    } else if (message.find("signature failure") != std::string_view::npos) {
      check = check::kCertSignature;
    }
    return Fail(check, std::string(what) + ": " + std::string(message));
  }

  const std::string& kind() const { return kind_; }

 private:
  std::string kind_;
};

// The root a chain embeds (its last certificate) is accepted when it is self-signed and carries
// the key of a trusted root; it is then the anchor, whichever issue of the root it is.
Result<crypto::Certificate> PinnedRoot(const DcapCheck& c, const crypto::Certificate& root,
                                       std::span<const crypto::Certificate> intel_roots,
                                       std::string_view what, VerificationCache* cache) {
  bool trusted = false;
  for (const crypto::Certificate& anchor : intel_roots) {
    Result<crypto::PublicKey> key = anchor.public_key();
    if (key.ok() && crypto::SamePublicKey(root, *key)) trusted = true;
  }
  if (!trusted) {
    return c.Fail(check::kPckChain, std::string(what) + ": the root \"" + root.subject() +
                                        "\" does not carry a trusted Intel SGX Root CA key");
  }
  if (!(cache != nullptr ? cache->IsSelfSigned(root) : root.IsSelfSigned())) {
    return c.Fail(check::kCertSignature,
                  std::string(what) + ": the root certificate's self-signature does not verify");
  }
  return root;
}

// Verifies an issuer chain given as PEM (leaf first, root optional) up to the pinned root.
Result<std::vector<crypto::Certificate>> VerifyPemChain(
    const DcapCheck& c, std::string_view pem, std::span<const crypto::Certificate> intel_roots,
    std::span<const crypto::Crl> crls, int64_t now, bool require_crls, std::string_view what,
    std::string_view malformed_check, VerificationCache* cache) {
  Result<std::vector<crypto::Certificate>> certs =
      cache != nullptr ? cache->ParsePemChain(pem) : crypto::Certificate::ParsePemChain(pem);
  if (!certs.ok())
    return c.Fail(malformed_check,
                  std::string(what) + ": " + std::string(certs.status().message()));
  std::vector<crypto::Certificate> anchors;
  std::vector<crypto::Certificate> intermediates;
  if (certs->size() >= 2 && certs->back().subject() == certs->back().issuer()) {
    ASSIGN_OR_RETURN(crypto::Certificate root,
                     PinnedRoot(c, certs->back(), intel_roots, what, cache));
    anchors.push_back(root);
    intermediates.assign(certs->begin() + 1, certs->end() - 1);
  } else {
    anchors.assign(intel_roots.begin(), intel_roots.end());
    intermediates.assign(certs->begin() + 1, certs->end());
  }
  const crypto::ChainOptions chain_options{require_crls};
  Result<std::vector<crypto::Certificate>> path =
      cache != nullptr
          ? cache->VerifyChain((*certs)[0], intermediates, anchors, crls, now, chain_options)
          : crypto::VerifyChain((*certs)[0], intermediates, anchors, crls, now, chain_options);
  if (!path.ok()) return c.ChainFail(what, path.status(), malformed_check);
  return path;
}

Status VerifyRawSignature(const DcapCheck& c, const crypto::PublicKey& key, ByteSpan message,
                          ByteSpan signature, std::string_view check, std::string_view what) {
  Status s = crypto::EcdsaVerify(key, crypto::HashAlgorithm::kSha256, message, signature,
                                 crypto::EcdsaFormat::kRawBigEndian);
  if (!s.ok()) return c.Fail(check, std::string(what) + ": " + std::string(s.message()));
  return OkStatus();
}

// A signed collateral document: issuer chain to the pinned root (with the root CA CRL), signer
// CN, signature over the exact text.
Result<std::vector<crypto::Certificate>> VerifySignedJson(
    const DcapCheck& c, const evidence::SignedJson& signed_json, std::string_view issuer_chain,
    std::span<const crypto::Certificate> intel_roots, std::span<const crypto::Crl> root_crls,
    int64_t now, std::string_view what) {
  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> path,
                   VerifyPemChain(c, issuer_chain, intel_roots, root_crls, now,
                                  /*require_crls=*/false, std::string(what) + " issuer chain",
                                  check::kCollateral, nullptr));
  if (path[0].SubjectCommonName() != kTcbSigningCn) {
    return c.Fail(check::kCollateral, std::string(what) + " is signed by \"" +
                                          path[0].SubjectCommonName() + "\", not \"" +
                                          kTcbSigningCn + "\"");
  }
  ASSIGN_OR_RETURN(crypto::PublicKey key, path[0].public_key());
  RETURN_IF_ERROR(VerifyRawSignature(c, key, AsBytes(signed_json.text), signed_json.signature,
                                     check::kCollateral, std::string(what) + " signature"));
  return path;
}

Status CheckWindow(const DcapCheck& c, Timestamp issue, Timestamp next, int64_t now,
                   std::string_view what) {
  Timestamp at = FromUnixSeconds(now);
  if (at < issue) {
    return c.Fail(check::kExpired, std::string(what) + ": issueDate " + FormatRfc3339(issue) +
                                       " is after now " + FormatRfc3339(at));
  }
  if (at >= next) {
    return c.Fail(check::kExpired, std::string(what) + ": nextUpdate " + FormatRfc3339(next) +
                                       " is not after now " + FormatRfc3339(at));
  }
  return OkStatus();
}

const IsvsvnLevel* IsvsvnLevelFor(const std::vector<IsvsvnLevel>& levels, uint16_t isvsvn) {
  // Highest level first, whatever order the file lists them in.
  const IsvsvnLevel* best = nullptr;
  for (const IsvsvnLevel& level : levels) {
    if (level.isvsvn <= isvsvn && (best == nullptr || level.isvsvn > best->isvsvn)) best = &level;
  }
  return best;
}

template <size_t N>
bool MaskedEqual(const std::array<uint8_t, N>& value, const std::array<uint8_t, N>& mask,
                 const std::array<uint8_t, N>& expected) {
  for (size_t i = 0; i < N; ++i) {
    if ((value[i] & mask[i]) != expected[i]) return false;
  }
  return true;
}

Result<const IsvsvnLevel*> CheckQeIdentity(const DcapCheck& c, const EnclaveIdentity& identity,
                                           const evidence::SgxReportBody& qe) {
  const std::string expected_id = c.kind() == "tdx" ? "TD_QE" : "QE";
  if (identity.id != expected_id) {
    return c.Fail(check::kCollateral,
                  "the enclave identity is for " + identity.id + ", expected " + expected_id);
  }
  if ((qe.misc_select & identity.miscselect_mask) != identity.miscselect) {
    return c.Fail(check::kQeIdentity, "QE MISCSELECT does not match the identity");
  }
  if (!MaskedEqual(qe.attributes, identity.attributes_mask, identity.attributes)) {
    return c.Fail(check::kQeIdentity,
                  "QE ATTRIBUTES " + HexEncode(qe.attributes) + " do not match the identity");
  }
  if (qe.mr_signer != identity.mrsigner) {
    return c.Fail(check::kQeIdentity, "QE MRSIGNER " + HexEncode(qe.mr_signer) + " is not " +
                                          HexEncode(identity.mrsigner));
  }
  if (qe.isv_prod_id != identity.isvprodid) {
    return c.Fail(check::kQeIdentity, "QE ISVPRODID " + std::to_string(qe.isv_prod_id) +
                                          " is not " + std::to_string(identity.isvprodid));
  }
  const IsvsvnLevel* level = IsvsvnLevelFor(identity.levels, qe.isv_svn);
  if (level == nullptr) {
    return c.Fail(check::kQeIdentity,
                  "QE ISVSVN " + std::to_string(qe.isv_svn) + " is below every level");
  }
  return level;
}

bool ComponentsReach(const std::array<uint8_t, 16>& have, const std::array<uint8_t, 16>& need,
                     size_t from) {
  for (size_t i = from; i < 16; ++i) {
    if (have[i] < need[i]) return false;
  }
  return true;
}

// QVL's order of levels: SGX components lexicographically, then PCESVN, then TDX components,
// highest first.
std::vector<const TcbLevel*> SortedLevels(const TcbInfo& info) {
  std::vector<const TcbLevel*> levels;
  for (const TcbLevel& level : info.levels) levels.push_back(&level);
  std::stable_sort(levels.begin(), levels.end(), [](const TcbLevel* a, const TcbLevel* b) {
    if (a->sgx_components != b->sgx_components) return a->sgx_components > b->sgx_components;
    if (a->pcesvn != b->pcesvn) return a->pcesvn > b->pcesvn;
    return a->tdx_components.value_or(std::array<uint8_t, 16>{}) >
           b->tdx_components.value_or(std::array<uint8_t, 16>{});
  });
  return levels;
}

// QVL's convergence of the platform status with a lower-layer (QE or TDX module) status.
TcbStatus Converge(TcbStatus platform, TcbStatus other) {
  if (other == TcbStatus::kRevoked) return TcbStatus::kRevoked;
  if (other == TcbStatus::kOutOfDate) {
    switch (platform) {
      case TcbStatus::kUpToDate:
      case TcbStatus::kSwHardeningNeeded:
        return TcbStatus::kOutOfDate;
      case TcbStatus::kConfigurationNeeded:
      case TcbStatus::kConfigurationAndSwHardeningNeeded:
        return TcbStatus::kOutOfDateConfigurationNeeded;
      default:
        return platform;
    }
  }
  return platform;
}

void AddAdvisories(std::vector<std::string>& out, const std::vector<std::string>& more) {
  for (const std::string& id : more) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
}

}  // namespace

const TcbLevel* SelectPlatformTcbLevel(const TcbInfo& info, const evidence::PckTcb& pck,
                                       const evidence::TdReportBody* td, TdxTcbRule rule);

namespace {

std::string HashHex(ByteSpan data) { return HexEncode(crypto::Sha256(data)); }

// The collateral's signatures, chains, CRL and dates, checked at `now` (or found already checked
// in `cache`), and its documents parsed.
Result<std::shared_ptr<const VerificationCache::Collateral>> VerifiedCollateral(
    const DcapCheck& c, const DcapCollateral& collateral,
    std::span<const crypto::Certificate> intel_roots, int64_t now, VerificationCache* cache) {
  std::string key;
  if (cache != nullptr) {
    Bytes all;
    for (ByteSpan part :
         {AsBytes(collateral.tcb_info.text), ByteSpan(collateral.tcb_info.signature),
          AsBytes(collateral.tcb_info_issuer_chain), AsBytes(collateral.qe_identity.text),
          ByteSpan(collateral.qe_identity.signature), AsBytes(collateral.qe_identity_issuer_chain),
          ByteSpan(collateral.root_ca_crl), AsBytes(c.kind())}) {
      Append(all, crypto::Sha256(part));
    }
    key = ToString(crypto::Sha256(all));
    if (auto hit = cache->FindCollateral(key, now)) return hit;
  }
  Result<crypto::Crl> root_crl = crypto::Crl::FromDerOrPem(collateral.root_ca_crl);
  if (!root_crl.ok()) {
    return c.Fail(check::kCollateral, "root CA CRL: " + std::string(root_crl.status().message()));
  }
  std::vector<crypto::Crl> root_crls{*root_crl};
  auto entry = std::make_shared<VerificationCache::Collateral>();
  entry->root_crl_der = root_crl->ToDer();
  entry->valid_from = root_crl->this_update();
  entry->valid_until = root_crl->next_update() != 0 ? root_crl->next_update() : INT64_MAX;
  auto narrow = [&](const std::vector<crypto::Certificate>& path) {
    for (const crypto::Certificate& cert : path) {
      entry->valid_from = std::max(entry->valid_from, cert.not_before());
      entry->valid_until = std::min(entry->valid_until, cert.not_after());
    }
  };

  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> tcb_path,
                   VerifySignedJson(c, collateral.tcb_info, collateral.tcb_info_issuer_chain,
                                    intel_roots, root_crls, now, "tcb info"));
  Result<TcbInfo> info = evidence::ParseTcbInfo(collateral.tcb_info.text);
  if (!info.ok()) return c.Fail(check::kCollateral, std::string(info.status().message()));
  RETURN_IF_ERROR(CheckWindow(c, info->issue_date, info->next_update, now, "tcb info"));

  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> qe_path,
                   VerifySignedJson(c, collateral.qe_identity, collateral.qe_identity_issuer_chain,
                                    intel_roots, root_crls, now, "qe identity"));
  Result<EnclaveIdentity> identity = evidence::ParseEnclaveIdentity(collateral.qe_identity.text);
  if (!identity.ok()) return c.Fail(check::kCollateral, std::string(identity.status().message()));
  RETURN_IF_ERROR(CheckWindow(c, identity->issue_date, identity->next_update, now, "qe identity"));

  narrow(tcb_path);
  narrow(qe_path);
  for (Timestamp t : {info->issue_date, identity->issue_date}) {
    entry->valid_from = std::max(entry->valid_from, ToUnixSeconds(t));
  }
  for (Timestamp t : {info->next_update, identity->next_update}) {
    entry->valid_until = std::min(entry->valid_until, ToUnixSeconds(t));
  }
  entry->tcb_info = std::move(*info);
  entry->qe_identity = std::move(*identity);
  if (cache != nullptr) cache->PutCollateral(key, entry);
  return std::shared_ptr<const VerificationCache::Collateral>(entry);
}

Status EvaluateCollateral(const DcapCheck& c, const DcapCollateral& collateral,
                          std::span<const crypto::Certificate> intel_roots, int64_t now,
                          const DcapOptions& options, VerifiedDcapQuote& out) {
  const DcapQuote& quote = out.quote;
  ASSIGN_OR_RETURN(std::shared_ptr<const VerificationCache::Collateral> verified,
                   VerifiedCollateral(c, collateral, intel_roots, now, options.cache));
  const TcbInfo& info = verified->tcb_info;
  const EnclaveIdentity* identity = &verified->qe_identity;
  const std::string expected_id = c.kind() == "tdx" ? "TDX" : "SGX";
  if (info.id != expected_id) {
    return c.Fail(check::kCollateral,
                  "the tcb info is for " + info.id + ", the quote is " + expected_id);
  }
  if (info.fmspc != out.pck.fmspc) {
    return c.Fail(check::kCollateral, "the tcb info is for FMSPC " + HexEncode(info.fmspc) +
                                          ", the PCK certificate says " + HexEncode(out.pck.fmspc));
  }
  if (info.pce_id != out.pck.pce_id) {
    return c.Fail(check::kCollateral, "the tcb info is for PCE-ID " + HexEncode(info.pce_id) +
                                          ", the PCK certificate says " +
                                          HexEncode(out.pck.pce_id));
  }

  // TDX module (QVL: before the QE checks).
  const evidence::TdReportBody* td = quote.td_body ? &*quote.td_body : nullptr;
  const evidence::IsvsvnLevel* module_level = nullptr;
  if (td != nullptr) {
    if (!info.tdx_module) return c.Fail(check::kCollateral, "the tcb info has no tdxModule");
    if (td->mr_signer_seam != info.tdx_module->mrsigner) {
      return c.Fail(check::kTdxModule, "MRSIGNERSEAM " + HexEncode(td->mr_signer_seam) +
                                           " is not the tcb info's " +
                                           HexEncode(info.tdx_module->mrsigner));
    }
    if (!MaskedEqual(td->seam_attributes, info.tdx_module->attributes_mask,
                     info.tdx_module->attributes)) {
      return c.Fail(check::kTdxModule, "SEAMATTRIBUTES " + HexEncode(td->seam_attributes) +
                                           " do not match the tcb info");
    }
    const uint8_t major = td->tee_tcb_svn[1];
    if (major > 0 && !info.tdx_module_identities.empty()) {
      char id[8];
      std::snprintf(id, sizeof(id), "TDX_%02X", major);
      auto it = std::find_if(info.tdx_module_identities.begin(), info.tdx_module_identities.end(),
                             [&](const evidence::TdxModuleIdentity& m) { return m.id == id; });
      if (it == info.tdx_module_identities.end()) {
        return c.Fail(check::kTdxModule, std::string("the tcb info has no identity ") + id);
      }
      if (td->mr_signer_seam != it->mrsigner ||
          !MaskedEqual(td->seam_attributes, it->attributes_mask, it->attributes)) {
        return c.Fail(check::kTdxModule, std::string("the module does not match identity ") + id);
      }
      module_level = IsvsvnLevelFor(it->levels, td->tee_tcb_svn[0]);
      if (module_level == nullptr) {
        return c.Fail(check::kTdxModule, "module ISVSVN " + std::to_string(td->tee_tcb_svn[0]) +
                                             " is below every level of " + id);
      }
    }
  }

  ASSIGN_OR_RETURN(const IsvsvnLevel* qe_level, CheckQeIdentity(c, *identity, quote.qe.qe_report));

  // Platform level.
  const TcbLevel* platform = SelectPlatformTcbLevel(info, out.pck.tcb, td, options.tdx_rule);
  if (platform == nullptr) {
    std::string detail = "the PCK certificate's SGX components [";
    for (size_t i = 0; i < 16; ++i) {
      detail += (i ? "," : "") + std::to_string(out.pck.tcb.sgx_components[i]);
    }
    detail += "], PCESVN " + std::to_string(out.pck.tcb.pcesvn);
    if (td != nullptr) detail += ", TEE_TCB_SVN " + HexEncode(td->tee_tcb_svn);
    detail += " are below every level of tcb info " + std::to_string(info.evaluation_data_number);
    return c.Fail(check::kNoMatchingTcbLevel, detail);
  }

  TcbStatus status = platform->status;
  out.platform_status = platform->status;
  AddAdvisories(out.advisories, platform->advisories);
  if (module_level != nullptr) {
    out.tdx_module_status = module_level->status;
    status = Converge(status, module_level->status);
    AddAdvisories(out.advisories, module_level->advisories);
  }
  out.qe_status = qe_level->status;
  status = Converge(status, qe_level->status);
  AddAdvisories(out.advisories, qe_level->advisories);
  out.tcb_status = status;
  out.tcb_date = platform->tcb_date;
  out.tcb_evaluation_data_number = info.evaluation_data_number;
  out.collateral_hashes["tcbinfohash"] = HashHex(AsBytes(collateral.tcb_info.text));
  out.collateral_hashes["qeidhash"] = HashHex(AsBytes(collateral.qe_identity.text));
  out.collateral_hashes["tcbinfocertshash"] = HashHex(AsBytes(collateral.tcb_info_issuer_chain));
  out.collateral_hashes["qeidcertshash"] = HashHex(AsBytes(collateral.qe_identity_issuer_chain));
  out.collateral_hashes["tcbinfocrlhash"] = HashHex(verified->root_crl_der);
  out.collateral_hashes["qeidcrlhash"] = HashHex(verified->root_crl_der);
  return OkStatus();
}

}  // namespace

const TcbLevel* SelectPlatformTcbLevel(const TcbInfo& info, const evidence::PckTcb& pck,
                                       const evidence::TdReportBody* td, TdxTcbRule rule) {
  const size_t tdx_from =
      (td != nullptr && rule == TdxTcbRule::kIntelQvl && td->tee_tcb_svn[1] > 0) ? 2 : 0;
  for (const TcbLevel* level : SortedLevels(info)) {
    if (!ComponentsReach(pck.sgx_components, level->sgx_components, 0)) continue;
    if (pck.pcesvn < level->pcesvn) continue;
    if (td != nullptr) {
      if (!level->tdx_components) continue;
      if (!ComponentsReach(td->tee_tcb_svn, *level->tdx_components, tdx_from)) continue;
    }
    return level;
  }
  return nullptr;
}

Result<VerifiedDcapQuote> VerifyDcapQuote(ByteSpan quote_bytes,
                                          const evidence::DcapCollateral* collateral,
                                          std::span<const crypto::Certificate> intel_roots,
                                          int64_t now, const DcapOptions& options) {
  ASSIGN_OR_RETURN(ByteSpan raw, evidence::DcapQuoteBytes(quote_bytes));
  VerifiedDcapQuote out;
  ASSIGN_OR_RETURN(out.quote, evidence::ParseDcapQuote(raw));
  out.quote_bytes = Bytes(quote_bytes.begin(), quote_bytes.end());
  const DcapQuote& quote = out.quote;
  const DcapCheck c(quote.td_body ? "tdx" : "sgx");

  // 1. PCK chain.
  if (quote.qe.certification_type != evidence::kCertificationPckChain) {
    return c.Fail(check::kPckChain, "certification data type " +
                                        std::to_string(quote.qe.certification_type) +
                                        " carries no PCK certificate chain");
  }
  std::vector<crypto::Crl> crls;
  if (collateral != nullptr) {
    for (const Bytes* data : {&collateral->pck_crl, &collateral->root_ca_crl}) {
      Result<crypto::Crl> crl = options.cache != nullptr ? options.cache->ParseCrl(*data)
                                                         : crypto::Crl::FromDerOrPem(*data);
      if (!crl.ok())
        return c.Fail(check::kCollateral, "CRL: " + std::string(crl.status().message()));
      crls.push_back(*crl);
    }
  }
  std::string_view pem(reinterpret_cast<const char*>(quote.qe.certification_data.data()),
                       quote.qe.certification_data.size());
  Result<std::vector<crypto::Certificate>> pck_certs =
      options.cache != nullptr ? options.cache->ParsePemChain(pem)
                               : crypto::Certificate::ParsePemChain(pem);
  if (!pck_certs.ok()) {
    return c.Fail(check::kPckChain, std::string(pck_certs.status().message()));
  }
  if (pck_certs->size() < 2) {
    return c.Fail(check::kPckChain, "the chain holds " + std::to_string(pck_certs->size()) +
                                        " certificate(s); the PCK leaf and its CA are needed");
  }
  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> path,
                   VerifyPemChain(c, pem, intel_roots, crls, now,
                                  /*require_crls=*/collateral != nullptr, "pck chain",
                                  check::kPckChain, options.cache));
  const crypto::Certificate& leaf = path[0];
  out.trust_anchor = path.back().subject();
  out.pck_issuer = path[1].SubjectCommonName();
  if (leaf.SubjectCommonName() != "Intel SGX PCK Certificate") {
    return c.Fail(check::kPckChain, "the leaf is \"" + leaf.SubjectCommonName() +
                                        "\", not an Intel SGX PCK Certificate");
  }
  Result<PckExtensions> pck = evidence::ReadPckExtensions(leaf);
  if (!pck.ok()) return c.Fail(check::kPckChain, std::string(pck.status().message()));
  out.pck = *pck;

  // 2. QE report: signed by the PCK key, binding the attestation key.
  ASSIGN_OR_RETURN(crypto::PublicKey pck_key, leaf.public_key());
  RETURN_IF_ERROR(VerifyRawSignature(c, pck_key, quote.qe.qe_report_bytes,
                                     quote.qe.qe_report_signature, check::kQeReportSignature,
                                     "QE report"));
  Bytes bound = Bytes(quote.attestation_key.begin(), quote.attestation_key.end());
  Append(bound, quote.qe.qe_auth_data);
  Bytes expected = crypto::Sha256(bound);
  expected.resize(64, 0);
  if (!std::equal(expected.begin(), expected.end(), quote.qe.qe_report.report_data.begin())) {
    return c.Fail(check::kQeBinding,
                  "QE report data is not SHA-256(attestation key || QE authentication data)");
  }

  // 3. Quote signature.
  const ByteSpan key_bytes(quote.attestation_key);
  Result<crypto::PublicKey> attestation_key =
      options.cache != nullptr
          ? options.cache->EcP256Key(key_bytes)
          : crypto::PublicKey::FromEcPoint(crypto::KeyType::kEcP256, key_bytes.subspan(0, 32),
                                           key_bytes.subspan(32, 32));
  if (!attestation_key.ok()) {
    return c.Fail(check::kQuoteSignature,
                  "attestation key: " + std::string(attestation_key.status().message()));
  }
  RETURN_IF_ERROR(VerifyRawSignature(c, *attestation_key, quote.signed_bytes, quote.signature,
                                     check::kQuoteSignature, "quote"));

  out.collateral_hashes = nlohmann::json::object();
  out.collateral_hashes["quotehash"] = HashHex(quote_bytes);
  if (collateral != nullptr) {
    RETURN_IF_ERROR(EvaluateCollateral(c, *collateral, intel_roots, now, options, out));
  }
  return out;
}

Verified ToVerified(const VerifiedDcapQuote& v) {
  Verified out;
  out.trust_anchor = v.trust_anchor;
  if (v.tcb_status) out.tcb_status = std::string(evidence::TcbStatusName(*v.tcb_status));
  out.advisories = v.advisories;
  nlohmann::json& c = out.claims;
  const evidence::QuoteHeader& h = v.quote.header;
  nlohmann::json pck_tcb = {{"sgx_components", std::vector<int>(v.pck.tcb.sgx_components.begin(),
                                                                v.pck.tcb.sgx_components.end())},
                            {"pcesvn", v.pck.tcb.pcesvn},
                            {"cpusvn", HexEncode(v.pck.tcb.cpusvn)}};
  c["x-confidant-pck-fmspc"] = HexEncode(v.pck.fmspc);
  c["x-confidant-pck-pce-id"] = HexEncode(v.pck.pce_id);
  c["x-confidant-pck-issuer"] = v.pck_issuer;
  c["x-confidant-pck-tcb"] = pck_tcb;
  c["x-confidant-qe-svn"] = h.qe_svn;
  c["x-confidant-pce-svn"] = h.pce_svn;
  if (v.tcb_date) c["x-confidant-tcb-date"] = FormatRfc3339(*v.tcb_date);
  if (v.tcb_status) c["x-confidant-tcb-evaluation-data-number"] = v.tcb_evaluation_data_number;
  if (v.quote.sgx_body) {
    const evidence::SgxReportBody& b = *v.quote.sgx_body;
    out.attestation_type = "sgx";
    c["x-ms-sgx-is-debuggable"] = b.debug();
    c["x-ms-sgx-product-id"] = b.isv_prod_id;
    c["x-ms-sgx-mrsigner"] = HexEncode(b.mr_signer);
    c["x-ms-sgx-mrenclave"] = HexEncode(b.mr_enclave);
    c["x-ms-sgx-svn"] = b.isv_svn;
    c["x-ms-sgx-report-data"] = HexEncode(b.report_data);
    c["x-ms-sgx-config-id"] = HexEncode(b.config_id);
    c["x-ms-sgx-config-svn"] = b.config_svn;
    c["x-ms-sgx-isv-extended-product-id"] = HexEncode(b.isv_ext_prod_id);
    c["x-ms-sgx-isv-family-id"] = HexEncode(b.isv_family_id);
    c["x-ms-sgx-collateral"] = v.collateral_hashes;
    c["x-confidant-sgx-attributes"] = HexEncode(b.attributes);
    c["x-confidant-sgx-cpu-svn"] = HexEncode(b.cpu_svn);
    uint8_t misc[4] = {
        static_cast<uint8_t>(b.misc_select), static_cast<uint8_t>(b.misc_select >> 8),
        static_cast<uint8_t>(b.misc_select >> 16), static_cast<uint8_t>(b.misc_select >> 24)};
    c["x-confidant-sgx-misc-select"] = HexEncode(misc);  // as it lies in the report (little-endian)
  } else {
    const evidence::TdReportBody& t = *v.quote.td_body;
    out.attestation_type = "tdxvm";
    c["tdx_mrtd"] = HexEncode(t.mr_td);
    c["tdx_mrseam"] = HexEncode(t.mr_seam);
    c["tdx_mrsignerseam"] = HexEncode(t.mr_signer_seam);
    c["tdx_mrconfigid"] = HexEncode(t.mr_config_id);
    c["tdx_mrowner"] = HexEncode(t.mr_owner);
    c["tdx_mrownerconfig"] = HexEncode(t.mr_owner_config);
    for (size_t i = 0; i < 4; ++i) c["tdx_rtmr" + std::to_string(i)] = HexEncode(t.rtmr[i]);
    c["tdx_report_data"] = HexEncode(t.report_data);
    c["tdx_seam_attributes"] = HexEncode(t.seam_attributes);
    c["tdx_td_attributes"] = HexEncode(t.td_attributes);
    c["tdx_td_attributes_debug"] = t.debug();
    c["tdx_tee_tcb_svn"] = HexEncode(t.tee_tcb_svn);
    c["tdx_xfam"] = HexEncode(t.xfam);
    c["dbgstat"] = t.debug() ? "enabled" : "disabled";
    if (t.td15) {
      c["x-confidant-tdx-tee-tcb-svn2"] = HexEncode(t.tee_tcb_svn2);
      c["x-confidant-tdx-mr-servicetd"] = HexEncode(t.mr_service_td);
    }
    if (v.tcb_status) c["attester_tcb_status"] = evidence::TcbStatusName(*v.tcb_status);
    c["x-confidant-collateral"] = v.collateral_hashes;
  }
  return out;
}

}  // namespace confidant::verify

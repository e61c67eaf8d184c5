#include "verify/evidence_verifier.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "common/encoding.h"
#include "crypto/crl.h"
#include "evidence/dcap_quote.h"
#include "evidence/hcl_report.h"
#include "evidence/pck_extensions.h"
#include "evidence/snp_vek.h"
#include "evidence/tpm_evidence.h"
#include "verify/azure_vtpm_verifier.h"
#include "verify/dcap_verifier.h"
#include "verify/tpm_verifier.h"

namespace confidant::verify {
namespace {

namespace fs = std::filesystem;

Result<Bytes> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path.string());
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool LooksLikePem(ByteSpan data) {
  return ToString(data).find("-----BEGIN CERTIFICATE-----") != std::string::npos;
}

Result<std::vector<crypto::Certificate>> ReadCertificates(const fs::path& path) {
  ASSIGN_OR_RETURN(Bytes data, ReadFile(path));
  Result<std::vector<crypto::Certificate>> certs =
      LooksLikePem(data) ? crypto::Certificate::ParsePemChain(ToString(data))
                         : [&]() -> Result<std::vector<crypto::Certificate>> {
    ASSIGN_OR_RETURN(crypto::Certificate cert, crypto::Certificate::FromDer(data));
    return std::vector<crypto::Certificate>{cert};
  }();
  if (!certs.ok()) return certs.status().WithContext(path.string());
  return certs;
}

bool IsCertificateFile(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".pem" || ext == ".der" || ext == ".cer" || ext == ".crt";
}

// Regular files under `path` (or `path` itself), sorted so results do not depend on the order
// the file system lists them in.
std::vector<fs::path> FilesUnder(const fs::path& path, std::error_code& error) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(path, error)) return {path};
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool IsIntelRoot(const crypto::Certificate& cert) {
  return cert.SubjectCommonName() == "Intel SGX Root CA" && cert.IsSelfSigned();
}

bool IsAmdCa(const crypto::Certificate& cert) {
  const std::string cn = cert.SubjectCommonName();
  return cn.starts_with("ARK-") || (cn.starts_with("SEV-") && cn != "SEV-VCEK" && cn != "SEV-VLEK");
}

bool IsVek(const crypto::Certificate& cert) {
  const std::string cn = cert.SubjectCommonName();
  return cn == "SEV-VCEK" || cn == "SEV-VLEK";
}

uint16_t ReadU16Le(ByteSpan b, size_t at) {
  return static_cast<uint16_t>(b[at] | (b[at + 1] << 8));
}
uint32_t ReadU32Le(ByteSpan b, size_t at) {
  return uint32_t{b[at]} | (uint32_t{b[at + 1]} << 8) | (uint32_t{b[at + 2]} << 16) |
         (uint32_t{b[at + 3]} << 24);
}

// The FMSPC of the PCK certificate in a quote, to find its collateral; nullopt if the quote is
// too broken to say (its verification will say why).
std::optional<std::array<uint8_t, 6>> QuoteFmspc(ByteSpan bytes) {
  Result<ByteSpan> raw = evidence::DcapQuoteBytes(bytes);
  if (!raw.ok()) return std::nullopt;
  Result<evidence::DcapQuote> quote = evidence::ParseDcapQuote(*raw);
  if (!quote.ok()) return std::nullopt;
  Result<std::vector<crypto::Certificate>> chain =
      crypto::Certificate::ParsePemChain(ToString(quote->qe.certification_data));
  if (!chain.ok() || chain->empty()) return std::nullopt;
  Result<evidence::PckExtensions> ext = evidence::ReadPckExtensions((*chain)[0]);
  if (!ext.ok()) return std::nullopt;
  return ext->fmspc;
}

Result<Verified> VerifyDcap(const VerifyRequest& request, const TrustAnchors& trust,
                            std::string_view kind) {
  if (trust.intel_roots.empty()) {
    return FailedPreconditionError("no Intel SGX Root CA among the trust anchors");
  }
  std::optional<evidence::DcapCollateral> collateral;
  if (request.collateral != nullptr) {
    std::optional<std::array<uint8_t, 6>> fmspc = QuoteFmspc(request.evidence);
    if (fmspc) {
      Result<evidence::DcapCollateral> found = request.collateral->FindDcap(
          kind == "tdx" ? "TDX" : "SGX", *fmspc, request.now_unix_seconds);
      if (!found.ok()) {
        return Rejected(kind, check::kCollateral, found.status().message());
      }
      collateral = *found;
    }
  }
  Result<VerifiedDcapQuote> verified =
      VerifyDcapQuote(request.evidence, collateral ? &*collateral : nullptr, trust.intel_roots,
                      request.now_unix_seconds);
  if (!verified.ok()) return verified.status();
  if (request.collateral != nullptr && !collateral) {
    return InternalError("the quote verified but its FMSPC could not be read");
  }
  return ToVerified(*verified);
}

Result<Verified> VerifySnp(const VerifyRequest& request, const TrustAnchors& trust) {
  ASSIGN_OR_RETURN(evidence::SnpReport report, evidence::ParseSnpReport(request.evidence));
  if (request.collateral == nullptr) {
    return InvalidArgumentError(
        "snp: the VCEK or VLEK certificate is needed: pass it (or a directory holding it) with "
        "--collateral");
  }
  Result<crypto::Certificate> vek = request.collateral->FindVek(report);
  if (!vek.ok()) return Rejected("snp", check::kVekChain, vek.status().message());
  std::vector<crypto::Certificate> amd = trust.amd;
  for (const crypto::Certificate& cert : request.collateral->amd_certificates()) {
    if (!cert.IsSelfSigned()) amd.push_back(cert);  // collateral never adds a root
  }
  ASSIGN_OR_RETURN(
      VerifiedSnpReport verified,
      VerifySnpReport(request.evidence, *vek, amd, request.now_unix_seconds, request.snp_policy));
  return ToVerified(verified);
}

Result<Verified> VerifyTpm(const VerifyRequest& request) {
  ASSIGN_OR_RETURN(evidence::TpmEvidence evidence,
                   evidence::ParseTpmEvidence(ToString(request.evidence)));
  TpmQuoteOptions options;
  options.nonce = request.nonce;
  options.allow_sha1 = request.allow_sha1_tpm;
  ASSIGN_OR_RETURN(VerifiedTpmEvidence verified, VerifyTpmEvidence(evidence, options));
  return ToVerified(verified);
}

Result<Verified> VerifyAzure(const VerifyRequest& request, const TrustAnchors& trust) {
  ASSIGN_OR_RETURN(evidence::AzureVtpmEvidence evidence,
                   evidence::ParseAzureVtpmEvidence(ToString(request.evidence)));
  std::vector<crypto::Certificate> amd = trust.amd;
  if (request.collateral != nullptr) {
    for (const crypto::Certificate& cert : request.collateral->amd_certificates()) {
      if (!cert.IsSelfSigned()) amd.push_back(cert);  // collateral never adds a root
    }
  }
  AzureVtpmOptions options;
  options.nonce = request.nonce;
  options.snp_policy = request.snp_policy;
  ASSIGN_OR_RETURN(VerifiedAzureVtpm verified,
                   VerifyAzureVtpm(evidence, amd, request.now_unix_seconds, options));
  return ToVerified(verified);
}

}  // namespace

std::string_view EvidenceKindName(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kAuto:
      return "auto";
    case EvidenceKind::kSgx:
      return "sgx";
    case EvidenceKind::kTdx:
      return "tdx";
    case EvidenceKind::kSnp:
      return "snp";
    case EvidenceKind::kTpm:
      return "tpm";
    case EvidenceKind::kAzureVtpm:
      return "azure-vtpm";
  }
  return "?";
}

Result<EvidenceKind> ParseEvidenceKind(std::string_view name) {
  for (EvidenceKind kind : {EvidenceKind::kAuto, EvidenceKind::kSgx, EvidenceKind::kTdx,
                            EvidenceKind::kSnp, EvidenceKind::kTpm, EvidenceKind::kAzureVtpm}) {
    if (EvidenceKindName(kind) == name) return kind;
  }
  return InvalidArgumentError("unknown evidence kind \"" + std::string(name) +
                              "\" (auto, sgx, tdx, snp, tpm, azure-vtpm)");
}

Result<EvidenceKind> DetectEvidenceKind(ByteSpan e) {
  if (e.size() >= 16 && ReadU32Le(e, 0) == 1 && ReadU32Le(e, 4) == 2) return EvidenceKind::kSgx;
  if (e.size() >= evidence::kQuoteHeaderSize) {
    const uint16_t version = ReadU16Le(e, 0);
    if (version >= 3 && version <= 5 && ReadU16Le(e, 2) == evidence::kAttestationKeyEcdsaP256) {
      return ReadU32Le(e, 4) == evidence::kTeeTypeTdx ? EvidenceKind::kTdx : EvidenceKind::kSgx;
    }
  }
  if (e.size() == evidence::kSnpReportSize) {
    const uint32_t version = ReadU32Le(e, 0);
    if (version >= evidence::kSnpMinVersion && version <= evidence::kSnpMaxVersion) {
      return EvidenceKind::kSnp;
    }
  }
  nlohmann::json json = nlohmann::json::parse(e.begin(), e.end(), nullptr, false);
  if (json.is_object()) {
    if (json.contains("hcl_report")) return EvidenceKind::kAzureVtpm;
    if (json.contains("AK") || json.contains("Quote") || json.contains("quote")) {
      return EvidenceKind::kTpm;
    }
  }
  return InvalidArgumentError(
      "cannot tell what kind of evidence this is (not a DCAP quote, Open Enclave report, SEV-SNP "
      "report, Azure vTPM or TPM evidence JSON); name it with --kind");
}

Result<TrustAnchors> TrustAnchors::Load(const fs::path& path) {
  std::error_code error;
  std::vector<fs::path> files = FilesUnder(path, error);
  if (error) return NotFoundError("trust anchors: " + path.string() + ": " + error.message());
  TrustAnchors out;
  for (const fs::path& file : files) {
    if (!IsCertificateFile(file)) continue;
    ASSIGN_OR_RETURN(std::vector<crypto::Certificate> certs, ReadCertificates(file));
    for (const crypto::Certificate& cert : certs) {
      if (IsIntelRoot(cert)) {
        out.intel_roots.push_back(cert);
      } else if (IsAmdCa(cert)) {
        out.amd.push_back(cert);
      } else {
        return InvalidArgumentError("trust anchors: " + file.string() + ": \"" + cert.subject() +
                                    "\" is neither an Intel SGX Root CA nor an AMD ARK/ASK/ASVK");
      }
    }
  }
  if (out.intel_roots.empty() && out.amd.empty()) {
    return NotFoundError("trust anchors: no certificates in " + path.string());
  }
  return out;
}

Result<TrustAnchors> TrustAnchors::Default() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("CONFIDANT_TRUST_DIR")) candidates.emplace_back(env);
#ifdef CONFIDANT_INSTALL_TRUST_DIR
  candidates.emplace_back(CONFIDANT_INSTALL_TRUST_DIR);
#endif
#ifdef CONFIDANT_SOURCE_TRUST_DIR
  candidates.emplace_back(CONFIDANT_SOURCE_TRUST_DIR);
#endif
  for (const fs::path& dir : candidates) {
    std::error_code error;
    if (fs::is_directory(dir, error)) return Load(dir);
  }
  return NotFoundError("no trust anchors installed; pass --trust DIR (or set CONFIDANT_TRUST_DIR)");
}

Result<CollateralStore> CollateralStore::Open(const fs::path& path) {
  CollateralStore store;
  std::error_code error;
  std::vector<fs::path> files = FilesUnder(path, error);
  if (error) return NotFoundError("collateral: " + path.string() + ": " + error.message());
  std::vector<fs::path> pcs_dirs;
  for (const fs::path& file : files) {
    if (file.filename() == "tcb_info_response.json") {
      pcs_dirs.push_back(file.parent_path());
      RETURN_IF_ERROR(store.AddPcsDirectory(file.parent_path()));
    }
  }
  for (const fs::path& file : files) {
    if (std::find(pcs_dirs.begin(), pcs_dirs.end(), file.parent_path()) != pcs_dirs.end() &&
        file.extension() != ".json") {
      continue;  // the PCS set's chains and CRLs
    }
    RETURN_IF_ERROR(store.AddFile(file));
  }
  if (store.dcap_.empty() && store.veks_.empty()) {
    return NotFoundError("collateral: nothing usable in " + path.string() +
                         " (no DCAP collateral JSON, PCS response set or VCEK/VLEK certificate)");
  }
  return store;
}

Status CollateralStore::AddFile(const fs::path& file) {
  const std::string name = file.filename().string();
  if (file.extension() == ".json") {
    if (name == "tcb_info_response.json" || name == "qe_identity_response.json") {
      return OkStatus();  // read with their directory's PCS set
    }
    ASSIGN_OR_RETURN(Bytes data, ReadFile(file));
    nlohmann::json json = nlohmann::json::parse(data.begin(), data.end(), nullptr, false);
    if (!json.is_object() || !json.contains("tcb_info")) return OkStatus();  // not collateral
    Result<evidence::DcapCollateral> collateral =
        evidence::ParseQuoteCollateralJson(ToString(data));
    if (!collateral.ok()) return collateral.status().WithContext(file.string());
    return AddDcap(file, std::move(*collateral));
  }
  if (IsCertificateFile(file) && name.find("crl") == std::string::npos) {
    ASSIGN_OR_RETURN(std::vector<crypto::Certificate> certs, ReadCertificates(file));
    for (const crypto::Certificate& cert : certs) {
      if (IsVek(cert)) veks_.push_back(cert);
      if (IsAmdCa(cert)) amd_.push_back(cert);
    }
  }
  return OkStatus();
}

Status CollateralStore::AddPcsDirectory(const fs::path& dir) {
  auto text = [&](const char* name) -> Result<std::string> {
    ASSIGN_OR_RETURN(Bytes data, ReadFile(dir / name));
    return ToString(data);
  };
  evidence::DcapCollateral c;
  ASSIGN_OR_RETURN(std::string tcb, text("tcb_info_response.json"));
  ASSIGN_OR_RETURN(c.tcb_info, evidence::ParsePcsSignedResponse(tcb, "tcbInfo"));
  ASSIGN_OR_RETURN(std::string qe, text("qe_identity_response.json"));
  ASSIGN_OR_RETURN(c.qe_identity, evidence::ParsePcsSignedResponse(qe, "enclaveIdentity"));
  ASSIGN_OR_RETURN(c.tcb_info_issuer_chain, text("tcb_info_issuer_chain.pem"));
  ASSIGN_OR_RETURN(c.qe_identity_issuer_chain, text("qe_identity_issuer_chain.pem"));
  ASSIGN_OR_RETURN(c.pck_crl_issuer_chain, text("pck_crl_issuer_chain.pem"));
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("root_ca_crl")) {
      ASSIGN_OR_RETURN(c.root_ca_crl, ReadFile(entry.path()));
    } else if (name.starts_with("pck_crl") && name.find("issuer_chain") == std::string::npos) {
      ASSIGN_OR_RETURN(c.pck_crl, ReadFile(entry.path()));
    }
  }
  if (c.root_ca_crl.empty() || c.pck_crl.empty()) {
    return NotFoundError("collateral: " + dir.string() +
                         " holds a PCS tcb_info_response.json but not root_ca_crl.* and pck_crl*");
  }
  return AddDcap(dir, std::move(c));
}

Status CollateralStore::AddDcap(const fs::path& source, evidence::DcapCollateral collateral) {
  Result<evidence::TcbInfo> info = evidence::ParseTcbInfo(collateral.tcb_info.text);
  if (!info.ok()) return info.status().WithContext("collateral: " + source.string());
  DcapEntry entry{source,
                  std::move(collateral),
                  info->id,
                  info->fmspc,
                  info->issue_date,
                  info->next_update,
                  info->evaluation_data_number};
  dcap_.push_back(std::move(entry));
  return OkStatus();
}

Result<evidence::DcapCollateral> CollateralStore::FindDcap(std::string_view tee, ByteSpan fmspc,
                                                           int64_t now) const {
  const Timestamp at = FromUnixSeconds(now);
  const DcapEntry* best = nullptr;
  const DcapEntry* newest = nullptr;
  for (const DcapEntry& e : dcap_) {
    if (e.tee != tee || !std::equal(fmspc.begin(), fmspc.end(), e.fmspc.begin(), e.fmspc.end())) {
      continue;
    }
    if (e.issue_date <= at && at < e.next_update &&
        (best == nullptr || e.evaluation_data_number > best->evaluation_data_number)) {
      best = &e;
    }
    if (newest == nullptr || e.next_update > newest->next_update) newest = &e;
  }
  if (best != nullptr) return best->collateral;
  if (newest != nullptr) return newest->collateral;
  return NotFoundError("no " + std::string(tee) + " collateral for FMSPC " + HexEncode(fmspc) +
                       " among " + std::to_string(dcap_.size()) + " collateral set(s)");
}

Result<crypto::Certificate> CollateralStore::FindVek(const evidence::SnpReport& report) const {
  const bool vlek = report.signing_key == evidence::SnpSigningKey::kVlek;
  std::vector<const crypto::Certificate*> candidates;
  for (const crypto::Certificate& cert : veks_) {
    if ((cert.SubjectCommonName() == "SEV-VLEK") == vlek) candidates.push_back(&cert);
  }
  if (candidates.size() > 1 && !vlek) {
    // Several VCEKs: the one whose hwID is this chip's.
    std::vector<const crypto::Certificate*> matching;
    for (const crypto::Certificate* cert : candidates) {
      Result<evidence::VekExtensions> extensions = evidence::ReadVekExtensions(*cert);
      if (extensions.ok() && extensions->MatchesChipId(report.chip_id)) matching.push_back(cert);
    }
    if (!matching.empty()) candidates = matching;
  }
  if (candidates.empty()) {
    return NotFoundError(std::string("no ") + (vlek ? "VLEK" : "VCEK") +
                         " certificate in the collateral");
  }
  return *candidates.front();
}

Result<Verified> VerifyEvidence(const VerifyRequest& request, const TrustAnchors& trust) {
  EvidenceKind kind = request.kind;
  if (kind == EvidenceKind::kAuto) {
    ASSIGN_OR_RETURN(kind, DetectEvidenceKind(request.evidence));
  }
  switch (kind) {
    case EvidenceKind::kSgx:
    case EvidenceKind::kTdx: {
      Result<EvidenceKind> detected = DetectEvidenceKind(request.evidence);
      if (detected.ok() && *detected != kind &&
          (*detected == EvidenceKind::kSgx || *detected == EvidenceKind::kTdx)) {
        return InvalidArgumentError("the evidence is a " +
                                    std::string(EvidenceKindName(*detected)) + " quote, not " +
                                    std::string(EvidenceKindName(kind)));
      }
      return VerifyDcap(request, trust, EvidenceKindName(kind));
    }
    case EvidenceKind::kSnp:
      return VerifySnp(request, trust);
    case EvidenceKind::kTpm:
      return VerifyTpm(request);
    case EvidenceKind::kAzureVtpm:
      return VerifyAzure(request, trust);
    case EvidenceKind::kAuto:
      break;
  }
  return InternalError("unreachable evidence kind");
}

}  // namespace confidant::verify

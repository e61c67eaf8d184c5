#include "verify/azure_vtpm_verifier.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/encoding.h"
#include "crypto/hash.h"
#include "crypto/jwk.h"

namespace confidant::verify {
namespace {

constexpr std::string_view kKind = "azure-vtpm";

Result<crypto::HashAlgorithm> HclHash(uint32_t hash_type) {
  switch (hash_type) {
    case 1:
      return crypto::HashAlgorithm::kSha256;
    case 2:
      return crypto::HashAlgorithm::kSha384;
    case 3:
      return crypto::HashAlgorithm::kSha512;
  }
  return InvalidArgumentError("hcl report: unknown hash type " + std::to_string(hash_type));
}

// The bank of an Azure PCR value, known from its size (the evidence lists values only).
Result<uint16_t> BankForSize(size_t size) {
  switch (size) {
    case 20:
      return evidence::kTpmAlgSha1;
    case 32:
      return evidence::kTpmAlgSha256;
    case 48:
      return evidence::kTpmAlgSha384;
    case 64:
      return evidence::kTpmAlgSha512;
  }
  return InvalidArgumentError("a PCR value of " + std::to_string(size) + " bytes");
}

}  // namespace

Result<VerifiedAzureVtpm> VerifyAzureVtpm(const evidence::AzureVtpmEvidence& e,
                                          std::span<const crypto::Certificate> amd_certificates,
                                          int64_t now_unix_seconds, const AzureVtpmOptions& options,
                                          VerificationCache* cache) {
  if (e.hcl.report_type != evidence::kHclReportTypeSnp || !e.hcl.snp) {
    return InvalidArgumentError(
        "azure-vtpm: the HCL report holds a TDX TD report, which needs the TD quote to verify; "
        "only SEV-SNP-based Azure vTPM evidence is supported");
  }
  Result<nlohmann::json> jwk = e.hcl.RuntimeKey("HCLAkPub");
  if (!jwk.ok()) return Rejected(kKind, check::kAkExtraction, jwk.status().message());
  Result<crypto::PublicKey> ak = crypto::PublicKeyFromJwk(*jwk);
  if (!ak.ok()) {
    return Rejected(kKind, check::kAkExtraction, "HCLAkPub: " + std::string(ak.status().message()));
  }
  if (ak->type() != crypto::KeyType::kRsa) {
    return Rejected(kKind, check::kAkExtraction, "HCLAkPub is not an RSA key");
  }

  Result<crypto::Certificate> vcek = crypto::Certificate::FromDer(e.vcek_der);
  if (!vcek.ok()) return Rejected("snp", check::kVekChain, vcek.status().message());
  VerifiedAzureVtpm v;
  v.hcl = e.hcl;
  ASSIGN_OR_RETURN(v.snp, VerifySnpReport(e.hcl.tee_report, *vcek, amd_certificates,
                                          now_unix_seconds, options.snp_policy, cache));
  if (v.snp.report.vmpl != 0) {
    return Rejected(kKind, check::kVmpl,
                    "the SNP report was requested at VMPL " + std::to_string(v.snp.report.vmpl) +
                        ", not by the paravisor at VMPL 0");
  }

  ASSIGN_OR_RETURN(crypto::HashAlgorithm hash, HclHash(e.hcl.hash_type));
  Bytes expected = crypto::Digest(hash, e.hcl.runtime_data);
  expected.resize(v.snp.report.report_data.size(), 0);
  if (!std::equal(expected.begin(), expected.end(), v.snp.report.report_data.begin(),
                  v.snp.report.report_data.end())) {
    return Rejected(kKind, check::kReportDataBinding,
                    "REPORT_DATA " + HexEncode(v.snp.report.report_data) + " is not the " +
                        std::string(crypto::HashAlgorithmName(hash)) + " of the runtime claims (" +
                        HexEncode(expected) + ")");
  }

  std::vector<evidence::PcrValue> pcrs;
  for (size_t i = 0; i < e.pcrs.size(); ++i) {
    Result<uint16_t> bank = BankForSize(e.pcrs[i].size());
    if (!bank.ok()) return bank.status().WithContext("azure-vtpm: pcr " + std::to_string(i));
    pcrs.push_back({static_cast<uint32_t>(i), *bank, e.pcrs[i]});
  }
  evidence::TpmSignature signature;
  signature.sig_alg = evidence::kTpmAlgRsassa;
  signature.hash_alg = evidence::kTpmAlgSha256;
  signature.rsa_signature = e.tpm_signature;
  TpmQuoteOptions quote_options;
  quote_options.nonce = options.nonce;
  ASSIGN_OR_RETURN(v.quote,
                   VerifyTpmQuote(kKind, *ak, e.tpm_quote, signature, pcrs, {}, quote_options));
  return v;
}

Verified ToVerified(const VerifiedAzureVtpm& v) {
  Verified out;
  out.attestation_type = "azurevm";
  out.trust_anchor = v.snp.trust_anchor;
  nlohmann::json tee = SnpClaims(v.snp);
  tee["x-ms-attestation-type"] = "sevsnpvm";
  tee["x-ms-runtime"] = v.hcl.runtime_claims;
  out.claims = TpmQuoteClaims(v.quote);
  out.claims["x-ms-isolation-tee"] = std::move(tee);
  nlohmann::json attested = nlohmann::json::array();
  for (const auto& [bank, values] : v.quote.pcrs) {
    for (const auto& [index, unused] : values) attested.push_back(index);
  }
  out.claims["x-ms-azurevm-attested-pcrs"] = std::move(attested);
  if (v.hcl.runtime_claims.is_object()) {
    auto config = v.hcl.runtime_claims.find("vm-configuration");
    if (config != v.hcl.runtime_claims.end() && config->is_object()) {
      auto id = config->find("vmUniqueId");
      if (id != config->end() && id->is_string()) out.claims["x-ms-azurevm-vmid"] = *id;
    }
  }
  return out;
}

}  // namespace confidant::verify

// `confidant attest verify`: verifies evidence offline and prints its claims (docs/cli.md).

#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "common/encoding.h"
#include "common/file.h"
#include "common/time.h"
#include "verify/evidence_verifier.h"

namespace confidant::cli {
namespace {

struct VerifySettings {
  std::string evidence;
  std::string kind = "auto";
  std::string collateral;
  std::string trust;
  std::string now;
  std::string nonce;
  std::string snp_product;
  int snp_stepping = -1;
  bool allow_sha1 = false;
};

void PrintClaimsText(const Output& output, const nlohmann::json& claims, int indent) {
  for (const auto& [name, value] : claims.items()) {
    output.out << std::string(indent, ' ') << name << ":";
    if (value.is_object()) {
      output.out << '\n';
      PrintClaimsText(output, value, indent + 2);
    } else {
      output.out << ' ' << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
    }
  }
}

Status Verify(const VerifySettings& s, const Output& output) {
  verify::VerifyRequest request;
  ASSIGN_OR_RETURN(request.kind, verify::ParseEvidenceKind(s.kind));
  ASSIGN_OR_RETURN(request.evidence, ReadFile(s.evidence));
  request.now_unix_seconds =
      s.now.empty() ? ToUnixSeconds(SystemClock().Now()) : ToUnixSeconds(*ParseRfc3339(s.now));
  // Without --nonce the quote's nonce is not compared (the claims carry it).
  if (!s.nonce.empty()) {
    ASSIGN_OR_RETURN(request.nonce, HexDecode(s.nonce));
  }
  request.allow_sha1_tpm = s.allow_sha1;
  if (s.snp_product == "Milan") request.snp_policy.product = evidence::SnpProduct::kMilan;
  if (s.snp_product == "Genoa") request.snp_policy.product = evidence::SnpProduct::kGenoa;
  if (s.snp_product == "Turin") request.snp_policy.product = evidence::SnpProduct::kTurin;
  if (s.snp_stepping >= 0) request.snp_policy.stepping = s.snp_stepping;

  std::optional<verify::CollateralStore> store;
  if (!s.collateral.empty()) {
    ASSIGN_OR_RETURN(store, verify::CollateralStore::Open(s.collateral));
    request.collateral = &*store;
  }
  Result<verify::TrustAnchors> trust =
      s.trust.empty() ? verify::TrustAnchors::Default() : verify::TrustAnchors::Load(s.trust);
  if (!trust.ok()) return trust.status();

  ASSIGN_OR_RETURN(verify::Verified verified, verify::VerifyEvidence(request, *trust));
  if (output.json) {
    nlohmann::ordered_json doc = {{"verdict", "verified"},
                                  {"attestation_type", verified.attestation_type},
                                  {"tcb_status", nullptr},
                                  {"advisories", verified.advisories},
                                  {"trust_anchor", verified.trust_anchor},
                                  {"claims", verified.ToJson()}};
    if (verified.tcb_status) doc["tcb_status"] = *verified.tcb_status;
    PrintJson(output, doc);
    return OkStatus();
  }
  output.out << "verified: " << verified.attestation_type << " evidence\n";
  if (verified.tcb_status) {
    output.out << "tcb status: " << *verified.tcb_status << '\n';
    std::string list;
    for (const std::string& id : verified.advisories) list += (list.empty() ? "" : ", ") + id;
    output.out << "advisories: " << (list.empty() ? "none" : list) << '\n';
  } else if (request.collateral == nullptr &&
             (verified.attestation_type == "sgx" || verified.attestation_type == "tdx")) {
    output.out << "tcb status: not evaluated (no --collateral)\n";
  }
  output.out << "trust anchor: " << verified.trust_anchor << '\n';
  output.out << "claims:\n";
  PrintClaimsText(output, verified.claims, 2);
  return OkStatus();
}

}  // namespace

void AddAttestCommand(CLI::App& app, Commands& commands) {
  CLI::App* group = app.add_subcommand(
      "attest",
      "Evidence: verify SGX DCAP, TDX, SEV-SNP, TPM and Azure vTPM quotes and reports offline");
  CLI::App* verify = group->add_subcommand(
      "verify",
      "Verify evidence against vendor trust anchors and offline collateral; print its claims "
      "with Azure Attestation's names. Exit 0 verified, 1 rejected (the reason is printed), 2 "
      "usage error");
  auto s = std::make_shared<VerifySettings>();
  verify
      ->add_option("EVIDENCE", s->evidence,
                   "DCAP quote, Open Enclave report, SEV-SNP report, TPM or Azure vTPM "
                   "evidence JSON")
      ->required()
      ->check(CLI::ExistingFile);
  verify->add_option("--kind", s->kind, "What the evidence is")
      ->check(CLI::IsMember({"auto", "sgx", "tdx", "snp", "tpm", "azure-vtpm"}))
      ->capture_default_str();
  verify
      ->add_option("--collateral", s->collateral,
                   "File or directory of collateral: Intel PCS responses, dcap-qvl collateral "
                   "JSON (any number of FMSPCs and dates), AMD VCEK/VLEK certificates. Without "
                   "it, DCAP quotes are verified without TCB evaluation")
      ->check(CLI::ExistingPath);
  verify
      ->add_option("--trust", s->trust,
                   "Directory of trust anchors (Intel SGX Root CA, AMD ARK/ASK/ASVK); default: "
                   "the ones installed with Confidant")
      ->check(CLI::ExistingPath);
  verify->add_option("--now", s->now, "Verification time, RFC 3339 (default: the current time)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            Result<Timestamp> t = ParseRfc3339(text);
            return t.ok() ? std::string() : std::string(t.status().message());
          },
          "RFC3339"));
  verify
      ->add_option("--nonce", s->nonce,
                   "Expected TPM quote nonce (qualifying data), hex; compared when given (TPM and "
                   "Azure vTPM)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            Result<Bytes> b = HexDecode(text);
            return b.ok() ? std::string() : std::string(b.status().message());
          },
          "HEX"));
  verify->add_flag("--allow-sha1", s->allow_sha1,
                   "Accept TPM quotes signed with SHA-1 (GCP vTPM attestation keys do)");
  verify->add_option("--snp-product", s->snp_product, "Require this SEV-SNP product line")
      ->check(CLI::IsMember({"Milan", "Genoa", "Turin"}));
  verify->add_option("--snp-stepping", s->snp_stepping, "Require this SEV-SNP machine stepping")
      ->check(CLI::Range(0, 255));
  commands.SetAction(verify, [s](const Output& output) { return Verify(*s, output); });
}

}  // namespace confidant::cli

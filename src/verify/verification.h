// What every verifier returns, and how it says no.
//
// A verifier either returns a Verified (the normalized claims, TCB status, advisories and the
// trust anchor the evidence chains to) or a Status whose message starts with the evidence kind and
// the check that failed, "<kind>: <check>: <detail>":
//
//   "sgx: quote signature: ECDSA signature does not verify"
//   "tdx: expired: tcb info: nextUpdate 2023-07-18T08:42:58Z is before now 2053-07-01T01:00:00Z"
//
// The check names are the constants below (docs/attestation-evidence.md lists them with their
// meaning). A rejection is UNAUTHENTICATED, a policy refusal PERMISSION_DENIED, malformed evidence
// the parser's INVALID_ARGUMENT (check "parse").
#ifndef CONFIDANT_VERIFY_VERIFICATION_H_
#define CONFIDANT_VERIFY_VERIFICATION_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace confidant::verify {

// Check names, the second component of every rejection message.
namespace check {
inline constexpr std::string_view kParse = "parse";
inline constexpr std::string_view kPckChain = "pck chain";
inline constexpr std::string_view kCertSignature = "cert signature";
inline constexpr std::string_view kQuoteSignature = "quote signature";
inline constexpr std::string_view kQeReportSignature = "qe report signature";
inline constexpr std::string_view kQeBinding = "qe binding";
inline constexpr std::string_view kQeIdentity = "qe identity";
inline constexpr std::string_view kCollateral = "collateral";
inline constexpr std::string_view kRevoked = "revoked";
inline constexpr std::string_view kNoMatchingTcbLevel = "no matching tcb level";
inline constexpr std::string_view kTdxModule = "tdx module";
inline constexpr std::string_view kExpired = "expired";
inline constexpr std::string_view kPolicy = "policy";
inline constexpr std::string_view kReportSignature = "report signature";
inline constexpr std::string_view kVek = "vek";
inline constexpr std::string_view kVekChain = "vek chain";
inline constexpr std::string_view kReportedTcb = "reported tcb";
inline constexpr std::string_view kChipId = "chip id";
inline constexpr std::string_view kNonce = "nonce";
inline constexpr std::string_view kTpmQuoteSignature = "tpm quote signature";
inline constexpr std::string_view kPcrDigest = "pcr digest";
inline constexpr std::string_view kEventLog = "event log";
inline constexpr std::string_view kReportDataBinding = "report data binding";
inline constexpr std::string_view kAkExtraction = "ak extraction";
inline constexpr std::string_view kTokenSignature = "token signature";
inline constexpr std::string_view kAk = "ak";
inline constexpr std::string_view kVmpl = "vmpl";
}  // namespace check

// UNAUTHENTICATED "<kind>: <check>: <detail>".
Status Rejected(std::string_view kind, std::string_view check, std::string_view detail);
// PERMISSION_DENIED "<kind>: policy: <detail>".
Status PolicyRefused(std::string_view kind, std::string_view detail);
// The check a verifier error names: the text between the first and second ": ", or "parse" for
// an INVALID_ARGUMENT without that shape.
std::string FailedCheck(const Status& status);

struct Verified {
  // "sgx", "tdx", "sevsnpvm", "tpm", "azurevm" (MAA's x-ms-attestation-type values, plus "tpm").
  std::string attestation_type;
  nlohmann::json claims = nlohmann::json::object();  // MAA claim names; see claims.h
  std::optional<std::string> tcb_status;             // DCAP only
  std::vector<std::string> advisories;               // DCAP only
  // The root the evidence chains to: the vendor root's subject ("CN=Intel SGX Root CA,...",
  // "CN=ARK-Milan,...") or a software deployment root.
  std::string trust_anchor;

  // {"x-ms-attestation-type":..., claims..., "x-confidant-tcb-status", "x-confidant-advisories",
  //  "x-confidant-trust-anchor"}.
  nlohmann::json ToJson() const;
};

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_VERIFICATION_H_

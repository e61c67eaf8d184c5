// Intel DCAP collateral: the signed TCB info and enclave (QE) identity, their issuer chains, and
// the CRLs that a full quote verification needs, read from files with no network.
//
// Two file formats carry it (shared/vectors/README.md, "Evidence and collateral formats"):
//  - Intel PCS responses: {"tcbInfo": {...}, "signature": "<hex r||s>"} and
//    {"enclaveIdentity": {...}, "signature": ...}; the issuer chains come from response headers
//    (PEM) and CRLs are DER (or PEM, or hex of DER as PCCS serves them).
//  - dcap-qvl's QuoteCollateralV3 JSON, one file holding every piece; tcb_info / qe_identity are
//    the exact signed JSON text as strings.
// The signature covers the exact bytes of the inner object; they are kept as they appear in the
// file, never re-serialised.
//
// ParseTcbInfo / ParseEnclaveIdentity check the structure of the signed JSON (types, sizes, every
// level complete); nothing here verifies a signature or decides a status: see
// verify/dcap_verifier.h.
#ifndef CONFIDANT_EVIDENCE_DCAP_COLLATERAL_H_
#define CONFIDANT_EVIDENCE_DCAP_COLLATERAL_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "common/time.h"

namespace confidant::evidence {

// Exactly the text a signature covers, and that signature (ECDSA P-256 r || s, big-endian).
struct SignedJson {
  std::string text;
  std::array<uint8_t, 64> signature{};
};

struct DcapCollateral {
  SignedJson tcb_info;
  std::string tcb_info_issuer_chain;  // PEM: TCB Signing, then (optionally) the root
  SignedJson qe_identity;
  std::string qe_identity_issuer_chain;
  Bytes pck_crl;      // issued by the PCK Platform or Processor CA: DER, PEM or hex of DER
  Bytes root_ca_crl;  // issued by the Intel SGX Root CA
  std::string pck_crl_issuer_chain;  // PEM
};

// dcap-qvl's QuoteCollateralV3 JSON.
Result<DcapCollateral> ParseQuoteCollateralJson(std::string_view json);

// An Intel PCS response body {"<key>": {...}, "signature": "<hex>"}: the exact text of the inner
// object and the signature. The inner object must appear in the file in compact form (as PCS
// serves it, and as Intel signs it).
Result<SignedJson> ParsePcsSignedResponse(std::string_view json, std::string_view key);

enum class TcbStatus {
  kUpToDate,
  kSwHardeningNeeded,
  kConfigurationNeeded,
  kConfigurationAndSwHardeningNeeded,
  kOutOfDate,
  kOutOfDateConfigurationNeeded,
  kRevoked,
  kTdRelaunchAdvised,
  kTdRelaunchAdvisedConfigurationNeeded,
};
// Intel's spelling: "UpToDate", "SWHardeningNeeded", ...
std::string_view TcbStatusName(TcbStatus status);
Result<TcbStatus> ParseTcbStatus(std::string_view name);

struct TcbLevel {
  std::array<uint8_t, 16> sgx_components{};
  uint16_t pcesvn = 0;
  std::optional<std::array<uint8_t, 16>> tdx_components;  // TDX TCB info only
  Timestamp tcb_date;
  TcbStatus status = TcbStatus::kUpToDate;
  std::vector<std::string> advisories;
};

// A level of an enclave identity or TDX module identity: one ISVSVN.
struct IsvsvnLevel {
  uint16_t isvsvn = 0;
  Timestamp tcb_date;
  TcbStatus status = TcbStatus::kUpToDate;
  std::vector<std::string> advisories;
};

struct TdxModuleIdentity {
  std::string id;  // "TDX_01": the module's major version in hex
  std::array<uint8_t, 48> mrsigner{};
  std::array<uint8_t, 8> attributes{};
  std::array<uint8_t, 8> attributes_mask{};
  std::vector<IsvsvnLevel> levels;
};

struct TcbInfo {
  std::string id;  // "SGX" or "TDX" (version 3); version 2 has none and is SGX
  int version = 0;
  Timestamp issue_date, next_update;
  std::array<uint8_t, 6> fmspc{};
  std::array<uint8_t, 2> pce_id{};
  int tcb_type = 0;
  int64_t evaluation_data_number = 0;
  std::optional<TdxModuleIdentity> tdx_module;  // "tdxModule": id empty, no levels
  std::vector<TdxModuleIdentity> tdx_module_identities;
  std::vector<TcbLevel> levels;  // as listed (Intel lists them highest first)
};

struct EnclaveIdentity {
  std::string id;  // "QE", "QVE", "TD_QE"
  int version = 0;
  Timestamp issue_date, next_update;
  int64_t evaluation_data_number = 0;
  uint32_t miscselect = 0, miscselect_mask = 0;
  std::array<uint8_t, 16> attributes{}, attributes_mask{};
  std::array<uint8_t, 32> mrsigner{};
  uint16_t isvprodid = 0;
  std::vector<IsvsvnLevel> levels;
};

// The JSON text of the "tcbInfo" object (versions 2 and 3).
Result<TcbInfo> ParseTcbInfo(std::string_view json);
// The JSON text of the "enclaveIdentity" object (version 2).
Result<EnclaveIdentity> ParseEnclaveIdentity(std::string_view json);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_DCAP_COLLATERAL_H_

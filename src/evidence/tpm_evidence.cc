#include "evidence/tpm_evidence.h"

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "common/encoding.h"
#include "crypto/hash_algorithm.h"
#include "evidence/event_log.h"

namespace confidant::evidence {
namespace {

constexpr std::string_view kWhere = "tpm evidence";

Status Malformed(std::string_view what) {
  return InvalidArgumentError(std::string(kWhere) + ": " + std::string(what));
}

Result<const nlohmann::json*> Object(const nlohmann::json& parent, const char* name) {
  auto it = parent.find(name);
  if (it == parent.end() || !it->is_object()) {
    return Malformed(std::string("\"") + name + "\" missing or not an object");
  }
  return &*it;
}

// A base64 member; `optional` members may be absent or null (then empty).
Result<Bytes> Base64Member(const nlohmann::json& object, const char* group, const char* name,
                           bool optional) {
  const std::string where = std::string(group) + "." + name;
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    if (optional) return Bytes{};
    return Malformed(where + " missing");
  }
  if (!it->is_string()) return Malformed(where + " is not a string");
  Result<Bytes> bytes = Base64Decode(it->get_ref<const std::string&>());
  if (!bytes.ok()) return bytes.status().WithContext(std::string(kWhere) + ": " + where);
  if (bytes->empty() && !optional) return Malformed(where + " is empty");
  return bytes;
}

// go-attestation records a PCR's digest algorithm as Go's crypto.Hash.
Result<uint16_t> BankForGoHash(const nlohmann::json& value) {
  if (!value.is_number_unsigned()) return Malformed("Log.PCRs: DigestAlg is not a number");
  switch (value.get<uint64_t>()) {
    case 3:
      return kTpmAlgSha1;
    case 5:
      return kTpmAlgSha256;
    case 6:
      return kTpmAlgSha384;
    case 7:
      return kTpmAlgSha512;
  }
  return Malformed("Log.PCRs: DigestAlg " + value.dump() +
                   " is not SHA-1, SHA-256, SHA-384 or SHA-512 (Go crypto.Hash 3, 5, 6, 7)");
}

Result<PcrValue> ParsePcr(const nlohmann::json& pcr) {
  if (!pcr.is_object()) return Malformed("Log.PCRs: an entry is not an object");
  auto index = pcr.find("Index");
  if (index == pcr.end() || !index->is_number_unsigned() ||
      index->get<uint64_t>() >= kTpmPcrCount) {
    return Malformed("Log.PCRs: Index missing or not 0.." + std::to_string(kTpmPcrCount - 1));
  }
  PcrValue value;
  value.index = index->get<uint32_t>();
  auto alg = pcr.find("DigestAlg");
  if (alg == pcr.end()) return Malformed("Log.PCRs: DigestAlg missing");
  ASSIGN_OR_RETURN(value.bank, BankForGoHash(*alg));
  ASSIGN_OR_RETURN(value.digest, Base64Member(pcr, "Log.PCRs", "Digest", false));
  ASSIGN_OR_RETURN(crypto::HashAlgorithm hash, HashForTpmAlg(value.bank));
  if (value.digest.size() != crypto::DigestSize(hash)) {
    return Malformed("Log.PCRs: PCR " + std::to_string(value.index) + " " +
                     AlgorithmName(value.bank) + " digest of " +
                     std::to_string(value.digest.size()) + " bytes");
  }
  return value;
}

}  // namespace

Result<TpmEvidence> ParseTpmEvidence(std::string_view json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Malformed("not a JSON object");
  TpmEvidence e;
  ASSIGN_OR_RETURN(const nlohmann::json* ak, Object(doc, "AK"));
  ASSIGN_OR_RETURN(e.ak_public, Base64Member(*ak, "AK", "Public", false));
  ASSIGN_OR_RETURN(const nlohmann::json* quote, Object(doc, "Quote"));
  ASSIGN_OR_RETURN(e.quote, Base64Member(*quote, "Quote", "Quote", false));
  ASSIGN_OR_RETURN(e.signature, Base64Member(*quote, "Quote", "Signature", false));
  ASSIGN_OR_RETURN(e.nonce, Base64Member(*quote, "Quote", "Nonce", true));
  ASSIGN_OR_RETURN(const nlohmann::json* log, Object(doc, "Log"));
  ASSIGN_OR_RETURN(e.event_log, Base64Member(*log, "Log", "Raw", true));
  auto pcrs = log->find("PCRs");
  if (pcrs == log->end() || !pcrs->is_array()) return Malformed("Log.PCRs missing or not an array");
  std::set<std::pair<uint16_t, uint32_t>> seen;
  for (const nlohmann::json& pcr : *pcrs) {
    ASSIGN_OR_RETURN(PcrValue value, ParsePcr(pcr));
    if (!seen.emplace(value.bank, value.index).second) {
      return Malformed("Log.PCRs: PCR " + std::to_string(value.index) + " " +
                       AlgorithmName(value.bank) + " given twice");
    }
    e.pcrs.push_back(std::move(value));
  }
  return e;
}

}  // namespace confidant::evidence

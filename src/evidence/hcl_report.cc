#include "evidence/hcl_report.h"

#include <string>

#include "common/byte_reader.h"
#include "common/encoding.h"

namespace confidant::evidence {
namespace {

constexpr uint32_t kHclSignature = 0x414c4348;  // "HCLA" read as a little-endian u32

Result<std::string> StringMember(const nlohmann::json& object, const char* name,
                                 std::string_view where) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) {
    return InvalidArgumentError(std::string(where) + ": \"" + name + "\" missing or not a string");
  }
  return it->get<std::string>();
}

Result<Bytes> DecodeMember(const nlohmann::json& object, const char* name, std::string_view where,
                           bool hex) {
  ASSIGN_OR_RETURN(std::string text, StringMember(object, name, where));
  Result<Bytes> bytes = hex ? HexDecode(text) : Base64UrlDecode(text);
  if (!bytes.ok()) return bytes.status().WithContext(std::string(where) + ": \"" + name + "\"");
  return bytes;
}

}  // namespace

Result<nlohmann::json> HclReport::RuntimeKey(std::string_view kid) const {
  if (!runtime_claims.is_object()) {
    return InvalidArgumentError("hcl report: variable data: not a JSON object");
  }
  auto keys = runtime_claims.find("keys");
  if (keys != runtime_claims.end() && keys->is_array()) {
    for (const nlohmann::json& key : *keys) {
      auto k = key.find("kid");
      if (key.is_object() && k != key.end() && k->is_string() && *k == kid) return key;
    }
  }
  return NotFoundError("hcl report: runtime claims have no key \"" + std::string(kid) + "\"");
}

Result<HclReport> ParseHclReport(ByteSpan bytes) {
  ByteReader r(bytes, "hcl report");
  HclReport h;
  ASSIGN_OR_RETURN(uint32_t signature, r.ReadU32Le("header: signature"));
  if (signature != kHclSignature) {
    return InvalidArgumentError("hcl report: header: signature is not \"HCLA\"");
  }
  ASSIGN_OR_RETURN(h.version, r.ReadU32Le("header: version"));
  if (h.version != 1) {
    return InvalidArgumentError("hcl report: header: unsupported version " +
                                std::to_string(h.version));
  }
  ASSIGN_OR_RETURN(h.report_size, r.ReadU32Le("header: report size"));
  ASSIGN_OR_RETURN(h.request_type, r.ReadU32Le("header: request type"));
  RETURN_IF_ERROR(r.Skip(4 + 12, "header: status and reserved"));
  constexpr size_t kFixed = kHclHeaderSize + kHclTeeReportSize + kHclRequestDataSize;
  if (h.report_size < kFixed || h.report_size > bytes.size()) {
    return InvalidArgumentError("hcl report: header: report size " + std::to_string(h.report_size) +
                                " outside " + std::to_string(kFixed) + ".." +
                                std::to_string(bytes.size()));
  }
  ASSIGN_OR_RETURN(ByteSpan tee, r.ReadBytes(kHclTeeReportSize, "tee report"));
  h.tee_report.assign(tee.begin(), tee.end());
  ASSIGN_OR_RETURN(uint32_t data_size, r.ReadU32Le("request data: data size"));
  ASSIGN_OR_RETURN(uint32_t data_version, r.ReadU32Le("request data: version"));
  ASSIGN_OR_RETURN(h.report_type, r.ReadU32Le("request data: report type"));
  ASSIGN_OR_RETURN(h.hash_type, r.ReadU32Le("request data: hash type"));
  ASSIGN_OR_RETURN(uint32_t runtime_size, r.ReadU32Le("request data: variable data size"));
  if (data_version != 1) {
    return InvalidArgumentError("hcl report: request data: unsupported version " +
                                std::to_string(data_version));
  }
  if (h.report_type != kHclReportTypeSnp && h.report_type != kHclReportTypeTdx) {
    return InvalidArgumentError("hcl report: request data: unknown report type " +
                                std::to_string(h.report_type) + " (2 SNP, 4 TDX)");
  }
  if (h.hash_type < 1 || h.hash_type > 3) {
    return InvalidArgumentError("hcl report: request data: unknown hash type " +
                                std::to_string(h.hash_type));
  }
  if (uint64_t{data_size} != kHclRequestDataSize + uint64_t{runtime_size} ||
      kFixed + uint64_t{runtime_size} != h.report_size) {
    return InvalidArgumentError("hcl report: request data: sizes disagree (data size " +
                                std::to_string(data_size) + ", variable data " +
                                std::to_string(runtime_size) + ", report size " +
                                std::to_string(h.report_size) + ")");
  }
  h.runtime_data_offset = r.offset();
  ASSIGN_OR_RETURN(ByteSpan runtime, r.ReadBytes(runtime_size, "variable data"));
  h.runtime_data.assign(runtime.begin(), runtime.end());
  // Runtime data that is not a JSON object is kept, not refused: the report is well formed, and
  // the verifier names what fails (the AK cannot be extracted).
  h.runtime_claims = nlohmann::json::parse(runtime.begin(), runtime.end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (!h.runtime_claims.is_object()) h.runtime_claims = nullptr;
  if (h.report_type == kHclReportTypeSnp) {
    Result<SnpReport> snp = ParseSnpReport(h.tee_report);
    if (!snp.ok()) return snp.status().WithContext("hcl report");
    h.snp = *std::move(snp);
  }
  return h;
}

Result<AzureVtpmEvidence> ParseAzureVtpmEvidence(std::string_view json) {
  constexpr std::string_view kWhere = "azure vtpm evidence";
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return InvalidArgumentError("azure vtpm evidence: not a JSON object");
  auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || *version != 1) {
    return InvalidArgumentError("azure vtpm evidence: \"version\" must be 1");
  }
  AzureVtpmEvidence e;
  ASSIGN_OR_RETURN(Bytes hcl, DecodeMember(doc, "hcl_report", kWhere, false));
  ASSIGN_OR_RETURN(e.hcl, ParseHclReport(hcl));
  ASSIGN_OR_RETURN(e.vcek_der, DecodeMember(doc, "vcek", kWhere, false));
  auto quote = doc.find("tpm_quote");
  if (quote == doc.end() || !quote->is_object()) {
    return InvalidArgumentError("azure vtpm evidence: \"tpm_quote\" missing or not an object");
  }
  constexpr std::string_view kQuote = "azure vtpm evidence: tpm_quote";
  ASSIGN_OR_RETURN(e.tpm_quote, DecodeMember(*quote, "message", kQuote, true));
  ASSIGN_OR_RETURN(e.tpm_signature, DecodeMember(*quote, "signature", kQuote, true));
  auto pcrs = quote->find("pcrs");
  if (pcrs == quote->end() || !pcrs->is_array() || pcrs->size() > 24) {
    return InvalidArgumentError(
        "azure vtpm evidence: tpm_quote: \"pcrs\" must be an array of at most 24");
  }
  for (const nlohmann::json& pcr : *pcrs) {
    if (!pcr.is_string())
      return InvalidArgumentError("azure vtpm evidence: tpm_quote: a PCR is not a string");
    Result<Bytes> value = HexDecode(pcr.get<std::string>());
    if (!value.ok()) return value.status().WithContext("azure vtpm evidence: tpm_quote: pcrs");
    e.pcrs.push_back(*std::move(value));
  }
  return e;
}

}  // namespace confidant::evidence

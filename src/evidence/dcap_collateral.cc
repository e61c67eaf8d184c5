#include "evidence/dcap_collateral.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/encoding.h"

namespace confidant::evidence {
namespace {

using Json = nlohmann::json;

Status Malformed(std::string_view context, std::string_view detail) {
  return InvalidArgumentError(std::string(context) + ": " + std::string(detail));
}

Result<Json> ParseObject(std::string_view text, std::string_view context) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Malformed(context, "not valid JSON");
  if (!json.is_object()) return Malformed(context, "not a JSON object");
  return json;
}

// Checked access to the members of one JSON object; every error names the object and member.
class Fields {
 public:
  Fields(const Json& object, std::string context) : object_(object), context_(std::move(context)) {}

  bool Has(std::string_view key) const { return object_.contains(key); }

  Result<const Json*> Member(std::string_view key) const {
    auto it = object_.find(key);
    if (it == object_.end()) return Malformed(context_, "no \"" + std::string(key) + "\"");
    return &*it;
  }

  Result<std::string> String(std::string_view key) const {
    ASSIGN_OR_RETURN(const Json* value, Member(key));
    if (!value->is_string()) return Malformed(context_, Name(key) + " is not a string");
    return value->get<std::string>();
  }

  Result<int64_t> Integer(std::string_view key, int64_t min, int64_t max) const {
    ASSIGN_OR_RETURN(const Json* value, Member(key));
    if (!value->is_number_integer()) return Malformed(context_, Name(key) + " is not an integer");
    // Unsigned values above int64 are out of range too.
    if (value->is_number_unsigned() &&
        value->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return Malformed(context_, Name(key) + " is out of range");
    }
    int64_t n = value->get<int64_t>();
    if (n < min || n > max) {
      return Malformed(context_, Name(key) + " " + std::to_string(n) + " is out of range");
    }
    return n;
  }

  Result<Timestamp> Time(std::string_view key) const {
    ASSIGN_OR_RETURN(std::string text, String(key));
    Result<Timestamp> t = ParseRfc3339(text);
    if (!t.ok()) return Malformed(context_, Name(key) + ": " + std::string(t.status().message()));
    return *t;
  }

  template <size_t N>
  Result<std::array<uint8_t, N>> Hex(std::string_view key) const {
    ASSIGN_OR_RETURN(std::string text, String(key));
    return HexArray<N>(text, Name(key));
  }

  template <size_t N>
  Result<std::array<uint8_t, N>> HexArray(std::string_view text, std::string_view name) const {
    // Intel writes uppercase hex; HexDecode takes either case.
    Result<Bytes> bytes = HexDecode(text);
    if (!bytes.ok()) {
      return Malformed(context_, std::string(name) + ": " + std::string(bytes.status().message()));
    }
    if (bytes->size() != N) {
      return Malformed(context_, std::string(name) + " is " + std::to_string(bytes->size()) +
                                     " bytes, expected " + std::to_string(N));
    }
    std::array<uint8_t, N> out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
  }

  Result<const Json*> Array(std::string_view key) const {
    ASSIGN_OR_RETURN(const Json* value, Member(key));
    if (!value->is_array()) return Malformed(context_, Name(key) + " is not an array");
    return value;
  }

  Result<Fields> Object(std::string_view key) const {
    ASSIGN_OR_RETURN(const Json* value, Member(key));
    if (!value->is_object()) return Malformed(context_, Name(key) + " is not an object");
    return Fields(*value, context_ + "." + std::string(key));
  }

  Result<Fields> Element(const Json& array, size_t index, std::string_view key) const {
    const Json& value = array[index];
    std::string context = context_ + "." + std::string(key) + "[" + std::to_string(index) + "]";
    if (!value.is_object()) return Malformed(context, "not an object");
    return Fields(value, std::move(context));
  }

  const std::string& context() const { return context_; }

 private:
  std::string Name(std::string_view key) const { return "\"" + std::string(key) + "\""; }

  const Json& object_;
  std::string context_;
};

Result<std::vector<std::string>> Advisories(const Fields& level) {
  std::vector<std::string> out;
  if (!level.Has("advisoryIDs")) return out;
  ASSIGN_OR_RETURN(const Json* ids, level.Array("advisoryIDs"));
  for (const Json& id : *ids) {
    if (!id.is_string()) return Malformed(level.context(), "an advisory ID is not a string");
    out.push_back(id.get<std::string>());
  }
  return out;
}

Result<TcbStatus> Status(const Fields& level) {
  ASSIGN_OR_RETURN(std::string name, level.String("tcbStatus"));
  Result<TcbStatus> status = ParseTcbStatus(name);
  if (!status.ok()) return Malformed(level.context(), status.status().message());
  return *status;
}

Result<std::vector<IsvsvnLevel>> IsvsvnLevels(const Fields& parent) {
  ASSIGN_OR_RETURN(const Json* levels, parent.Array("tcbLevels"));
  if (levels->empty()) return Malformed(parent.context(), "\"tcbLevels\" is empty");
  std::vector<IsvsvnLevel> out;
  for (size_t i = 0; i < levels->size(); ++i) {
    ASSIGN_OR_RETURN(Fields level, parent.Element(*levels, i, "tcbLevels"));
    ASSIGN_OR_RETURN(Fields tcb, level.Object("tcb"));
    IsvsvnLevel l;
    ASSIGN_OR_RETURN(int64_t isvsvn, tcb.Integer("isvsvn", 0, 65535));
    l.isvsvn = static_cast<uint16_t>(isvsvn);
    ASSIGN_OR_RETURN(l.tcb_date, level.Time("tcbDate"));
    ASSIGN_OR_RETURN(l.status, Status(level));
    ASSIGN_OR_RETURN(l.advisories, Advisories(level));
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::array<uint8_t, 16>> Components(const Fields& tcb, std::string_view key) {
  ASSIGN_OR_RETURN(const Json* list, tcb.Array(key));
  if (list->size() != 16) {
    return Malformed(tcb.context(), "\"" + std::string(key) + "\" has " +
                                        std::to_string(list->size()) + " entries, expected 16");
  }
  std::array<uint8_t, 16> out{};
  for (size_t i = 0; i < 16; ++i) {
    ASSIGN_OR_RETURN(Fields component, tcb.Element(*list, i, key));
    ASSIGN_OR_RETURN(int64_t svn, component.Integer("svn", 0, 255));
    out[i] = static_cast<uint8_t>(svn);
  }
  return out;
}

Result<TdxModuleIdentity> ModuleIdentity(const Fields& fields, bool with_levels) {
  TdxModuleIdentity out;
  if (with_levels) {
    ASSIGN_OR_RETURN(out.id, fields.String("id"));
  }
  ASSIGN_OR_RETURN(out.mrsigner, fields.Hex<48>("mrsigner"));
  ASSIGN_OR_RETURN(out.attributes, fields.Hex<8>("attributes"));
  ASSIGN_OR_RETURN(out.attributes_mask, fields.Hex<8>("attributesMask"));
  if (with_levels) {
    ASSIGN_OR_RETURN(out.levels, IsvsvnLevels(fields));
  }
  return out;
}

Result<TcbLevel> ParseTcbLevel(const Fields& level, const TcbInfo& info) {
  TcbLevel out;
  ASSIGN_OR_RETURN(Fields tcb, level.Object("tcb"));
  if (info.version == 2) {
    for (size_t i = 0; i < 16; ++i) {
      char key[20];
      std::snprintf(key, sizeof(key), "sgxtcbcomp%02zusvn", i + 1);
      ASSIGN_OR_RETURN(int64_t svn, tcb.Integer(key, 0, 255));
      out.sgx_components[i] = static_cast<uint8_t>(svn);
    }
  } else {
    ASSIGN_OR_RETURN(out.sgx_components, Components(tcb, "sgxtcbcomponents"));
    if (info.id == "TDX") {
      using Svns = std::array<uint8_t, 16>;
      ASSIGN_OR_RETURN(Svns tdx, Components(tcb, "tdxtcbcomponents"));
      out.tdx_components = tdx;
    }
  }
  ASSIGN_OR_RETURN(int64_t pcesvn, tcb.Integer("pcesvn", 0, 65535));
  out.pcesvn = static_cast<uint16_t>(pcesvn);
  ASSIGN_OR_RETURN(out.tcb_date, level.Time("tcbDate"));
  ASSIGN_OR_RETURN(out.status, Status(level));
  ASSIGN_OR_RETURN(out.advisories, Advisories(level));
  return out;
}

Result<std::array<uint8_t, 64>> Signature(std::string_view hex, std::string_view context) {
  Result<Bytes> bytes = HexDecode(hex);
  if (!bytes.ok()) return Malformed(context, bytes.status().message());
  if (bytes->size() != 64) {
    return Malformed(context, "is " + std::to_string(bytes->size()) + " bytes, expected 64");
  }
  std::array<uint8_t, 64> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

}  // namespace

std::string_view TcbStatusName(TcbStatus status) {
  switch (status) {
    case TcbStatus::kUpToDate:
      return "UpToDate";
    case TcbStatus::kSwHardeningNeeded:
      return "SWHardeningNeeded";
    case TcbStatus::kConfigurationNeeded:
      return "ConfigurationNeeded";
    case TcbStatus::kConfigurationAndSwHardeningNeeded:
      return "ConfigurationAndSWHardeningNeeded";
    case TcbStatus::kOutOfDate:
      return "OutOfDate";
    case TcbStatus::kOutOfDateConfigurationNeeded:
      return "OutOfDateConfigurationNeeded";
    case TcbStatus::kRevoked:
      return "Revoked";
    case TcbStatus::kTdRelaunchAdvised:
      return "TDRelaunchAdvised";
    case TcbStatus::kTdRelaunchAdvisedConfigurationNeeded:
      return "TDRelaunchAdvisedConfigurationNeeded";
  }
  return "Unknown";
}

Result<TcbStatus> ParseTcbStatus(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(TcbStatus::kTdRelaunchAdvisedConfigurationNeeded); ++i) {
    if (TcbStatusName(static_cast<TcbStatus>(i)) == name) return static_cast<TcbStatus>(i);
  }
  return InvalidArgumentError("unknown tcbStatus \"" + std::string(name) + "\"");
}

Result<DcapCollateral> ParseQuoteCollateralJson(std::string_view text) {
  constexpr std::string_view kContext = "quote collateral";
  ASSIGN_OR_RETURN(Json json, ParseObject(text, kContext));
  Fields f(json, std::string(kContext));
  DcapCollateral out;
  ASSIGN_OR_RETURN(out.tcb_info.text, f.String("tcb_info"));
  ASSIGN_OR_RETURN(std::string tcb_sig, f.String("tcb_info_signature"));
  ASSIGN_OR_RETURN(out.tcb_info.signature,
                   Signature(tcb_sig, "quote collateral: tcb_info_signature"));
  ASSIGN_OR_RETURN(out.tcb_info_issuer_chain, f.String("tcb_info_issuer_chain"));
  ASSIGN_OR_RETURN(out.qe_identity.text, f.String("qe_identity"));
  ASSIGN_OR_RETURN(std::string qe_sig, f.String("qe_identity_signature"));
  ASSIGN_OR_RETURN(out.qe_identity.signature,
                   Signature(qe_sig, "quote collateral: qe_identity_signature"));
  ASSIGN_OR_RETURN(out.qe_identity_issuer_chain, f.String("qe_identity_issuer_chain"));
  ASSIGN_OR_RETURN(out.pck_crl_issuer_chain, f.String("pck_crl_issuer_chain"));
  ASSIGN_OR_RETURN(std::string pck_crl, f.String("pck_crl"));
  ASSIGN_OR_RETURN(std::string root_crl, f.String("root_ca_crl"));
  out.pck_crl = ToBytes(pck_crl);
  out.root_ca_crl = ToBytes(root_crl);
  return out;
}

Result<SignedJson> ParsePcsSignedResponse(std::string_view text, std::string_view key) {
  const std::string context = "pcs " + std::string(key) + " response";
  ASSIGN_OR_RETURN(Json json, ParseObject(text, context));
  Fields f(json, context);
  ASSIGN_OR_RETURN(Fields inner, f.Object(key));
  (void)inner;
  SignedJson out;
  ASSIGN_OR_RETURN(std::string signature, f.String("signature"));
  ASSIGN_OR_RETURN(out.signature, Signature(signature, context + ": signature"));
  // nlohmann keeps member order only in ordered_json; the compact dump of the ordered parse is
  // the text Intel signed, and it must occur in the file exactly once.
  nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(text, nullptr, false);
  std::string compact = ordered[std::string(key)].dump();
  size_t at = text.find(compact);
  if (at == std::string_view::npos || text.find(compact, at + 1) != std::string_view::npos) {
    return Malformed(context, "\"" + std::string(key) +
                                  "\" is not in the compact form Intel signs; use the response "
                                  "body exactly as PCS returned it");
  }
  out.text = compact;
  return out;
}

Result<TcbInfo> ParseTcbInfo(std::string_view text) {
  constexpr std::string_view kContext = "tcb info";
  ASSIGN_OR_RETURN(Json json, ParseObject(text, kContext));
  Fields f(json, std::string(kContext));
  TcbInfo out;
  ASSIGN_OR_RETURN(int64_t version, f.Integer("version", 2, 3));
  out.version = static_cast<int>(version);
  if (out.version == 3) {
    ASSIGN_OR_RETURN(out.id, f.String("id"));
    if (out.id != "SGX" && out.id != "TDX") return Malformed(kContext, "unknown id " + out.id);
  } else {
    out.id = "SGX";
  }
  ASSIGN_OR_RETURN(out.issue_date, f.Time("issueDate"));
  ASSIGN_OR_RETURN(out.next_update, f.Time("nextUpdate"));
  ASSIGN_OR_RETURN(out.fmspc, f.Hex<6>("fmspc"));
  ASSIGN_OR_RETURN(out.pce_id, f.Hex<2>("pceId"));
  ASSIGN_OR_RETURN(int64_t tcb_type, f.Integer("tcbType", 0, 0));
  out.tcb_type = static_cast<int>(tcb_type);
  ASSIGN_OR_RETURN(out.evaluation_data_number,
                   f.Integer("tcbEvaluationDataNumber", 0, std::numeric_limits<uint32_t>::max()));
  if (out.id == "TDX") {
    ASSIGN_OR_RETURN(Fields module, f.Object("tdxModule"));
    ASSIGN_OR_RETURN(TdxModuleIdentity identity, ModuleIdentity(module, false));
    out.tdx_module = std::move(identity);
    if (f.Has("tdxModuleIdentities")) {
      ASSIGN_OR_RETURN(const Json* identities, f.Array("tdxModuleIdentities"));
      for (size_t i = 0; i < identities->size(); ++i) {
        ASSIGN_OR_RETURN(Fields entry, f.Element(*identities, i, "tdxModuleIdentities"));
        ASSIGN_OR_RETURN(TdxModuleIdentity module_identity, ModuleIdentity(entry, true));
        out.tdx_module_identities.push_back(std::move(module_identity));
      }
    }
  }
  ASSIGN_OR_RETURN(const Json* levels, f.Array("tcbLevels"));
  if (levels->empty()) return Malformed(kContext, "\"tcbLevels\" is empty");
  for (size_t i = 0; i < levels->size(); ++i) {
    ASSIGN_OR_RETURN(Fields level, f.Element(*levels, i, "tcbLevels"));
    ASSIGN_OR_RETURN(TcbLevel parsed, ParseTcbLevel(level, out));
    out.levels.push_back(std::move(parsed));
  }
  return out;
}

Result<EnclaveIdentity> ParseEnclaveIdentity(std::string_view text) {
  constexpr std::string_view kContext = "enclave identity";
  ASSIGN_OR_RETURN(Json json, ParseObject(text, kContext));
  Fields f(json, std::string(kContext));
  EnclaveIdentity out;
  ASSIGN_OR_RETURN(int64_t version, f.Integer("version", 2, 2));
  out.version = static_cast<int>(version);
  ASSIGN_OR_RETURN(out.id, f.String("id"));
  if (out.id != "QE" && out.id != "QVE" && out.id != "TD_QE") {
    return Malformed(kContext, "unknown id " + out.id);
  }
  ASSIGN_OR_RETURN(out.issue_date, f.Time("issueDate"));
  ASSIGN_OR_RETURN(out.next_update, f.Time("nextUpdate"));
  ASSIGN_OR_RETURN(out.evaluation_data_number,
                   f.Integer("tcbEvaluationDataNumber", 0, std::numeric_limits<uint32_t>::max()));
  auto u32 = [](const std::array<uint8_t, 4>& be) {
    return (uint32_t{be[0]} << 24) | (uint32_t{be[1]} << 16) | (uint32_t{be[2]} << 8) | be[3];
  };
  // MISCSELECT is written as the hex of its big-endian value.
  ASSIGN_OR_RETURN(auto misc, f.Hex<4>("miscselect"));
  ASSIGN_OR_RETURN(auto misc_mask, f.Hex<4>("miscselectMask"));
  out.miscselect = u32(misc);
  out.miscselect_mask = u32(misc_mask);
  ASSIGN_OR_RETURN(out.attributes, f.Hex<16>("attributes"));
  ASSIGN_OR_RETURN(out.attributes_mask, f.Hex<16>("attributesMask"));
  ASSIGN_OR_RETURN(out.mrsigner, f.Hex<32>("mrsigner"));
  ASSIGN_OR_RETURN(int64_t prodid, f.Integer("isvprodid", 0, 65535));
  out.isvprodid = static_cast<uint16_t>(prodid);
  ASSIGN_OR_RETURN(out.levels, IsvsvnLevels(f));
  return out;
}

}  // namespace confidant::evidence

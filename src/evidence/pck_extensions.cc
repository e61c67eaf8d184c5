#include "evidence/pck_extensions.h"

#include <algorithm>
#include <string>

#include "crypto/der.h"

namespace confidant::evidence {
namespace {

using crypto::DerReader;

constexpr std::string_view kPrefix = "1.2.840.113741.1.13.1.";

Status Malformed(std::string_view detail) {
  return InvalidArgumentError("pck sgx extension: " + std::string(detail));
}

template <size_t N>
Result<std::array<uint8_t, N>> FixedOctets(DerReader& reader, std::string_view name) {
  ASSIGN_OR_RETURN(ByteSpan value, reader.ReadOctetString());
  if (value.size() != N) {
    return Malformed(std::string(name) + " is " + std::to_string(value.size()) +
                     " bytes, expected " + std::to_string(N));
  }
  std::array<uint8_t, N> out{};
  std::copy(value.begin(), value.end(), out.begin());
  return out;
}

Result<int64_t> BoundedInteger(DerReader& reader, int64_t max, std::string_view name) {
  ASSIGN_OR_RETURN(int64_t value, reader.ReadInteger());
  if (value < 0 || value > max) {
    return Malformed(std::string(name) + " " + std::to_string(value) + " is out of range");
  }
  return value;
}

Status ParseTcb(DerReader tcb, PckTcb& out) {
  uint32_t seen = 0;  // bit i: entry .2.(i+1)
  while (!tcb.empty()) {
    ASSIGN_OR_RETURN(DerReader entry, tcb.ReadSequence());
    ASSIGN_OR_RETURN(std::string oid, entry.ReadOid());
    const std::string tcb_prefix = std::string(kPrefix) + "2.";
    if (oid.rfind(tcb_prefix, 0) != 0) return Malformed("unexpected TCB entry " + oid);
    const std::string suffix = oid.substr(tcb_prefix.size());
    int index = 0;
    if (suffix.empty() || suffix.size() > 2 ||
        !std::all_of(suffix.begin(), suffix.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        (index = std::stoi(suffix)) < 1 || index > 18) {
      return Malformed("unexpected TCB entry " + oid);
    }
    if (seen & (1u << (index - 1))) return Malformed("TCB entry " + oid + " appears twice");
    seen |= 1u << (index - 1);
    if (index <= 16) {
      ASSIGN_OR_RETURN(int64_t svn, BoundedInteger(entry, 255, "TCB component " + suffix));
      out.sgx_components[index - 1] = static_cast<uint8_t>(svn);
    } else if (index == 17) {
      ASSIGN_OR_RETURN(int64_t svn, BoundedInteger(entry, 65535, "PCESVN"));
      out.pcesvn = static_cast<uint16_t>(svn);
    } else {
      ASSIGN_OR_RETURN(out.cpusvn, FixedOctets<16>(entry, "CPUSVN"));
    }
    RETURN_IF_ERROR(entry.ExpectEnd());
  }
  if (seen != (1u << 18) - 1) return Malformed("TCB lacks some of its 18 entries");
  return OkStatus();
}

Status ParseConfiguration(DerReader config, PckExtensions& out) {
  while (!config.empty()) {
    ASSIGN_OR_RETURN(DerReader entry, config.ReadSequence());
    ASSIGN_OR_RETURN(std::string oid, entry.ReadOid());
    std::optional<bool>* field = nullptr;
    if (oid == std::string(kPrefix) + "7.1") field = &out.dynamic_platform;
    if (oid == std::string(kPrefix) + "7.2") field = &out.cached_keys;
    if (oid == std::string(kPrefix) + "7.3") field = &out.smt_enabled;
    if (field == nullptr) return Malformed("unexpected configuration entry " + oid);
    if (field->has_value()) return Malformed("configuration entry " + oid + " appears twice");
    ASSIGN_OR_RETURN(bool value, entry.ReadBoolean());
    *field = value;
    RETURN_IF_ERROR(entry.ExpectEnd());
  }
  return OkStatus();
}

}  // namespace

Result<PckExtensions> ParsePckExtensions(ByteSpan der) {
  DerReader outer(der, "pck sgx extension");
  ASSIGN_OR_RETURN(DerReader items, outer.ReadSequence());
  RETURN_IF_ERROR(outer.ExpectEnd());
  PckExtensions out;
  uint32_t seen = 0;
  while (!items.empty()) {
    ASSIGN_OR_RETURN(DerReader item, items.ReadSequence());
    ASSIGN_OR_RETURN(std::string oid, item.ReadOid());
    const std::string suffix = oid.rfind(kPrefix, 0) == 0 ? oid.substr(kPrefix.size()) : "";
    if (suffix.size() != 1 || suffix[0] < '1' || suffix[0] > '7') {
      return Malformed("unexpected entry " + oid);
    }
    const int index = suffix[0] - '0';
    if (seen & (1u << index)) return Malformed("entry " + oid + " appears twice");
    seen |= 1u << index;
    switch (index) {
      case 1: {
        ASSIGN_OR_RETURN(out.ppid, FixedOctets<16>(item, "PPID"));
        break;
      }
      case 2: {
        ASSIGN_OR_RETURN(DerReader tcb, item.ReadSequence());
        RETURN_IF_ERROR(ParseTcb(tcb, out.tcb));
        break;
      }
      case 3: {
        ASSIGN_OR_RETURN(out.pce_id, FixedOctets<2>(item, "PCE-ID"));
        break;
      }
      case 4: {
        ASSIGN_OR_RETURN(out.fmspc, FixedOctets<6>(item, "FMSPC"));
        break;
      }
      case 5: {
        ASSIGN_OR_RETURN(int64_t type, item.ReadEnumerated());
        if (type < 0 || type > 2) return Malformed("SGX type " + std::to_string(type));
        out.sgx_type = static_cast<SgxType>(type);
        break;
      }
      case 6: {
        ASSIGN_OR_RETURN(auto id, FixedOctets<16>(item, "PlatformInstanceID"));
        out.platform_instance_id = id;
        break;
      }
      case 7: {
        ASSIGN_OR_RETURN(DerReader config, item.ReadSequence());
        RETURN_IF_ERROR(ParseConfiguration(config, out));
        break;
      }
    }
    RETURN_IF_ERROR(item.ExpectEnd());
  }
  for (int required : {1, 2, 3, 4, 5}) {
    if (!(seen & (1u << required))) {
      return Malformed("entry " + std::string(kPrefix) + std::to_string(required) + " is missing");
    }
  }
  return out;
}

Result<PckExtensions> ReadPckExtensions(const crypto::Certificate& pck) {
  ASSIGN_OR_RETURN(std::optional<Bytes> value, pck.ExtensionValue(kSgxExtensionOid));
  if (!value) return Malformed("the PCK certificate has no SGX extension");
  return ParsePckExtensions(*value);
}

}  // namespace confidant::evidence

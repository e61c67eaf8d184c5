#include "evidence/snp_vek.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "crypto/der.h"

namespace confidant::evidence {
namespace {

constexpr char kVekOidPrefix[] = "1.3.6.1.4.1.3704.1.";

Status Malformed(std::string_view detail) {
  return InvalidArgumentError("vek: " + std::string(detail));
}

Result<std::optional<Bytes>> Extension(const crypto::Certificate& vek, std::string_view suffix) {
  return vek.ExtensionValue(kVekOidPrefix + std::string(suffix));
}

// The productName IA5String, or "" if absent.
Result<std::string> ProductName(const crypto::Certificate& vek) {
  ASSIGN_OR_RETURN(std::optional<Bytes> value, vek.ExtensionValue(kVekProductNameOid));
  if (!value) return std::string();
  crypto::DerReader reader(*value, "vek: productName");
  ASSIGN_OR_RETURN(crypto::DerElement element, reader.Next());
  if (element.tag != crypto::kDerIa5String) return Malformed("productName is not an IA5String");
  return std::string(element.contents.begin(), element.contents.end());
}

Result<std::optional<uint8_t>> Spl(const crypto::Certificate& vek, std::string_view suffix,
                                   std::string_view name) {
  ASSIGN_OR_RETURN(std::optional<Bytes> value, Extension(vek, suffix));
  if (!value) return std::optional<uint8_t>();
  crypto::DerReader reader(*value, "vek: " + std::string(name));
  ASSIGN_OR_RETURN(int64_t spl, reader.ReadInteger());
  if (spl < 0 || spl > 255) return Malformed(std::string(name) + " out of range");
  return std::optional<uint8_t>(static_cast<uint8_t>(spl));
}

Result<uint8_t> Required(const std::optional<uint8_t>& spl, std::string_view name) {
  if (!spl) return Malformed("no " + std::string(name) + " extension");
  return *spl;
}

}  // namespace

std::optional<SnpProduct> VekExtensions::product() const {
  for (SnpProduct p : {SnpProduct::kMilan, SnpProduct::kGenoa, SnpProduct::kTurin}) {
    std::string_view line = SnpProductName(p);
    if (std::string_view(product_name).substr(0, line.size()) == line &&
        (product_name.size() == line.size() || product_name[line.size()] == '-')) {
      return p;
    }
  }
  return std::nullopt;
}

std::optional<int> VekExtensions::stepping() const {
  size_t dash = product_name.find('-');
  if (dash == std::string::npos || product_name.size() != dash + 3) return std::nullopt;
  char digit = product_name[dash + 2];
  if (digit < '0' || digit > '9') return std::nullopt;
  return digit - '0';
}

Result<SnpTcb> VekExtensions::Tcb(SnpProduct product) const {
  SnpTcb tcb;
  ASSIGN_OR_RETURN(tcb.bootloader, Required(bl_spl, "blSPL"));
  ASSIGN_OR_RETURN(tcb.tee, Required(tee_spl, "teeSPL"));
  ASSIGN_OR_RETURN(tcb.snp, Required(snp_spl, "snpSPL"));
  ASSIGN_OR_RETURN(tcb.microcode, Required(ucode_spl, "ucodeSPL"));
  if (product == SnpProduct::kTurin) {
    ASSIGN_OR_RETURN(tcb.fmc, Required(fmc_spl, "fmcSPL"));
  }
  return tcb;
}

bool VekExtensions::MatchesChipId(ByteSpan chip_id) const {
  return hwid && !hwid->empty() && hwid->size() <= chip_id.size() &&
         std::equal(hwid->begin(), hwid->end(), chip_id.begin());
}

Result<VekExtensions> ReadVekExtensions(const crypto::Certificate& vek) {
  VekExtensions e;
  ASSIGN_OR_RETURN(e.product_name, ProductName(vek));
  ASSIGN_OR_RETURN(e.bl_spl, Spl(vek, "3.1", "blSPL"));
  ASSIGN_OR_RETURN(e.tee_spl, Spl(vek, "3.2", "teeSPL"));
  ASSIGN_OR_RETURN(e.snp_spl, Spl(vek, "3.3", "snpSPL"));
  ASSIGN_OR_RETURN(e.ucode_spl, Spl(vek, "3.8", "ucodeSPL"));
  ASSIGN_OR_RETURN(e.fmc_spl, Spl(vek, "3.9", "fmcSPL"));
  ASSIGN_OR_RETURN(e.hwid, vek.ExtensionValue(kVekHwidOid));
  return e;
}

}  // namespace confidant::evidence

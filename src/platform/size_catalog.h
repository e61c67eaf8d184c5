// The node sizes a platform can be configured with: one data table mirroring Azure's published
// confidential-computing families (DESIGN.md "Sizes"): DCsv2 and DCsv3/DCdsv3 (SGX: vCPU,
// memory, EPC), DCasv5/DCadsv5/ECasv5/ECadsv5 (SEV-SNP) and DCesv5/DCedsv5/ECesv5/ECedsv5 (TDX).
// A node's size sets platformd's budgets: the memory its enclaves may commit and the EPC.
//
// Thread-safety: immutable data.

#ifndef CONFIDANT_PLATFORM_SIZE_CATALOG_H_
#define CONFIDANT_PLATFORM_SIZE_CATALOG_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "common/result.h"

namespace confidant::platform {

struct NodeSize {
  std::string_view name;    // "DC2s_v2"
  std::string_view family;  // "DCsv2"
  std::string_view tee;     // "sgx", "sev-snp", "tdx"
  uint32_t vcpus;
  uint32_t memory_gib;
  uint32_t epc_mib;  // 0 where EPC does not apply
  uint32_t temp_disk_gib;
};

inline constexpr std::string_view kDefaultSize = "DC2s_v2";

std::span<const NodeSize> SizeCatalog();

// The size named `name` ("DC2s_v2" or "Standard_DC2s_v2"); NotFound otherwise.
Result<NodeSize> FindSize(std::string_view name);

}  // namespace confidant::platform

#endif  // CONFIDANT_PLATFORM_SIZE_CATALOG_H_

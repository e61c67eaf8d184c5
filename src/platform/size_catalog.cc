#include "platform/size_catalog.h"

namespace confidant::platform {
namespace {

// shared/reference/sgx-and-dcap.md section 14 (Azure's published sizes, without "Standard_").
// name, family, tee, vCPU, memory GiB, EPC MiB (SGX sizes only), temp disk GiB.
constexpr NodeSize kSizes[] = {
    {"DC1s_v2", "DCsv2", "sgx", 1, 4, 28, 50},
    {"DC2s_v2", "DCsv2", "sgx", 2, 8, 56, 100},
    {"DC4s_v2", "DCsv2", "sgx", 4, 16, 112, 200},
    {"DC8_v2", "DCsv2", "sgx", 8, 32, 168, 400},
    {"DC1s_v3", "DCsv3", "sgx", 1, 8, 4096, 0},
    {"DC2s_v3", "DCsv3", "sgx", 2, 16, 8192, 0},
    {"DC4s_v3", "DCsv3", "sgx", 4, 32, 16384, 0},
    {"DC8s_v3", "DCsv3", "sgx", 8, 64, 32768, 0},
    {"DC16s_v3", "DCsv3", "sgx", 16, 128, 65536, 0},
    {"DC24s_v3", "DCsv3", "sgx", 24, 192, 131072, 0},
    {"DC32s_v3", "DCsv3", "sgx", 32, 256, 196608, 0},
    {"DC48s_v3", "DCsv3", "sgx", 48, 384, 262144, 0},
    {"DC1ds_v3", "DCdsv3", "sgx", 1, 8, 4096, 75},
    {"DC2ds_v3", "DCdsv3", "sgx", 2, 16, 8192, 150},
    {"DC4ds_v3", "DCdsv3", "sgx", 4, 32, 16384, 300},
    {"DC8ds_v3", "DCdsv3", "sgx", 8, 64, 32768, 600},
    {"DC16ds_v3", "DCdsv3", "sgx", 16, 128, 65536, 1200},
    {"DC24ds_v3", "DCdsv3", "sgx", 24, 192, 131072, 1800},
    {"DC32ds_v3", "DCdsv3", "sgx", 32, 256, 196608, 2400},
    {"DC48ds_v3", "DCdsv3", "sgx", 48, 384, 262144, 2400},
    {"DC2as_v5", "DCasv5", "sev-snp", 2, 8, 0, 0},
    {"DC2ads_v5", "DCadsv5", "sev-snp", 2, 8, 0, 75},
    {"EC2as_v5", "ECasv5", "sev-snp", 2, 16, 0, 0},
    {"EC2ads_v5", "ECadsv5", "sev-snp", 2, 16, 0, 75},
    {"DC4as_v5", "DCasv5", "sev-snp", 4, 16, 0, 0},
    {"DC4ads_v5", "DCadsv5", "sev-snp", 4, 16, 0, 150},
    {"EC4as_v5", "ECasv5", "sev-snp", 4, 32, 0, 0},
    {"EC4ads_v5", "ECadsv5", "sev-snp", 4, 32, 0, 150},
    {"DC8as_v5", "DCasv5", "sev-snp", 8, 32, 0, 0},
    {"DC8ads_v5", "DCadsv5", "sev-snp", 8, 32, 0, 300},
    {"EC8as_v5", "ECasv5", "sev-snp", 8, 64, 0, 0},
    {"EC8ads_v5", "ECadsv5", "sev-snp", 8, 64, 0, 300},
    {"DC16as_v5", "DCasv5", "sev-snp", 16, 64, 0, 0},
    {"DC16ads_v5", "DCadsv5", "sev-snp", 16, 64, 0, 600},
    {"EC16as_v5", "ECasv5", "sev-snp", 16, 128, 0, 0},
    {"EC16ads_v5", "ECadsv5", "sev-snp", 16, 128, 0, 600},
    {"EC20as_v5", "ECasv5", "sev-snp", 20, 160, 0, 0},
    {"EC20ads_v5", "ECadsv5", "sev-snp", 20, 160, 0, 750},
    {"DC32as_v5", "DCasv5", "sev-snp", 32, 128, 0, 0},
    {"DC32ads_v5", "DCadsv5", "sev-snp", 32, 128, 0, 1200},
    {"EC32as_v5", "ECasv5", "sev-snp", 32, 256, 0, 0},
    {"EC32ads_v5", "ECadsv5", "sev-snp", 32, 256, 0, 1200},
    {"DC48as_v5", "DCasv5", "sev-snp", 48, 192, 0, 0},
    {"DC48ads_v5", "DCadsv5", "sev-snp", 48, 192, 0, 1800},
    {"EC48as_v5", "ECasv5", "sev-snp", 48, 384, 0, 0},
    {"EC48ads_v5", "ECadsv5", "sev-snp", 48, 384, 0, 1800},
    {"DC64as_v5", "DCasv5", "sev-snp", 64, 256, 0, 0},
    {"DC64ads_v5", "DCadsv5", "sev-snp", 64, 256, 0, 2400},
    {"EC64as_v5", "ECasv5", "sev-snp", 64, 512, 0, 0},
    {"EC64ads_v5", "ECadsv5", "sev-snp", 64, 512, 0, 2400},
    {"DC96as_v5", "DCasv5", "sev-snp", 96, 384, 0, 0},
    {"DC96ads_v5", "DCadsv5", "sev-snp", 96, 384, 0, 3600},
    {"EC96as_v5", "ECasv5", "sev-snp", 96, 672, 0, 0},
    {"EC96ads_v5", "ECadsv5", "sev-snp", 96, 672, 0, 3600},
    {"DC2es_v5", "DCesv5", "tdx", 2, 8, 0, 0},
    {"DC2eds_v5", "DCedsv5", "tdx", 2, 8, 0, 47},
    {"EC2es_v5", "ECesv5", "tdx", 2, 16, 0, 0},
    {"EC2eds_v5", "ECedsv5", "tdx", 2, 16, 0, 47},
    {"DC4es_v5", "DCesv5", "tdx", 4, 16, 0, 0},
    {"DC4eds_v5", "DCedsv5", "tdx", 4, 16, 0, 105},
    {"EC4es_v5", "ECesv5", "tdx", 4, 32, 0, 0},
    {"EC4eds_v5", "ECedsv5", "tdx", 4, 32, 0, 105},
    {"DC8es_v5", "DCesv5", "tdx", 8, 32, 0, 0},
    {"DC8eds_v5", "DCedsv5", "tdx", 8, 32, 0, 227},
    {"EC8es_v5", "ECesv5", "tdx", 8, 64, 0, 0},
    {"EC8eds_v5", "ECedsv5", "tdx", 8, 64, 0, 227},
    {"DC16es_v5", "DCesv5", "tdx", 16, 64, 0, 0},
    {"DC16eds_v5", "DCedsv5", "tdx", 16, 64, 0, 463},
    {"EC16es_v5", "ECesv5", "tdx", 16, 128, 0, 0},
    {"EC16eds_v5", "ECedsv5", "tdx", 16, 128, 0, 463},
    {"DC32es_v5", "DCesv5", "tdx", 32, 128, 0, 0},
    {"DC32eds_v5", "DCedsv5", "tdx", 32, 128, 0, 935},
    {"EC32es_v5", "ECesv5", "tdx", 32, 256, 0, 0},
    {"EC32eds_v5", "ECedsv5", "tdx", 32, 256, 0, 935},
    {"DC48es_v5", "DCesv5", "tdx", 48, 192, 0, 0},
    {"DC48eds_v5", "DCedsv5", "tdx", 48, 192, 0, 1407},
    {"EC48es_v5", "ECesv5", "tdx", 48, 384, 0, 0},
    {"EC48eds_v5", "ECedsv5", "tdx", 48, 384, 0, 1407},
    {"DC64es_v5", "DCesv5", "tdx", 64, 256, 0, 0},
    {"DC64eds_v5", "DCedsv5", "tdx", 64, 256, 0, 2823},
    {"EC64es_v5", "ECesv5", "tdx", 64, 512, 0, 0},
    {"EC64eds_v5", "ECedsv5", "tdx", 64, 512, 0, 2823},
    {"DC96es_v5", "DCesv5", "tdx", 96, 384, 0, 0},
    {"DC96eds_v5", "DCedsv5", "tdx", 96, 384, 0, 2823},
    {"EC128es_v5", "ECesv5", "tdx", 128, 768, 0, 0},
    {"EC128eds_v5", "ECedsv5", "tdx", 128, 768, 0, 2832},
};

}  // namespace

std::span<const NodeSize> SizeCatalog() { return kSizes; }

Result<NodeSize> FindSize(std::string_view name) {
  if (name.rfind("Standard_", 0) == 0) name.remove_prefix(9);
  for (const NodeSize& size : kSizes) {
    if (size.name == name) return size;
  }
  return NotFoundError("unknown node size " + std::string(name) +
                       "; `confidant platform sizes` lists them (e.g. DC2s_v2, DC4s_v3)");
}

}  // namespace confidant::platform

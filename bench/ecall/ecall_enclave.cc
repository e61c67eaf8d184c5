// The enclave `confidant bench ecall` calls (src/bench/ecall_bench.cc): an empty ecall, the same
// declared switchless, and an ecall that makes one empty ocall. Hand-written table (no EDL) so
// the benchmark measures the runtime alone.

#include <vector>

#include "confidant/abi.h"
#include "confidant/enclave.h"

namespace {

using confidant::Status;

Status Empty(std::span<const uint8_t>, std::vector<uint8_t>&) { return confidant::OkStatus(); }

Status WithOcall(std::span<const uint8_t>, std::vector<uint8_t>& out) {
  return confidant::abi::CallHost(0, 0, {}, 0, out);
}

const confidant::abi::CallHandler kHandlers[] = {Empty, Empty, WithOcall};
const char* const kNames[] = {"empty", "empty_switchless", "with_ocall"};
const uint32_t kFlags[] = {0, confidant::abi::kCallSwitchless, 0};
const confidant::abi::CallTable kTable = {
    "bench_ecall", 0xbe9c'eca1'0000'0001ull, 3, kHandlers, kNames, kFlags};

}  // namespace

extern "C" __attribute__((visibility("default"))) const confidant::abi::CallTable*
confidant_enclave_ecall_table() {
  return &kTable;
}

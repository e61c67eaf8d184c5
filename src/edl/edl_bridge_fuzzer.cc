// Fuzzes every bridge of src/edl/e2e/all.edl (both tables) with arbitrary input messages: the
// first byte picks the function (bit 7: an ocall), the rest is the message (e2e/loopback.h,
// FuzzInput). A bridge must answer OK or refuse with InvalidArgument / ResourceExhausted naming
// its call, never crash or read or write out of bounds (ASan in the fuzz and asan presets).

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "all_u.h"
#include "loopback.h"

namespace {

bool Created() {
  static std::unique_ptr<confidant::Enclave> enclave;
  static bool created = confidant_create_all_enclave(CONFIDANT_EDL_E2E_ENCLAVE, {}, &enclave).ok();
  return created;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace e2e = confidant::edl::e2e;
  if (!Created()) std::abort();
  if (size == 0) return 0;
  bool ocall = (data[0] & 0x80) != 0;
  const confidant::abi::CallTable& table = ocall ? *e2e::OcallTable() : *e2e::EcallTable();
  uint32_t id = (data[0] & 0x7fu) % table.count;
  std::vector<uint8_t> output;
  confidant::Status status = table.handlers[id]({data + 1, size - 1}, output);
  if (status.ok()) return 0;
  if (status.code() != confidant::StatusCode::kInvalidArgument &&
      status.code() != confidant::StatusCode::kResourceExhausted) {
    std::abort();
  }
  std::string call = std::string(ocall ? "ocall " : "ecall ") + table.names[id] + ": ";
  if (status.message().substr(0, call.size()) != call) std::abort();
  return 0;
}

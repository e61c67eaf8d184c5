// The host side of the loopback transport (loopback.h). It defines abi::CreateEnclave,
// abi::CallEnclave and the Enclave class for the test binaries only; the real ones are the host
// runtime's.

#include "loopback.h"

#include <confidant/host.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <utility>

namespace confidant {

class Enclave::Impl {
 public:
  explicit Impl(const abi::CallTable* table) : ecalls(table) {}
  const abi::CallTable* ecalls;
};

Enclave::Enclave(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

// The library stays loaded: tables from it may still be in use.
Enclave::~Enclave() = default;

namespace edl::e2e {
namespace {

struct State {
  const abi::CallTable* ecalls = nullptr;
  const abi::CallTable* ocalls = nullptr;
  std::vector<Call> ecall_log;
  std::vector<Call> ocall_log;
  Tamper ecall_tamper;
  Tamper ocall_tamper;
};

State& GetState() {
  static State state;
  return state;
}

// As the runtime moves a call: the handler reads its own copy of the input, the caller gets its
// own copy of at most `max_output` bytes.
Status Dispatch(const abi::CallTable& table, const char* kind, uint32_t id,
                std::span<const uint8_t> input, size_t max_output, std::vector<uint8_t>& output,
                const Tamper& tamper) {
  if (id >= table.count) {
    return InvalidArgumentError(std::string("loopback: no ") + kind + " " + std::to_string(id));
  }
  MaybeWriteSeed(std::string_view(kind) == "ocall", id, input);
  std::vector<uint8_t> private_input(input.begin(), input.end());
  std::vector<uint8_t> callee_output;
  Status status = table.handlers[id](private_input, callee_output);
  if (!status.ok()) return status;
  if (callee_output.size() > max_output) {
    return ResourceExhaustedError(std::string("loopback: ") + kind + " " + table.names[id] +
                                  ": output of " + std::to_string(callee_output.size()) +
                                  " bytes exceeds max_output " + std::to_string(max_output));
  }
  if (tamper) tamper(callee_output);
  output.assign(callee_output.begin(), callee_output.end());
  return OkStatus();
}

Status HostEnd(uint32_t function_id, uint32_t flags, std::span<const uint8_t> input,
               size_t max_output, std::vector<uint8_t>& output) {
  State& state = GetState();
  state.ocall_log.push_back({function_id, flags});
  return Dispatch(*state.ocalls, "ocall", function_id, input, max_output, output,
                  state.ocall_tamper);
}

}  // namespace

std::vector<uint8_t> FuzzInput(bool ocall, uint32_t function_id, std::span<const uint8_t> input) {
  std::vector<uint8_t> bytes(input.size() + 1);
  bytes[0] = static_cast<uint8_t>(function_id | (ocall ? 0x80 : 0));
  std::copy(input.begin(), input.end(), bytes.begin() + 1);
  return bytes;
}

void MaybeWriteSeed(bool ocall, uint32_t function_id, std::span<const uint8_t> input) {
  const char* dir = std::getenv("CONFIDANT_EDL_E2E_SEED_DIR");
  const abi::CallTable* table = ocall ? GetState().ocalls : GetState().ecalls;
  if (dir == nullptr || table == nullptr || function_id >= table->count) return;
  std::vector<uint8_t> bytes = FuzzInput(ocall, function_id, input);
  // Named by content: reruns rewrite the same files.
  uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (uint8_t b : bytes) hash = (hash ^ b) * 1099511628211ull;
  char suffix[24];
  std::snprintf(suffix, sizeof(suffix), "_%08llx.bin",
                static_cast<unsigned long long>(hash & 0xffffffffu));
  std::string path = std::string(dir) + "/" + table->names[function_id] + suffix;
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

const abi::CallTable* EcallTable() { return GetState().ecalls; }
const abi::CallTable* OcallTable() { return GetState().ocalls; }
const std::vector<Call>& EcallLog() { return GetState().ecall_log; }
const std::vector<Call>& OcallLog() { return GetState().ocall_log; }
void ClearCallLogs() {
  GetState().ecall_log.clear();
  GetState().ocall_log.clear();
}
void SetEcallOutputTamper(Tamper tamper) { GetState().ecall_tamper = std::move(tamper); }
void SetOcallOutputTamper(Tamper tamper) { GetState().ocall_tamper = std::move(tamper); }

}  // namespace edl::e2e

namespace abi {

Status CreateEnclave(const std::string& image_path, const EnclaveSettings& /*settings*/,
                     const CallTable& ocalls, std::unique_ptr<Enclave>* enclave) {
  void* library = dlopen(image_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return NotFoundError(std::string("loopback: ") + dlerror());
  auto table = reinterpret_cast<EcallTableFunction>(dlsym(library, kEcallTableSymbol));
  auto install = reinterpret_cast<void (*)(edl::e2e::CallHostFunction)>(
      dlsym(library, edl::e2e::kInstallCallHostSymbol));
  if (table == nullptr || install == nullptr) {
    return InvalidArgumentError("loopback: " + image_path + " exports no ecall table");
  }
  const CallTable* ecalls = table();
  if (ecalls->interface_id != ocalls.interface_id) {
    return FailedPreconditionError("loopback: the enclave's EDL interface differs from the host's");
  }
  install(&edl::e2e::HostEnd);
  edl::e2e::State& state = edl::e2e::GetState();
  state.ecalls = ecalls;
  state.ocalls = &ocalls;
  enclave->reset(new Enclave(std::make_unique<Enclave::Impl>(ecalls)));
  return OkStatus();
}

Status CallEnclave(Enclave* enclave, uint32_t function_id, uint32_t flags,
                   std::span<const uint8_t> input, size_t max_output,
                   std::vector<uint8_t>& output) {
  if (enclave == nullptr) return InvalidArgumentError("loopback: no enclave");
  edl::e2e::State& state = edl::e2e::GetState();
  state.ecall_log.push_back({function_id, flags});
  return edl::e2e::Dispatch(*enclave->impl()->ecalls, "ecall", function_id, input, max_output,
                            output, state.ecall_tamper);
}

}  // namespace abi
}  // namespace confidant

// A loopback transport for the end-to-end test of generated code: the host side of
// abi::CreateEnclave / CallEnclave and the enclave's abi::CallHost, with the enclave image a
// shared library (built from all_t.cc with hidden symbols but its ecall table) loaded with dlopen.
// Messages are copied as the real runtime copies them: the callee gets its own copy of the input,
// the caller its own copy of the output, at most `max_output` bytes of it.
//
// Not a runtime: one enclave at a time, one thread, for tests only.

#ifndef CONFIDANT_EDL_E2E_LOOPBACK_H_
#define CONFIDANT_EDL_E2E_LOOPBACK_H_

#include <confidant/abi.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace confidant::edl::e2e {

// The tables the last CreateEnclave joined (null before).
const abi::CallTable* EcallTable();
const abi::CallTable* OcallTable();

// The function id and flags of every call each way since ClearCallLogs.
struct Call {
  uint32_t id = 0;
  uint32_t flags = 0;
};
const std::vector<Call>& EcallLog();
const std::vector<Call>& OcallLog();
void ClearCallLogs();

// Changes every ecall (ocall) output message after the max_output check, before the caller's
// proxy reads it: a callee that answers wrongly. An empty function stops it.
using Tamper = std::function<void(std::vector<uint8_t>& output)>;
void SetEcallOutputTamper(Tamper tamper);
void SetOcallOutputTamper(Tamper tamper);

// edl_bridge_fuzzer's input for a call: a selector byte (the function id, plus 0x80 for an
// ocall), then the input message.
std::vector<uint8_t> FuzzInput(bool ocall, uint32_t function_id, std::span<const uint8_t> input);
// With $CONFIDANT_EDL_E2E_SEED_DIR set, writes FuzzInput(...) there as a seed (how
// fuzz/corpus/edl_bridge_fuzzer/ was made); else does nothing. Every call through the loopback
// does this.
void MaybeWriteSeed(bool ocall, uint32_t function_id, std::span<const uint8_t> input);

// The enclave's end: installed into the library by CreateEnclave.
using CallHostFunction = Status (*)(uint32_t function_id, uint32_t flags,
                                    std::span<const uint8_t> input, size_t max_output,
                                    std::vector<uint8_t>& output);
inline constexpr const char kInstallCallHostSymbol[] = "confidant_edl_e2e_install_call_host";

}  // namespace confidant::edl::e2e

#endif  // CONFIDANT_EDL_E2E_LOOPBACK_H_

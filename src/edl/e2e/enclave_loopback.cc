// The enclave library's abi::CallHost for the loopback test (loopback.h): it forwards to the
// function the host installed when it loaded the library.

#include <confidant/abi.h>

#include "loopback.h"

namespace {

confidant::edl::e2e::CallHostFunction call_host = nullptr;

}  // namespace

extern "C" __attribute__((visibility("default"))) void confidant_edl_e2e_install_call_host(
    confidant::edl::e2e::CallHostFunction function) {
  call_host = function;
}

namespace confidant::abi {

Status CallHost(uint32_t function_id, uint32_t flags, std::span<const uint8_t> input,
                size_t max_output, std::vector<uint8_t>& output) {
  if (call_host == nullptr) return UnavailableError("loopback: no host installed");
  return call_host(function_id, flags, input, max_output, output);
}

}  // namespace confidant::abi

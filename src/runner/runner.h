// The enclave process (confidant-enclave-runner): started by platformd under the enclave's own
// uid with exactly three descriptors (docs/enclave-runtime.md):
//
//   3  the signed image, in a sealed memfd holding the bytes platformd measured
//   4  the call channel (channel/layout.h), to map at the address the host mapped it
//   5  its private socket to platformd
//
// Start-up: non-dumpable; map the channel; trap forbidden system calls (sandbox.h); create one
// thread per TCS on the measured stack regions; load the image under the launch filter; check
// its ecall table against the host's interface id; stack the run filter; mark the channel ready.
// Then each TCS thread serves its slot until the process is killed.
//
// Thread-safety: Run is called once, from main.

#ifndef CONFIDANT_RUNNER_RUNNER_H_
#define CONFIDANT_RUNNER_RUNNER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace confidant::runner {

inline constexpr int kImageFd = 3;
inline constexpr int kChannelFd = 4;
inline constexpr int kSocketFd = 5;

struct RunnerOptions {
  uint64_t enclave_id = 0;
  uint64_t channel_address = 0;
  uint64_t channel_size = 0;
  uint32_t num_tcs = 1;
  uint64_t stack_size = 0;
  uint64_t heap_size = 0;
  uint64_t interface_id = 0;  // what the host's ocall table was generated with
  uint64_t elf_size = 0;      // bytes of the image that are the ELF (the rest is the signature)
};

// From argv ("--name=value" each). InvalidArgument naming the option.
Result<RunnerOptions> ParseRunnerOptions(const std::vector<std::string>& args);
std::vector<std::string> FormatRunnerOptions(const RunnerOptions& options);

// Runs the enclave process; returns only on a start-up failure (recorded in the channel when it
// is mapped).
Status Run(const RunnerOptions& options);

}  // namespace confidant::runner

#endif  // CONFIDANT_RUNNER_RUNNER_H_

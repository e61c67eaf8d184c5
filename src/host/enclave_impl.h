// Enclave::Impl: the host's side of one enclave: its platformd connection, the mapped call
// channel, the slots (one per TCS) and the host heap. See include/confidant/host.h.
//
// Thread-safety: Call may run on several threads at once (one slot each); Terminate must not
// race with calls.

#ifndef CONFIDANT_HOST_ENCLAVE_IMPL_H_
#define CONFIDANT_HOST_ENCLAVE_IMPL_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "channel/layout.h"
#include "common/unique_fd.h"
#include "confidant/host.h"
#include "host/host_heap.h"

namespace confidant {

class Enclave::Impl {
 public:
  Impl(UniqueFd socket, void* base, channel::ChannelLayout layout, EnclaveInfo info,
       const abi::CallTable& ocalls, EnclaveSettings settings);
  ~Impl();

  // Waits until the enclave is ready or stopped; the start-up failure otherwise.
  Status WaitReady(std::chrono::milliseconds timeout);
  void SetProcess(int pid, uint32_t uid);

  Status Call(uint32_t function_id, uint32_t flags, std::span<const uint8_t> input,
              size_t max_output, std::vector<uint8_t>& output);
  Status Terminate();
  Status Health() const;

  const EnclaveInfo& info() const { return info_; }
  host::HostHeap& heap() { return heap_; }
  int socket_fd() const { return socket_.get(); }

 private:
  Result<uint32_t> AcquireSlot(bool switchless);
  void ReleaseSlot(uint32_t index);
  // Why the enclave no longer runs (ABORTED with the reason), waiting briefly for platformd to
  // record it; OK while it runs.
  Status StopStatus(bool wait_for_reason) const;
  bool ProcessExited() const;
  Status ServeOcall(uint32_t function_id, std::span<const uint8_t> input,
                    std::vector<uint8_t>& output);

  UniqueFd socket_;
  UniqueFd pidfd_;
  void* base_;
  channel::ChannelLayout layout_;
  EnclaveInfo info_;
  const abi::CallTable& ocalls_;
  EnclaveSettings settings_;
  host::HostHeap heap_;
  std::mutex mu_;
  std::vector<bool> busy_;
  std::atomic<bool> terminated_{false};
};

}  // namespace confidant

#endif  // CONFIDANT_HOST_ENCLAVE_IMPL_H_

// The shared-memory call channel between a host and its enclave process (docs/enclave-runtime.md).
//
// platformd creates the region (a sealed memfd: it cannot shrink under the enclave) and both the
// host and the enclave map it at the same address, so a host-heap pointer means the same thing
// on both sides. Layout:
//
//   ChannelHeader | SlotControl x num_slots | slot buffers (slot_buffer_size each) | host heap
//
// One slot per TCS carries one call at a time. Its `state` is the futex word both sides wait on:
//
//   host:    kIdle -> kEcallRequest                      (input in the slot buffer)
//   enclave: kEcallRequest -> kOcallRequest              (ocall input in the buffer)
//   host:    kOcallRequest -> kOcallResponse             (ocall output in the buffer)
//   enclave: ... -> kEcallResponse                       (ecall output in the buffer)
//   host:    kEcallResponse -> kIdle
//
// Everything in the region is writable by the host at any time. Readers copy what they need into
// private memory once and check it there; nothing here is trusted by the enclave or platformd.
//
// Thread-safety: the atomics are the synchronization; a slot's non-atomic fields belong to the
// side whose turn the state says it is.

#ifndef CONFIDANT_CHANNEL_LAYOUT_H_
#define CONFIDANT_CHANNEL_LAYOUT_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "common/result.h"

namespace confidant::channel {

inline constexpr uint64_t kChannelMagic = 0x314c4e4843444643ull;  // "CFDCHNL1"
inline constexpr uint32_t kChannelVersion = 1;
inline constexpr size_t kMaxSlots = 256;
inline constexpr size_t kMinSlotBuffer = 4096;
inline constexpr size_t kMaxSlotBuffer = size_t{64} << 20;
inline constexpr size_t kMaxHostHeap = size_t{1} << 30;
inline constexpr size_t kStopReasonCapacity = 480;

enum SlotState : uint32_t {
  kIdle = 0,
  kEcallRequest = 1,
  kOcallRequest = 2,
  kOcallResponse = 3,
  kEcallResponse = 4,
};

// ChannelHeader::enclave_state.
enum EnclaveState : uint32_t {
  kStarting = 0,
  kReady = 1,
  kStopping = 2,  // the enclave recorded why it stops; platformd has not reaped it yet
  kStopped = 3,   // platformd reaped it and wrote the final reason
};

// ChannelHeader::stop_kind: why the enclave stopped, as far as it or platformd knows.
enum StopKind : uint32_t {
  kStopNone = 0,
  kStopForbiddenSyscall = 1,  // stop_detail = the system call number
  kStopAbort = 2,             // enclave::Abort; reason text in stop_reason
  kStopSignal = 3,            // killed or crashed; stop_detail = the signal number
  kStopExit = 4,              // exited; stop_detail = the exit status
  kStopTerminated = 5,        // terminated on request
  kStopLaunchFailed = 6,      // the enclave could not start; reason text
};

struct alignas(64) SlotControl {
  std::atomic<uint32_t> state;
  std::atomic<uint32_t> host_waiting;     // the host thread sleeps on `state`
  std::atomic<uint32_t> enclave_waiting;  // the enclave thread sleeps on `state`
  std::atomic<uint32_t> enclave_polling;  // the enclave thread polls (switchless worker)
  uint32_t function_id;
  uint32_t flags;
  uint64_t message_size;  // bytes of the message in the slot buffer
  uint64_t max_output;    // the most output the caller accepts
  int32_t status_code;    // a StatusCode; non-zero: the buffer holds the error message
  uint32_t reserved;
};

struct alignas(64) ChannelHeader {
  uint64_t magic;
  uint32_t version;
  uint32_t num_slots;
  uint64_t slot_buffer_size;
  uint64_t heap_offset;
  uint64_t heap_size;
  uint64_t region_size;
  std::atomic<uint32_t> enclave_state;  // futex word; EnclaveState
  uint32_t stop_kind;
  uint64_t stop_detail;
  uint64_t interface_id;  // written by the enclave when ready: its ecall table's
  // Switchless settings from the host (EnclaveSettings::switchless); they only tune polling.
  uint32_t switchless_enclave_workers;
  uint32_t switchless_host_workers;
  uint64_t switchless_spin_ns;
  uint32_t stop_reason_size;
  char stop_reason[kStopReasonCapacity];
};

// Offsets of the parts of a region, computed from its three parameters.
struct ChannelLayout {
  uint32_t num_slots = 0;
  uint64_t slot_buffer_size = 0;
  uint64_t heap_size = 0;
  uint64_t slots_offset = 0;
  uint64_t buffers_offset = 0;
  uint64_t heap_offset = 0;
  uint64_t region_size = 0;

  // InvalidArgument when a parameter is out of range (limits above).
  static Result<ChannelLayout> Compute(uint32_t num_slots, uint64_t slot_buffer_size,
                                       uint64_t heap_size);
};

// Typed views of a mapped region. REQUIRES: `base` maps at least `layout.region_size` bytes.
inline ChannelHeader* Header(void* base) { return static_cast<ChannelHeader*>(base); }
inline SlotControl* Slot(void* base, const ChannelLayout& layout, uint32_t index) {
  return reinterpret_cast<SlotControl*>(static_cast<char*>(base) + layout.slots_offset) + index;
}
inline uint8_t* SlotBuffer(void* base, const ChannelLayout& layout, uint32_t index) {
  return static_cast<uint8_t*>(base) + layout.buffers_offset + layout.slot_buffer_size * index;
}

// Writes the header of a fresh (zeroed) region.
void InitializeHeader(void* base, const ChannelLayout& layout);

// Records why the enclave stops (first writer wins) and wakes every waiter. Async-signal-safe.
void RecordStop(void* base, const ChannelLayout& layout, StopKind kind, uint64_t detail,
                const char* reason, size_t reason_size, EnclaveState state);

// Wakes every thread waiting on the header or on any slot (after a stop). Async-signal-safe.
void WakeAll(void* base, const ChannelLayout& layout);

}  // namespace confidant::channel

#endif  // CONFIDANT_CHANNEL_LAYOUT_H_

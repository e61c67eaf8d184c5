#include "channel/layout.h"

#include <cstring>
#include <string>

#include "channel/futex.h"

namespace confidant::channel {
namespace {

constexpr uint64_t kPage = 4096;

uint64_t RoundUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

}  // namespace

Result<ChannelLayout> ChannelLayout::Compute(uint32_t num_slots, uint64_t slot_buffer_size,
                                             uint64_t heap_size) {
  if (num_slots == 0 || num_slots > kMaxSlots) {
    return InvalidArgumentError("channel: " + std::to_string(num_slots) +
                                " slots; an enclave has 1 to " + std::to_string(kMaxSlots) +
                                " TCS");
  }
  if (slot_buffer_size < kMinSlotBuffer || slot_buffer_size > kMaxSlotBuffer) {
    return InvalidArgumentError("channel: call buffer of " + std::to_string(slot_buffer_size) +
                                " bytes; allowed are " + std::to_string(kMinSlotBuffer) + " to " +
                                std::to_string(kMaxSlotBuffer));
  }
  if (heap_size > kMaxHostHeap) {
    return InvalidArgumentError("channel: host heap of " + std::to_string(heap_size) +
                                " bytes exceeds the limit of " + std::to_string(kMaxHostHeap));
  }
  ChannelLayout layout;
  layout.num_slots = num_slots;
  layout.slot_buffer_size = RoundUp(slot_buffer_size, kPage);
  layout.heap_size = RoundUp(heap_size, kPage);
  layout.slots_offset = RoundUp(sizeof(ChannelHeader), 64);
  layout.buffers_offset = RoundUp(layout.slots_offset + sizeof(SlotControl) * num_slots, kPage);
  layout.heap_offset = layout.buffers_offset + layout.slot_buffer_size * num_slots;
  layout.region_size = layout.heap_offset + layout.heap_size;
  return layout;
}

void InitializeHeader(void* base, const ChannelLayout& layout) {
  ChannelHeader* header = Header(base);
  header->magic = kChannelMagic;
  header->version = kChannelVersion;
  header->num_slots = layout.num_slots;
  header->slot_buffer_size = layout.slot_buffer_size;
  header->heap_offset = layout.heap_offset;
  header->heap_size = layout.heap_size;
  header->region_size = layout.region_size;
  header->enclave_state.store(kStarting, std::memory_order_release);
}

void RecordStop(void* base, const ChannelLayout& layout, StopKind kind, uint64_t detail,
                const char* reason, size_t reason_size, EnclaveState state) {
  ChannelHeader* header = Header(base);
  // The first record of why wins; platformd's later record only advances the state, unless the
  // enclave recorded nothing.
  uint32_t previous = header->enclave_state.load(std::memory_order_acquire);
  if (previous < kStopping || header->stop_kind == kStopNone) {
    header->stop_kind = kind;
    header->stop_detail = detail;
    size_t n = reason_size < kStopReasonCapacity ? reason_size : kStopReasonCapacity;
    if (n > 0) std::memcpy(header->stop_reason, reason, n);
    header->stop_reason_size = static_cast<uint32_t>(n);
  }
  if (previous < state) header->enclave_state.store(state, std::memory_order_seq_cst);
  WakeAll(base, layout);
}

void WakeAll(void* base, const ChannelLayout& layout) {
  FutexWakeAll(&Header(base)->enclave_state);
  for (uint32_t i = 0; i < layout.num_slots; ++i) FutexWakeAll(&Slot(base, layout, i)->state);
}

}  // namespace confidant::channel

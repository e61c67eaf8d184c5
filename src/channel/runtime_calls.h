// The runtime's own ocalls (function ids with abi::kRuntimeCallBit), served by the host library
// for the enclave API (enclave.h): printing and the host heap. Messages are little-endian:
//
//   kPrint:       u32 stream (1 stdout, 2 stderr) | text          -> empty
//   kHostMalloc:  u64 size                                        -> u64 address (0: exhausted)
//   kHostFree:    u64 address                                     -> empty
//   kHostRealloc: u64 address | u64 size                          -> u64 address (0: exhausted)
//
// The host checks each message's size; an address it did not hand out is refused.

#ifndef CONFIDANT_CHANNEL_RUNTIME_CALLS_H_
#define CONFIDANT_CHANNEL_RUNTIME_CALLS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "confidant/abi.h"

namespace confidant::channel {

inline constexpr uint32_t kPrint = abi::kRuntimeCallBit | 1;
inline constexpr uint32_t kHostMalloc = abi::kRuntimeCallBit | 2;
inline constexpr uint32_t kHostFree = abi::kRuntimeCallBit | 3;
inline constexpr uint32_t kHostRealloc = abi::kRuntimeCallBit | 4;

// The u64 fields of these messages, little-endian.
inline void AppendU64(std::vector<uint8_t>& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}
// REQUIRES: offset + 8 <= bytes.size().
inline uint64_t ReadU64(std::span<const uint8_t> bytes, size_t offset) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= uint64_t{bytes[offset + i]} << (8 * i);
  return value;
}

}  // namespace confidant::channel

#endif  // CONFIDANT_CHANNEL_RUNTIME_CALLS_H_

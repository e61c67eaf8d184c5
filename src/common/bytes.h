// Byte buffers. `Bytes` owns; `ByteSpan` views (never owns, never outlives its buffer).

#ifndef CONFIDANT_COMMON_BYTES_H_
#define CONFIDANT_COMMON_BYTES_H_

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace confidant {

using Bytes = std::vector<uint8_t>;
using ByteSpan = std::span<const uint8_t>;

inline ByteSpan AsBytes(std::string_view s) {
  return ByteSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}
inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }
inline std::string ToString(ByteSpan b) { return std::string(b.begin(), b.end()); }

// The bytes in reverse order (little-endian <-> big-endian for the integers formats store).
inline Bytes Reversed(ByteSpan b) { return Bytes(b.rbegin(), b.rend()); }

// memcpy that accepts an empty source given as a null pointer (an empty vector's data()), which
// memcpy itself does not.
inline void CopyBytes(void* destination, const void* source, size_t size) {
  if (size != 0) std::memcpy(destination, source, size);
}

// Appends `tail` to `out`.
inline void Append(Bytes& out, ByteSpan tail) { out.insert(out.end(), tail.begin(), tail.end()); }

}  // namespace confidant

#endif  // CONFIDANT_COMMON_BYTES_H_

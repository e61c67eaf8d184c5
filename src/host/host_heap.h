// HostHeap: the allocator behind enclave::HostMalloc. It hands out ranges of the channel's host
// heap (shared memory both sides map at one address). Its bookkeeping lives in host-private
// memory, so nothing the enclave writes into the heap can corrupt it; a free of an address it
// did not hand out is refused.
//
// First fit over free ranges kept sorted by offset, coalesced on free; 16-byte alignment.
//
// Thread-safety: thread-safe.

#ifndef CONFIDANT_HOST_HOST_HEAP_H_
#define CONFIDANT_HOST_HOST_HEAP_H_

#include <cstdint>
#include <map>
#include <mutex>

namespace confidant::host {

class HostHeap {
 public:
  HostHeap(uint64_t base, uint64_t size);

  // The address of `size` bytes (at least 1), or 0 when no free range is large enough.
  uint64_t Allocate(uint64_t size);
  // False (and nothing changes) when `address` is not a live allocation.
  bool Free(uint64_t address);
  // realloc semantics: Allocate for 0 address; contents kept up to the smaller size; 0 on
  // failure, the old allocation then stays live.
  uint64_t Reallocate(uint64_t address, uint64_t size);

  uint64_t bytes_in_use() const;

 private:
  void InsertFree(uint64_t offset, uint64_t size);

  const uint64_t base_;
  const uint64_t size_;
  mutable std::mutex mu_;
  std::map<uint64_t, uint64_t> free_;  // offset -> size
  std::map<uint64_t, uint64_t> used_;  // offset -> size
};

}  // namespace confidant::host

#endif  // CONFIDANT_HOST_HOST_HEAP_H_

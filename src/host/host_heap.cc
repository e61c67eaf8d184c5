#include "host/host_heap.h"

#include <cstring>

namespace confidant::host {
namespace {

constexpr uint64_t kAlignment = 16;

}  // namespace

HostHeap::HostHeap(uint64_t base, uint64_t size) : base_(base), size_(size) {
  if (size_ >= kAlignment) free_.emplace(0, size_ / kAlignment * kAlignment);
}

uint64_t HostHeap::Allocate(uint64_t size) {
  if (size == 0) size = 1;
  if (size > size_) return 0;
  size = (size + kAlignment - 1) / kAlignment * kAlignment;
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = free_.begin(); it != free_.end(); ++it) {
    if (it->second < size) continue;
    uint64_t offset = it->first;
    uint64_t remaining = it->second - size;
    free_.erase(it);
    if (remaining > 0) free_.emplace(offset + size, remaining);
    used_.emplace(offset, size);
    return base_ + offset;
  }
  return 0;
}

void HostHeap::InsertFree(uint64_t offset, uint64_t size) {
  auto next = free_.lower_bound(offset);
  if (next != free_.end() && offset + size == next->first) {
    size += next->second;
    next = free_.erase(next);
  }
  if (next != free_.begin()) {
    auto previous = std::prev(next);
    if (previous->first + previous->second == offset) {
      previous->second += size;
      return;
    }
  }
  free_.emplace(offset, size);
}

bool HostHeap::Free(uint64_t address) {
  if (address < base_) return false;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = used_.find(address - base_);
  if (it == used_.end()) return false;
  uint64_t offset = it->first;
  uint64_t size = it->second;
  used_.erase(it);
  InsertFree(offset, size);
  return true;
}

uint64_t HostHeap::Reallocate(uint64_t address, uint64_t size) {
  if (address == 0) return Allocate(size);
  uint64_t old_size;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = address >= base_ ? used_.find(address - base_) : used_.end();
    if (it == used_.end()) return 0;
    old_size = it->second;
  }
  uint64_t fresh = Allocate(size);
  if (fresh == 0) return 0;
  std::memmove(reinterpret_cast<void*>(fresh), reinterpret_cast<const void*>(address),
               old_size < size ? old_size : size);
  Free(address);
  return fresh;
}

uint64_t HostHeap::bytes_in_use() const {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t total = 0;
  for (const auto& [offset, size] : used_) total += size;
  return total;
}

}  // namespace confidant::host

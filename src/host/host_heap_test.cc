#include "host/host_heap.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace confidant::host {
namespace {

TEST(HostHeapTest, AllocatesAlignedDisjointRangesInsideTheHeap) {
  std::vector<uint8_t> memory(4096);
  const uint64_t base = reinterpret_cast<uint64_t>(memory.data());
  HostHeap heap(base, memory.size());
  uint64_t a = heap.Allocate(10);
  uint64_t b = heap.Allocate(100);
  ASSERT_NE(a, 0u);
  ASSERT_NE(b, 0u);
  EXPECT_EQ(a % 16, base % 16);
  EXPECT_GE(b, a + 16);
  EXPECT_LE(b + 100, base + memory.size());
  EXPECT_EQ(heap.bytes_in_use(), 16u + 112u);
}

TEST(HostHeapTest, ExhaustionGivesZeroAndFreeingCoalesces) {
  std::vector<uint8_t> memory(1024);
  const uint64_t base = reinterpret_cast<uint64_t>(memory.data());
  HostHeap heap(base, memory.size());
  EXPECT_EQ(heap.Allocate(2048), 0u);
  uint64_t a = heap.Allocate(512);
  uint64_t b = heap.Allocate(512);
  ASSERT_NE(a, 0u);
  ASSERT_NE(b, 0u);
  EXPECT_EQ(heap.Allocate(1), 0u);
  EXPECT_TRUE(heap.Free(a));
  EXPECT_TRUE(heap.Free(b));
  // Both halves merged back: the whole heap is one range again.
  EXPECT_EQ(heap.Allocate(1024), base);
}

TEST(HostHeapTest, RefusesFreeOfAddressesItDidNotHandOut) {
  std::vector<uint8_t> memory(1024);
  const uint64_t base = reinterpret_cast<uint64_t>(memory.data());
  HostHeap heap(base, memory.size());
  uint64_t a = heap.Allocate(64);
  EXPECT_FALSE(heap.Free(a + 16));
  EXPECT_FALSE(heap.Free(1));
  EXPECT_FALSE(heap.Free(base + 4096));
  EXPECT_TRUE(heap.Free(a));
  EXPECT_FALSE(heap.Free(a));  // double free
}

TEST(HostHeapTest, ReallocateKeepsContents) {
  std::vector<uint8_t> memory(4096);
  HostHeap heap(reinterpret_cast<uint64_t>(memory.data()), memory.size());
  uint64_t a = heap.Allocate(16);
  std::memcpy(reinterpret_cast<void*>(a), "0123456789abcdef", 16);
  uint64_t b = heap.Reallocate(a, 1000);
  ASSERT_NE(b, 0u);
  EXPECT_EQ(std::memcmp(reinterpret_cast<void*>(b), "0123456789abcdef", 16), 0);
  EXPECT_FALSE(heap.Free(a));
  EXPECT_EQ(heap.Reallocate(b, 1 << 20), 0u);  // too large: the old block stays live
  EXPECT_TRUE(heap.Free(b));
  EXPECT_EQ(heap.Reallocate(12345, 10), 0u);
}

}  // namespace
}  // namespace confidant::host

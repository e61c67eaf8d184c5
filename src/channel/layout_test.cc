#include "channel/layout.h"

#include <gtest/gtest.h>

#include <vector>

namespace confidant::channel {
namespace {

TEST(ChannelLayoutTest, PartsArePageAlignedAndDisjoint) {
  auto layout = ChannelLayout::Compute(4, 10000, 65536);
  ASSERT_TRUE(layout.ok()) << layout.status();
  EXPECT_EQ(layout->slot_buffer_size, 12288u);  // rounded up to pages
  EXPECT_GE(layout->slots_offset, sizeof(ChannelHeader));
  EXPECT_GE(layout->buffers_offset, layout->slots_offset + 4 * sizeof(SlotControl));
  EXPECT_EQ(layout->buffers_offset % 4096, 0u);
  EXPECT_EQ(layout->heap_offset, layout->buffers_offset + 4 * 12288);
  EXPECT_EQ(layout->region_size, layout->heap_offset + 65536);
}

TEST(ChannelLayoutTest, RefusesOutOfRangeParameters) {
  EXPECT_EQ(ChannelLayout::Compute(0, 4096, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ChannelLayout::Compute(kMaxSlots + 1, 4096, 0).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ChannelLayout::Compute(1, 100, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ChannelLayout::Compute(1, kMaxSlotBuffer + 1, 0).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ChannelLayout::Compute(1, 4096, kMaxHostHeap + 1).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ChannelLayoutTest, FirstStopReasonWinsAndStateOnlyAdvances) {
  auto layout = ChannelLayout::Compute(2, 4096, 0);
  ASSERT_TRUE(layout.ok());
  std::vector<uint8_t> region(layout->region_size);
  InitializeHeader(region.data(), *layout);
  RecordStop(region.data(), *layout, kStopAbort, 0, "first", 5, kStopping);
  RecordStop(region.data(), *layout, kStopSignal, 9, "second", 6, kStopping);
  const ChannelHeader* header = Header(region.data());
  EXPECT_EQ(header->stop_kind, kStopAbort);
  EXPECT_EQ(std::string(header->stop_reason, header->stop_reason_size), "first");
  RecordStop(region.data(), *layout, kStopSignal, 9, "x", 1, kStopped);
  EXPECT_EQ(header->enclave_state.load(), kStopped);
  RecordStop(region.data(), *layout, kStopSignal, 9, "x", 1, kStopping);
  EXPECT_EQ(header->enclave_state.load(), kStopped);
  // A reason longer than the header's space is cut, not overflowed.
  std::string long_reason(2 * kStopReasonCapacity, 'r');
  std::vector<uint8_t> fresh(layout->region_size);
  InitializeHeader(fresh.data(), *layout);
  RecordStop(fresh.data(), *layout, kStopAbort, 0, long_reason.data(), long_reason.size(),
             kStopping);
  EXPECT_EQ(Header(fresh.data())->stop_reason_size, kStopReasonCapacity);
}

}  // namespace
}  // namespace confidant::channel

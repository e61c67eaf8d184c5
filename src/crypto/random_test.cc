#include "crypto/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>

namespace confidant::crypto {
namespace {

// Random output has no known answer; these tests check sizes, that the buffer is really written,
// and that outputs do not repeat (32 random bytes collide with probability 2^-256).

TEST(RandomTest, ReturnsTheRequestedSize) {
  for (size_t size : {0, 1, 16, 32, 1000}) {
    Result<Bytes> bytes = RandomBytes(size);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    EXPECT_EQ(bytes->size(), size);
    Result<SecretBytes> secret = RandomSecret(size);
    ASSERT_TRUE(secret.ok()) << secret.status();
    EXPECT_EQ(secret->size(), size);
  }
}

TEST(RandomTest, OutputsDoNotRepeat) {
  std::set<Bytes> seen;
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(seen.insert(*RandomBytes(32)).second);
    SecretBytes secret = *RandomSecret(32);
    EXPECT_TRUE(seen.insert(Bytes(secret.begin(), secret.end())).second);
  }
}

TEST(RandomTest, FillsTheWholeSpan) {
  // Every byte of a 4 KiB buffer is overwritten: the chance that one position keeps its
  // sentinel value in all of 8 fills is 256^-8 per position.
  std::array<uint8_t, 4096> hit{};
  for (int round = 0; round < 8; ++round) {
    std::array<uint8_t, 4096> buffer;
    buffer.fill(0xa5);
    ASSERT_TRUE(RandomBytes(buffer).ok());
    for (size_t i = 0; i < buffer.size(); ++i) hit[i] |= buffer[i] != 0xa5 ? 1 : 0;
  }
  EXPECT_TRUE(std::all_of(hit.begin(), hit.end(), [](uint8_t h) { return h == 1; }));
}

TEST(RandomTest, EmptySpanIsOk) { EXPECT_TRUE(RandomBytes(std::span<uint8_t>()).ok()); }

}  // namespace
}  // namespace confidant::crypto

// Futex waits and wakes on a 32-bit word in memory shared between processes (no
// FUTEX_PRIVATE_FLAG), and the bounded spin of switchless calls.
//
// Thread-safety: all functions may be called concurrently.

#ifndef CONFIDANT_CHANNEL_FUTEX_H_
#define CONFIDANT_CHANNEL_FUTEX_H_

#include <atomic>
#include <chrono>
#include <cstdint>

namespace confidant::channel {

// Sleeps while `*word == expected`, at most `timeout` (negative: no limit). Returns on a wake, a
// changed value, a signal or the timeout; callers re-check their condition.
void FutexWait(std::atomic<uint32_t>* word, uint32_t expected, std::chrono::nanoseconds timeout);

// Wakes all threads sleeping on `word`. Async-signal-safe.
void FutexWakeAll(std::atomic<uint32_t>* word);

// Waits until `*word` differs from `current`, polling for `spin` first, then sleeping with
// `waiting` set so the other side knows to wake it. Each sleep lasts at most `slice`, after which
// `keep_waiting()` is asked (checks for a dead peer); false stops the wait. Returns the new value,
// or `current` when keep_waiting said stop.
template <typename KeepWaiting>
uint32_t WaitForChange(std::atomic<uint32_t>* word, uint32_t current,
                       std::atomic<uint32_t>* waiting, std::chrono::nanoseconds spin,
                       std::chrono::nanoseconds slice, KeepWaiting&& keep_waiting);

// Stores `value` to `word` and wakes the other side if it said it sleeps.
inline void Publish(std::atomic<uint32_t>* word, uint32_t value, std::atomic<uint32_t>* waiting) {
  word->store(value, std::memory_order_seq_cst);
  if (waiting->load(std::memory_order_seq_cst) != 0) FutexWakeAll(word);
}

// Implementation.

void CpuRelax();
std::chrono::steady_clock::time_point SpinDeadline(std::chrono::nanoseconds spin);

template <typename KeepWaiting>
uint32_t WaitForChange(std::atomic<uint32_t>* word, uint32_t current,
                       std::atomic<uint32_t>* waiting, std::chrono::nanoseconds spin,
                       std::chrono::nanoseconds slice, KeepWaiting&& keep_waiting) {
  uint32_t value = word->load(std::memory_order_acquire);
  if (value != current) return value;
  if (spin.count() > 0) {
    const auto deadline = SpinDeadline(spin);
    for (int i = 0;; ++i) {
      for (int j = 0; j < 64; ++j) {
        CpuRelax();
        value = word->load(std::memory_order_acquire);
        if (value != current) return value;
      }
      if (std::chrono::steady_clock::now() >= deadline) break;
    }
  }
  for (;;) {
    waiting->store(1, std::memory_order_seq_cst);
    value = word->load(std::memory_order_seq_cst);
    if (value == current) FutexWait(word, current, slice);
    waiting->store(0, std::memory_order_relaxed);
    value = word->load(std::memory_order_acquire);
    if (value != current) return value;
    if (!keep_waiting()) return current;
  }
}

}  // namespace confidant::channel

#endif  // CONFIDANT_CHANNEL_FUTEX_H_

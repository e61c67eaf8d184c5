// Values both sides of the end-to-end test agree on (all.edl): what one side sends, the other
// checks.

#ifndef CONFIDANT_EDL_E2E_E2E_VALUES_H_
#define CONFIDANT_EDL_E2E_E2E_VALUES_H_

#include <cstring>
#include <limits>

#include "all_types.h"

namespace confidant::edl::e2e {

// The implementations see any value under edl_bridge_fuzzer: arithmetic wraps instead of
// overflowing (int64 to int32 is modular in C++20).
inline int32_t Wrap(int64_t value) { return static_cast<int32_t>(value); }

// Extremes of every width, so that a truncated or misplaced value shows.
inline scalars Scalars() {
  scalars s{};
  s.c = 'q';
  s.s = std::numeric_limits<short>::min();
  s.i = -123456789;
  s.l = std::numeric_limits<long>::min() + 7;
  s.ll = -0x123456789abcdefLL;
  s.uc = 0xfe;
  s.us = 0xfedc;
  s.ui = 0xfedcba98u;
  s.ul = std::numeric_limits<unsigned long>::max() - 3;
  s.ull = 0x8877665544332211ull;
  s.i8 = -128;
  s.i16 = -32768;
  s.i32 = std::numeric_limits<int32_t>::min();
  s.i64 = std::numeric_limits<int64_t>::min();
  s.u8 = 0xff;
  s.u16 = 0xffff;
  s.u32 = 0xffffffffu;
  s.u64 = std::numeric_limits<uint64_t>::max();
  s.z = std::numeric_limits<size_t>::max() - 1;
  s.w = L'\x263a';
  s.b = true;
  s.f = -1.5e-7f;
  s.d = 6.02214076e23;
  s.ld = 1.0L / 3;
  return s;
}

inline bool SameScalars(const scalars& a, const scalars& b) {
  return a.c == b.c && a.s == b.s && a.i == b.i && a.l == b.l && a.ll == b.ll && a.uc == b.uc &&
         a.us == b.us && a.ui == b.ui && a.ul == b.ul && a.ull == b.ull && a.i8 == b.i8 &&
         a.i16 == b.i16 && a.i32 == b.i32 && a.i64 == b.i64 && a.u8 == b.u8 && a.u16 == b.u16 &&
         a.u32 == b.u32 && a.u64 == b.u64 && a.z == b.z && a.w == b.w && a.b == b.b && a.f == b.f &&
         a.d == b.d && a.ld == b.ld;
}

inline shape Shape() {
  shape s{};
  s.color = GREEN;
  s.filled = true;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) s.corners[i][j] = {10 * i + j, -(10 * i + j)};
  }
  s.marks[0] = true;
  s.marks[1] = false;
  s.marks[2] = true;
  std::memcpy(s.label, "square", 7);
  s.weight.real = 2.5;
  s.pair = {7, 9};
  s.cookie = reinterpret_cast<void*>(uintptr_t{0x1234567890});
  return s;
}

inline bool SameShape(const shape& a, const shape& b) {
  bool same = a.color == b.color && a.filled == b.filled &&
              std::memcmp(a.label, b.label, sizeof(a.label)) == 0 &&
              a.weight.integer == b.weight.integer && a.pair.a == b.pair.a &&
              a.pair.b == b.pair.b && a.cookie == b.cookie;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      same &= a.corners[i][j].x == b.corners[i][j].x && a.corners[i][j].y == b.corners[i][j].y;
    }
  }
  for (int i = 0; i < 3; ++i) same &= a.marks[i] == b.marks[i];
  return same;
}

// ecall_ocall_status(which): the ocall the enclave makes.
enum class OcallProbe : int { kBuffers = 0, kStrings = 1, kDeep = 2, kErrno = 3, kScalars = 4 };

}  // namespace confidant::edl::e2e

#endif  // CONFIDANT_EDL_E2E_E2E_VALUES_H_

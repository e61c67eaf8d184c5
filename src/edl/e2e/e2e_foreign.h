// Foreign types of all.edl: defined in C++, named in the EDL (by value, [isptr], [isary]).

#ifndef CONFIDANT_EDL_E2E_E2E_FOREIGN_H_
#define CONFIDANT_EDL_E2E_E2E_FOREIGN_H_

#include <cstdint>

struct foreign_pair {
  uint32_t a;
  uint32_t b;
};
typedef foreign_pair* pair_ptr;
typedef uint8_t key16[16];

#endif  // CONFIDANT_EDL_E2E_E2E_FOREIGN_H_

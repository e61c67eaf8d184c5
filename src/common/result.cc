#include "common/result.h"

#include <cstdio>
#include <cstdlib>

namespace confidant::internal {

void DieOnBadResultAccess(const Status& status) {
  std::fprintf(stderr, "confidant: value() of a failed Result: %s\n", status.ToString().c_str());
  std::abort();
}

void DieOnOkStatusInResult() {
  std::fprintf(stderr, "confidant: Result constructed from an OK status without a value\n");
  std::abort();
}

}  // namespace confidant::internal

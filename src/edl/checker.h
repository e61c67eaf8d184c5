// The semantic checks of EDL (docs/edl.md, "Checks"), the rules oeedger8r enforces: attribute
// combinations, size/count references, deep-copy structs, OE's refusals of Intel-only syntax.
// Messages follow oeedger8r's where it has one.

#ifndef CONFIDANT_EDL_CHECKER_H_
#define CONFIDANT_EDL_CHECKER_H_

#include "edl/ast.h"
#include "edl/diagnostic.h"

namespace confidant::edl {

// Checks the declarations of `edl` that were written in `edl.path` (imported ones were checked
// with their own file) against all of its types, reporting to `diagnostics`. Duplicate
// definitions and imports are the loader's (edl.h).
void CheckEdl(const Edl& edl, Diagnostics* diagnostics);

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_CHECKER_H_

// The interface id of an EDL (docs/edl.md, "Interface id"): a digest of every declaration that
// shapes a message, so that a host and an enclave generated from different EDLs refuse each
// other at creation instead of misreading each other's messages.
//
// Thread-safety: pure functions.

#ifndef CONFIDANT_EDL_INTERFACE_ID_H_
#define CONFIDANT_EDL_INTERFACE_ID_H_

#include <cstdint>
#include <string>

#include "edl/ast.h"

namespace confidant::edl {

// The canonical text of `edl`'s types and of its trusted and untrusted functions (with their
// ids, attributes and suffixes), one declaration per line. Comments, spacing, attribute order
// and the file's name do not change it.
std::string InterfaceText(const Edl& edl);

// The first 8 bytes of SHA-256(InterfaceText(edl)), read little-endian.
uint64_t InterfaceId(const Edl& edl);

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_INTERFACE_ID_H_

// The confidant-edger8r command line (docs/edl.md, "confidant-edger8r"): oeedger8r's options,
// EDL files in, generated C++ out.
//
//   confidant-edger8r [--trusted] [--untrusted] [--trusted-dir DIR] [--untrusted-dir DIR]
//                     [--search-path DIR]... [-D NAME]... [--header-only] FILE.edl...
//
// Neither --trusted nor --untrusted generates both sides. Diagnostics go to `err` as
// "file:line:column: error|warning: message". Returns the exit code: 0 on success, 1 when an EDL
// has errors or a file cannot be written, 2 on a usage error.
//
// Thread-safety: writes files; one run at a time per output directory.

#ifndef CONFIDANT_EDL_EDGER8R_CLI_H_
#define CONFIDANT_EDL_EDGER8R_CLI_H_

#include <ostream>
#include <span>

namespace confidant::edl {

int RunEdger8r(std::span<const char* const> args, std::ostream& out, std::ostream& err);

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_EDGER8R_CLI_H_

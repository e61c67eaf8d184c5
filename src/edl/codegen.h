// The code generator of confidant-edger8r: C++20 for both sides of the boundary from a checked
// EDL tree (edl.h), against the call ABI of include/confidant/abi.h. docs/edl.md describes the
// generated API, the message encoding and its checks.
//
// Files for an EDL named `app`:
//   app_types.h  its enums, structs and unions and its `include`d headers (both sides)
//   app_t.h/.cc  enclave side: the ecall bridges and exported ecall table, the ocall proxies,
//                declarations of the ecall implementations
//   app_u.h/.cc  host side: confidant_create_app_enclave, the ecall proxies, the ocall bridges
//                and table, declarations of the ocall implementations
//
// Thread-safety: pure functions.

#ifndef CONFIDANT_EDL_CODEGEN_H_
#define CONFIDANT_EDL_CODEGEN_H_

#include <string>
#include <vector>

#include "common/result.h"
#include "edl/ast.h"
#include "edl/diagnostic.h"

namespace confidant::edl {

enum class Side { kTrusted, kUntrusted };

struct GeneratedFile {
  std::string name;  // "app_t.h": a file name, no directory
  std::string text;
};

struct CodegenOptions {
  bool header_only = false;  // only app_types.h and app_t.h / app_u.h
};

// The files of `side` for `edl`, which must have been checked (ParseEdlFile). Fails with
// InvalidArgument whose message is error lines ("a.edl:3:7: error: `new' cannot be used as a
// name in generated C++") for what C++ cannot express; `diagnostics`, if not null, receives them.
Result<std::vector<GeneratedFile>> GenerateCode(const Edl& edl, Side side,
                                                const CodegenOptions& options,
                                                std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_CODEGEN_H_

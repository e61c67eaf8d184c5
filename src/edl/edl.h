// The front end of confidant-edger8r: an Open Enclave EDL file and its imports parsed into a
// checked syntax tree (ast.h), with compiler-style diagnostics. The language, the checks and
// their messages, and the differences from Intel's EDL are in docs/edl.md.
//
// The input is untrusted: any bytes give a tree or diagnostics, never a crash. Imports are read
// from the file system: a relative name is looked up in the importing file's directory (the
// current directory for ParseEdlText without one), then in each of `search_paths`.
//
// Thread-safety: the functions share no state; call them from any thread.

#ifndef CONFIDANT_EDL_EDL_H_
#define CONFIDANT_EDL_EDL_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "edl/ast.h"
#include "edl/diagnostic.h"

namespace confidant::edl {

struct ParseOptions {
  std::vector<std::string> search_paths;  // --search-path
  std::vector<std::string> defines;       // -D: "NAME" or "NAME=value" (only NAME matters)
};

// Parses and checks EDL `text`, named `name` in diagnostics and used to resolve relative imports.
// Returns the tree, or InvalidArgument whose message is the error lines, one per line
// ("a.edl:3:7: error: unknown attribute: `readonly'"). If `diagnostics` is not null it receives
// every error and warning, in the order found, on success and on failure.
Result<Edl> ParseEdlText(std::string_view text, std::string_view name, const ParseOptions& options,
                         std::vector<Diagnostic>* diagnostics = nullptr);

// As ParseEdlText for the contents of the file `path` (its name in diagnostics as given).
// NotFound if it cannot be read.
Result<Edl> ParseEdlFile(const std::string& path, const ParseOptions& options,
                         std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_EDL_H_

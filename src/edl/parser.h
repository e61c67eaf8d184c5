// The syntax of one EDL file (docs/edl.md): a hand-written recursive-descent parser over the
// Lexer, with `#ifdef`/`#ifndef`/`#else`/`#endif` evaluated against the -D defines. It records
// imports without reading them; edl.h resolves them and runs the checks.
//
// Errors are reported to a Diagnostics. A syntax error ends the file's parse (the first one is
// exact; what follows it would be guesswork); errors that leave the structure intact (an unknown
// or duplicated attribute, a misplaced suffix) are reported and parsing goes on.

#ifndef CONFIDANT_EDL_PARSER_H_
#define CONFIDANT_EDL_PARSER_H_

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "edl/ast.h"
#include "edl/diagnostic.h"

namespace confidant::edl {

// One file's own declarations, in source order.
struct ParsedFile {
  std::vector<std::string> includes;
  std::vector<Import> imports;
  // For imports[i], how many of `types` preceded it: its types are merged in at that point.
  std::vector<size_t> types_before_import;
  std::vector<UserType> types;
  std::vector<Function> trusted;
  std::vector<Function> untrusted;
};

// Parses `text`, named `file` in locations. Returns false after a syntax error (reported);
// `out` then holds what was parsed before it.
bool ParseEdlSyntax(std::string_view text, const std::string& file,
                    const std::set<std::string>& defines, Diagnostics* diagnostics,
                    ParsedFile* out);

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_PARSER_H_

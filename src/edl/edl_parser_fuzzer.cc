// Fuzzes the EDL front end (lexer, preprocessor, parser, checks) on arbitrary text. Imports are
// followed relative to the current directory, as for any EDL read without a directory.

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "edl/edl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace edl = confidant::edl;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<edl::Diagnostic> diagnostics;
  confidant::Result<edl::Edl> result = edl::ParseEdlText(
      text, "fuzz.edl", edl::ParseOptions{{}, {"CONFIDANT_TEST_DEFINED"}}, &diagnostics);
  bool has_error = false;
  for (const edl::Diagnostic& d : diagnostics) {
    has_error |= d.severity == edl::Severity::kError;
    if (d.location.line < 1 || d.location.column < 1) std::abort();
    (void)d.ToString();
  }
  if (has_error == result.ok()) std::abort();  // an error fails the parse and only an error does
  if (result.ok()) {
    for (const edl::Function& f : result->trusted) (void)edl::TypeToString(f.return_type);
  }
  return 0;
}

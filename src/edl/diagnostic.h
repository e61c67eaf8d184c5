// Diagnostics of the EDL front end: "file:line:column: error|warning: message", 1-based, the
// format compilers print so editors can jump to them.
//
// Thread-safety: plain values.

#ifndef CONFIDANT_EDL_DIAGNOSTIC_H_
#define CONFIDANT_EDL_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "edl/ast.h"

namespace confidant::edl {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  Location location;
  std::string message;

  // "a.edl:3:7: error: unknown attribute: `readonly'".
  std::string ToString() const;
};

// Collects diagnostics in the order they are found.
class Diagnostics {
 public:
  void Error(const Location& location, std::string message);
  void Warning(const Location& location, std::string message);

  bool HasErrors() const { return error_count_ > 0; }
  const std::vector<Diagnostic>& all() const { return all_; }
  std::vector<Diagnostic> Take() { return std::move(all_); }

 private:
  std::vector<Diagnostic> all_;
  int error_count_ = 0;
};

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_DIAGNOSTIC_H_

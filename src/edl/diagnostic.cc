#include "edl/diagnostic.h"

#include <utility>

namespace confidant::edl {

std::string Diagnostic::ToString() const {
  return location.file + ":" + std::to_string(location.line) + ":" +
         std::to_string(location.column) +
         (severity == Severity::kError ? ": error: " : ": warning: ") + message;
}

void Diagnostics::Error(const Location& location, std::string message) {
  all_.push_back({Severity::kError, location, std::move(message)});
  ++error_count_;
}

void Diagnostics::Warning(const Location& location, std::string message) {
  all_.push_back({Severity::kWarning, location, std::move(message)});
}

}  // namespace confidant::edl

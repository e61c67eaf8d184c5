#include "cli/output.h"

#include <string>

namespace confidant::cli {

void PrintJson(const Output& output, const nlohmann::ordered_json& json) {
  output.out << json.dump(2) << '\n';
}

void ReportError(const Output& output, std::string_view command_path, const Status& status) {
  std::string line = std::string(command_path) + ": " + std::string(status.message());
  output.err << line << '\n';
  if (output.json) {
    PrintJson(output, {{"error", {{"code", StatusCodeName(status.code())}, {"message", line}}}});
  }
}

}  // namespace confidant::cli

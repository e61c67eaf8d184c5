// How `confidant` commands report (docs/cli.md): human-readable text by default, one JSON document
// on stdout with --json; failures as "<command path>: <message>" on stderr (plus a JSON error
// document on stdout with --json) and exit code 1 for a failed operation, 2 for a usage error.

#ifndef CONFIDANT_CLI_OUTPUT_H_
#define CONFIDANT_CLI_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "common/status.h"

namespace confidant::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran and failed
inline constexpr int kExitUsage = 2;    // the command line was wrong

// Where a command prints. `out` carries results only, so it can be piped; `err` gets diagnostics.
struct Output {
  std::ostream& out;
  std::ostream& err;
  bool json = false;
};

// Prints `json` as the command's one JSON document (indented, newline-terminated). Ordered, so
// keys appear in the order the command wrote them.
void PrintJson(const Output& output, const nlohmann::ordered_json& json);

// Reports `status` (not OK) of the command `command_path` ("confidant bench crypto"): the line
// "<command_path>: <message>" on err and, in JSON mode, {"error":{"code":"<STATUS_CODE>",
// "message":"<the same line>"}} on out.
void ReportError(const Output& output, std::string_view command_path, const Status& status);

}  // namespace confidant::cli

#endif  // CONFIDANT_CLI_OUTPUT_H_

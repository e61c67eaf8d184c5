#include "cli/app.h"

#include <string_view>
#include <vector>

#include "common/logging.h"
#include "crypto/version.h"

namespace confidant::cli {
namespace {

// Checked before parsing, so that a usage error is reported as JSON too.
bool WantsJson(std::span<const char* const> args) {
  for (size_t i = 1; i < args.size(); ++i) {
    std::string_view arg(args[i]);
    if (arg == "--") break;
    if (arg == "--json") return true;
  }
  return false;
}

// The deepest command the parse selected; the root when none was.
CLI::App* SelectedCommand(CLI::App& root) {
  CLI::App* command = &root;
  while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
  return command;
}

// "confidant bench crypto".
std::string CommandPath(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* c = &command; c != nullptr; c = c->get_parent())
    names.push_back(c->get_name());
  std::string path;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (!path.empty()) path += ' ';
    path += *it;
  }
  return path;
}

// Names what CLI11 reports as "The following argument was not expected: X".
std::string UnexpectedArgumentMessage(CLI::App& command, const std::string& arg) {
  if (arg.starts_with("-")) return "unknown option '" + arg + "'";
  std::vector<CLI::App*> subcommands = command.get_subcommands([](CLI::App*) { return true; });
  if (subcommands.empty()) return "unexpected argument '" + arg + "'";
  std::string names;
  for (const CLI::App* sub : subcommands) names += (names.empty() ? "" : ", ") + sub->get_name();
  return "unknown command '" + arg + "' (commands: " + names + ")";
}

void PrintVersion(const Output& output) {
  if (output.json) {
    PrintJson(output, {{"version", CONFIDANT_VERSION}, {"openssl", crypto::OpenSslVersion()}});
  } else {
    output.out << VersionText();
  }
}

}  // namespace

std::string VersionText() {
  return std::string("confidant ") + CONFIDANT_VERSION + "\n" + crypto::OpenSslVersion() + "\n";
}

Cli::Cli()
    : app_(std::make_unique<CLI::App>(
          "Confidant: confidential computing (enclaves, attestation, key release, confidential "
          "VMs). See docs/cli.md.",
          "confidant")) {
  // Subcommands inherit these: global options work after a subcommand (`bench crypto --json`),
  // and each level takes at most one subcommand.
  app_->fallthrough();
  app_->require_subcommand(0, 1);
  app_->add_flag("--version", version_, "Print the versions of confidant and OpenSSL and exit");
  app_->add_flag("--json", json_, "Print results as one JSON document on stdout");
  app_->add_option("--log-level", log_level_,
                   "Diagnostics on stderr at this level and above: trace, debug, info, warn, "
                   "error, critical, off")
      ->check(CLI::Validator(
          [](const std::string& level) {
            return IsValidLogLevel(level)
                       ? std::string()
                       : "'" + level + "' is not trace, debug, info, warn, error, critical or off";
          },
          ""))
      ->type_name("LEVEL")
      ->capture_default_str();
  AddPlatformCommand(*app_, commands_);
  AddEnclaveCommand(*app_, commands_);
  AddAttestCommand(*app_, commands_);
  AddAttestdCommand(*app_, commands_);
  AddKbsCommand(*app_, commands_);
  AddVmCommand(*app_, commands_);
  AddBenchCommand(*app_, commands_);
}

int Cli::Run(std::span<const char* const> args, std::ostream& out, std::ostream& err) {
  Output output{out, err, WantsJson(args)};
  try {
    app_->parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::CallForHelp&) {
    out << app_->help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app_->help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    return ReportUsageError(error, output);
  }
  output.json = json_;
  if (version_) {
    PrintVersion(output);
    return kExitOk;
  }
  // Logs go to stderr as text: stdout carries only results, so --json output stays parseable.
  Status logging = InitLogging({.level = log_level_, .json = false});
  if (!logging.ok()) {
    ReportError(output, "confidant", logging);
    return kExitUsage;
  }

  CLI::App* command = SelectedCommand(*app_);
  const Action* action = commands_.Find(command);
  if (action == nullptr) {
    err << app_->help();  // the root's help delegates to the selected command, with its full path
    ReportError(output, CommandPath(*command), InvalidArgumentError("no subcommand given"));
    return kExitUsage;
  }
  Status status = (*action)(output);
  if (!status.ok()) {
    ReportError(output, CommandPath(*command), status);
    return kExitFailure;
  }
  return kExitOk;
}

int Cli::ReportUsageError(const CLI::ParseError& error, const Output& output) {
  CLI::App* command = SelectedCommand(*app_);
  std::string message = error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    std::vector<std::string> extras = app_->remaining(true);
    if (!extras.empty()) message = UnexpectedArgumentMessage(*command, extras.front());
  }
  const std::string path = CommandPath(*command);
  ReportError(output, path, InvalidArgumentError(message));
  output.err << "Run '" << path << " --help' for usage.\n";
  return kExitUsage;
}

}  // namespace confidant::cli

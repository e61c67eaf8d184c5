#include "cli/commands.h"

namespace confidant::cli {

void AddAttestdCommand(CLI::App& app, Commands& /*commands*/) {
  AddPlannedGroup(app, "attestd",
                  "The attestation service: MAA-compatible REST API, attestation policies, "
                  "RS256-signed JWT results with a JWKS endpoint");
}

}  // namespace confidant::cli

#include "cli/commands.h"

namespace confidant::cli {

void AddAttestCommand(CLI::App& app, Commands& /*commands*/) {
  AddPlannedGroup(app, "attest",
                  "Evidence: produce and verify SGX DCAP, TDX, SEV-SNP, TPM and Azure vTPM quotes "
                  "and reports, and evaluate attestation policies locally");
}

}  // namespace confidant::cli

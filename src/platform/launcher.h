// Starting an enclave process: fork, drop to the enclave's uid, keep exactly its three
// descriptors, exec confidant-enclave-runner (runner/runner.h) from a descriptor opened when
// platformd started, so the runner need not be reachable by path for the enclave's uid.
//
// Thread-safety: call from platformd's single thread (it forks).

#ifndef CONFIDANT_PLATFORM_LAUNCHER_H_
#define CONFIDANT_PLATFORM_LAUNCHER_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/unique_fd.h"

namespace confidant::platform {

struct LaunchRequest {
  int runner_fd = -1;
  int image_fd = -1;         // becomes 3
  int channel_fd = -1;       // becomes 4
  int socket_fd = -1;        // becomes 5
  std::optional<uid_t> uid;  // switch to this uid and gid (needs root); none: keep ours
  std::vector<std::string> args;
};

struct LaunchedProcess {
  pid_t pid = -1;
  UniqueFd pidfd;
};

Result<LaunchedProcess> LaunchEnclaveProcess(const LaunchRequest& request);

// The runner executable: $CONFIDANT_ENCLAVE_RUNNER, else beside this program, else the
// installed or build-tree copy. NotFound naming where it looked.
Result<std::string> FindRunner();

}  // namespace confidant::platform

#endif  // CONFIDANT_PLATFORM_LAUNCHER_H_

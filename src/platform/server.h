// platformd: the root of trust of the sw backend on one node (DESIGN.md, docs/platform.md).
//
// One thread runs an event loop over the API socket, the connected hosts and the enclave
// processes. For each host connection it verifies and measures an image (image/
// signed_image.h), admits it against the node's memory budget, creates the call channel, starts
// the enclave process (launcher.h), and, when that process ends for any reason, records why in
// the channel, releases its budget and its uid. Closing the connection terminates the enclave.
//
// Thread-safety: a PlatformServer is used from one thread.

#ifndef CONFIDANT_PLATFORM_SERVER_H_
#define CONFIDANT_PLATFORM_SERVER_H_

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "common/unique_fd.h"
#include "platform/state_dir.h"

namespace confidant::platform {

struct ServerOptions {
  std::string state_directory;
  std::string socket_path;  // empty: <state_directory>/platformd.sock
  unsigned socket_mode = 0600;
  // Embedded mode: initialize the state directory if needed, and exit after `idle_exit` with no
  // connection and no enclave. Another platformd already serving the directory is not an error.
  bool embedded = false;
  std::chrono::seconds idle_exit{60};
};

class PlatformServer {
 public:
  // Loads the state directory, takes its lock, opens the runner and listens. AlreadyExists if
  // another platformd holds the directory.
  static Result<std::unique_ptr<PlatformServer>> Create(const ServerOptions& options);
  ~PlatformServer();

  // Serves until SIGTERM or SIGINT (or, embedded, until idle). Enclaves are stopped on the way out.
  Status Run();

  const std::string& socket_path() const { return socket_path_; }

 private:
  class Impl;
  explicit PlatformServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string socket_path_;
};

}  // namespace confidant::platform

#endif  // CONFIDANT_PLATFORM_SERVER_H_

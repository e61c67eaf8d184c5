// Finding and talking to platformd from the host library.
//
// ConnectToPlatform looks, in order, at: the socket the caller names; $CONFIDANT_PLATFORM_SOCKET;
// the system platform (/run/confidant/platformd.sock); then the embedded platform of the current
// user, whose state directory is $CONFIDANT_PLATFORM_DIR, else $XDG_STATE_HOME/confidant/platform,
// else ~/.local/state/confidant/platform. If no platformd answers there it starts one
// (confidant-platformd --embedded, found through $CONFIDANT_PLATFORMD, else the installed or
// build-tree copy), detached, which stops by itself when idle (docs/platform.md).
//
// Thread-safety: the functions share no state.

#ifndef CONFIDANT_HOST_PLATFORM_CLIENT_H_
#define CONFIDANT_HOST_PLATFORM_CLIENT_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "channel/socket_message.h"
#include "common/result.h"
#include "common/unique_fd.h"

namespace confidant::host {

struct PlatformConnection {
  UniqueFd socket;
  std::string path;
  bool embedded = false;
};

Result<PlatformConnection> ConnectToPlatform(const std::string& requested_socket);

// A connected SOCK_SEQPACKET socket to `path`; Unavailable naming the path otherwise.
Result<UniqueFd> ConnectUnix(const std::string& path);

// The embedded platform's state directory for this user.
Result<std::string> EmbeddedStateDirectory();

// Sends `request` (with `fds`) and returns the reply; the reply's error as a Status.
Result<channel::Message> Request(int socket, const nlohmann::json& request,
                                 std::span<const int> fds, std::chrono::milliseconds timeout);

}  // namespace confidant::host

#endif  // CONFIDANT_HOST_PLATFORM_CLIENT_H_

// Messages on the platform's unix sockets (SOCK_SEQPACKET): one JSON object per packet, up to
// kMaxMessageSize bytes, with file descriptors passed alongside (SCM_RIGHTS). The protocol itself
// (requests and replies) is in docs/platform.md and platform/protocol.h.
//
// Received bytes are untrusted: a packet that is too large, not a JSON object or carries more
// descriptors than asked for is refused with InvalidArgument (extra descriptors are closed).
//
// Thread-safety: one sender and one receiver per socket at a time.

#ifndef CONFIDANT_CHANNEL_SOCKET_MESSAGE_H_
#define CONFIDANT_CHANNEL_SOCKET_MESSAGE_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "common/result.h"
#include "common/unique_fd.h"

namespace confidant::channel {

inline constexpr size_t kMaxMessageSize = 64 * 1024;
inline constexpr size_t kMaxMessageFds = 4;

struct Message {
  nlohmann::json body;
  std::vector<UniqueFd> fds;
};

// Sends `body` with `fds` (at most kMaxMessageFds). Unavailable when the peer is gone.
Status SendMessage(int socket, const nlohmann::json& body, std::span<const int> fds = {});

// Receives one message, waiting at most `timeout` (negative: no limit). Unavailable when the
// peer closed the socket, DeadlineExceeded on timeout.
Result<Message> ReceiveMessage(int socket, std::chrono::milliseconds timeout);

}  // namespace confidant::channel

#endif  // CONFIDANT_CHANNEL_SOCKET_MESSAGE_H_

#include "channel/socket_message.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

#include <cstring>
#include <string>

namespace confidant::channel {
namespace {

std::string Errno(int error) { return std::string(strerror(error)); }

}  // namespace

Status SendMessage(int socket, const nlohmann::json& body, std::span<const int> fds) {
  if (fds.size() > kMaxMessageFds) return InternalError("platform message: too many descriptors");
  std::string text = body.dump();
  if (text.size() > kMaxMessageSize) {
    return InternalError("platform message of " + std::to_string(text.size()) + " bytes exceeds " +
                         std::to_string(kMaxMessageSize));
  }
  iovec iov{text.data(), text.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxMessageFds)] = {};
  if (!fds.empty()) {
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
    cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(cmsg), fds.data(), sizeof(int) * fds.size());
  }
  for (;;) {
    ssize_t n = sendmsg(socket, &msg, MSG_NOSIGNAL);
    if (n >= 0) return OkStatus();
    if (errno == EINTR) continue;
    if (errno == EPIPE || errno == ECONNRESET || errno == ENOTCONN) {
      return UnavailableError("platform connection closed");
    }
    return UnavailableError("platform message: sendmsg: " + Errno(errno));
  }
}

Result<Message> ReceiveMessage(int socket, std::chrono::milliseconds timeout) {
  pollfd pfd{socket, POLLIN, 0};
  for (;;) {
    int ready = poll(&pfd, 1, timeout.count() < 0 ? -1 : static_cast<int>(timeout.count()));
    if (ready > 0) break;
    if (ready == 0) {
      return DeadlineExceededError("platform message: no reply within " +
                                   std::to_string(timeout.count()) + " ms");
    }
    if (errno != EINTR) return UnavailableError("platform message: poll: " + Errno(errno));
  }
  std::string text(kMaxMessageSize, '\0');
  iovec iov{text.data(), text.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxMessageFds)] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  ssize_t n;
  do {
    n = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno == ECONNRESET) return UnavailableError("platform connection closed");
    return UnavailableError("platform message: recvmsg: " + Errno(errno));
  }
  Message message;
  for (cmsghdr* cmsg = CMSG_FIRSTHDR(&msg); cmsg != nullptr; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
    if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS) continue;
    size_t count = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < count; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(cmsg) + i * sizeof(int), sizeof(int));
      message.fds.emplace_back(fd);
    }
  }
  if (n == 0 && message.fds.empty()) return UnavailableError("platform connection closed");
  if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
    return InvalidArgumentError("platform message: larger than " + std::to_string(kMaxMessageSize) +
                                " bytes or too many descriptors");
  }
  text.resize(static_cast<size_t>(n));
  message.body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!message.body.is_object()) {
    return InvalidArgumentError("platform message: not a JSON object");
  }
  return message;
}

}  // namespace confidant::channel

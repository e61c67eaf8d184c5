#include "host/platform_client.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "channel/platform_protocol.h"
#include "common/file.h"

namespace confidant::host {
namespace {

constexpr auto kEmbeddedStartTimeout = std::chrono::seconds(15);

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

Result<std::string> FindPlatformd() {
  std::string from_env = Env("CONFIDANT_PLATFORMD");
  if (!from_env.empty()) {
    if (!IsExecutable(from_env)) {
      return UnavailableError("$CONFIDANT_PLATFORMD=" + from_env + " is not an executable");
    }
    return from_env;
  }
#ifdef CONFIDANT_PLATFORMD_INSTALLED
  if (IsExecutable(CONFIDANT_PLATFORMD_INSTALLED))
    return std::string(CONFIDANT_PLATFORMD_INSTALLED);
#endif
#ifdef CONFIDANT_PLATFORMD_BUILD
  if (IsExecutable(CONFIDANT_PLATFORMD_BUILD)) return std::string(CONFIDANT_PLATFORMD_BUILD);
#endif
  return UnavailableError(
      "no platformd is running and confidant-platformd was not found to start an embedded one; "
      "set $CONFIDANT_PLATFORMD or start one with `confidant platform start`");
}

// Starts `confidant-platformd --embedded` detached from this process (double fork, own session),
// its output in the state directory's platformd.log.
Status SpawnEmbedded(const std::string& platformd, const std::string& state_dir) {
  RETURN_IF_ERROR(MakeDirectories(state_dir, 0700));
  std::string log = state_dir + "/platformd.log";
  pid_t child = fork();
  if (child < 0) return UnavailableError(std::string("fork: ") + strerror(errno));
  if (child == 0) {
    setsid();
    pid_t grandchild = fork();
    if (grandchild != 0) _exit(grandchild < 0 ? 1 : 0);
    int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (null_fd >= 0) dup2(null_fd, 0);
    if (log_fd >= 0) {
      dup2(log_fd, 1);
      dup2(log_fd, 2);
    }
    close_range(3, ~0u, 0);
    signal(SIGPIPE, SIG_DFL);
    std::string dir_arg = "--state-dir=" + state_dir;
    const char* argv[] = {platformd.c_str(), "--embedded", dir_arg.c_str(), nullptr};
    execv(platformd.c_str(), const_cast<char* const*>(argv));
    _exit(127);
  }
  int wstatus = 0;
  while (waitpid(child, &wstatus, 0) < 0 && errno == EINTR) {
  }
  return OkStatus();
}

}  // namespace

Result<UniqueFd> ConnectUnix(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path)) {
    return InvalidArgumentError("platform socket path is longer than " +
                                std::to_string(sizeof(address.sun_path) - 1) + " bytes: " + path);
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  UniqueFd fd(socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return UnavailableError(std::string("socket: ") + strerror(errno));
  if (connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    return UnavailableError("cannot connect to platformd at " + path + ": " + strerror(errno));
  }
  return fd;
}

Result<std::string> EmbeddedStateDirectory() {
  std::string dir = Env("CONFIDANT_PLATFORM_DIR");
  if (!dir.empty()) return dir;
  std::string state_home = Env("XDG_STATE_HOME");
  if (!state_home.empty()) return state_home + "/confidant/platform";
  std::string home = Env("HOME");
  if (home.empty()) {
    passwd* entry = getpwuid(getuid());
    if (entry != nullptr && entry->pw_dir != nullptr) home = entry->pw_dir;
  }
  if (home.empty()) {
    return UnavailableError("cannot place the embedded platform: set $CONFIDANT_PLATFORM_DIR");
  }
  return home + "/.local/state/confidant/platform";
}

Result<PlatformConnection> ConnectToPlatform(const std::string& requested_socket) {
  std::string explicit_socket =
      !requested_socket.empty() ? requested_socket : Env("CONFIDANT_PLATFORM_SOCKET");
  if (!explicit_socket.empty()) {
    ASSIGN_OR_RETURN(UniqueFd fd, ConnectUnix(explicit_socket));
    return PlatformConnection{std::move(fd), explicit_socket, false};
  }
  if (Env("CONFIDANT_PLATFORM_DIR").empty()) {
    auto system = ConnectUnix(channel::kSystemSocket);
    if (system.ok()) {
      return PlatformConnection{std::move(system).value(), channel::kSystemSocket, false};
    }
  }
  ASSIGN_OR_RETURN(std::string state_dir, EmbeddedStateDirectory());
  std::string path = state_dir + "/" + channel::kSocketFileName;
  auto embedded = ConnectUnix(path);
  if (embedded.ok()) return PlatformConnection{std::move(embedded).value(), path, true};

  ASSIGN_OR_RETURN(std::string platformd, FindPlatformd());
  RETURN_IF_ERROR(SpawnEmbedded(platformd, state_dir));
  const auto deadline = std::chrono::steady_clock::now() + kEmbeddedStartTimeout;
  Status last = embedded.status();
  while (std::chrono::steady_clock::now() < deadline) {
    auto attempt = ConnectUnix(path);
    if (attempt.ok()) return PlatformConnection{std::move(attempt).value(), path, true};
    last = attempt.status();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return UnavailableError("started an embedded platformd in " + state_dir +
                          " but it did not answer within 15 s (see " + state_dir +
                          "/platformd.log): " + std::string(last.message()));
}

Result<channel::Message> Request(int socket, const nlohmann::json& request,
                                 std::span<const int> fds, std::chrono::milliseconds timeout) {
  RETURN_IF_ERROR(channel::SendMessage(socket, request, fds));
  ASSIGN_OR_RETURN(channel::Message reply, channel::ReceiveMessage(socket, timeout));
  RETURN_IF_ERROR(channel::StatusFromJson(reply.body));
  return reply;
}

}  // namespace confidant::host

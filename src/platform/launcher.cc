#include "platform/launcher.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>

namespace confidant::platform {
namespace {

constexpr int kFirstChildFd = 3;

// In the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void ExecChild(const LaunchRequest& request, pid_t parent, int null_fd,
                            char* const* argv) {
  int sources[3] = {request.image_fd, request.channel_fd, request.socket_fd};
  int moved[3];
  for (int i = 0; i < 3; ++i) {
    moved[i] = fcntl(sources[i], F_DUPFD_CLOEXEC, 16);
    if (moved[i] < 0) _exit(120);
  }
  int runner = fcntl(request.runner_fd, F_DUPFD_CLOEXEC, 16);
  if (runner < 0) _exit(120);
  for (int i = 0; i < 3; ++i) {
    if (dup2(moved[i], kFirstChildFd + i) < 0) _exit(121);
  }
  if (dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(null_fd, 2) < 0) _exit(121);
  // Nothing else is inherited; the runner's own descriptor closes at exec.
  for (int fd = kFirstChildFd + 3; fd < 16; ++fd) close(fd);
  syscall(SYS_close_range, 16, runner - 1, 0);
  syscall(SYS_close_range, runner + 1, ~0u, 0);

  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  if (request.uid.has_value()) {
    uid_t id = *request.uid;
    if (setgroups(0, nullptr) != 0 || setresgid(id, id, id) != 0 || setresuid(id, id, id) != 0) {
      _exit(122);
    }
  }
  // Set after the credential change (which clears it): the enclave dies with platformd.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(123);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  char* const envp[] = {nullptr};
  syscall(SYS_execveat, runner, "", argv, envp, AT_EMPTY_PATH);
  _exit(127);
}

bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

std::string SelfDirectory() {
  char buffer[4096];
  ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (n <= 0) return "";
  std::string path(buffer, static_cast<size_t>(n));
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

}  // namespace

Result<LaunchedProcess> LaunchEnclaveProcess(const LaunchRequest& request) {
  std::vector<char*> argv;
  std::string program = "confidant-enclave-runner";
  argv.push_back(program.data());
  std::vector<std::string> args = request.args;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) return InternalError(std::string("open /dev/null: ") + strerror(errno));
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    int error = errno;
    close(null_fd);
    return ResourceExhaustedError(std::string("cannot start the enclave process: fork: ") +
                                  strerror(error));
  }
  if (pid == 0) ExecChild(request, parent, null_fd, argv.data());
  close(null_fd);
  LaunchedProcess process;
  process.pid = pid;
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    int error = errno;
    kill(pid, SIGKILL);
    return InternalError(std::string("pidfd_open: ") + strerror(error));
  }
  process.pidfd.reset(pidfd);
  fcntl(pidfd, F_SETFD, FD_CLOEXEC);
  return process;
}

Result<std::string> FindRunner() {
  const char* from_env = std::getenv("CONFIDANT_ENCLAVE_RUNNER");
  if (from_env != nullptr && *from_env != '\0') {
    if (!IsExecutable(from_env)) {
      return NotFoundError(std::string("$CONFIDANT_ENCLAVE_RUNNER=") + from_env +
                           " is not an executable");
    }
    return std::string(from_env);
  }
  std::vector<std::string> candidates;
  std::string self = SelfDirectory();
  if (!self.empty()) {
    candidates.push_back(self + "/confidant-enclave-runner");
    candidates.push_back(self + "/../libexec/confidant/confidant-enclave-runner");
  }
#ifdef CONFIDANT_RUNNER_INSTALLED
  candidates.push_back(CONFIDANT_RUNNER_INSTALLED);
#endif
#ifdef CONFIDANT_RUNNER_BUILD
  candidates.push_back(CONFIDANT_RUNNER_BUILD);
#endif
  for (const std::string& candidate : candidates) {
    if (IsExecutable(candidate)) return candidate;
  }
  std::string looked;
  for (const std::string& candidate : candidates) looked += " " + candidate;
  return NotFoundError("confidant-enclave-runner not found (looked at" + looked +
                       "); set $CONFIDANT_ENCLAVE_RUNNER");
}

}  // namespace confidant::platform

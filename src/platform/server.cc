#include "platform/server.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "channel/layout.h"
#include "channel/platform_protocol.h"
#include "channel/socket_message.h"
#include "common/encoding.h"
#include "common/file.h"
#include "common/logging.h"
#include "platform/image_intake.h"
#include "platform/launcher.h"
#include "runner/runner.h"
#include "runner/sandbox.h"

namespace confidant::platform {
namespace {

using nlohmann::json;

constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr size_t kMaxEdlName = 128;
constexpr uint64_t kMaxSpinNs = 10'000'000;
constexpr int kMaxClients = 1024;

std::string Errno() { return strerror(errno); }

std::string SignalName(int signal) {
  const char* abbreviation = sigabbrev_np(signal);
  return abbreviation != nullptr ? std::string("SIG") + abbreviation : std::to_string(signal);
}

}  // namespace

class PlatformServer::Impl {
 public:
  struct Enclave {
    uint64_t id = 0;
    int client_fd = -1;
    std::string edl;
    uint64_t interface_id = 0;
    PreparedImage image;
    UniqueFd channel_fd;
    void* channel = nullptr;
    channel::ChannelLayout layout;
    uint64_t committed = 0;
    pid_t pid = -1;
    UniqueFd pidfd;
    UniqueFd socket;  // platformd's end of the enclave's private socket
    std::optional<uint32_t> uid_slot;
    uint32_t uid = 0;
    bool terminate_requested = false;
    bool reaped = false;
    std::string stop_reason;
  };
  struct Client {
    UniqueFd fd;
    uid_t peer_uid = 0;
    pid_t peer_pid = 0;
    std::optional<uint64_t> enclave_id;
  };

  ServerOptions options;
  PlatformState state;
  UniqueFd lock_fd;
  UniqueFd listen_fd;
  UniqueFd signal_fd;
  UniqueFd runner_fd;
  std::string runner_path;
  std::string socket_path;
  std::map<int, Client> clients;
  std::map<uint64_t, Enclave> enclaves;
  std::set<uint32_t> used_uid_slots;
  uint64_t next_id = 1;
  uint64_t committed = 0;
  bool stopping = false;

  ~Impl();
  Status Listen();
  Status Run();
  void Accept();
  void ServeClient(int fd);
  void CloseClient(int fd);
  void OnProcessExit(Enclave& enclave);
  void Release(Enclave& enclave);
  Result<json> HandleCreate(Client& client, channel::Message& message);
  Result<json> HandleStart(Client& client, const channel::Message& message);
  Result<json> HandleTerminate(Client& client);
  json StatusJson() const;
  uint64_t MemoryBudget() const { return uint64_t{state.size.memory_gib} << 30; }
  bool CanSwitchUid() const { return geteuid() == 0; }
};

PlatformServer::Impl::~Impl() {
  for (auto& [id, enclave] : enclaves) {
    if (enclave.pid > 0 && !enclave.reaped) {
      kill(enclave.pid, SIGKILL);
      waitpid(enclave.pid, nullptr, 0);
    }
    if (enclave.channel != nullptr) munmap(enclave.channel, enclave.layout.region_size);
  }
  if (listen_fd.valid()) unlink(socket_path.c_str());
}

Status PlatformServer::Impl::Listen() {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(address.sun_path)) {
    return InvalidArgumentError("socket path is longer than " +
                                std::to_string(sizeof(address.sun_path) - 1) +
                                " bytes: " + socket_path);
  }
  std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size() + 1);
  listen_fd.reset(socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!listen_fd.valid()) return UnavailableError("socket: " + Errno());
  // We hold the state directory's lock, so a socket file left there is stale.
  unlink(socket_path.c_str());
  mode_t old_umask = umask(0177);
  int rc = bind(listen_fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof(address));
  umask(old_umask);
  if (rc != 0) return UnavailableError("cannot listen on " + socket_path + ": " + Errno());
  chmod(socket_path.c_str(), options.socket_mode);
  if (listen(listen_fd.get(), 64) != 0) return UnavailableError("listen: " + Errno());
  return OkStatus();
}

void PlatformServer::Impl::Accept() {
  for (;;) {
    int fd = accept4(listen_fd.get(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;
    if (clients.size() >= kMaxClients) {
      (void)channel::SendMessage(
          fd, channel::StatusToJson(ResourceExhaustedError("platformd: too many connections")));
      close(fd);
      continue;
    }
    Client client;
    client.fd.reset(fd);
    ucred credentials{};
    socklen_t length = sizeof(credentials);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0) {
      client.peer_uid = credentials.uid;
      client.peer_pid = credentials.pid;
    }
    clients.emplace(fd, std::move(client));
  }
}

Result<json> PlatformServer::Impl::HandleCreate(Client& client, channel::Message& message) {
  if (client.enclave_id.has_value()) {
    return FailedPreconditionError("this connection already holds an enclave");
  }
  if (message.fds.size() != 1) {
    return InvalidArgumentError("create: expected the image's descriptor");
  }
  const json& body = message.body;
  ASSIGN_OR_RETURN(std::string edl, channel::StringField(body, "edl"));
  if (edl.empty() || edl.size() > kMaxEdlName) return InvalidArgumentError("create: bad edl name");
  ASSIGN_OR_RETURN(uint64_t interface_id, channel::ParseHex64(body, "interface_id"));
  ASSIGN_OR_RETURN(std::string debug, channel::StringField(body, "debug"));
  if (debug != "auto" && debug != "require" && debug != "refuse") {
    return InvalidArgumentError("create: debug must be auto, require or refuse");
  }
  ASSIGN_OR_RETURN(uint64_t buffer_size, channel::NumberField(body, "call_buffer_size"));
  ASSIGN_OR_RETURN(uint64_t heap_size, channel::NumberField(body, "host_heap_size"));
  auto switchless = body.find("switchless");
  if (switchless == body.end() || !switchless->is_object()) {
    return InvalidArgumentError("create: switchless settings missing");
  }
  ASSIGN_OR_RETURN(uint64_t enclave_workers, channel::NumberField(*switchless, "enclave_workers"));
  ASSIGN_OR_RETURN(uint64_t host_workers, channel::NumberField(*switchless, "host_workers"));
  ASSIGN_OR_RETURN(uint64_t spin_ns, channel::NumberField(*switchless, "spin_ns"));

  ASSIGN_OR_RETURN(PreparedImage image, PrepareImage(message.fds[0].get()));
  const image::EnclaveConfig& config = image.config;
  if (debug == "require" && !config.debug) {
    return FailedPreconditionError(
        "the image is signed Debug=0 and the host requires a debug enclave (debug downgrade)");
  }
  if (debug == "refuse" && config.debug) {
    return PermissionDeniedError(
        "the image is a debug enclave and the host refuses debug "
        "enclaves (its memory is not protected in debug mode on hardware)");
  }
  ASSIGN_OR_RETURN(channel::ChannelLayout layout,
                   channel::ChannelLayout::Compute(static_cast<uint32_t>(config.num_tcs),
                                                   buffer_size, heap_size));
  const uint64_t size = image.committed_bytes + layout.region_size;
  if (committed + size > MemoryBudget()) {
    return ResourceExhaustedError(
        "node size " + std::string(state.size.name) + " has a memory budget of " +
        std::to_string(MemoryBudget() / kMiB) + " MiB; " + std::to_string(committed / kMiB) +
        " MiB are committed to " + std::to_string(enclaves.size()) +
        " enclaves and this one needs " + std::to_string((size + kMiB - 1) / kMiB) + " MiB");
  }
  if (enclaves.size() >= state.uid_count) {
    return ResourceExhaustedError("platformd runs its limit of " + std::to_string(state.uid_count) +
                                  " enclaves");
  }

  UniqueFd channel_fd(memfd_create("confidant-channel", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (!channel_fd.valid()) return ResourceExhaustedError("memfd_create: " + Errno());
  if (ftruncate(channel_fd.get(), static_cast<off_t>(layout.region_size)) != 0 ||
      fcntl(channel_fd.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
    return ResourceExhaustedError("sizing the call channel: " + Errno());
  }
  void* base =
      mmap(nullptr, layout.region_size, PROT_READ | PROT_WRITE, MAP_SHARED, channel_fd.get(), 0);
  if (base == MAP_FAILED) return ResourceExhaustedError("mapping the call channel: " + Errno());
  channel::InitializeHeader(base, layout);
  channel::ChannelHeader* header = channel::Header(base);
  header->switchless_enclave_workers =
      static_cast<uint32_t>(std::min<uint64_t>(enclave_workers, config.num_tcs));
  header->switchless_host_workers = static_cast<uint32_t>(std::min<uint64_t>(host_workers, 1024));
  header->switchless_spin_ns = std::min(spin_ns, kMaxSpinNs);

  Enclave enclave;
  enclave.id = next_id++;
  enclave.client_fd = client.fd.get();
  enclave.edl = edl;
  enclave.interface_id = interface_id;
  enclave.channel_fd = std::move(channel_fd);
  enclave.channel = base;
  enclave.layout = layout;
  enclave.committed = size;
  json info = {{"id", enclave.id},
               {"mrenclave", HexEncode(image.mrenclave)},
               {"mrsigner", HexEncode(image.mrsigner)},
               {"product_id", config.product_id},
               {"security_version", config.security_version},
               {"debug", config.debug},
               {"num_tcs", config.num_tcs}};
  enclave.image = std::move(image);
  committed += size;
  client.enclave_id = enclave.id;
  int channel_out = enclave.channel_fd.get();
  uint64_t id = enclave.id;
  enclaves.emplace(id, std::move(enclave));
  LOG_INFO("enclave {} ({}) created for uid {} pid {}: MRENCLAVE {}", id, edl, client.peer_uid,
           client.peer_pid, info["mrenclave"].get<std::string>());
  json reply = {{"ok", true}, {"enclave", info}, {"channel_size", layout.region_size}};
  Status sent = channel::SendMessage(client.fd.get(), reply, std::span<const int>(&channel_out, 1));
  if (!sent.ok()) return sent;
  return json();  // already replied
}

Result<json> PlatformServer::Impl::HandleStart(Client& client, const channel::Message& message) {
  if (!client.enclave_id.has_value()) {
    return FailedPreconditionError("start: this connection has created no enclave");
  }
  Enclave& enclave = enclaves.at(*client.enclave_id);
  if (enclave.pid > 0) return FailedPreconditionError("start: the enclave is already started");
  ASSIGN_OR_RETURN(uint64_t address, channel::ParseHex64(message.body, "address"));
  if (address == 0 || address % 4096 != 0) {
    return InvalidArgumentError("start: the channel address is not page-aligned");
  }
  std::optional<uint32_t> uid;
  if (CanSwitchUid()) {
    uint32_t slot = 0;
    while (used_uid_slots.count(slot) != 0) ++slot;
    if (slot >= state.uid_count) return ResourceExhaustedError("start: no free enclave uid");
    used_uid_slots.insert(slot);
    enclave.uid_slot = slot;
    uid = state.uid_base + slot;
  }
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return ResourceExhaustedError("socketpair: " + Errno());
  }
  enclave.socket.reset(pair[0]);
  UniqueFd child_end(pair[1]);

  runner::RunnerOptions runner_options;
  runner_options.enclave_id = enclave.id;
  runner_options.channel_address = address;
  runner_options.channel_size = enclave.layout.region_size;
  runner_options.num_tcs = static_cast<uint32_t>(enclave.image.config.num_tcs);
  runner_options.stack_size = enclave.image.config.num_stack_pages * 4096;
  runner_options.heap_size = enclave.image.config.num_heap_pages * 4096;
  runner_options.interface_id = enclave.interface_id;
  runner_options.elf_size = enclave.image.elf_size;
  LaunchRequest request;
  request.runner_fd = runner_fd.get();
  request.image_fd = enclave.image.memfd.get();
  request.channel_fd = enclave.channel_fd.get();
  request.socket_fd = child_end.get();
  request.uid = uid;
  request.args = runner::FormatRunnerOptions(runner_options);
  auto launched = LaunchEnclaveProcess(request);
  if (!launched.ok()) {
    Release(enclave);
    return launched.status();
  }
  enclave.pid = launched->pid;
  enclave.pidfd = std::move(launched->pidfd);
  enclave.uid = uid.value_or(geteuid());
  LOG_INFO("enclave {} ({}) started: pid {} uid {}", enclave.id, enclave.edl, enclave.pid,
           enclave.uid);
  return json{{"ok", true}, {"pid", enclave.pid}, {"uid", enclave.uid}};
}

Result<json> PlatformServer::Impl::HandleTerminate(Client& client) {
  if (!client.enclave_id.has_value()) return json{{"ok", true}};
  Enclave& enclave = enclaves.at(*client.enclave_id);
  enclave.terminate_requested = true;
  if (enclave.pid > 0 && !enclave.reaped) {
    kill(enclave.pid, SIGKILL);
    // Reap now so the reply means the process is gone.
    siginfo_t info{};
    waitid(P_PIDFD, static_cast<id_t>(enclave.pidfd.get()), &info, WEXITED);
    enclave.reaped = true;
    OnProcessExit(enclave);
  }
  return json{{"ok", true}};
}

void PlatformServer::Impl::OnProcessExit(Enclave& enclave) {
  // Why, from what the enclave recorded (read once; the host can write the channel too) and
  // how the process ended.
  const channel::ChannelHeader* header = channel::Header(enclave.channel);
  const uint32_t kind = header->stop_kind;
  const uint64_t detail = header->stop_detail;
  std::string recorded(header->stop_reason,
                       std::min<size_t>(header->stop_reason_size, channel::kStopReasonCapacity));
  std::string reason;
  if (enclave.terminate_requested) {
    reason = "terminated";
  } else if (kind == channel::kStopForbiddenSyscall) {
    reason = "it made the forbidden system call " + runner::SyscallName(static_cast<long>(detail)) +
             " (" + std::to_string(detail) +
             "); enclave code reaches files, sockets and processes only through ocalls";
  } else if (kind == channel::kStopAbort) {
    reason = "it aborted: " + recorded;
  } else if (kind == channel::kStopLaunchFailed) {
    reason = "it failed to start: " + recorded;
  } else if (!enclave.stop_reason.empty()) {
    reason = enclave.stop_reason;
  }
  enclave.stop_reason = reason;
  LOG_INFO("enclave {} ({}) pid {} ended: {}", enclave.id, enclave.edl, enclave.pid,
           reason.empty() ? "(see exit status)" : reason);
  // The final reason is platformd's; it is in place before the state says kStopped.
  channel::ChannelHeader* writable = channel::Header(enclave.channel);
  if (enclave.terminate_requested) writable->stop_kind = channel::kStopTerminated;
  size_t n = std::min(reason.size(), channel::kStopReasonCapacity);
  std::memcpy(writable->stop_reason, reason.data(), n);
  writable->stop_reason_size = static_cast<uint32_t>(n);
  writable->enclave_state.store(channel::kStopped, std::memory_order_seq_cst);
  channel::WakeAll(enclave.channel, enclave.layout);
  Release(enclave);
}

void PlatformServer::Impl::Release(Enclave& enclave) {
  if (enclave.committed > 0) {
    committed -= enclave.committed;
    enclave.committed = 0;
  }
  if (enclave.uid_slot.has_value()) {
    used_uid_slots.erase(*enclave.uid_slot);
    enclave.uid_slot.reset();
  }
  enclave.socket.reset();
  enclave.pidfd.reset();
  enclave.image.memfd.reset();
}

void PlatformServer::Impl::CloseClient(int fd) {
  auto it = clients.find(fd);
  if (it == clients.end()) return;
  if (it->second.enclave_id.has_value()) {
    auto enclave = enclaves.find(*it->second.enclave_id);
    if (enclave != enclaves.end()) {
      if (enclave->second.pid > 0 && !enclave->second.reaped) {
        enclave->second.terminate_requested = true;
        kill(enclave->second.pid, SIGKILL);
        siginfo_t info{};
        waitid(P_PIDFD, static_cast<id_t>(enclave->second.pidfd.get()), &info, WEXITED);
        enclave->second.reaped = true;
        OnProcessExit(enclave->second);
      }
      Release(enclave->second);
      if (enclave->second.channel != nullptr) {
        munmap(enclave->second.channel, enclave->second.layout.region_size);
      }
      LOG_INFO("enclave {} ({}) removed", enclave->first, enclave->second.edl);
      enclaves.erase(enclave);
    }
  }
  clients.erase(it);
}

json PlatformServer::Impl::StatusJson() const {
  json list = json::array();
  for (const auto& [id, enclave] : enclaves) {
    std::string state_name = enclave.reaped ? "stopped" : enclave.pid > 0 ? "running" : "created";
    json entry = {{"id", id},
                  {"edl", enclave.edl},
                  {"state", state_name},
                  {"mrenclave", HexEncode(enclave.image.mrenclave)},
                  {"committed_bytes", enclave.committed},
                  {"num_tcs", enclave.image.config.num_tcs}};
    if (enclave.pid > 0) {
      entry["pid"] = enclave.pid;
      entry["uid"] = enclave.uid;
    }
    if (!enclave.stop_reason.empty()) entry["stop_reason"] = enclave.stop_reason;
    list.push_back(entry);
  }
  return {{"mode", options.embedded ? "embedded" : "system"},
          {"state_directory", state.directory},
          {"socket", socket_path},
          {"pid", getpid()},
          {"size",
           {{"name", std::string(state.size.name)},
            {"family", std::string(state.size.family)},
            {"vcpus", state.size.vcpus},
            {"memory_gib", state.size.memory_gib},
            {"epc_mib", state.size.epc_mib}}},
          {"memory_budget_bytes", MemoryBudget()},
          {"committed_bytes", committed},
          {"epc_budget_bytes", uint64_t{state.size.epc_mib} * kMiB},
          {"uid_isolation", CanSwitchUid()},
          {"uid_range", {{"base", state.uid_base}, {"count", state.uid_count}}},
          {"enclaves", list}};
}

void PlatformServer::Impl::ServeClient(int fd) {
  Client& client = clients.at(fd);
  auto received = channel::ReceiveMessage(fd, std::chrono::milliseconds(0));
  if (!received.ok()) {
    if (received.status().code() == StatusCode::kUnavailable) {
      CloseClient(fd);
      return;
    }
    if (received.status().code() == StatusCode::kDeadlineExceeded) return;
    (void)channel::SendMessage(fd, channel::StatusToJson(received.status()));
    return;
  }
  channel::Message& message = *received;
  Result<json> reply = InvalidArgumentError("request has no \"op\"");
  auto op = channel::StringField(message.body, "op");
  if (op.ok()) {
    if (*op == "create") {
      reply = HandleCreate(client, message);
    } else if (*op == "start") {
      reply = HandleStart(client, message);
    } else if (*op == "terminate") {
      reply = HandleTerminate(client);
    } else if (*op == "status") {
      reply = json{{"ok", true}, {"platform", StatusJson()}};
    } else {
      reply = InvalidArgumentError("unknown op \"" + *op + "\"");
    }
  }
  if (!reply.ok()) {
    (void)channel::SendMessage(fd, channel::StatusToJson(reply.status()));
  } else if (!reply->is_null()) {
    (void)channel::SendMessage(fd, *reply);
  }
}

Status PlatformServer::Impl::Run() {
  auto idle_since = std::chrono::steady_clock::now();
  while (!stopping) {
    std::vector<pollfd> fds;
    fds.push_back({signal_fd.get(), POLLIN, 0});
    fds.push_back({listen_fd.get(), POLLIN, 0});
    std::vector<int> client_fds;
    for (const auto& [fd, client] : clients) {
      fds.push_back({fd, POLLIN, 0});
      client_fds.push_back(fd);
    }
    std::vector<uint64_t> watched;
    for (const auto& [id, enclave] : enclaves) {
      if (enclave.pid > 0 && !enclave.reaped && enclave.pidfd.valid()) {
        fds.push_back({enclave.pidfd.get(), POLLIN, 0});
        watched.push_back(id);
      }
    }
    int timeout = options.embedded ? 1000 : -1;
    int ready = poll(fds.data(), fds.size(), timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return InternalError("poll: " + Errno());
    }
    if (fds[0].revents != 0) {
      signalfd_siginfo info{};
      while (read(signal_fd.get(), &info, sizeof(info)) == sizeof(info)) {
        if (info.ssi_signo == SIGTERM || info.ssi_signo == SIGINT) stopping = true;
      }
    }
    if (fds[1].revents != 0) Accept();
    size_t index = 2;
    for (int fd : client_fds) {
      short revents = fds[index++].revents;
      if (revents == 0 || clients.count(fd) == 0) continue;
      if ((revents & POLLIN) != 0) {
        ServeClient(fd);
      } else {
        CloseClient(fd);
      }
    }
    for (uint64_t id : watched) {
      short revents = fds[index++].revents;
      auto it = enclaves.find(id);
      if (revents == 0 || it == enclaves.end() || it->second.reaped) continue;
      Enclave& enclave = it->second;
      siginfo_t info{};
      if (waitid(P_PIDFD, static_cast<id_t>(enclave.pidfd.get()), &info, WEXITED | WNOHANG) != 0 ||
          info.si_pid == 0) {
        continue;
      }
      enclave.reaped = true;
      if (info.si_code == CLD_EXITED) {
        enclave.stop_reason = "its process exited with status " + std::to_string(info.si_status);
      } else if (info.si_status == SIGSYS) {
        // The kernel kills with SIGSYS instead of calling the handler when the call was made
        // with SIGSYS blocked, as glibc does while it creates a thread.
        enclave.stop_reason =
            "it made a forbidden system call with signals blocked, so which one is not known "
            "(glibc blocks them while creating a thread; enclave code cannot create threads)";
      } else {
        enclave.stop_reason = std::string("its process was ") +
                              (info.si_status == SIGKILL ? "killed by " : "stopped by ") +
                              SignalName(info.si_status) +
                              (info.si_code == CLD_DUMPED ? " (crashed)" : "");
      }
      OnProcessExit(enclave);
    }
    if (options.embedded) {
      if (!clients.empty() || !enclaves.empty()) {
        idle_since = std::chrono::steady_clock::now();
      } else if (std::chrono::steady_clock::now() - idle_since >= options.idle_exit) {
        LOG_INFO("embedded platformd idle for {} s; exiting", options.idle_exit.count());
        break;
      }
    }
  }
  return OkStatus();
}

PlatformServer::PlatformServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  socket_path_ = impl_->socket_path;
}
PlatformServer::~PlatformServer() = default;

Result<std::unique_ptr<PlatformServer>> PlatformServer::Create(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // The lock first: two embedded platformds started at once for one directory must not both
  // initialize it (one would serve secrets the other replaced on disk).
  if (options.embedded) {
    // A failure shows when the lock file cannot be opened.
    (void)MakeDirectories(options.state_directory, 0700);
    chmod(options.state_directory.c_str(), 0700);
  } else {
    RETURN_IF_ERROR(LoadStateDirectory(options.state_directory).status());
  }
  std::string lock_path = options.state_directory + "/platformd.lock";
  impl->lock_fd.reset(open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!impl->lock_fd.valid()) return UnavailableError("cannot open " + lock_path + ": " + Errno());
  if (flock(impl->lock_fd.get(), LOCK_EX | LOCK_NB) != 0) {
    return AlreadyExistsError("another platformd serves " + options.state_directory);
  }
  if (options.embedded) {
    Status init = InitStateDirectory(options.state_directory, InitOptions{});
    if (!init.ok() && init.code() != StatusCode::kAlreadyExists) return init;
  }
  ASSIGN_OR_RETURN(impl->state, LoadStateDirectory(options.state_directory));
  ASSIGN_OR_RETURN(impl->runner_path, FindRunner());
  impl->runner_fd.reset(open(impl->runner_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!impl->runner_fd.valid()) {
    return UnavailableError("cannot open " + impl->runner_path + ": " + Errno());
  }
  impl->socket_path = options.socket_path.empty()
                          ? options.state_directory + "/" + channel::kSocketFileName
                          : options.socket_path;
  RETURN_IF_ERROR(impl->Listen());
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  impl->signal_fd.reset(signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!impl->signal_fd.valid()) return InternalError("signalfd: " + Errno());
  return std::unique_ptr<PlatformServer>(new PlatformServer(std::move(impl)));
}

Status PlatformServer::Run() { return impl_->Run(); }

}  // namespace confidant::platform

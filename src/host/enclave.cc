#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <exception>
#include <thread>

#include "channel/futex.h"
#include "channel/platform_protocol.h"
#include "channel/runtime_calls.h"
#include "common/bytes.h"
#include "common/encoding.h"
#include "host/enclave_impl.h"
#include "host/platform_client.h"

namespace confidant {
namespace {

using channel::SlotControl;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

constexpr milliseconds kRequestTimeout = std::chrono::seconds(60);
constexpr nanoseconds kSleepSlice = std::chrono::milliseconds(100);
constexpr auto kReasonWait = std::chrono::seconds(3);

const char* DebugName(EnclaveSettings::Debug debug) {
  switch (debug) {
    case EnclaveSettings::Debug::kRequire:
      return "require";
    case EnclaveSettings::Debug::kRefuse:
      return "refuse";
    case EnclaveSettings::Debug::kAuto:
      break;
  }
  return "auto";
}

Result<std::array<uint8_t, 32>> Digest(const nlohmann::json& body, const char* key) {
  ASSIGN_OR_RETURN(std::string text, channel::StringField(body, key));
  ASSIGN_OR_RETURN(Bytes bytes, HexDecode(text));
  if (bytes.size() != 32) return InvalidArgumentError(std::string("platform reply: bad ") + key);
  std::array<uint8_t, 32> out{};
  std::memcpy(out.data(), bytes.data(), 32);
  return out;
}

Result<EnclaveInfo> ParseInfo(const nlohmann::json& body) {
  EnclaveInfo info;
  ASSIGN_OR_RETURN(info.id, channel::NumberField(body, "id"));
  ASSIGN_OR_RETURN(info.mrenclave, Digest(body, "mrenclave"));
  ASSIGN_OR_RETURN(info.mrsigner, Digest(body, "mrsigner"));
  ASSIGN_OR_RETURN(uint64_t product_id, channel::NumberField(body, "product_id"));
  ASSIGN_OR_RETURN(uint64_t svn, channel::NumberField(body, "security_version"));
  ASSIGN_OR_RETURN(uint64_t num_tcs, channel::NumberField(body, "num_tcs"));
  info.product_id = static_cast<uint16_t>(product_id);
  info.security_version = static_cast<uint16_t>(svn);
  info.num_tcs = static_cast<uint32_t>(num_tcs);
  auto debug = body.find("debug");
  info.debug = debug != body.end() && debug->is_boolean() && debug->get<bool>();
  return info;
}

}  // namespace

Enclave::Impl::Impl(UniqueFd socket, void* base, channel::ChannelLayout layout, EnclaveInfo info,
                    const abi::CallTable& ocalls, EnclaveSettings settings)
    : socket_(std::move(socket)),
      base_(base),
      layout_(layout),
      info_(std::move(info)),
      ocalls_(ocalls),
      settings_(std::move(settings)),
      heap_(reinterpret_cast<uint64_t>(base) + layout.heap_offset, layout.heap_size),
      busy_(layout.num_slots, false) {}

Enclave::Impl::~Impl() {
  (void)Terminate();
  if (base_ != nullptr) munmap(base_, layout_.region_size);
}

void Enclave::Impl::SetProcess(int pid, uint32_t uid) {
  info_.pid = pid;
  info_.uid = uid;
  int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (fd >= 0) pidfd_.reset(fd);
}

bool Enclave::Impl::ProcessExited() const {
  if (!pidfd_.valid()) return false;
  pollfd pfd{pidfd_.get(), POLLIN, 0};
  return poll(&pfd, 1, 0) > 0;
}

Status Enclave::Impl::StopStatus(bool wait_for_reason) const {
  const channel::ChannelHeader* header = channel::Header(base_);
  uint32_t state = header->enclave_state.load(std::memory_order_acquire);
  if (terminated_.load()) {
    return FailedPreconditionError("enclave " + info_.edl_name + " was terminated");
  }
  if (state < channel::kStopping && !ProcessExited()) return OkStatus();
  // platformd writes the final reason when it reaps the process; give it a moment.
  const auto deadline = std::chrono::steady_clock::now() + kReasonWait;
  while (wait_for_reason && state != channel::kStopped &&
         std::chrono::steady_clock::now() < deadline) {
    channel::FutexWait(const_cast<std::atomic<uint32_t>*>(&header->enclave_state), state,
                       std::chrono::milliseconds(50));
    state = header->enclave_state.load(std::memory_order_acquire);
  }
  std::string reason(header->stop_reason,
                     std::min<size_t>(header->stop_reason_size, channel::kStopReasonCapacity));
  if (reason.empty()) reason = "its process exited";
  return AbortedError("enclave " + info_.edl_name + " (pid " + std::to_string(info_.pid) +
                      ") stopped: " + reason);
}

Status Enclave::Impl::Health() const { return StopStatus(/*wait_for_reason=*/false); }

Status Enclave::Impl::WaitReady(milliseconds timeout) {
  channel::ChannelHeader* header = channel::Header(base_);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    uint32_t state = header->enclave_state.load(std::memory_order_acquire);
    if (state == channel::kReady) return OkStatus();
    if (state >= channel::kStopping || ProcessExited()) {
      Status stopped = StopStatus(/*wait_for_reason=*/true);
      return stopped.ok() ? AbortedError("enclave stopped while starting") : stopped;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return DeadlineExceededError("enclave " + info_.edl_name + " did not start within " +
                                   std::to_string(timeout.count()) + " ms");
    }
    channel::FutexWait(&header->enclave_state, state, std::chrono::milliseconds(50));
  }
}

Result<uint32_t> Enclave::Impl::AcquireSlot(bool switchless) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint32_t workers = std::min(settings_.switchless.enclave_workers, layout_.num_slots);
  // Switchless calls go to the polling workers first; others keep those free.
  auto take = [&](uint32_t begin, uint32_t end) -> std::optional<uint32_t> {
    for (uint32_t i = begin; i < end; ++i) {
      if (!busy_[i]) {
        busy_[i] = true;
        return i;
      }
    }
    return std::nullopt;
  };
  std::optional<uint32_t> slot = switchless ? take(0, workers) : take(workers, layout_.num_slots);
  if (!slot) slot = switchless ? take(workers, layout_.num_slots) : take(0, workers);
  if (!slot) {
    return ResourceExhaustedError("enclave " + info_.edl_name + ": all " +
                                  std::to_string(layout_.num_slots) +
                                  " TCS are busy with other calls (raise NumTCS in its "
                                  "configuration for more concurrent ecalls)");
  }
  return *slot;
}

void Enclave::Impl::ReleaseSlot(uint32_t index) {
  std::lock_guard<std::mutex> lock(mu_);
  busy_[index] = false;
}

Status Enclave::Impl::ServeOcall(uint32_t function_id, std::span<const uint8_t> input,
                                 std::vector<uint8_t>& output) {
  switch (function_id) {
    case channel::kPrint: {
      if (input.size() < 4) return InvalidArgumentError("print: message too short");
      FILE* stream = input[0] == 2 ? stderr : stdout;
      fwrite(input.data() + 4, 1, input.size() - 4, stream);
      fflush(stream);
      return OkStatus();
    }
    case channel::kHostMalloc:
      if (input.size() != 8) return InvalidArgumentError("host_malloc: bad message");
      channel::AppendU64(output, heap_.Allocate(channel::ReadU64(input, 0)));
      return OkStatus();
    case channel::kHostFree:
      if (input.size() != 8) return InvalidArgumentError("host_free: bad message");
      if (!heap_.Free(channel::ReadU64(input, 0))) {
        return InvalidArgumentError("host_free: not an address host_malloc returned");
      }
      return OkStatus();
    case channel::kHostRealloc:
      if (input.size() != 16) return InvalidArgumentError("host_realloc: bad message");
      channel::AppendU64(output,
                         heap_.Reallocate(channel::ReadU64(input, 0), channel::ReadU64(input, 8)));
      return OkStatus();
    default:
      break;
  }
  if (function_id >= ocalls_.count) {
    return NotFoundError("ocall: no function with id " + std::to_string(function_id) + "; the " +
                         std::string(ocalls_.edl_name) + " interface has " +
                         std::to_string(ocalls_.count));
  }
  try {
    return ocalls_.handlers[function_id](input, output);
  } catch (const std::exception& e) {
    return InternalError(std::string("ocall ") + ocalls_.names[function_id] +
                         " threw an exception: " + e.what());
  } catch (...) {
    return InternalError(std::string("ocall ") + ocalls_.names[function_id] +
                         " threw an exception");
  }
}

Status Enclave::Impl::Call(uint32_t function_id, uint32_t flags, std::span<const uint8_t> input,
                           size_t max_output, std::vector<uint8_t>& output) {
  output.clear();
  RETURN_IF_ERROR(Health());
  const uint64_t capacity = layout_.slot_buffer_size;
  if (input.size() > capacity) {
    return InvalidArgumentError("ecall input of " + std::to_string(input.size()) +
                                " bytes exceeds the call buffer of " + std::to_string(capacity) +
                                " bytes (EnclaveSettings::call_buffer_size)");
  }
  const bool switchless = (flags & abi::kCallSwitchless) != 0;
  ASSIGN_OR_RETURN(uint32_t index, AcquireSlot(switchless));
  SlotControl* slot = channel::Slot(base_, layout_, index);
  uint8_t* buffer = channel::SlotBuffer(base_, layout_, index);
  CopyBytes(buffer, input.data(), input.size());
  slot->function_id = function_id;
  slot->flags = flags;
  slot->message_size = input.size();
  slot->max_output = max_output;
  slot->status_code = 0;
  channel::Publish(&slot->state, channel::kEcallRequest, &slot->enclave_waiting);

  const nanoseconds spin = switchless && settings_.switchless.enclave_workers > 0
                               ? nanoseconds(settings_.switchless.spin)
                               : nanoseconds(0);
  uint32_t current = channel::kEcallRequest;
  std::vector<uint8_t> ocall_input;
  std::vector<uint8_t> ocall_output;
  auto alive = [this] { return Health().ok(); };
  for (;;) {
    uint32_t state = channel::WaitForChange(&slot->state, current, &slot->host_waiting, spin,
                                            kSleepSlice, alive);
    if (state == current) return StopStatus(/*wait_for_reason=*/true);  // slot stays retired
    if (state == channel::kOcallRequest) {
      // Copy the request into host memory first; the enclave's bytes are not trusted either.
      const uint32_t id = slot->function_id;
      const uint64_t size = slot->message_size;
      const uint64_t limit = std::min<uint64_t>(slot->max_output, capacity);
      Status status;
      ocall_output.clear();
      if (size > capacity) {
        status = InvalidArgumentError("ocall input exceeds the call buffer");
      } else {
        ocall_input.assign(buffer, buffer + size);
        status = ServeOcall(id, ocall_input, ocall_output);
        if (status.ok() && ocall_output.size() > limit) {
          status = OutOfRangeError("ocall output of " + std::to_string(ocall_output.size()) +
                                   " bytes exceeds the " + std::to_string(limit) +
                                   " the enclave accepts");
        }
      }
      if (status.ok()) {
        CopyBytes(buffer, ocall_output.data(), ocall_output.size());
        slot->message_size = ocall_output.size();
        slot->status_code = 0;
      } else {
        std::string_view message = status.message();
        size_t n = std::min<size_t>(message.size(), capacity);
        CopyBytes(buffer, message.data(), n);
        slot->message_size = n;
        slot->status_code = static_cast<int32_t>(status.code());
      }
      channel::Publish(&slot->state, channel::kOcallResponse, &slot->enclave_waiting);
      current = channel::kOcallResponse;
      continue;
    }
    if (state != channel::kEcallResponse) {
      current = state;
      continue;
    }
    const int32_t code = slot->status_code;
    const uint64_t size = slot->message_size;
    Status result;
    if (size > capacity) {
      result = InternalError("ecall output size exceeds the call buffer");
    } else if (code != 0) {
      StatusCode status_code =
          code > 0 && code <= static_cast<int32_t>(StatusCode::kUnauthenticated)
              ? static_cast<StatusCode>(code)
              : StatusCode::kUnknown;
      result = Status(status_code, std::string(reinterpret_cast<char*>(buffer), size));
    } else if (size > max_output) {
      result = OutOfRangeError("ecall output of " + std::to_string(size) +
                               " bytes exceeds the expected " + std::to_string(max_output));
    } else {
      output.assign(buffer, buffer + size);
    }
    slot->state.store(channel::kIdle, std::memory_order_seq_cst);
    if (slot->enclave_waiting.load(std::memory_order_seq_cst) != 0) {
      channel::FutexWakeAll(&slot->state);
    }
    ReleaseSlot(index);
    return result;
  }
}

Status Enclave::Impl::Terminate() {
  if (terminated_.exchange(true)) return OkStatus();
  if (!socket_.valid()) return OkStatus();
  auto reply = host::Request(socket_.get(), {{"op", "terminate"}}, {}, kRequestTimeout);
  socket_.reset();  // closing the connection terminates the enclave in any case
  return reply.ok() ? OkStatus() : reply.status();
}

Enclave::Enclave(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Enclave::~Enclave() = default;
Status Enclave::Terminate() { return impl_->Terminate(); }
const EnclaveInfo& Enclave::info() const { return impl_->info(); }
Status Enclave::health() const { return impl_->Health(); }

namespace abi {

Status CreateEnclave(const std::string& image_path, const EnclaveSettings& settings,
                     const CallTable& ocalls, std::unique_ptr<Enclave>* enclave) {
  if (enclave == nullptr) return InvalidArgumentError("create enclave: no output pointer");
  enclave->reset();
  UniqueFd image(open(image_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!image.valid()) {
    return NotFoundError("enclave image " + image_path + ": " + strerror(errno));
  }
  ASSIGN_OR_RETURN(host::PlatformConnection platform,
                   host::ConnectToPlatform(settings.platform_socket));
  nlohmann::json request = {
      {"op", "create"},
      {"edl", ocalls.edl_name},
      {"interface_id", channel::Hex64(ocalls.interface_id)},
      {"debug", DebugName(settings.debug)},
      {"call_buffer_size", settings.call_buffer_size},
      {"host_heap_size", settings.host_heap_size},
      {"switchless",
       {{"enclave_workers", settings.switchless.enclave_workers},
        {"host_workers", settings.switchless.host_workers},
        {"spin_ns",
         static_cast<uint64_t>(std::chrono::nanoseconds(settings.switchless.spin).count())}}}};
  int image_fd = image.get();
  auto created = host::Request(platform.socket.get(), request, std::span<const int>(&image_fd, 1),
                               kRequestTimeout);
  if (!created.ok()) {
    return Status(created.status().code(),
                  "enclave image " + image_path + ": " + std::string(created.status().message()));
  }
  image.reset();
  if (created->fds.size() != 1) return InternalError("platformd sent no call channel");
  const nlohmann::json& body = created->body;
  auto info_json = body.find("enclave");
  if (info_json == body.end() || !info_json->is_object()) {
    return InternalError("platformd's reply has no enclave");
  }
  ASSIGN_OR_RETURN(EnclaveInfo info, ParseInfo(*info_json));
  info.edl_name = ocalls.edl_name;
  info.platform_socket = platform.path;
  info.embedded_platform = platform.embedded;
  ASSIGN_OR_RETURN(uint64_t channel_size, channel::NumberField(body, "channel_size"));
  ASSIGN_OR_RETURN(channel::ChannelLayout layout,
                   channel::ChannelLayout::Compute(info.num_tcs, settings.call_buffer_size,
                                                   settings.host_heap_size));
  if (layout.region_size != channel_size) {
    return InternalError("platformd's call channel does not have the requested layout");
  }
  void* base =
      mmap(nullptr, channel_size, PROT_READ | PROT_WRITE, MAP_SHARED, created->fds[0].get(), 0);
  if (base == MAP_FAILED) {
    return ResourceExhaustedError(std::string("mapping the call channel: ") + strerror(errno));
  }
  auto impl = std::make_unique<Enclave::Impl>(std::move(platform.socket), base, layout, info,
                                              ocalls, settings);
  Enclave::Impl* raw = impl.get();
  std::unique_ptr<Enclave> result(new Enclave(std::move(impl)));
  auto started = host::Request(
      raw->socket_fd(),
      {{"op", "start"}, {"address", channel::Hex64(reinterpret_cast<uint64_t>(base))}}, {},
      kRequestTimeout);
  if (!started.ok()) return started.status();
  ASSIGN_OR_RETURN(uint64_t pid, channel::NumberField(started->body, "pid"));
  ASSIGN_OR_RETURN(uint64_t uid, channel::NumberField(started->body, "uid"));
  raw->SetProcess(static_cast<int>(pid), static_cast<uint32_t>(uid));
  RETURN_IF_ERROR(raw->WaitReady(settings.launch_timeout));
  *enclave = std::move(result);
  return OkStatus();
}

Status CallEnclave(Enclave* enclave, uint32_t function_id, uint32_t flags,
                   std::span<const uint8_t> input, size_t max_output,
                   std::vector<uint8_t>& output) {
  if (enclave == nullptr) return InvalidArgumentError("ecall: no enclave");
  return enclave->impl()->Call(function_id, flags, input, max_output, output);
}

}  // namespace abi
}  // namespace confidant

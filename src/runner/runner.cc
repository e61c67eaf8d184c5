#include "runner/runner.h"

#include <dlfcn.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstring>
#include <exception>
#include <latch>
#include <memory>
#include <string>

#include "channel/futex.h"
#include "channel/layout.h"
#include "common/bytes.h"
#include "confidant/abi.h"
#include "enclave/runtime_services.h"
#include "runner/sandbox.h"

namespace confidant::runner {
namespace {

using channel::ChannelLayout;
using channel::SlotControl;
using std::chrono::nanoseconds;

constexpr uint64_t kPage = 4096;
constexpr nanoseconds kSleepSlice = std::chrono::seconds(1);
constexpr uint64_t kMaxSpinNs = 10'000'000;

struct Runtime {
  void* base = nullptr;
  ChannelLayout layout;
  const abi::CallTable* table = nullptr;
  uint32_t enclave_workers = 0;
  uint32_t host_workers = 0;
  nanoseconds spin{0};
  enclave::RuntimeServices services{};
};

Runtime g_runtime;
thread_local int64_t t_slot = -1;

[[noreturn]] void ExitNow(int code) {
  syscall(SYS_exit_group, code);
  __builtin_unreachable();
}

[[noreturn]] void StopNow(channel::StopKind kind, uint64_t detail, std::string_view reason) {
  if (g_runtime.base != nullptr) {
    channel::RecordStop(g_runtime.base, g_runtime.layout, kind, detail, reason.data(),
                        reason.size(), channel::kStopping);
  }
  ExitNow(70 + static_cast<int>(kind));
}

void OnSigsys(int /*signal*/, siginfo_t* info, void* /*context*/) {
  if (g_runtime.base != nullptr) {
    channel::RecordStop(g_runtime.base, g_runtime.layout, channel::kStopForbiddenSyscall,
                        static_cast<uint64_t>(info->si_syscall), nullptr, 0, channel::kStopping);
  }
  ExitNow(128 + SIGSYS);
}

[[noreturn]] void AbortService(const char* reason, size_t reason_size) {
  StopNow(channel::kStopAbort, 0, std::string_view(reason, reason_size));
}

void WriteResult(SlotControl* slot, uint8_t* buffer, const Status& status,
                 const std::vector<uint8_t>& output) {
  const uint64_t capacity = g_runtime.layout.slot_buffer_size;
  if (!status.ok()) {
    std::string_view message = status.message();
    size_t n = std::min<size_t>(message.size(), capacity);
    CopyBytes(buffer, message.data(), n);
    slot->message_size = n;
    slot->status_code = static_cast<int32_t>(status.code());
    return;
  }
  CopyBytes(buffer, output.data(), output.size());
  slot->message_size = output.size();
  slot->status_code = 0;
}

std::string FunctionName(uint32_t id) {
  const abi::CallTable* table = g_runtime.table;
  if (id < table->count && table->names != nullptr) return table->names[id];
  return "#" + std::to_string(id);
}

Status Dispatch(uint32_t id, std::span<const uint8_t> input, std::vector<uint8_t>& output) {
  const abi::CallTable* table = g_runtime.table;
  if (id >= table->count) {
    return NotFoundError("ecall: no function with id " + std::to_string(id) + "; the " +
                         table->edl_name + " interface has " + std::to_string(table->count));
  }
  try {
    return table->handlers[id](input, output);
  } catch (const std::exception& e) {
    return InternalError("ecall " + FunctionName(id) + " threw an exception: " + e.what());
  } catch (...) {
    return InternalError("ecall " + FunctionName(id) + " threw an exception");
  }
}

void HandleEcall(SlotControl* slot, uint8_t* buffer, std::vector<uint8_t>& input,
                 std::vector<uint8_t>& output) {
  // Each field of the host's request is read once, into private memory, before any check.
  const uint32_t id = slot->function_id;
  const uint64_t size = slot->message_size;
  const uint64_t max_output = slot->max_output;
  const uint64_t capacity = g_runtime.layout.slot_buffer_size;
  output.clear();
  Status status;
  if (size > capacity) {
    status = InvalidArgumentError("ecall: input of " + std::to_string(size) +
                                  " bytes exceeds the call buffer of " + std::to_string(capacity));
  } else {
    input.assign(buffer, buffer + size);
    status = Dispatch(id, input, output);
    if (status.ok() && output.size() > std::min(max_output, capacity)) {
      status =
          OutOfRangeError("ecall " + FunctionName(id) + ": output of " +
                          std::to_string(output.size()) + " bytes exceeds the " +
                          std::to_string(std::min(max_output, capacity)) + " the caller accepts");
    }
  }
  WriteResult(slot, buffer, status, output);
  channel::Publish(&slot->state, channel::kEcallResponse, &slot->host_waiting);
}

Status CallHostService(uint32_t id, uint32_t flags, std::span<const uint8_t> input,
                       size_t max_output, std::vector<uint8_t>& output) {
  output.clear();
  if (t_slot < 0) {
    return FailedPreconditionError(
        "ocall: enclave code makes ocalls only on a thread serving an ecall");
  }
  const uint32_t index = static_cast<uint32_t>(t_slot);
  SlotControl* slot = channel::Slot(g_runtime.base, g_runtime.layout, index);
  uint8_t* buffer = channel::SlotBuffer(g_runtime.base, g_runtime.layout, index);
  const uint64_t capacity = g_runtime.layout.slot_buffer_size;
  if (input.size() > capacity) {
    return InvalidArgumentError("ocall: input of " + std::to_string(input.size()) +
                                " bytes exceeds the call buffer of " + std::to_string(capacity));
  }
  CopyBytes(buffer, input.data(), input.size());
  slot->function_id = id;
  slot->flags = flags;
  slot->message_size = input.size();
  slot->max_output = max_output;
  slot->status_code = 0;
  channel::Publish(&slot->state, channel::kOcallRequest, &slot->host_waiting);
  nanoseconds spin = (flags & abi::kCallSwitchless) != 0 && g_runtime.host_workers > 0
                         ? g_runtime.spin
                         : nanoseconds(0);
  uint32_t state =
      channel::WaitForChange(&slot->state, channel::kOcallRequest, &slot->enclave_waiting, spin,
                             kSleepSlice, [] { return true; });
  if (state != channel::kOcallResponse) {
    return AbortedError("ocall: the host broke the call protocol (slot state " +
                        std::to_string(state) + ")");
  }
  const int32_t code = slot->status_code;
  const uint64_t size = slot->message_size;
  if (size > capacity) {
    return InvalidArgumentError("ocall: the host's reply of " + std::to_string(size) +
                                " bytes exceeds the call buffer");
  }
  if (code != 0) {
    StatusCode status_code = code > 0 && code <= static_cast<int32_t>(StatusCode::kUnauthenticated)
                                 ? static_cast<StatusCode>(code)
                                 : StatusCode::kUnknown;
    return Status(status_code, "host: " + std::string(reinterpret_cast<char*>(buffer), size));
  }
  if (size > max_output) {
    return OutOfRangeError("ocall: the host's reply of " + std::to_string(size) +
                           " bytes exceeds the " + std::to_string(max_output) + " expected");
  }
  output.assign(buffer, buffer + size);
  return OkStatus();
}

struct ThreadStart {
  uint32_t index;
  std::latch* go;
};

void* ServeSlot(void* arg) {
  auto* start = static_cast<ThreadStart*>(arg);
  const uint32_t index = start->index;
  start->go->wait();
  t_slot = index;
  SlotControl* slot = channel::Slot(g_runtime.base, g_runtime.layout, index);
  uint8_t* buffer = channel::SlotBuffer(g_runtime.base, g_runtime.layout, index);
  const bool polling = index < g_runtime.enclave_workers;
  if (polling) slot->enclave_polling.store(1);
  const nanoseconds spin = polling ? g_runtime.spin : nanoseconds(0);
  std::vector<uint8_t> input;
  std::vector<uint8_t> output;
  uint32_t current = slot->state.load(std::memory_order_acquire);
  if (current == channel::kEcallRequest) current = channel::kIdle;
  for (;;) {
    current = channel::WaitForChange(&slot->state, current, &slot->enclave_waiting, spin,
                                     kSleepSlice, [] { return true; });
    if (current != channel::kEcallRequest) continue;
    HandleEcall(slot, buffer, input, output);
    current = channel::kEcallResponse;
  }
  return nullptr;
}

Status Fail(std::string_view what, int error) {
  return InternalError(std::string(what) + ": " + strerror(error));
}

// Maps the channel at the host's address and reads its header once.
Status MapChannel(const RunnerOptions& options) {
  void* want = reinterpret_cast<void*>(options.channel_address);
  void* base = mmap(want, options.channel_size, PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_FIXED_NOREPLACE, kChannelFd, 0);
  if (base == MAP_FAILED) return Fail("mapping the call channel", errno);
  if (base != want) {
    munmap(base, options.channel_size);
    return InternalError("mapping the call channel: the host's address is taken in the enclave");
  }
  const channel::ChannelHeader* header = channel::Header(base);
  const uint32_t num_slots = header->num_slots;
  const uint64_t buffer_size = header->slot_buffer_size;
  const uint64_t heap_size = header->heap_size;
  ASSIGN_OR_RETURN(ChannelLayout layout, ChannelLayout::Compute(num_slots, buffer_size, heap_size));
  if (header->magic != channel::kChannelMagic || layout.region_size != options.channel_size ||
      layout.slot_buffer_size != buffer_size || num_slots != options.num_tcs) {
    return InvalidArgumentError("call channel: header does not match the enclave's layout");
  }
  g_runtime.base = base;
  g_runtime.layout = layout;
  return OkStatus();
}

// Loads what enclave code may use from libcrypto before the sandbox forbids opening files:
// OpenSSL reads its configuration and seeds its generator on first use.
Status PrepareLibraries() {
  if (OPENSSL_init_crypto(
          OPENSSL_INIT_LOAD_CONFIG | OPENSSL_INIT_ADD_ALL_CIPHERS | OPENSSL_INIT_ADD_ALL_DIGESTS,
          nullptr) != 1) {
    return InternalError("initializing libcrypto failed");
  }
  unsigned char probe[16];
  if (RAND_bytes(probe, sizeof(probe)) != 1) return InternalError("seeding libcrypto failed");
  for (const char* cipher : {"AES-256-GCM", "AES-128-GCM", "AES-256-CBC", "AES-256-CTR"}) {
    EVP_CIPHER* fetched = EVP_CIPHER_fetch(nullptr, cipher, nullptr);
    EVP_CIPHER_free(fetched);
  }
  for (const char* digest : {"SHA256", "SHA384", "SHA512"}) {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, digest, nullptr);
    EVP_MD_free(fetched);
  }
  return OkStatus();
}

Status StartThreads(const RunnerOptions& options, std::latch& go,
                    std::vector<ThreadStart>& starts) {
  starts.resize(options.num_tcs);
  for (uint32_t i = 0; i < options.num_tcs; ++i) {
    // The measured stack region of this TCS, with a guard page below it.
    size_t size = options.stack_size + kPage;
    void* region = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (region == MAP_FAILED) return Fail("allocating a TCS stack", errno);
    if (mprotect(region, kPage, PROT_NONE) != 0) return Fail("guarding a TCS stack", errno);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstack(&attr, static_cast<char*>(region) + kPage, options.stack_size);
    starts[i] = {i, &go};
    pthread_t thread;
    int rc = pthread_create(&thread, &attr, ServeSlot, &starts[i]);
    pthread_attr_destroy(&attr);
    if (rc != 0) return Fail("starting a TCS thread", rc);
    pthread_detach(thread);
  }
  return OkStatus();
}

Status LoadImage(const RunnerOptions& options) {
  std::string path = "/proc/self/fd/" + std::to_string(kImageFd);
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = dlerror();
    return InvalidArgumentError(std::string("loading the image: ") +
                                (error != nullptr ? error : "dlopen failed"));
  }
  auto table_function =
      reinterpret_cast<abi::EcallTableFunction>(dlsym(handle, abi::kEcallTableSymbol));
  auto attach = reinterpret_cast<enclave::AttachFunction>(dlsym(handle, enclave::kAttachSymbol));
  if (table_function == nullptr || attach == nullptr) {
    return InvalidArgumentError(
        "loading the image: it exports no confidant_enclave_ecall_table or "
        "confidant_enclave_attach; build it with confidant_add_enclave");
  }
  const abi::CallTable* table = table_function();
  if (table == nullptr || table->handlers == nullptr || table->edl_name == nullptr) {
    return InvalidArgumentError("loading the image: its ecall table is empty");
  }
  if (table->interface_id != options.interface_id) {
    char have[17], want[17];
    snprintf(have, sizeof(have), "%016llx", static_cast<unsigned long long>(table->interface_id));
    snprintf(want, sizeof(want), "%016llx", static_cast<unsigned long long>(options.interface_id));
    return FailedPreconditionError(std::string("the enclave's ecalls were generated from ") +
                                   table->edl_name + ".edl with interface " + have +
                                   ", the host's from an EDL with interface " + want +
                                   ": rebuild both from the same EDL");
  }
  g_runtime.table = table;
  g_runtime.services.version = enclave::kRuntimeServicesVersion;
  g_runtime.services.call_host = CallHostService;
  g_runtime.services.abort = AbortService;
  g_runtime.services.shared_base = g_runtime.base;
  g_runtime.services.shared_size = g_runtime.layout.region_size;
  if (attach(&g_runtime.services) != 0) {
    return FailedPreconditionError(
        "the image's enclave runtime refused the runner's services "
        "(built against another Confidant version)");
  }
  (void)options;
  return OkStatus();
}

Result<uint64_t> ParseNumber(std::string_view name, std::string_view text, int base) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    return InvalidArgumentError("runner: --" + std::string(name) +
                                ": not a number: " + std::string(text));
  }
  return value;
}

}  // namespace

Result<RunnerOptions> ParseRunnerOptions(const std::vector<std::string>& args) {
  RunnerOptions options;
  for (const std::string& arg : args) {
    size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) {
      return InvalidArgumentError("runner: unexpected argument: " + arg);
    }
    std::string name = arg.substr(2, eq - 2);
    std::string_view value = std::string_view(arg).substr(eq + 1);
    bool hex = name == "channel-address" || name == "interface-id";
    ASSIGN_OR_RETURN(uint64_t number, ParseNumber(name, value, hex ? 16 : 10));
    if (name == "enclave-id")
      options.enclave_id = number;
    else if (name == "channel-address")
      options.channel_address = number;
    else if (name == "channel-size")
      options.channel_size = number;
    else if (name == "num-tcs")
      options.num_tcs = static_cast<uint32_t>(number);
    else if (name == "stack-size")
      options.stack_size = number;
    else if (name == "heap-size")
      options.heap_size = number;
    else if (name == "interface-id")
      options.interface_id = number;
    else if (name == "elf-size")
      options.elf_size = number;
    else
      return InvalidArgumentError("runner: unknown option --" + name);
  }
  if (options.channel_address == 0 || options.channel_address % kPage != 0 ||
      options.channel_size == 0 || options.num_tcs == 0 || options.num_tcs > channel::kMaxSlots ||
      options.stack_size < 4 * kPage || options.stack_size % kPage != 0) {
    return InvalidArgumentError("runner: incomplete or invalid options");
  }
  return options;
}

std::vector<std::string> FormatRunnerOptions(const RunnerOptions& options) {
  char address[32], interface_id[32];
  snprintf(address, sizeof(address), "%llx",
           static_cast<unsigned long long>(options.channel_address));
  snprintf(interface_id, sizeof(interface_id), "%llx",
           static_cast<unsigned long long>(options.interface_id));
  return {"--enclave-id=" + std::to_string(options.enclave_id),
          std::string("--channel-address=") + address,
          "--channel-size=" + std::to_string(options.channel_size),
          "--num-tcs=" + std::to_string(options.num_tcs),
          "--stack-size=" + std::to_string(options.stack_size),
          "--heap-size=" + std::to_string(options.heap_size),
          std::string("--interface-id=") + interface_id,
          "--elf-size=" + std::to_string(options.elf_size)};
}

namespace {

Status RunImpl(const RunnerOptions& options) {
  // Before anything else: no core dumps, no ptrace or /proc/PID/mem from other processes of
  // this uid.
  if (prctl(PR_SET_DUMPABLE, 0) != 0) return Fail("prctl(PR_SET_DUMPABLE)", errno);
  RETURN_IF_ERROR(MapChannel(options));

  struct sigaction action {};
  action.sa_sigaction = OnSigsys;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSYS, &action, nullptr) != 0) return Fail("sigaction(SIGSYS)", errno);

  const channel::ChannelHeader* header = channel::Header(g_runtime.base);
  // Switchless settings come from the host: they only tune polling, so they are clamped, not
  // trusted.
  g_runtime.enclave_workers =
      std::min<uint32_t>(options.num_tcs, header->switchless_enclave_workers);
  g_runtime.host_workers = header->switchless_host_workers;
  g_runtime.spin = nanoseconds(std::min<uint64_t>(header->switchless_spin_ns, kMaxSpinNs));

  RETURN_IF_ERROR(PrepareLibraries());
  std::latch go(1);
  std::vector<ThreadStart> starts;
  RETURN_IF_ERROR(StartThreads(options, go, starts));
  RETURN_IF_ERROR(InstallLaunchFilter());
  RETURN_IF_ERROR(LoadImage(options));
  RETURN_IF_ERROR(InstallRunFilter());
  close(kImageFd);

  channel::ChannelHeader* writable = channel::Header(g_runtime.base);
  writable->interface_id = g_runtime.table->interface_id;
  go.count_down();
  writable->enclave_state.store(channel::kReady, std::memory_order_seq_cst);
  channel::FutexWakeAll(&writable->enclave_state);

  // The main thread waits for platformd: when its socket closes, platformd is gone and so is
  // the enclave.
  char byte;
  for (;;) {
    ssize_t n = read(kSocketFd, &byte, 1);
    if (n == 0 || (n < 0 && errno != EINTR)) ExitNow(0);
  }
}

}  // namespace

Status Run(const RunnerOptions& options) {
  Status status = RunImpl(options);
  // A start-up failure after the channel is mapped is recorded there for the host.
  if (!status.ok() && g_runtime.base != nullptr) {
    StopNow(channel::kStopLaunchFailed, 0, status.message());
  }
  return status;
}

}  // namespace confidant::runner

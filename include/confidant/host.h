// The host API: create an enclave from a signed image, call it through the proxies that
// confidant-edger8r generates, terminate it (docs/enclave-runtime.md).
//
//   std::unique_ptr<confidant::Enclave> enclave;
//   confidant::Status status =
//       confidant_create_helloworld_enclave("enclave.signed", {}, &enclave);  // generated
//   if (!status.ok()) { std::cerr << status << "\n"; return 1; }
//   status = enclave_helloworld(enclave.get());                                // generated proxy
//
// Every failure is a Status whose code and message say what failed: the platform could not be
// reached (UNAVAILABLE), the image or its signature was refused (PERMISSION_DENIED,
// INVALID_ARGUMENT), a limit was reached (RESOURCE_EXHAUSTED: node memory budget, all TCS busy),
// the enclave stopped (ABORTED, with the reason: a forbidden system call, a crash, killed),
// docs/errors.md lists them.
//
// The host is untrusted: nothing here gives it access to enclave memory.
//
// Thread-safety: an Enclave may be called from several threads at once, up to its NumTCS
// concurrent calls; more give RESOURCE_EXHAUSTED. Terminate and the destructor must not race
// with calls.

#ifndef CONFIDANT_HOST_H_
#define CONFIDANT_HOST_H_

#ifdef CONFIDANT_ENCLAVE_SIDE
#error "confidant/host.h is for host code; enclave code includes confidant/enclave.h"
#endif

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "confidant/abi.h"
#include "confidant/status.h"

namespace confidant {

// Switchless calls (EDL `transition_using_threads`): instead of sleeping, the waiting side polls
// for a bounded time, then falls back to sleeping. Zero workers turn a side's polling off.
struct SwitchlessSettings {
  uint32_t enclave_workers = 0;  // enclave threads (<= NumTCS) that poll for switchless ecalls
  uint32_t host_workers = 0;     // host threads that poll for switchless ocalls
  std::chrono::microseconds spin = std::chrono::microseconds(50);  // poll this long, then sleep
};

struct EnclaveSettings {
  enum class Debug { kAuto, kRequire, kRefuse };
  // kAuto: as signed. kRequire: refuse an image signed Debug=0 (as OE's DEBUG flag does).
  // kRefuse: refuse a debug image (production hosts).
  Debug debug = Debug::kAuto;
  // The platformd socket. Empty: $CONFIDANT_PLATFORM_SOCKET, then the system platform
  // (/run/confidant/platformd.sock), then an embedded platform for the current user, started on
  // demand (state in $CONFIDANT_PLATFORM_DIR, else $XDG_STATE_HOME/confidant/platform).
  std::string platform_socket;
  // Bytes per TCS for one call's input or output message.
  size_t call_buffer_size = size_t{1} << 20;
  // Shared memory that enclave code can allocate with enclave::HostMalloc.
  size_t host_heap_size = size_t{16} << 20;
  SwitchlessSettings switchless;
  std::chrono::milliseconds launch_timeout = std::chrono::seconds(30);
};

// What platformd measured and started.
struct EnclaveInfo {
  uint64_t id = 0;
  int pid = 0;
  uint32_t uid = 0;  // the enclave process's uid
  std::array<uint8_t, 32> mrenclave{};
  std::array<uint8_t, 32> mrsigner{};
  uint16_t product_id = 0;
  uint16_t security_version = 0;
  bool debug = false;
  uint32_t num_tcs = 0;
  std::string edl_name;
  std::string platform_socket;  // the platform that runs it
  bool embedded_platform = false;
};

class Enclave {
 public:
  Enclave(const Enclave&) = delete;
  Enclave& operator=(const Enclave&) = delete;
  // Terminates the enclave if Terminate was not called.
  ~Enclave();

  // Stops the enclave process and releases its platform resources. Later calls fail.
  Status Terminate();

  const EnclaveInfo& info() const;
  // OK while the enclave can take calls; otherwise why not (terminated, stopped and why).
  Status health() const;

  class Impl;
  Impl* impl() { return impl_.get(); }

 private:
  friend Status abi::CreateEnclave(const std::string&, const EnclaveSettings&,
                                   const abi::CallTable&, std::unique_ptr<Enclave>*);
  explicit Enclave(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace confidant

#endif  // CONFIDANT_HOST_H_

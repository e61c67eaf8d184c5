// The enclave API (include/confidant/enclave.h) and abi::CallHost, linked into every enclave
// image. They forward to the runner's RuntimeServices (runtime_services.h).

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <cstring>
#include <string>

#include "channel/runtime_calls.h"
#include "common/bytes.h"
#include "confidant/enclave.h"
#include "enclave/runtime_services.h"

namespace confidant::enclave {
namespace {

const RuntimeServices* g_services = nullptr;

bool Overflows(const void* data, size_t size) {
  auto begin = reinterpret_cast<uintptr_t>(data);
  return begin + size < begin;
}

// Reads a u64 reply of exactly 8 bytes; 0 otherwise.
uint64_t ReplyU64(const std::vector<uint8_t>& reply) {
  return reply.size() == 8 ? channel::ReadU64(reply, 0) : 0;
}

uint64_t AddressReply(const std::vector<uint8_t>& reply, size_t size) {
  uint64_t address = ReplyU64(reply);
  // The host must hand out host memory: an address inside the enclave would let it steer writes.
  if (address != 0 && !IsOutsideEnclave(reinterpret_cast<const void*>(address), size)) return 0;
  return address;
}

Status PrintTo(uint32_t stream, std::string_view text) {
  std::vector<uint8_t> input(4 + text.size());
  input[0] = static_cast<uint8_t>(stream);
  CopyBytes(input.data() + 4, text.data(), text.size());
  std::vector<uint8_t> output;
  return abi::CallHost(channel::kPrint, 0, input, 0, output);
}

}  // namespace

bool IsOutsideEnclave(const void* data, size_t size) {
  if (data == nullptr || g_services == nullptr || Overflows(data, size)) return false;
  auto begin = reinterpret_cast<uintptr_t>(data);
  auto base = reinterpret_cast<uintptr_t>(g_services->shared_base);
  return begin >= base && begin + size <= base + g_services->shared_size;
}

bool IsWithinEnclave(const void* data, size_t size) {
  if (data == nullptr || g_services == nullptr || Overflows(data, size)) return false;
  auto begin = reinterpret_cast<uintptr_t>(data);
  auto base = reinterpret_cast<uintptr_t>(g_services->shared_base);
  uintptr_t end = base + g_services->shared_size;
  return begin + size <= base || begin >= end;
}

void* HostMalloc(size_t size) {
  std::vector<uint8_t> input, output;
  channel::AppendU64(input, size);
  if (!abi::CallHost(channel::kHostMalloc, 0, input, 8, output).ok()) return nullptr;
  return reinterpret_cast<void*>(AddressReply(output, size));
}

void* HostCalloc(size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) return nullptr;
  void* data = HostMalloc(total);
  if (data != nullptr) std::memset(data, 0, total);
  return data;
}

void* HostRealloc(void* data, size_t size) {
  std::vector<uint8_t> input, output;
  channel::AppendU64(input, reinterpret_cast<uint64_t>(data));
  channel::AppendU64(input, size);
  if (!abi::CallHost(channel::kHostRealloc, 0, input, 8, output).ok()) return nullptr;
  return reinterpret_cast<void*>(AddressReply(output, size));
}

char* HostStrndup(const char* text, size_t max_length) {
  if (text == nullptr) return nullptr;
  size_t length = strnlen(text, max_length);
  auto* copy = static_cast<char*>(HostMalloc(length + 1));
  if (copy == nullptr) return nullptr;
  CopyBytes(copy, text, length);
  copy[length] = '\0';
  return copy;
}

void HostFree(void* data) {
  if (data == nullptr) return;
  std::vector<uint8_t> input, output;
  channel::AppendU64(input, reinterpret_cast<uint64_t>(data));
  (void)abi::CallHost(channel::kHostFree, 0, input, 0, output);
}

Status RandomBytes(void* data, size_t size) {
  auto* out = static_cast<uint8_t*>(data);
  while (size > 0) {
    ssize_t n = getrandom(out, size, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return InternalError(std::string("random bytes: getrandom: ") + strerror(errno));
    }
    out += n;
    size -= static_cast<size_t>(n);
  }
  return OkStatus();
}

Status Print(std::string_view text) { return PrintTo(1, text); }
Status PrintError(std::string_view text) { return PrintTo(2, text); }

Status Printf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  int n = vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  if (n < 0) {
    va_end(args);
    return InvalidArgumentError("printf: bad format");
  }
  std::string text(static_cast<size_t>(n) + 1, '\0');
  vsnprintf(text.data(), text.size(), format, args);
  va_end(args);
  text.resize(static_cast<size_t>(n));
  return Print(text);
}

void Abort(std::string_view reason) {
  if (g_services != nullptr) g_services->abort(reason.data(), reason.size());
  __builtin_trap();
}

}  // namespace confidant::enclave

namespace confidant::abi {

Status CallHost(uint32_t function_id, uint32_t flags, std::span<const uint8_t> input,
                size_t max_output, std::vector<uint8_t>& output) {
  if (enclave::g_services == nullptr) {
    return FailedPreconditionError("ocall: the enclave runtime is not attached");
  }
  return enclave::g_services->call_host(function_id, flags, input, max_output, output);
}

}  // namespace confidant::abi

extern "C" __attribute__((visibility("default"))) int confidant_enclave_attach(
    const confidant::enclave::RuntimeServices* services) {
  if (services == nullptr || services->version != confidant::enclave::kRuntimeServicesVersion) {
    return -1;
  }
  confidant::enclave::g_services = services;
  return 0;
}

// The requests a host sends to platformd on its unix socket (socket_message.h framing), and the
// places both look for it. docs/platform.md is the reference; in short:
//
//   {"op":"create", "edl", "interface_id" (16 hex), "debug" ("auto"|"require"|"refuse"),
//    "call_buffer_size", "host_heap_size", "switchless":{"enclave_workers","host_workers",
//    "spin_ns"}}  + the image's fd
//        -> {"ok":true, "enclave":{...EnclaveInfo...}, "channel_size"} + the channel's memfd
//   {"op":"start", "address" (hex: where the host mapped the channel)}
//        -> {"ok":true, "pid", "uid"}
//   {"op":"terminate"} -> {"ok":true}
//   {"op":"status"}    -> {"ok":true, "platform":{...}}
//   any failure        -> {"ok":false, "error":{"code":"RESOURCE_EXHAUSTED","message":"..."}}
//
// A connection holds at most one enclave; closing it terminates the enclave.

#ifndef CONFIDANT_CHANNEL_PLATFORM_PROTOCOL_H_
#define CONFIDANT_CHANNEL_PLATFORM_PROTOCOL_H_

#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"

namespace confidant::channel {

inline constexpr const char kSystemSocket[] = "/run/confidant/platformd.sock";
inline constexpr const char kSocketFileName[] = "platformd.sock";

// {"ok":false,"error":{...}} for `status`; {"ok":true} for OK.
nlohmann::json StatusToJson(const Status& status);
// The status of a reply: OK for "ok":true, else its error (Unknown code if unreadable).
Status StatusFromJson(const nlohmann::json& reply);

// Fields of a received message (untrusted JSON): the string or unsigned number at `key`, or
// InvalidArgument naming it.
Result<std::string> StringField(const nlohmann::json& message, const char* key);
Result<uint64_t> NumberField(const nlohmann::json& message, const char* key);
// A 64-bit value as 16 hex digits, and back.
std::string Hex64(uint64_t value);
Result<uint64_t> ParseHex64(const nlohmann::json& message, const char* key);

// The code named "RESOURCE_EXHAUSTED" etc., or kUnknown.
StatusCode StatusCodeFromName(std::string_view name);

}  // namespace confidant::channel

#endif  // CONFIDANT_CHANNEL_PLATFORM_PROTOCOL_H_

// The platform's state directory (mode 0700, owned by platformd's user): what makes a node the
// same node across restarts.
//
//   platform.json   {"version":1,"size":"DC2s_v2","uid_base":N,"uid_count":N,"created":RFC3339}
//   root-secrets    64 random bytes, mode 0600: the root sealing secret, then the report-key
//                   secret (keys are derived from them, docs/platform.md)
//   platformd.sock  the API socket while platformd runs
//   platformd.lock  held (flock) by the running platformd
//
// Files are written crash-safely (common/file.h); a directory another user can read, or that is
// not owned by this user, is refused: the secrets would not be secret.
//
// Thread-safety: the functions share no state.

#ifndef CONFIDANT_PLATFORM_STATE_DIR_H_
#define CONFIDANT_PLATFORM_STATE_DIR_H_

#include <cstdint>
#include <string>

#include "common/result.h"
#include "crypto/secret_bytes.h"
#include "platform/size_catalog.h"

namespace confidant::platform {

inline constexpr size_t kRootSecretSize = 32;
// Enclave processes run as uid_base + slot (no passwd entries needed), gid the same.
inline constexpr uint32_t kDefaultUidBase = 1879048192;  // 0x70000000
inline constexpr uint32_t kDefaultUidCount = 4096;

struct InitOptions {
  std::string size{kDefaultSize};
  uint32_t uid_base = kDefaultUidBase;
  uint32_t uid_count = kDefaultUidCount;
};

struct PlatformState {
  std::string directory;
  NodeSize size{};
  uint32_t uid_base = 0;
  uint32_t uid_count = 0;
  std::string created;
  crypto::SecretBytes seal_root;
  crypto::SecretBytes report_root;
};

// Creates `directory` (and parents) with fresh secrets. AlreadyExists if it is initialized;
// NotFound for an unknown size.
Status InitStateDirectory(const std::string& directory, const InitOptions& options);

// Loads an initialized directory. NotFound if it is not initialized (`confidant platform init`),
// PermissionDenied if its mode or owner would expose the secrets, DataLoss if a file is corrupt.
Result<PlatformState> LoadStateDirectory(const std::string& directory);

// The directory `confidant platform` uses by default: $CONFIDANT_PLATFORM_DIR, else
// /var/lib/confidant/platform for root, else the embedded platform's directory.
std::string DefaultStateDirectory();

}  // namespace confidant::platform

#endif  // CONFIDANT_PLATFORM_STATE_DIR_H_

#include "platform/state_dir.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "common/file.h"
#include "common/time.h"
#include "crypto/random.h"

namespace confidant::platform {
namespace {

constexpr char kConfigFile[] = "platform.json";
constexpr char kSecretsFile[] = "root-secrets";

Status CheckPrivate(const std::string& directory) {
  struct stat st {};
  if (stat(directory.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return NotFoundError("platform state directory " + directory +
                           " does not exist; run `confidant platform init`");
    }
    return UnavailableError(directory + ": " + strerror(errno));
  }
  if (!S_ISDIR(st.st_mode)) return FailedPreconditionError(directory + " is not a directory");
  if (st.st_uid != geteuid()) {
    return PermissionDeniedError("platform state directory " + directory + " is owned by uid " +
                                 std::to_string(st.st_uid) + ", not by this user (uid " +
                                 std::to_string(geteuid()) + ")");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    snprintf(mode, sizeof(mode), "%04o", st.st_mode & 07777);
    return PermissionDeniedError("platform state directory " + directory + " has mode " + mode +
                                 "; it holds the root secrets and must be 0700 (chmod 700 " +
                                 directory + ")");
  }
  return OkStatus();
}

}  // namespace

Status InitStateDirectory(const std::string& directory, const InitOptions& options) {
  ASSIGN_OR_RETURN(NodeSize size, FindSize(options.size));
  if (size.epc_mib == 0) {
    return InvalidArgumentError("node size " + std::string(size.name) + " is a " +
                                std::string(size.tee) +
                                " VM size with no EPC; a platform for enclaves needs an SGX size "
                                "(DCsv2, DCsv3 or DCdsv3)");
  }
  if (options.uid_count == 0 || options.uid_base == 0 ||
      uint64_t{options.uid_base} + options.uid_count > 0xfffffffeull) {
    return InvalidArgumentError("enclave uid range is empty or past 2^32-2");
  }
  RETURN_IF_ERROR(MakeDirectories(directory, 0700));
  chmod(directory.c_str(), 0700);
  RETURN_IF_ERROR(CheckPrivate(directory));
  std::string config_path = directory + "/" + kConfigFile;
  if (access(config_path.c_str(), F_OK) == 0) {
    return AlreadyExistsError("platform state directory " + directory + " is already initialized");
  }
  ASSIGN_OR_RETURN(crypto::SecretBytes secrets, crypto::RandomSecret(2 * kRootSecretSize));
  RETURN_IF_ERROR(WriteFileAtomic(directory + "/" + kSecretsFile, secrets, 0600));
  auto now =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  nlohmann::json config = {{"version", 1},
                           {"size", std::string(size.name)},
                           {"uid_base", options.uid_base},
                           {"uid_count", options.uid_count},
                           {"created", FormatRfc3339(now)}};
  // platform.json last: its presence marks a complete initialization.
  return WriteFileAtomic(config_path, AsBytes(config.dump(2) + "\n"), 0600);
}

Result<PlatformState> LoadStateDirectory(const std::string& directory) {
  RETURN_IF_ERROR(CheckPrivate(directory));
  std::string config_path = directory + "/" + kConfigFile;
  auto config_bytes = ReadFileBytes(config_path, 64 * 1024);
  if (!config_bytes.ok()) {
    if (config_bytes.status().code() == StatusCode::kNotFound) {
      return NotFoundError("platform state directory " + directory +
                           " is not initialized; run `confidant platform init`");
    }
    return config_bytes.status();
  }
  nlohmann::json config = nlohmann::json::parse(ToString(*config_bytes), nullptr, false);
  PlatformState state;
  state.directory = directory;
  if (!config.is_object() || !config["size"].is_string() ||
      !config["uid_base"].is_number_unsigned() || !config["uid_count"].is_number_unsigned()) {
    return DataLossError(config_path +
                         " is corrupt (not the JSON `confidant platform init` wrote)");
  }
  ASSIGN_OR_RETURN(state.size, FindSize(config["size"].get<std::string>()));
  state.uid_base = config["uid_base"].get<uint32_t>();
  state.uid_count = config["uid_count"].get<uint32_t>();
  if (config["created"].is_string()) state.created = config["created"].get<std::string>();
  ASSIGN_OR_RETURN(Bytes secrets, ReadFileBytes(directory + "/" + kSecretsFile, 4096));
  if (secrets.size() != 2 * kRootSecretSize) {
    return DataLossError(directory + "/" + kSecretsFile +
                         " is corrupt: " + std::to_string(secrets.size()) + " bytes, expected " +
                         std::to_string(2 * kRootSecretSize));
  }
  state.seal_root.assign(secrets.begin(), secrets.begin() + kRootSecretSize);
  state.report_root.assign(secrets.begin() + kRootSecretSize, secrets.end());
  crypto::internal::Cleanse(secrets.data(), secrets.size());
  return state;
}

std::string DefaultStateDirectory() {
  const char* dir = std::getenv("CONFIDANT_PLATFORM_DIR");
  if (dir != nullptr && *dir != '\0') return dir;
  if (geteuid() == 0) return "/var/lib/confidant/platform";
  const char* state_home = std::getenv("XDG_STATE_HOME");
  if (state_home != nullptr && *state_home != '\0') {
    return std::string(state_home) + "/confidant/platform";
  }
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : "") + "/.local/state/confidant/platform";
}

}  // namespace confidant::platform

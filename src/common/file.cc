#include "common/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "common/unique_fd.h"

namespace confidant {

Result<Bytes> ReadFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return NotFoundError("cannot read " + path + ": it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path + ": " + std::strerror(errno));
  Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return NotFoundError("cannot read " + path + ": " + std::strerror(errno));
  return bytes;
}

Status WriteFile(const std::string& path, ByteSpan bytes) {
  return WriteFileAtomic(path, bytes, 0644);
}

namespace {

std::string Errno() { return strerror(errno); }

std::string Directory(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

Status MakeDirectories(const std::string& path, mode_t mode) {
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    std::string partial = path.substr(0, pos);
    if (partial.empty()) continue;
    if (mkdir(partial.c_str(), mode) != 0 && errno != EEXIST) {
      return FailedPreconditionError("cannot create " + partial + ": " + Errno());
    }
  }
  return OkStatus();
}

Result<Bytes> ReadFdBytes(int fd, const std::string& name, size_t max_size) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return UnavailableError(name + ": " + Errno());
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > max_size) {
    return FailedPreconditionError(name + ": " + std::to_string(st.st_size) +
                                   " bytes exceeds the limit of " + std::to_string(max_size));
  }
  Bytes data;
  data.reserve(S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0);
  uint8_t chunk[65536];
  off_t offset = 0;
  for (;;) {
    ssize_t n = pread(fd, chunk, sizeof(chunk), offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return UnavailableError(name + ": " + Errno());
    }
    if (n == 0) break;
    if (data.size() + static_cast<size_t>(n) > max_size) {
      return FailedPreconditionError(name + ": larger than the limit of " +
                                     std::to_string(max_size) + " bytes");
    }
    data.insert(data.end(), chunk, chunk + n);
    offset += n;
  }
  return data;
}

Result<Bytes> ReadFileBytes(const std::string& path, size_t max_size) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return NotFoundError("cannot read " + path + ": " + Errno());
  return ReadFdBytes(fd.get(), path, max_size);
}

Status WriteFileAtomic(const std::string& path, ByteSpan data, mode_t mode) {
  std::string temporary = path + ".tmp." + std::to_string(getpid());
  UniqueFd fd(open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (!fd.valid()) return FailedPreconditionError("cannot write " + path + ": " + Errno());
  size_t written = 0;
  while (written < data.size()) {
    ssize_t n = write(fd.get(), data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status status = FailedPreconditionError("cannot write " + path + ": " + Errno());
      unlink(temporary.c_str());
      return status;
    }
    written += static_cast<size_t>(n);
  }
  if (fchmod(fd.get(), mode) != 0 || fsync(fd.get()) != 0) {
    Status status = FailedPreconditionError("cannot write " + path + ": " + Errno());
    unlink(temporary.c_str());
    return status;
  }
  fd.reset();
  if (rename(temporary.c_str(), path.c_str()) != 0) {
    Status status = FailedPreconditionError("cannot write " + path + ": " + Errno());
    unlink(temporary.c_str());
    return status;
  }
  UniqueFd dir(open(Directory(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.valid()) fsync(dir.get());
  return OkStatus();
}

}  // namespace confidant

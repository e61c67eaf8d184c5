#include "platform/image_intake.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/file.h"
#include "image/signed_image.h"

namespace confidant::platform {
namespace {

class Mapping {
 public:
  Mapping(void* data, size_t size) : data_(data), size_(size) {}
  ~Mapping() {
    if (data_ != MAP_FAILED) munmap(data_, size_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ByteSpan bytes() const { return ByteSpan(static_cast<const uint8_t*>(data_), size_); }

 private:
  void* data_;
  size_t size_;
};

}  // namespace

Result<PreparedImage> PrepareImage(int image_fd) {
  ASSIGN_OR_RETURN(Bytes file, ReadFdBytes(image_fd, "image", kMaxImageSize));
  if (file.empty()) return InvalidArgumentError("image: the file is empty");
  PreparedImage prepared;
  prepared.memfd.reset(memfd_create("confidant-image", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (!prepared.memfd.valid()) {
    return ResourceExhaustedError(std::string("image: memfd_create: ") + strerror(errno));
  }
  size_t written = 0;
  while (written < file.size()) {
    ssize_t n = write(prepared.memfd.get(), file.data() + written, file.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ResourceExhaustedError(std::string("image: copying: ") + strerror(errno));
    }
    written += static_cast<size_t>(n);
  }
  if (fcntl(prepared.memfd.get(), F_ADD_SEALS,
            F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
    return InternalError(std::string("image: sealing: ") + strerror(errno));
  }
  file.clear();
  file.shrink_to_fit();
  Mapping mapping(mmap(nullptr, written, PROT_READ, MAP_SHARED, prepared.memfd.get(), 0), written);
  if (mapping.bytes().data() == MAP_FAILED) {
    return ResourceExhaustedError(std::string("image: mapping: ") + strerror(errno));
  }
  auto verified = image::VerifyEnclaveImage(mapping.bytes());
  if (!verified.ok()) return verified.status();
  prepared.config = verified->config;
  prepared.mrenclave = verified->mrenclave;
  prepared.mrsigner = verified->mrsigner;
  prepared.elf_size = verified->padded_elf.size();
  prepared.committed_bytes = verified->layout.layout_end;
  return prepared;
}

}  // namespace confidant::platform

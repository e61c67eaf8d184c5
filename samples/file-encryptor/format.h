// The file format of the file-encryptor sample (README.md):
//
//   header: "CFDENC01" | u32 LE PBKDF2 iterations | salt[16] |
//           wrapped data key: nonce[12] | AES-256-GCM(password key, data key)[32] | tag[16]
//           (associated data: the first 28 bytes)
//   blocks: AES-256-GCM(data key, block), nonce = 0x00000000 | u64 LE block number,
//           associated data = u64 LE block number | u8 last; each block is up to kBlockSize
//           bytes of plaintext followed by its 16-byte tag.

#ifndef CONFIDANT_SAMPLES_FILE_ENCRYPTOR_FORMAT_H_
#define CONFIDANT_SAMPLES_FILE_ENCRYPTOR_FORMAT_H_

#include <cstddef>
#include <cstdint>

namespace file_encryptor {

inline constexpr char kMagic[8] = {'C', 'F', 'D', 'E', 'N', 'C', '0', '1'};
inline constexpr size_t kSaltSize = 16;
inline constexpr size_t kKeySize = 32;
inline constexpr size_t kNonceSize = 12;
inline constexpr size_t kTagSize = 16;
inline constexpr size_t kHeaderAadSize = 8 + 4 + kSaltSize;
inline constexpr size_t kHeaderSize = kHeaderAadSize + kNonceSize + kKeySize + kTagSize;
inline constexpr uint32_t kIterations = 100000;
inline constexpr size_t kBlockSize = 64 * 1024;

// Results of the ecalls.
enum Result : int {
  kOk = 0,
  kBadArgument = 1,
  kWrongPasswordOrCorrupt = 2,
  kNotStarted = 3,
  kCryptoFailure = 4,
  kTruncated = 5,
};

}  // namespace file_encryptor

#endif  // CONFIDANT_SAMPLES_FILE_ENCRYPTOR_FORMAT_H_

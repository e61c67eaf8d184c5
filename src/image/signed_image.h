// The signed enclave image file (`IMAGE.signed`), signing, and the launch-time verification that
// platformd runs. Format and checks: docs/enclave-images.md, "Signed image file".
//
//   ELF bytes | zeros up to a multiple of 4096 | configuration text (UTF-8, as given) |
//   SIGSTRUCT (1808 bytes) | footer: "CNFDSIG1", u32 LE version 1, u32 LE configuration size,
//   u64 LE ELF size (unpadded)
//
// Every function takes untrusted bytes. Status codes:
// - InvalidArgument: malformed input (the container, the configuration text, the SIGSTRUCT
//   structure, the ELF, a layout beyond kMaxEnclaveLayout) or an unsuitable signing key.
// - PermissionDenied: a well-formed image that must not be launched: its SIGSTRUCT signature does
//   not verify, the signed identity (ISVPRODID, ISVSVN, DEBUG, KSS ids, MODE64BIT, MISCSELECT)
//   disagrees with the embedded configuration, or the signed ENCLAVEHASH is not the MRENCLAVE
//   measured from the bytes.
// Results that hold a ByteSpan, string_view or ElfImage view the caller's bytes and are valid as
// long as those are. Thread-safety: pure functions over values.

#ifndef CONFIDANT_IMAGE_SIGNED_IMAGE_H_
#define CONFIDANT_IMAGE_SIGNED_IMAGE_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/key.h"
#include "image/elf_image.h"
#include "image/enclave_config.h"
#include "image/enclave_layout.h"
#include "image/measurement.h"
#include "image/sigstruct.h"

namespace confidant::image {

inline constexpr char kSignedImageMagic[] = "CNFDSIG1";  // 8 bytes, no NUL in the file
inline constexpr uint32_t kSignedImageVersion = 1;
inline constexpr uint64_t kSignedImageFooterSize = 24;
// The largest configuration text a signed image may embed.
inline constexpr uint64_t kMaxConfigTextSize = 64 * 1024;
// SIGSTRUCT values Confidant signs besides those from the configuration (Confidant's choice):
// XFRM x87|SSE, the masks requiring DEBUG, KSS and MODE64BIT to be as signed, MISCSELECT.EXINFO
// with CapturePFGPExceptions.
inline constexpr uint64_t kSignedXfrm = 0x3;
inline constexpr uint64_t kSignedAttributeMask = ~uint64_t{0x00FF000000000000};
inline constexpr uint64_t kSignedXfrmMask = 0x3;
inline constexpr uint32_t kMiscSelectExinfo = 0x1;
inline constexpr uint32_t kSignedMiscMask = 0xffffffff;

// The parts of a signed image, viewing the bytes given to ParseSignedImage.
struct SignedImage {
  ByteSpan padded_elf;  // the ELF and its zero padding: the bytes the enclave process maps
  uint64_t elf_size = 0;
  std::string_view config_text;
  EnclaveConfig config;
  Sigstruct sigstruct;

  // The ELF without its padding.
  ByteSpan elf() const { return padded_elf.first(elf_size); }
};

// Lays out a signed image. InvalidArgument for an empty ELF, or a configuration text that is not
// UTF-8 or longer than kMaxConfigTextSize.
Result<Bytes> BuildSignedImage(ByteSpan elf, std::string_view config_text,
                               const Sigstruct& sigstruct);

// Splits and parses a signed image: footer (magic, version), sizes that add up to the file's,
// zero padding, UTF-8 configuration that ParseEnclaveConfig accepts, a SIGSTRUCT that
// ParseSigstruct accepts. Checks no signature and does not parse the ELF.
Result<SignedImage> ParseSignedImage(ByteSpan bytes);

// True if `bytes` end with a signed image footer's magic (whatever the rest holds).
bool HasSignedImageFooter(ByteSpan bytes);

// The ELF of `image`: the bytes themselves, or for a signed image (HasSignedImageFooter) its
// unpadded ELF (InvalidArgument if the container is malformed).
Result<ByteSpan> ExtractElf(ByteSpan image);

// The SIGSTRUCT fields Confidant signs for an enclave with `config` and MRENCLAVE `mrenclave`.
// `date` is BCD yyyymmdd (SigstructDate).
SigstructFields EnclaveSigstructFields(const EnclaveConfig& config, const Measurement& mrenclave,
                                       uint32_t date);

// The MRENCLAVE a signer signs for `image` (an ELF or a signed image, whose ELF is used) laid out
// under the configuration `config_text`; `config_name` prefixes configuration errors.
Result<Measurement> MeasureImage(ByteSpan image, std::string_view config_text,
                                 std::string_view config_name = "configuration");

// Signs `image` (an ELF, or a signed image whose trailer is replaced) with `config_text` and
// `key` (RSA-3072, e = 3, else InvalidArgument), dated `date` (BCD yyyymmdd): the signed file.
Result<Bytes> SignEnclave(ByteSpan image, std::string_view config_text,
                          const crypto::PrivateKey& key, uint32_t date,
                          std::string_view config_name = "configuration");

// What `confidant enclave inspect` shows: the parsed image with each launch check's outcome, so
// a refused image can still be described. ok() when all three checks pass.
struct ImageInspection {
  SignedImage file;
  ElfImage elf;
  EnclaveLayout layout;
  Measurement mrenclave{};  // measured from the bytes
  Measurement mrsigner{};   // SHA-256 of SIGSTRUCT.MODULUS
  Status signature;         // PermissionDenied if the SIGSTRUCT does not verify
  Status identity;          // PermissionDenied if signed identity and configuration disagree
  Status measurement;       // PermissionDenied if ENCLAVEHASH != mrenclave

  // The first failing check in the order above, or OK.
  Status verdict() const;
};

// Parses, lays out and measures `bytes` and runs every check. InvalidArgument (and no inspection)
// if the file is malformed; a refused signature, identity or measurement is recorded instead.
Result<ImageInspection> InspectEnclaveImage(ByteSpan bytes);

// A signed image platformd may launch, and what it needs to launch it.
struct VerifiedEnclaveImage {
  ByteSpan padded_elf;  // the bytes to seal into the memfd the enclave process dlopen()s
  std::string_view config_text;
  EnclaveConfig config;
  Sigstruct sigstruct;
  ElfImage elf;
  EnclaveLayout layout;     // sizes and order of the heap, stacks, TCS and SSA to create
  Measurement mrenclave{};  // == sigstruct.fields.enclave_hash
  Measurement mrsigner{};
};

// The launch check: InspectEnclaveImage, then the first refusal as PermissionDenied:
//   "image: SIGSTRUCT signature refused: ..."
//   "image: signed ISVSVN 2 but the configuration says SecurityVersion=1" (and the like)
//   "image: MRENCLAVE mismatch: signed <hex>, measured <hex>: the image or its configuration
//    changed after signing"
Result<VerifiedEnclaveImage> VerifyEnclaveImage(ByteSpan bytes);

}  // namespace confidant::image

#endif  // CONFIDANT_IMAGE_SIGNED_IMAGE_H_

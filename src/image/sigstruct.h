// SGX SIGSTRUCT (`enclave_css_t`, 1808 bytes, little-endian): the signed statement of an
// enclave's expected MRENCLAVE, attributes and ISV identity that EINIT checks.
// Layout and signing: shared/reference/sgx-and-dcap.md section 2; docs/enclave-images.md.
//
// ParseSigstruct takes untrusted bytes and checks structure only (size, header constants,
// exponent 3, reserved bytes zero); VerifySigstruct checks the signature and Q1/Q2 as EINIT
// would. SignSigstruct signs with an RSA-3072, e = 3 key: the message is bytes 0..127 || 900..1027,
// RSASSA-PKCS1-v1_5 with SHA-256, and the signature, modulus, Q1 and Q2 are stored little-endian.
// Errors: InvalidArgument for malformed input or an unsuitable key, Unauthenticated when a
// well-formed SIGSTRUCT does not verify. Thread-safety: pure functions over values.

#ifndef CONFIDANT_IMAGE_SIGSTRUCT_H_
#define CONFIDANT_IMAGE_SIGSTRUCT_H_

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/key.h"
#include "image/measurement.h"

namespace confidant::image {

inline constexpr size_t kSigstructSize = 1808;
inline constexpr size_t kSigstructKeySize = 384;  // RSA-3072
inline constexpr uint32_t kSigstructExponent = 3;
inline constexpr uint32_t kSigstructVendorIntel = 0x8086;
inline constexpr uint32_t kSigstructTypeDebug = 0x80000000;
inline constexpr std::array<uint8_t, 12> kSigstructHeader = {0x06, 0x00, 0x00, 0x00, 0xe1, 0x00,
                                                             0x00, 0x00, 0x00, 0x00, 0x01, 0x00};
inline constexpr std::array<uint8_t, 16> kSigstructHeader2 = {
    0x01, 0x01, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00};

// Field offsets.
inline constexpr size_t kSigstructTypeOffset = 12;
inline constexpr size_t kSigstructVendorOffset = 16;
inline constexpr size_t kSigstructDateOffset = 20;
inline constexpr size_t kSigstructHeader2Offset = 24;
inline constexpr size_t kSigstructSwDefinedOffset = 40;
inline constexpr size_t kSigstructModulusOffset = 128;
inline constexpr size_t kSigstructExponentOffset = 512;
inline constexpr size_t kSigstructSignatureOffset = 516;
inline constexpr size_t kSigstructMiscSelectOffset = 900;
inline constexpr size_t kSigstructIsvFamilyIdOffset = 912;
inline constexpr size_t kSigstructAttributesOffset = 928;
inline constexpr size_t kSigstructAttributeMaskOffset = 944;
inline constexpr size_t kSigstructEnclaveHashOffset = 960;
inline constexpr size_t kSigstructIsvExtProdIdOffset = 1008;
inline constexpr size_t kSigstructIsvProdIdOffset = 1024;
inline constexpr size_t kSigstructIsvSvnOffset = 1026;
inline constexpr size_t kSigstructQ1Offset = 1040;
inline constexpr size_t kSigstructQ2Offset = 1424;
// The signed message: [0, 128) and [900, 1028).
inline constexpr size_t kSigstructSignedHeaderSize = 128;
inline constexpr size_t kSigstructSignedBodyOffset = 900;
inline constexpr size_t kSigstructSignedBodySize = 128;

// ATTRIBUTES.flags bits (sgx_attributes.h).
inline constexpr uint64_t kAttributeInit = 0x1;
inline constexpr uint64_t kAttributeDebug = 0x2;
inline constexpr uint64_t kAttributeMode64Bit = 0x4;
inline constexpr uint64_t kAttributeProvisionKey = 0x10;
inline constexpr uint64_t kAttributeEinitTokenKey = 0x20;
inline constexpr uint64_t kAttributeKss = 0x80;
inline constexpr uint64_t kAttributeAexNotify = 0x400;

struct SgxAttributes {
  uint64_t flags = 0;
  uint64_t xfrm = 0;
  friend bool operator==(const SgxAttributes&, const SgxAttributes&) = default;
};

// The fields a signer chooses (everything but the key material).
struct SigstructFields {
  bool debug = false;       // TYPE bit 31 (a debug-signed SIGSTRUCT, not ATTRIBUTES.DEBUG)
  uint32_t vendor = 0;      // MODULE_VENDOR: 0, or 0x8086 for Intel
  uint32_t date = 0;        // BCD yyyymmdd: 0x20260701 is 1 July 2026
  uint32_t sw_defined = 0;  // SWDEFINED / HW_VERSION: non-zero only for launch enclaves
  uint32_t misc_select = 0;
  uint32_t misc_mask = 0;
  std::array<uint8_t, 16> isv_family_id{};  // KSS
  SgxAttributes attributes;
  SgxAttributes attribute_mask;
  Measurement enclave_hash{};                 // the expected MRENCLAVE
  std::array<uint8_t, 16> isv_ext_prod_id{};  // KSS
  uint16_t isv_prod_id = 0;
  uint16_t isv_svn = 0;
  friend bool operator==(const SigstructFields&, const SigstructFields&) = default;
};

using RsaLe = std::array<uint8_t, kSigstructKeySize>;

struct Sigstruct {
  SigstructFields fields;
  RsaLe modulus{};  // little-endian, as stored
  uint32_t exponent = kSigstructExponent;
  RsaLe signature{};  // little-endian
  RsaLe q1{};         // little-endian
  RsaLe q2{};         // little-endian
  friend bool operator==(const Sigstruct&, const Sigstruct&) = default;
};

// The 1808 bytes. Reserved bytes are zero.
Bytes SerializeSigstruct(const Sigstruct& sigstruct);
// The 256 bytes that are signed: serialized bytes [0, 128) || [900, 1028).
Bytes SigstructSignedMessage(const SigstructFields& fields);

// REQUIRES nothing of `bytes` (untrusted). Exactly 1808 bytes, HEADER/HEADER2 constants, TYPE only
// bit 31, MODULE_VENDOR 0 or 0x8086, DATE BCD digits, EXPONENT 3, reserved bytes zero.
Result<Sigstruct> ParseSigstruct(ByteSpan bytes);

// OK if `key` can sign a SIGSTRUCT: RSA-3072 with public exponent 3; else InvalidArgument
// ("sigstruct: signing key is RSA 2048 bits; SGX requires RSA-3072").
Status CheckSigningKey(const crypto::PrivateKey& key);

// Signs `fields`. InvalidArgument unless `key` is RSA-3072 with public exponent 3. `fields.date`
// is the caller's: the library reads no clock.
Result<Sigstruct> SignSigstruct(const crypto::PrivateKey& key, const SigstructFields& fields);

// EINIT's signature checks: a 3072-bit modulus, exponent 3, the signature verifies over the
// signed message (Unauthenticated if not), and Q1/Q2 are the quotients of that signature
// (Unauthenticated if not: EINIT would refuse them).
Status VerifySigstruct(const Sigstruct& sigstruct);

// DATE for `date` (BCD yyyymmdd: 1 July 2026 is 0x20260701). REQUIRES: a valid date in years
// 0..9999.
uint32_t SigstructDate(std::chrono::year_month_day date);

// MRSIGNER: SHA-256 of the 384-byte little-endian modulus as stored.
Measurement MrSigner(const Sigstruct& sigstruct);

}  // namespace confidant::image

#endif  // CONFIDANT_IMAGE_SIGSTRUCT_H_

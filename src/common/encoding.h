// Text encodings of bytes: hex (RFC 4648 base16), base64 and base64url (RFC 4648 sections 4 and 5).
//
// Decoders take untrusted text: they reject characters outside the alphabet, misplaced or excess
// padding and non-zero trailing bits, and say where. Whitespace is not accepted.

#ifndef CONFIDANT_COMMON_ENCODING_H_
#define CONFIDANT_COMMON_ENCODING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant {

// Lowercase hex.
std::string HexEncode(ByteSpan bytes);
// Accepts upper- and lowercase digits; the length must be even.
Result<Bytes> HexDecode(std::string_view text);
// "0x" and eight lowercase hex digits, for codes and flags in messages ("0x00050472").
std::string HexU32(uint32_t value);

// Standard alphabet, with '=' padding.
std::string Base64Encode(ByteSpan bytes);
// Standard alphabet; padding is optional but, when present, must be complete.
Result<Bytes> Base64Decode(std::string_view text);

// URL-safe alphabet, no padding (as JWS/JWT use it).
std::string Base64UrlEncode(ByteSpan bytes);
// URL-safe alphabet; padding is optional but, when present, must be complete.
Result<Bytes> Base64UrlDecode(std::string_view text);

}  // namespace confidant

#endif  // CONFIDANT_COMMON_ENCODING_H_

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
// "0x" and the fewest lowercase hex digits, for offsets and sizes in messages ("0x3e10", "0x0").
std::string HexNumber(uint64_t value);

// True if `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates (U+D800..DFFF),
// nothing above U+10FFFF, no truncated sequence.
bool IsValidUtf8(std::string_view text);

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
